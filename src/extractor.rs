//! What the axum, actix-web and Rocket extractors share: the extracted value, its configuration, and
//! the rejection. Each framework module re-exports these and adds its trait impls.

use crate::events::{ClerkEvent, EventKind};
use crate::headers::HeaderSource;
use crate::parse_error::ParseError;
use crate::verified_event::VerifiedEvent;
use crate::verify_error::VerifyError;
use crate::webhook::Webhook;
use std::fmt;
use std::ops::Deref;

/// Defines an extracted delivery: a tuple struct around a [`VerifiedEvent`] with `Clone`,
/// `Debug`, `PartialEq`, `From<VerifiedEvent>`, a read-only `Deref`, `into_inner` and
/// `into_event`. Both axum extractors are made by it, so they cannot drift apart.
macro_rules! extracted_delivery {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name(pub VerifiedEvent);

        impl $name {
            /// The verified delivery.
            pub fn into_inner(self) -> VerifiedEvent {
                self.0
            }

            /// The typed event, by value: [`VerifiedEvent::into_event`].
            pub fn into_event(self) -> ClerkEvent {
                self.0.into_event()
            }
        }

        /// For handler tests: wraps a delivery built with [`VerifiedEvent::new`] or the
        /// `testing` feature's `testing::verified_sample`.
        impl From<VerifiedEvent> for $name {
            fn from(delivery: VerifiedEvent) -> Self {
                Self(delivery)
            }
        }

        /// Reads the delivery through a reference (`delivery.message_id`,
        /// `delivery.event`); see [`VerifiedEvent`] for taking the event by value.
        impl Deref for $name {
            type Target = VerifiedEvent;

            fn deref(&self) -> &VerifiedEvent {
                &self.0
            }
        }
    };
}

extracted_delivery! {
    /// A verified, parsed Clerk webhook delivery, extracted from a request.
    ///
    /// The extractor reads the **raw** request body, verifies its signature against the
    /// [`Webhook`] held by the application, and only then parses it into a
    /// [`VerifiedEvent`]. A request it does not hand to the handler is answered with a
    /// [`ClerkWebhookRejection`]:
    ///
    /// | case | status | body |
    /// |---|---|---|
    /// | the body cannot be read | `413` when it exceeds the framework's body limit, `400` otherwise | `webhook body too large` / `failed to read webhook body` |
    /// | verification fails (missing or bad header, stale timestamp, wrong signature) | [`ClerkWebhookConfig::verify_error_status`], default `400` | a short reason such as `invalid webhook signature` or `missing webhook header svix-id` |
    /// | the delivery verifies, but its kind is not one of [`ClerkWebhookConfig::with_handled_kinds`] | `204`, unparsed | empty |
    /// | the body verifies but cannot be parsed | [`ClerkWebhookConfig::parse_error_status`], default `422` (why: [`ParseError::http_status`]) | `unprocessable webhook payload` |
    /// | no [`Webhook`] is configured (actix-web app data, Rocket managed state, axum's `ClerkWebhookFromExtension`) | [`ClerkWebhookConfig::not_configured_status`], default `500` | `webhook verifier not configured` |
    ///
    /// This is the one table for every extractor. With the default configuration it is the
    /// table of [`Error::http_status`](crate::Error::http_status) and
    /// [`Error::public_reason`](crate::Error::public_reason), which a handler on any other
    /// framework answers with.
    ///
    /// Response bodies never contain secrets, payload values, or the details of the error; the
    /// rejection itself carries those for logging (see [`ClerkWebhookRejection::kind`]).
    ///
    /// Use it with axum through `clerk_webhooks::axum` (feature `axum`, or `axum07` for axum 0.7),
    /// with actix-web through `clerk_webhooks::actix` (feature `actix-web`) and with Rocket
    /// through `clerk_webhooks::rocket` (feature `rocket`, a data guard); every module
    /// re-exports this same type.
    ///
    /// Take the event by value with [`into_event`](Self::into_event). For handler tests, build
    /// one from a [`VerifiedEvent`] with `From` (the `testing` feature's
    /// `testing::verified_sample` gives one for every event type):
    ///
    /// ```
    /// # #[cfg(feature = "axum")] {
    /// use clerk_webhooks::axum::ClerkWebhook;
    /// use clerk_webhooks::events::Role;
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent};
    ///
    /// fn handle(delivery: ClerkWebhook) -> Option<String> {
    ///     match delivery.into_event() {
    ///         ClerkEvent::RoleCreated(role) => Some(role.id),
    ///         _ => None,
    ///     }
    /// }
    ///
    /// let event = ClerkEvent::RoleCreated(Box::new(Role::new("role_1")));
    /// let delivery = VerifiedEvent::new(MessageId::new("msg_1").unwrap(), OffsetDateTime::UNIX_EPOCH, event.into());
    /// assert_eq!(handle(ClerkWebhook::from(delivery)).as_deref(), Some("role_1"));
    /// # }
    /// ```
    ClerkWebhook
}

