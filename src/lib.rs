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
//! match &verified.event {
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
//! Every error knows its HTTP answer: [`Error::http_status`] is `400` for a delivery that fails
//! verification, `422` for a verified body that cannot be parsed and `500` for a secret that
//! cannot be used, and [`Error::public_reason`] is the short text that is safe to send back. A
//! handler on any framework answers exactly as the extractors do. Svix
//! retries anything but a `2xx`.
//!
//! Handle slow work after answering: a [`VerifiedEvent`] serializes losslessly, for a queue
//! (see its docs for the trust rule). [`EventKind`] and [`ClerkEvent::resource_id`] route and
//! count events without string matching.
//!
//! # Modules and features
//!
//! * [`events`]: the payload types.
//! * [`headers`]: the six request header names, and [`HeaderSource`] for reading them.
//! * [`delivery`]: the `webhook-delivery: abort-message` response header that stops Svix
//!   retrying a message.
//! * [`time`]: the `time` crate, re-exported for [`Webhook::verify_at`] and [`Webhook::sign`].
//! * Feature `http`: [`HeaderSource`] for `http::HeaderMap`.
//! * Features `axum`, `axum07`, `actix-web`, `rocket`: request extractors that verify and parse
//!   (modules `axum`, `axum07`, `actix` and `rocket`).
//! * Feature `tracing`: one `tracing` event for every rejection by the extractors (module
//!   `tracing`, present with an extractor feature).
//! * Feature `chrono`: conversions of [`events::UnixMillis`] and of the delivery time to
//!   chrono's `DateTime<Utc>` (module `chrono`).
//! * [`ledger`]: apply each event to your database exactly once, in order (SQL for PostgreSQL,
//!   SQLite and MySQL); features `sqlx-postgres`, `sqlx-sqlite`, `sqlx-mysql` add its sqlx
//!   functions.
//! * Feature `testing`: signed test requests, a sample body for every event type, and
//!   `testing::verified_sample` for handler tests (module `testing`).
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
#[cfg(feature = "rocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
pub mod rocket;
mod secret;
mod signature;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod timestamp;
#[cfg(all(
    feature = "tracing",
    any(
        feature = "axum",
        feature = "axum07",
        feature = "actix-web",
        feature = "rocket"
    )
))]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub mod tracing;
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
    feature = "testing"
))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
