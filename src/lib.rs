//! Verify [Clerk](https://clerk.com) webhooks and parse them into typed events.
//!
//! Clerk delivers webhooks through Svix, using the Standard Webhooks signature scheme: an
//! HMAC-SHA256 over `id.timestamp.body`, sent in the `svix-id`, `svix-timestamp` and
//! `svix-signature` headers. This crate does the two jobs every receiver has:
//!
//! 1. **Prove the body came from Clerk** — [`Webhook::verify`] checks the signature in constant
//!    time, inside a timestamp window, against one or more secrets. It allocates nothing and
//!    never parses the body before the signature holds.
//! 2. **Turn the body into a typed event** — [`ClerkEvent`] has one variant per event type
//!    Clerk documents (51, billing included), with tolerant payload types that survive Clerk's
//!    schema changes, and an [`Unknown`](ClerkEvent::Unknown) fallback instead of an error.
//!
//! It works with any HTTP framework: give it the raw body bytes and anything that implements
//! [`HeaderSource`]. Optional features add axum, actix-web and Rocket extractors and a test kit.
//!
//! # Example
//!
//! ```
//! use clerk_webhooks::{ClerkEvent, Webhook};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?; // or Webhook::from_env()?
//! # let body: &[u8] = br#"{"data":{"object":"user","id":"user_1"},"object":"event","type":"user.created"}"#;
//! # let now = clerk_webhooks::time::OffsetDateTime::now_utc();
//! # let (ts, sig) = (now.unix_timestamp().to_string(), wh.sign("msg_1", body, now));
//! # let headers = [("svix-id", "msg_1"), ("svix-timestamp", ts.as_str()), ("svix-signature", sig.as_str())];
//! // `body` is the raw request body; `headers` any HeaderSource (pairs, a map, http::HeaderMap).
//! let verified = wh.verify_event(body, &headers)?;
//!
//! // `message_id` (svix-id) is the idempotency key: deliveries are at-least-once.
//! println!("delivery {}", verified.message_id);
//! match verified.into_event() {
//!     ClerkEvent::UserCreated(user) => println!("new user {}", user.id),
//!     ClerkEvent::UserDeleted(deleted) => println!("deleted {:?}", deleted.id),
//!     other => println!("ignoring {}", other.event_type()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Answering the request
//!
//! Every error knows its HTTP answer: [`Error::http_status`] and [`Error::public_reason`] give
//! the status and the short text that is safe to send back, so a handler on any framework
//! answers as the extractors do (their one table of answers is on the extractor type,
//! `axum::ClerkWebhook`). Svix retries anything but a `2xx`. [`Verified::kind`] reads the
//! event type before parsing, so that a handler acknowledges the kinds it ignores.
//!
//! Handle slow work after answering: a [`VerifiedEvent`] serializes losslessly, for a queue
//! (see its docs for the trust rule). [`EventKind`] and [`ClerkEvent::resource_id`] route and
//! count events without string matching. The [`ledger`] applies each delivery exactly once,
//! in order, to your own tables.
//!
//! # Verification, precisely
//!
//! The behaviour follows the [Standard Webhooks specification](https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md)
//! and, where the official verifiers disagree, the choices below.
//!
//! | question | behaviour |
//! |---|---|
//! | header names | Case-insensitive. The `svix-*` set is used when `svix-id` is present, otherwise the `webhook-*` set. When neither id header is present, the error names `svix-id`. |
//! | header values | Surrounding whitespace is trimmed; an empty value counts as missing. With repeated headers, the first value is used. |
//! | message id | UTF-8, at most [`MessageId::MAX_LEN`] (64) bytes, no `.` (the signed content is `id.timestamp.body`). Held inline, so verification allocates nothing. |
//! | body | Raw bytes, UTF-8 or not, empty allowed. Never parsed before the signature holds. |
//! | timestamp | ASCII digits only (no sign, fraction or inner spaces), with checked arithmetic; signed exactly as sent. Clerk's test helpers sometimes send fractions (`"1724234234.567"`); real Svix deliveries never do, and they are refused as `InvalidTimestamp` rather than guessed at. |
//! | window | `abs(now − timestamp) ≤ tolerance`, inclusive. Default [`DEFAULT_TOLERANCE`] (300 s); [`Webhook::with_tolerance`] changes it, [`Webhook::dangerous_disable_replay_protection`] turns it off for replay tools, [`Webhook::verify_at`] injects the clock. |
//! | signature list | Split on ASCII whitespace. Empty, malformed and non-`v1` entries (such as `v1a`) are skipped. Each `v1` value must decode, with strict standard base64, to 32 bytes, and is compared with `subtle`. At most [`MAX_SIGNATURE_ENTRIES`] entries are examined. Any entry matching any secret verifies. |
//! | secrets | Optional `whsec_` prefix, then standard base64; missing `=` padding is accepted. API keys (`sk_…`, `pk_…`) and asymmetric keys (`whsk_`, `whpk_`) are refused with a message that says so. No error or `Debug` output holds a secret, and keys are wiped on drop. |
//! | rotation | [`Webhook::with_secrets`]`([new, old])`; [`Verified::secret_index`] says which matched. [`Webhook::from_env`] accepts several whitespace-separated secrets. |
//!
//! # Modules and features
//!
//! * [`events`]: the payload types, and how they survive Clerk's schema changes.
//! * [`ledger`]: exactly-once, ordered application of deliveries to your database; with the
//!   features `sqlx-postgres`, `sqlx-sqlite` and `sqlx-mysql`, its `migrate` and `claim` on
//!   sqlx.
//! * [`drift`]: what a body carries that this version does not model.
//! * [`headers`]: the six request header names, and [`HeaderSource`] for reading them.
//! * [`delivery`]: the `webhook-delivery: abort-message` response header that stops Svix
//!   retrying a message.
//! * [`time`]: the `time` crate, re-exported for [`Webhook::verify_at`] and [`Webhook::sign`].
//! * Feature `http`: [`HeaderSource`] for `http::HeaderMap`.
//! * Features `axum`, `axum07`, `actix-web`, `rocket`: request extractors that verify and parse
//!   (modules `axum`, `axum07`, `actix` and `rocket`).
//! * Feature `tracing`: one `tracing` event for every rejection by the extractors (documented
//!   on the extractors' rejection type).
//! * Feature `chrono`: conversions of [`events::UnixMillis`] and of the delivery time to
//!   chrono's `DateTime<Utc>` (module `chrono`).
//! * [`ledger`]: apply each event to your database exactly once, in order (SQL for PostgreSQL,
//!   SQLite and MySQL); features `sqlx-postgres`, `sqlx-sqlite`, `sqlx-mysql` add its sqlx
//!   functions.
//! * Feature `testing`: signed test requests, a sample body for every event type, and
//!   `testing::verified_sample` for handler tests (module `testing`).
//!
//! # Stability
//!
//! Until 1.0, a minor release (0.1 → 0.2) may break the API, and every break is listed in the
//! changelog. Within a minor series (0.1.x), and across minor releases unless the changelog
//! says otherwise, these hold:
//!
//! * **The serialized shape of [`VerifiedEvent`]** (`message_id`, `delivered_at` in Unix
//!   seconds, `secret_index`, and `body` in Clerk's wire shape) stays readable: a value queued
//!   or stored by one 0.x release deserializes in any later one.
//! * **The open-enum rule.** Every event-type enum and enum-like payload field is
//!   `#[non_exhaustive]` with an `Unknown` fallback. A value or event type that is `Unknown`
//!   today may get its own variant in any release, so code that must see one compares
//!   `as_str()` (or [`ClerkEvent::event_type`]) with the wire string; that is not a break.
//!   Adding fields to the `#[non_exhaustive]` payload structs is not a break either.
//! * **The ledger's tables.** [`ledger`]'s table names and columns change only with a
//!   migration that `migrate` applies, and only in a minor release.
//! * **The MSRV policy.** The minimum supported Rust version (in the README, per feature) may
//!   rise in a minor release, never in a patch release, and each rise is in the changelog.
//!
//! What may change in any release: the text of `Display` output and error messages (match on
//! the typed variants, [`Error::http_status`] or [`ParseError::category`] instead), the wording
//! of public reasons other than their status, `Debug` output, performance, and the items
//! documented as unstable or hidden.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "axum07")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum07")))]
pub mod axum07;
#[cfg(any(feature = "axum", feature = "axum07"))]
mod axum_extractor;
#[cfg(feature = "chrono")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
pub mod chrono;
pub mod delivery;
pub mod drift;
mod error;
pub mod events;
#[cfg(any(
    feature = "axum",
    feature = "axum07",
    feature = "actix-web",
    feature = "rocket"
))]
mod extractor;
pub mod headers;
pub mod ledger;
mod message_id;
mod parse_error;
#[cfg(all(
    feature = "tracing",
    any(
        feature = "axum",
        feature = "axum07",
        feature = "actix-web",
        feature = "rocket"
    )
))]
mod rejection_log;
#[cfg(feature = "rocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
pub mod rocket;
mod secret;
mod signature;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod timestamp;
mod verified;
mod verified_event;
mod verify_error;
mod webhook;