#[cfg(any(feature = "axum", feature = "axum07"))]
extracted_delivery! {
    /// [`ClerkWebhook`] for routers without state: the [`Webhook`] comes from a request
    /// extension (`.layer(Extension(webhook))`) instead of axum's `FromRef`.
    ///
    /// axum cannot pick between the two at compile time (a `FromRef` bound cannot be optional),
    /// so this is a second extractor with the same behaviour, the same
    /// [`ClerkWebhookConfig`] (also from an extension), the same rejections and the same
    /// methods. When no `Webhook` extension is present, it answers
    /// [`ClerkWebhookConfig::not_configured_status`] (default **500**) `webhook verifier not
    /// configured`, as the actix-web extractor does without app data.
    ///
    /// ```
    /// # #[cfg(feature = "axum")] {
    /// use axum::{http::StatusCode, routing::post, Extension, Router};
    /// use clerk_webhooks::axum::ClerkWebhookFromExtension;
    /// use clerk_webhooks::Webhook;
    ///
    /// async fn clerk_webhook(delivery: ClerkWebhookFromExtension) -> StatusCode {
    ///     println!("{} {}", delivery.message_id, delivery.event.event_type());
    ///     StatusCode::NO_CONTENT
    /// }
    ///
    /// let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    /// let app: Router = Router::new()
    ///     .route("/webhooks/clerk", post(clerk_webhook))
    ///     .layer(Extension(webhook));
    /// # }
    /// ```
    ///
    /// It is `clerk_webhooks::axum::ClerkWebhookFromExtension` for axum 0.8 and
    /// `clerk_webhooks::axum07::ClerkWebhookFromExtension` for axum 0.7: one type, with the
    /// extractor trait of each version.
    ClerkWebhookFromExtension
}

/// How the extractors answer what they do not hand to the handler, and which event kinds they
/// hand to it. Build it with [`new`](Self::new) and the `with_*` methods; every status is
/// checked there, so a configuration always holds valid statuses.
///
/// # A verified body that cannot be parsed
///
/// Such a body really comes from Clerk, so it is neither a forgery nor a success. The default
/// answer is **`422 Unprocessable Entity` without the abort header**, for the reasons given
/// at [`ParseError::http_status`].
/// [`with_parse_error_status`](Self::with_parse_error_status) changes the status (`200` acknowledges and drops the delivery, `500` says "our fault"), and
/// [`with_abort_on_parse_error`](Self::with_abort_on_parse_error) adds `webhook-delivery:
/// abort-message` (see [`crate::delivery`]) so that Svix marks the message failed at once.
///
/// # Event kinds the handler does not handle
///
/// [`with_handled_kinds`](Self::with_handled_kinds) names the kinds the handler acts on. A
/// delivery of any other kind is verified, then answered `204 No Content` **without being
/// parsed**, and never reaches the handler: a body the handler would ignore can then never be
/// refused and retried for days. Without it, every kind reaches the handler. The same, by hand,
/// on any framework: [`Verified::kind`](crate::Verified::kind).
///
/// # Providing it
///
/// As an axum request extension, as actix-web app data or as Rocket managed state; without
/// it, [`ClerkWebhookConfig::DEFAULT`] applies.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use clerk_webhooks::axum::ClerkWebhookConfig;
/// use clerk_webhooks::EventKind;
///
/// let config = ClerkWebhookConfig::new()
///     .with_handled_kinds([EventKind::UserCreated, EventKind::UserUpdated, EventKind::UserDeleted])
///     .with_verify_error_status(401)
///     .with_abort_on_parse_error(true);
/// assert_eq!(config.verify_error_status(), 401);
/// assert_eq!(config.parse_error_status(), 422);
/// assert!(config.handles(EventKind::UserUpdated));
/// assert!(!config.handles(EventKind::SessionCreated));
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClerkWebhookConfig {
    verify_error_status: u16,
    parse_error_status: u16,
    not_configured_status: u16,
    abort_on_parse_error: bool,
    /// `None`: every kind is handled.
    handled_kinds: Option<KindSet>,
}

impl ClerkWebhookConfig {
    /// The default status for a delivery that fails verification: `400`.
    pub const DEFAULT_VERIFY_ERROR_STATUS: u16 = 400;

    /// The default status for a verified body that cannot be parsed: `422`.
    pub const DEFAULT_PARSE_ERROR_STATUS: u16 = 422;

    /// The default status when no [`Webhook`] is configured: `500`.
    pub const DEFAULT_NOT_CONFIGURED_STATUS: u16 = 500;

    /// The defaults: `400`, `422` without the abort header, `500`, and every kind handled.
    pub const DEFAULT: Self = Self {
        verify_error_status: Self::DEFAULT_VERIFY_ERROR_STATUS,
        parse_error_status: Self::DEFAULT_PARSE_ERROR_STATUS,
        not_configured_status: Self::DEFAULT_NOT_CONFIGURED_STATUS,
        abort_on_parse_error: false,
        handled_kinds: None,
    };

    /// The defaults: [`DEFAULT`](Self::DEFAULT).
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// Sets the status for a delivery that fails verification (default `400`; `401` is the
    /// other common choice). Svix retries any non-`2xx`.
    ///
    /// # Panics
    ///
    /// If `status` is not a client or server error (`400..=599`): a `2xx` would acknowledge,
    /// and so lose, every delivery that a wrong secret makes unverifiable. In a `const` this is
    /// a compile-time error.
    #[must_use]
    pub const fn with_verify_error_status(mut self, status: u16) -> Self {
        self.verify_error_status = checked_status(status, ERROR_STATUSES);
        self
    }

    /// Sets the status for a verified body that cannot be parsed (default `422`; see
    /// [above](Self#a-verified-body-that-cannot-be-parsed)).
    ///
    /// # Panics
    ///
    /// If `status` is not an HTTP status code (`100..=999`). In a `const` this is a
    /// compile-time error.
    #[must_use]
    pub const fn with_parse_error_status(mut self, status: u16) -> Self {
        self.parse_error_status = checked_status(status, ANY_STATUS);
        self
    }

    /// Sets the status for a request that reaches an extractor with no [`Webhook`]
    /// configured (default `500`; `503` is the other common choice).
    ///
    /// # Panics
    ///
    /// If `status` is not a client or server error (`400..=599`). In a `const` this is a
    /// compile-time error.
    #[must_use]
    pub const fn with_not_configured_status(mut self, status: u16) -> Self {
        self.not_configured_status = checked_status(status, ERROR_STATUSES);
        self
    }

    /// Sets whether the answer for a verified body that cannot be parsed carries
    /// `webhook-delivery: abort-message`, so that Svix stops retrying it. Default `false`.
    #[must_use]
    pub const fn with_abort_on_parse_error(mut self, abort: bool) -> Self {
        self.abort_on_parse_error = abort;
        self
    }

    /// Hands only these kinds to the handler; any other is verified and answered `204`
    /// without being parsed (see [above](Self#event-kinds-the-handler-does-not-handle)).
    /// Include [`EventKind::Unknown`] to receive event types this version does not know.
    /// Calling it again replaces the set.
    #[must_use]
    pub fn with_handled_kinds(mut self, kinds: impl IntoIterator<Item = EventKind>) -> Self {
        self.handled_kinds = Some(KindSet::of(kinds));
        self
    }

    /// The status for a delivery that fails verification.
    pub const fn verify_error_status(&self) -> u16 {
        self.verify_error_status
    }

    /// The status for a verified body that cannot be parsed.
    pub const fn parse_error_status(&self) -> u16 {
        self.parse_error_status
    }

    /// The status for a request with no [`Webhook`] configured.
    pub const fn not_configured_status(&self) -> u16 {
        self.not_configured_status
    }

    /// Whether the answer for an unparseable verified body carries the abort header.
    pub const fn abort_on_parse_error(&self) -> bool {
        self.abort_on_parse_error
    }

    /// Whether deliveries of `kind` reach the handler: always, unless
    /// [`with_handled_kinds`](Self::with_handled_kinds) was called without it.
    pub const fn handles(&self, kind: EventKind) -> bool {
        match self.handled_kinds {
            Some(kinds) => kinds.contains(kind),
            None => true,
        }
    }

    /// The kinds set by [`with_handled_kinds`](Self::with_handled_kinds), in declaration
    /// order with [`EventKind::Unknown`] last; `None` when every kind is handled.
    pub fn handled_kinds(&self) -> Option<Vec<EventKind>> {
        self.handled_kinds.map(|kinds| kinds.iter().collect())
    }
}