/// The [`time`](https://docs.rs/time) crate, re-exported: [`Webhook::verify_at`] and
/// [`Webhook::sign`] take its [`OffsetDateTime`](time::OffsetDateTime), and
/// [`events::UnixMillis`] converts to it, so that you need not add `time` to your own
/// `Cargo.toml` (nor match its version) to call them.
///
/// ```
/// use clerk_webhooks::time::OffsetDateTime;
///
/// let wh = clerk_webhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let at = OffsetDateTime::from_unix_timestamp(1614265330)?;
/// assert_eq!(
///     wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", br#"{"test": 2432232314}"#, at),
///     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use time;

pub use error::Error;
pub use events::{ClerkEvent, EventKind, WebhookEvent};
pub use headers::HeaderSource;
pub use message_id::MessageId;
pub use parse_error::{ParseError, ParseErrorCategory};
pub use secret::SecretError;
pub use signature::MAX_SIGNATURE_ENTRIES;
pub use verified::Verified;
pub use verified_event::VerifiedEvent;
pub use verify_error::VerifyError;
pub use webhook::{Webhook, DEFAULT_TOLERANCE, SECRET_ENV_VAR, SECRET_ENV_VAR_FALLBACK};

/// The README's code blocks, compiled and run as doctests (with every feature enabled, since
/// some blocks use the framework integrations).
#[cfg(all(
    doctest,
    feature = "axum",
    feature = "actix-web",
    feature = "rocket",
    feature = "testing",
    feature = "sqlx-postgres"
))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