impl Default for ClerkWebhookConfig {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A set of [`EventKind`]s as a bit set, so that a configuration holding one stays `Copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct KindSet(u64);

impl KindSet {
    /// A kind's bit: 52 variants (51 and `Unknown`), so every discriminant is below 64, which
    /// a test checks.
    const fn bit(kind: EventKind) -> u64 {
        1 << (kind as u32)
    }

    fn of(kinds: impl IntoIterator<Item = EventKind>) -> Self {
        Self(
            kinds
                .into_iter()
                .fold(0, |bits, kind| bits | Self::bit(kind)),
        )
    }

    const fn contains(self, kind: EventKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// The kinds in the set, in declaration order, [`EventKind::Unknown`] last.
    fn iter(self) -> impl Iterator<Item = EventKind> {
        EventKind::ALL
            .into_iter()
            .chain([EventKind::Unknown])
            .filter(move |kind| self.contains(*kind))
    }
}

const ERROR_STATUSES: (u16, u16) = (400, 599);
const ANY_STATUS: (u16, u16) = (100, 999);

/// The one place a configured status is checked.
const fn checked_status(status: u16, (low, high): (u16, u16)) -> u16 {
    assert!(
        status >= low && status <= high,
        "this status is outside the range the setter accepts (see its # Panics section)"
    );
    status
}

/// Why the extractor did not hand a request to the handler. See
/// [`ClerkWebhookRejection::kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectionKind {
    /// The request body could not be read (too large, or the connection failed).
    ReadBody {
        /// The framework's description of the failure.
        detail: String,
    },
    /// The delivery failed verification: it cannot be trusted.
    Verify(VerifyError),
    /// The delivery verified, but its kind is not one the configuration hands to the handler
    /// ([`ClerkWebhookConfig::with_handled_kinds`]). Not a failure: it is answered `204` and
    /// its body is never parsed.
    NotHandled(EventKind),
    /// The delivery verified, but the body is not a Clerk event this crate can read.
    Parse(ParseError),
    /// No [`Webhook`] was configured for the extractor: on actix-web, no `web::Data<Webhook>`
    /// in the app data; on Rocket, no managed `Webhook`; on axum, no `Extension(webhook)` layer for
    /// `ClerkWebhookFromExtension` (the state-based `ClerkWebhook` cannot compile without
    /// one).
    NotConfigured,
}

/// The rejection of [`ClerkWebhook`]: an HTTP answer (status, short reason, and optionally
/// the abort header) together with the full error for logging. [`ClerkWebhook`] has the
/// table of answers.
///
/// With axum it implements `IntoResponse`, with actix-web `ResponseError` and with Rocket
/// `Responder`. To log rejections or answer them your own way, extract
/// `Result<ClerkWebhook, ClerkWebhookRejection>` instead of `ClerkWebhook`; a
/// [`RejectionKind::NotHandled`] delivery then arrives as an `Err` whose answer is `204`.
///
/// `Display` gives the detailed error (which never contains a secret or payload values); the
/// response body is only [`reason`](Self::reason).
///
/// # Logging (feature `tracing`)
///
/// Every rejection emits one [`tracing`](https://docs.rs/tracing) event, target
/// `clerk_webhooks`, message `webhook rejected`: at `WARN` for a delivery that fails
/// verification or whose body cannot be read, at `ERROR` for a verified body that cannot be
/// parsed and for a missing verifier (this server's problem, not the sender's), and at `DEBUG`
/// for a kind that is not handled. Its fields:
///
/// | field | value |
/// |---|---|
/// | `status` | the HTTP status of the answer |
/// | `reason` | the public reason sent as the body, e.g. `invalid webhook signature` (empty for `204`) |
/// | `kind` | `verify`, `parse`, `read_body`, `not_handled` or `not_configured` |
/// | `error` | the typed error's variant: `invalid_signature`, `missing_header`, `timestamp_too_old`, …, the parse error's category (`syntax`, `eof`, `data`), or the `kind` again |
/// | `detail` | the error's `Display`, which names headers, JSON paths and types but never a value |
/// | `message_id` | the `svix-id` (or `webhook-id`), when the header is present and a valid message id |
/// | `event_type` | the envelope `type`, when the body verified and was read that far |
///
/// It never carries a secret, a signature, a header value other than the message id, or a
/// payload value. [`Webhook::verify`](crate::Webhook::verify) itself logs nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkWebhookRejection {
    kind: RejectionKind,
    status: u16,
    abort: bool,
}

impl ClerkWebhookRejection {
    pub(crate) fn read_body(status: u16, detail: String) -> Self {
        Self {
            kind: RejectionKind::ReadBody { detail },
            status: if status == 413 { 413 } else { 400 },
            abort: false,
        }
    }

    pub(crate) fn not_configured(config: ClerkWebhookConfig) -> Self {
        Self {
            kind: RejectionKind::NotConfigured,
            status: config.not_configured_status,
            abort: false,
        }
    }

    pub(crate) fn verify(error: VerifyError, config: ClerkWebhookConfig) -> Self {
        Self {
            kind: RejectionKind::Verify(error),
            status: config.verify_error_status,
            abort: false,
        }
    }

    pub(crate) fn not_handled(kind: EventKind) -> Self {
        Self {
            kind: RejectionKind::NotHandled(kind),
            status: 204,
            abort: false,
        }
    }

    pub(crate) fn parse(error: ParseError, config: ClerkWebhookConfig) -> Self {
        Self {
            kind: RejectionKind::Parse(error),
            status: config.parse_error_status,
            abort: config.abort_on_parse_error,
        }
    }

    /// What went wrong, in full.
    pub fn kind(&self) -> &RejectionKind {
        &self.kind
    }

    /// The verification error, when that is why the request was rejected.
    pub fn verify_error(&self) -> Option<&VerifyError> {
        match &self.kind {
            RejectionKind::Verify(error) => Some(error),
            _ => None,
        }
    }

    /// The parse error, when the body verified but could not be parsed.
    pub fn parse_error(&self) -> Option<&ParseError> {
        match &self.kind {
            RejectionKind::Parse(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the answer carries `webhook-delivery: abort-message`.
    pub fn aborts_delivery(&self) -> bool {
        self.abort
    }

    /// The short, public reason sent as the response body, for example
    /// `invalid webhook signature` or `missing webhook header svix-id`; empty for a kind that
    /// is not handled, whose answer is `204 No Content`.
    pub fn reason(&self) -> &'static str {
        match &self.kind {
            RejectionKind::ReadBody { .. } if self.status == 413 => "webhook body too large",
            RejectionKind::ReadBody { .. } => "failed to read webhook body",
            RejectionKind::Verify(error) => error.public_reason(),
            RejectionKind::NotHandled(_) => "",
            RejectionKind::Parse(error) => error.public_reason(),
            RejectionKind::NotConfigured => "webhook verifier not configured",
        }
    }

    /// The `tracing` event's `kind` and `error` fields.
    #[cfg(feature = "tracing")]
    fn log_names(&self) -> (&'static str, &'static str) {
        match &self.kind {
            RejectionKind::Verify(error) => ("verify", error.name()),
            RejectionKind::Parse(error) => ("parse", error.category().name()),
            RejectionKind::ReadBody { .. } => ("read_body", "read_body"),
            RejectionKind::NotHandled(_) => ("not_handled", "not_handled"),
            RejectionKind::NotConfigured => ("not_configured", "not_configured"),
        }
    }
}

/// Displays the error it holds (or, for a body that could not be read, the framework's
/// description). Its [`source`](std::error::Error::source) is that error's own source, so an
/// error chain prints each fact once.
impl fmt::Display for ClerkWebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RejectionKind::ReadBody { detail } => {
                write!(f, "failed to read the webhook request body: {detail}")
            }
            RejectionKind::Verify(error) => fmt::Display::fmt(error, f),
            RejectionKind::NotHandled(kind) => {
                write!(f, "a {kind} delivery, which this handler does not handle")
            }
            RejectionKind::Parse(error) => fmt::Display::fmt(error, f),
            RejectionKind::NotConfigured => f.write_str(
                "no webhook verifier configured: register `web::Data<Webhook>` as app data \
                 (actix-web), add an `Extension(webhook)` layer (axum) or call \
                 `.manage(webhook)` (Rocket)",
            ),
        }
    }
}

impl std::error::Error for ClerkWebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            RejectionKind::Verify(error) => error.source(),
            RejectionKind::Parse(error) => error.source(),
            _ => None,
        }
    }
}

/// Verifies against the current time, checks the kind, then parses: the
/// framework-independent core of every extractor. A rejection is reported through
/// [`rejected`].
pub(crate) fn extract<H: HeaderSource + ?Sized>(
    webhook: &Webhook,
    config: ClerkWebhookConfig,
    body: &[u8],
    headers: &H,
) -> Result<VerifiedEvent, ClerkWebhookRejection> {
    let verified = webhook
        .verify(body, headers)
        .map_err(|error| rejected(ClerkWebhookRejection::verify(error, config), headers))?;
    if config.handled_kinds.is_some() {
        let kind = verified.kind();
        if !config.handles(kind) {
            return Err(rejected(ClerkWebhookRejection::not_handled(kind), headers));
        }
    }
    verified
        .parse()
        .map_err(|error| rejected(ClerkWebhookRejection::parse(error, config), headers))
}

/// Every rejection of every extractor passes through here on its way out: with the `tracing`
/// feature it emits the one `tracing` event for it (see [`ClerkWebhookRejection`]'s
/// "Logging"); otherwise it returns the rejection unchanged.
pub(crate) fn rejected<H: HeaderSource + ?Sized>(
    rejection: ClerkWebhookRejection,
    headers: &H,
) -> ClerkWebhookRejection {
    #[cfg(feature = "tracing")]
    {
        use crate::rejection_log::{Level, Rejected};
        // Only an id the verifier would accept: a hostile header cannot put arbitrary bytes
        // in a log.
        let message_id = crate::MessageId::from_headers(headers);
        let (kind, error) = rejection.log_names();
        let event_type = match &rejection.kind {
            RejectionKind::Parse(error) => error.event_type(),
            RejectionKind::NotHandled(kind) => Some(kind.as_str()),
            _ => None,
        };
        crate::rejection_log::emit(&Rejected {
            level: match rejection.kind {
                RejectionKind::NotHandled(_) => Level::Debug,
                RejectionKind::Parse(_) | RejectionKind::NotConfigured => Level::Error,
                _ => Level::Warn,
            },
            status: rejection.status,
            reason: rejection.reason(),
            kind,
            error,
            detail: &rejection,
            message_id: message_id.as_ref().map(crate::MessageId::as_str),
            event_type,
        });
    }
    #[cfg(not(feature = "tracing"))]
    let _ = headers;
    rejection
}

/// The framework-independent steps, tested without a framework so that the crate's own tests
/// (and a mutation run over them) cover them; the framework tests in `examples/suite` cover
/// each integration.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Role;
    use crate::message_id::MessageId;
    use crate::WebhookEvent;
    use std::error::Error as _;
    use time::OffsetDateTime;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ROLE: &[u8] =
        br#"{"type":"role.created","object":"event","data":{"object":"role","id":"role_1"}}"#;
    /// Verifies, but `data.id` is a number.
    const UNPARSEABLE: &[u8] = br#"{"type":"role.created","object":"event","data":{"id":7}}"#;

    fn signed(webhook: &Webhook, id: &str, body: &[u8]) -> Vec<(&'static str, String)> {
        let now = OffsetDateTime::now_utc();
        vec![
            ("svix-id", id.to_owned()),
            ("svix-timestamp", now.unix_timestamp().to_string()),
            ("svix-signature", webhook.sign(id, body, now)),
        ]
    }

    fn pairs<'a>(headers: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        headers.iter().map(|(n, v)| (*n, v.as_str())).collect()
    }

    #[test]
    fn extract_verifies_then_parses() {
        let webhook = Webhook::new(SECRET).unwrap();
        let headers = signed(&webhook, "msg_1", ROLE);
        let delivery = ClerkWebhook(
            extract(
                &webhook,
                ClerkWebhookConfig::DEFAULT,
                ROLE,
                &pairs(&headers)[..],
            )
            .unwrap(),
        );
        assert_eq!(delivery.message_id, "msg_1");
        assert!(matches!(&delivery.event, ClerkEvent::RoleCreated(role) if role.id == "role_1"));
        // Deref, into_inner and into_event reach the same delivery.
        assert_eq!(delivery.event.event_type(), "role.created");
        let inner = delivery.clone().into_inner();
        assert_eq!(ClerkWebhook::from(inner.clone()), delivery);
        assert_eq!(delivery.clone().into_event(), inner.body.event);
        match delivery.into_event() {
            ClerkEvent::RoleCreated(role) => assert_eq!(role.id, "role_1"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_forgery_is_a_400_and_is_never_parsed() {
        let webhook = Webhook::new(SECRET).unwrap();
        let headers = signed(&webhook, "msg_1", ROLE);
        let rejection = extract(
            &webhook,
            ClerkWebhookConfig::DEFAULT,
            UNPARSEABLE,
            &pairs(&headers)[..],
        )
        .unwrap_err();
        assert_eq!(rejection.status(), 400);
        assert_eq!(rejection.reason(), "invalid webhook signature");
        let configured = ClerkWebhookConfig::new().with_verify_error_status(401);
        let unauthorized =
            extract(&webhook, configured, UNPARSEABLE, &pairs(&headers)[..]).unwrap_err();
        assert_eq!(
            (unauthorized.status(), unauthorized.reason()),
            (401, "invalid webhook signature")
        );
        assert_eq!(
            rejection.verify_error(),
            Some(&VerifyError::InvalidSignature)
        );
        assert_eq!(rejection.parse_error(), None);
        assert!(matches!(
            rejection.kind(),
            RejectionKind::Verify(VerifyError::InvalidSignature)
        ));
        assert!(!rejection.aborts_delivery());
        assert_eq!(
            rejection.to_string(),
            VerifyError::InvalidSignature.to_string()
        );

        let missing = extract(
            &webhook,
            ClerkWebhookConfig::DEFAULT,
            ROLE,
            &[("svix-id", "msg_1")][..],
        )
        .unwrap_err();
        assert_eq!(missing.status(), 400);
        assert_eq!(missing.reason(), "missing webhook header svix-timestamp");
    }

    #[test]
    fn an_unparseable_verified_body_gets_the_configured_answer() {
        let webhook = Webhook::new(SECRET).unwrap();
        let headers = signed(&webhook, "msg_1", UNPARSEABLE);
        let headers = pairs(&headers);
        let rejection = extract(
            &webhook,
            ClerkWebhookConfig::new(),
            UNPARSEABLE,
            &headers[..],
        )
        .unwrap_err();
        assert_eq!(rejection.status(), 422);
        assert_eq!(rejection.reason(), "unprocessable webhook payload");
        assert!(!rejection.aborts_delivery());
        let error = rejection.parse_error().expect("a parse error");
        assert_eq!(error.path(), "data.id");
        assert_eq!(rejection.verify_error(), None);
        assert_eq!(rejection.to_string(), error.to_string());
        // The chain goes on with the parse error's own source, not the parse error again.
        assert_eq!(
            rejection.source().map(ToString::to_string),
            error.source().map(ToString::to_string)
        );

        let config = ClerkWebhookConfig::new()
            .with_parse_error_status(409)
            .with_abort_on_parse_error(true);
        let rejection = extract(&webhook, config, UNPARSEABLE, &headers[..]).unwrap_err();
        assert_eq!(
            (rejection.status(), rejection.aborts_delivery()),
            (409, true)
        );

        // The edges of the accepted range are kept.
        for status in [100, 999] {
            let config = ClerkWebhookConfig::new().with_parse_error_status(status);
            let rejection = extract(&webhook, config, UNPARSEABLE, &headers[..]).unwrap_err();
            assert_eq!(rejection.status(), status);
        }
    }

    #[test]
    fn every_kind_has_its_own_bit() {
        let all: Vec<EventKind> = EventKind::ALL
            .into_iter()
            .chain([EventKind::Unknown])
            .collect();
        assert!(all.iter().all(|kind| (*kind as u32) < 64));
        let mut seen = 0_u64;
        for kind in &all {
            assert_eq!(seen & KindSet::bit(*kind), 0, "{kind:?} shares a bit");
            seen |= KindSet::bit(*kind);
        }
        let set = KindSet::of([EventKind::UserCreated, EventKind::Unknown]);
        assert!(set.contains(EventKind::UserCreated) && set.contains(EventKind::Unknown));
        assert!(!set.contains(EventKind::UserUpdated));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [EventKind::UserCreated, EventKind::Unknown]
        );
        assert_eq!(KindSet::of(all.iter().copied()).iter().count(), 52);
        assert_eq!(KindSet::default().iter().count(), 0);
    }

    #[test]
    fn kinds_that_are_not_handled_are_acknowledged_unparsed() {
        let webhook = Webhook::new(SECRET).unwrap();
        let headers = signed(&webhook, "msg_1", UNPARSEABLE);
        let headers = pairs(&headers);
        // A role.created body that does not parse: with role.created unhandled it is a 204,
        // not a 422, because it is never parsed.
        let config = ClerkWebhookConfig::new()
            .with_handled_kinds([EventKind::UserCreated, EventKind::Unknown]);
        let rejection = extract(&webhook, config, UNPARSEABLE, &headers[..]).unwrap_err();
        assert_eq!(
            rejection.kind(),
            &RejectionKind::NotHandled(EventKind::RoleCreated)
        );
        assert_eq!((rejection.status(), rejection.reason()), (204, ""));
        assert_eq!(rejection.parse_error(), None);
        assert!(!rejection.aborts_delivery());
        assert_eq!(
            rejection.to_string(),
            "a role.created delivery, which this handler does not handle"
        );
        // Handled, it is parsed, and fails as before.
        let config = config.with_handled_kinds([EventKind::RoleCreated]);
        let rejection = extract(&webhook, config, UNPARSEABLE, &headers[..]).unwrap_err();
        assert_eq!(rejection.status(), 422);
        // A forgery is refused before its kind is looked at.
        let forged = extract(&webhook, config, ROLE, &headers[..]).unwrap_err();
        assert_eq!(forged.status(), 400);
        // An empty set handles nothing; the default handles everything.
        let none = ClerkWebhookConfig::new().with_handled_kinds([]);
        let good = signed(&webhook, "msg_2", ROLE);
        let good = pairs(&good);
        assert_eq!(
            extract(&webhook, none, ROLE, &good[..])
                .unwrap_err()
                .status(),
            204
        );
        assert!(extract(&webhook, ClerkWebhookConfig::new(), ROLE, &good[..]).is_ok());
    }

    #[test]
    fn the_configuration_defaults_and_builders() {
        assert_eq!(ClerkWebhookConfig::default(), ClerkWebhookConfig::DEFAULT);
        assert_eq!(ClerkWebhookConfig::new(), ClerkWebhookConfig::DEFAULT);
        let default = ClerkWebhookConfig::DEFAULT;
        assert_eq!(
            (
                default.verify_error_status(),
                default.parse_error_status(),
                default.not_configured_status(),
                default.abort_on_parse_error(),
                default.handled_kinds(),
            ),
            (400, 422, 500, false, None)
        );
        assert!(EventKind::ALL.iter().all(|kind| default.handles(*kind)));
        assert!(default.handles(EventKind::Unknown));
        let config = ClerkWebhookConfig::new()
            .with_verify_error_status(401)
            .with_parse_error_status(409)
            .with_not_configured_status(503)
            .with_abort_on_parse_error(true)
            .with_handled_kinds([EventKind::UserDeleted, EventKind::UserCreated]);
        assert_eq!(
            (
                config.verify_error_status(),
                config.parse_error_status(),
                config.not_configured_status(),
                config.abort_on_parse_error(),
            ),
            (401, 409, 503, true)
        );
        assert_eq!(
            config.handled_kinds(),
            Some(vec![EventKind::UserCreated, EventKind::UserDeleted])
        );
        assert!(!config
            .with_abort_on_parse_error(false)
            .abort_on_parse_error());
        // Each setter's range, edges included, checked in one place.
        type Setter = fn(ClerkWebhookConfig, u16) -> ClerkWebhookConfig;
        type Getter = fn(&ClerkWebhookConfig) -> u16;
        let setters: [(Setter, Getter, u16, u16); 3] = [
            (
                ClerkWebhookConfig::with_verify_error_status,
                ClerkWebhookConfig::verify_error_status,
                400,
                599,
            ),
            (
                ClerkWebhookConfig::with_parse_error_status,
                ClerkWebhookConfig::parse_error_status,
                100,
                999,
            ),
            (
                ClerkWebhookConfig::with_not_configured_status,
                ClerkWebhookConfig::not_configured_status,
                400,
                599,
            ),
        ];
        for (set, get, low, high) in setters {
            assert_eq!(get(&set(ClerkWebhookConfig::new(), low)), low);
            assert_eq!(get(&set(ClerkWebhookConfig::new(), high)), high);
            for status in [0, low - 1, high + 1, u16::MAX] {
                let result = std::panic::catch_unwind(|| set(ClerkWebhookConfig::new(), status));
                assert!(result.is_err(), "{status} must be refused");
            }
        }
    }

    #[test]
    fn unreadable_bodies_and_a_missing_verifier() {
        let too_large = ClerkWebhookRejection::read_body(413, "over 64 bytes".into());
        assert_eq!(
            (too_large.status(), too_large.reason()),
            (413, "webhook body too large")
        );
        assert_eq!(
            too_large.to_string(),
            "failed to read the webhook request body: over 64 bytes"
        );
        assert!(too_large.source().is_none());
        for status in [400, 408, 500, 200] {
            let failed = ClerkWebhookRejection::read_body(status, "reset".into());
            assert_eq!(
                (failed.status(), failed.reason()),
                (400, "failed to read webhook body")
            );
        }
        assert_eq!(
            too_large.kind(),
            &RejectionKind::ReadBody {
                detail: "over 64 bytes".into()
            }
        );

        let missing = ClerkWebhookRejection::not_configured(ClerkWebhookConfig::DEFAULT);
        assert_eq!(
            (missing.status(), missing.reason()),
            (500, "webhook verifier not configured")
        );
        let unavailable = ClerkWebhookRejection::not_configured(
            ClerkWebhookConfig::new().with_not_configured_status(503),
        );
        assert_eq!(unavailable.status(), 503);
        assert_eq!(missing.kind(), &RejectionKind::NotConfigured);
        assert!(missing
            .to_string()
            .starts_with("no webhook verifier configured"));
        assert!(missing.source().is_none());
        assert_eq!(
            (missing.verify_error(), missing.parse_error()),
            (None, None)
        );
        assert!(!missing.aborts_delivery());
    }

    #[test]
    fn rejected_returns_the_rejection_unchanged() {
        let rejection = ClerkWebhookRejection::verify(
            VerifyError::InvalidSignature,
            ClerkWebhookConfig::DEFAULT,
        );
        assert_eq!(
            rejected(rejection.clone(), &[("svix-id", "msg_1")][..]),
            rejection
        );
    }

    #[test]
    fn a_verified_event_converts_for_handler_tests() {
        let event = WebhookEvent::from(ClerkEvent::RoleCreated(Box::new(Role::new("role_9"))));
        let delivery = VerifiedEvent::new(
            MessageId::new("msg_9").unwrap(),
            OffsetDateTime::UNIX_EPOCH,
            event,
        );
        let extracted = ClerkWebhook::from(delivery.clone());
        assert_eq!(*extracted, delivery);
        assert_eq!(extracted.into_inner(), delivery);
        #[cfg(any(feature = "axum", feature = "axum07"))]
        {
            let from_extension = ClerkWebhookFromExtension::from(delivery.clone());
            assert_eq!(from_extension.message_id, "msg_9");
            assert_eq!(from_extension, ClerkWebhookFromExtension(delivery.clone()));
            assert_eq!(from_extension.clone().into_event(), delivery.body.event);
            assert_eq!(from_extension.into_inner(), delivery);
        }
    }
}
