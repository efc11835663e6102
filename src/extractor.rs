//! What the axum, actix-web and Rocket extractors share: the extracted value, its configuration, and
//! the rejection. Each framework module re-exports these and adds its trait impls.

use crate::headers::HeaderSource;
use crate::parse_error::ParseError;
use crate::verified_event::VerifiedEvent;
use crate::verify_error::VerifyError;
use crate::webhook::Webhook;
use std::fmt;
use std::ops::{Deref, DerefMut};

/// A verified, parsed Clerk webhook delivery, extracted from a request.
///
/// The extractor reads the **raw** request body, verifies its signature against the
/// [`Webhook`] held by the application, and only then parses it into a
/// [`VerifiedEvent`]. A request it cannot accept is answered with a
/// [`ClerkWebhookRejection`]:
///
/// | failure | status | body |
/// |---|---|---|
/// | the body cannot be read | `413` when it exceeds the framework's body limit, `400` otherwise | `webhook body too large` / `failed to read webhook body` |
/// | verification fails (missing or bad header, stale timestamp, wrong signature) | `400` | a short reason such as `invalid webhook signature` or `missing webhook header svix-id` |
/// | the body verifies but cannot be parsed | [`ClerkWebhookConfig::parse_error_status`], default **`422`** | `unprocessable webhook payload` |
/// | no [`Webhook`] is configured (actix-web app data, Rocket managed state, axum's `ClerkWebhookFromExtension`) | `500` | `webhook verifier not configured` |
///
/// The verification and parse rows are [`VerifyError::http_status`] /
/// [`VerifyError::public_reason`] and [`ParseError::http_status`] /
/// [`ParseError::public_reason`]: the same table a handler on any other framework uses through
/// [`Error::http_status`](crate::Error::http_status).
///
/// Response bodies never contain secrets, payload values, or the details of the error; the
/// rejection itself carries those for logging (see [`ClerkWebhookRejection::kind`]).
///
/// Use it with axum through `clerk_webhooks::axum` (feature `axum`, or `axum07` for axum 0.7),
/// with actix-web through `clerk_webhooks::actix` (feature `actix-web`) and with Rocket through
/// `clerk_webhooks::rocket` (feature `rocket`, a data guard); every module re-exports this same
/// type.
///
/// For handler tests, build one from a [`VerifiedEvent`] with `From` (the `testing` feature's
/// `testing::verified_sample` gives one for every event type):
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use clerk_webhooks::axum::ClerkWebhook;
/// use clerk_webhooks::events::Role;
/// use clerk_webhooks::time::OffsetDateTime;
/// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent, WebhookEvent};
///
/// fn handle(ClerkWebhook(delivery): ClerkWebhook) -> Option<String> {
///     delivery.event.resource_id().map(str::to_owned)
/// }
///
/// let event = WebhookEvent::from(ClerkEvent::RoleCreated(Box::new(Role::new("role_1"))));
/// let delivery = VerifiedEvent::new(MessageId::new("msg_1").unwrap(), OffsetDateTime::UNIX_EPOCH, event);
/// assert_eq!(handle(ClerkWebhook::from(delivery)).as_deref(), Some("role_1"));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ClerkWebhook(pub VerifiedEvent);

impl From<VerifiedEvent> for ClerkWebhook {
    fn from(delivery: VerifiedEvent) -> Self {
        Self(delivery)
    }
}

impl ClerkWebhook {
    /// The verified delivery.
    pub fn into_inner(self) -> VerifiedEvent {
        self.0
    }
}

impl Deref for ClerkWebhook {
    type Target = VerifiedEvent;

    fn deref(&self) -> &VerifiedEvent {
        &self.0
    }
}

impl DerefMut for ClerkWebhook {
    fn deref_mut(&mut self) -> &mut VerifiedEvent {
        &mut self.0
    }
}

#[cfg(any(feature = "axum", feature = "axum07"))]
/// [`ClerkWebhook`] for routers without state: the [`Webhook`] comes from a request extension
/// (`.layer(Extension(webhook))`) instead of axum's `FromRef`.
///
/// axum cannot pick between the two at compile time (a `FromRef` bound cannot be optional),
/// so this is a second extractor with the same behaviour, the same
/// [`ClerkWebhookConfig`] (also from an extension) and the same rejections. When no `Webhook`
/// extension is present, it answers **500** `webhook verifier not configured`, as the
/// actix-web extractor does without app data.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use axum::{http::StatusCode, routing::post, Extension, Router};
/// use clerk_webhooks::axum::ClerkWebhookFromExtension;
/// use clerk_webhooks::Webhook;
///
/// async fn clerk_webhook(ClerkWebhookFromExtension(delivery): ClerkWebhookFromExtension) -> StatusCode {
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
#[derive(Debug, Clone)]
pub struct ClerkWebhookFromExtension(pub VerifiedEvent);

#[cfg(any(feature = "axum", feature = "axum07"))]
impl ClerkWebhookFromExtension {
    /// The verified, parsed delivery.
    pub fn into_inner(self) -> VerifiedEvent {
        self.0
    }
}

#[cfg(any(feature = "axum", feature = "axum07"))]
impl Deref for ClerkWebhookFromExtension {
    type Target = VerifiedEvent;

    fn deref(&self) -> &VerifiedEvent {
        &self.0
    }
}

/// How the extractor answers a delivery that verifies but cannot be parsed.
///
/// Such a body really comes from Clerk, so it is neither a forgery (`400`) nor a success. The
/// default answer is **`422 Unprocessable Entity` without the abort header**, because:
///
/// * any non-`2xx` answer keeps the message: Svix retries it for about 27 hours and then marks
///   it *failed*, where it stays visible in the Clerk Dashboard and can be replayed. Upgrading
///   this crate or fixing the handler within that window recovers it with no manual step;
/// * a `2xx` would acknowledge, and so lose, an authentic event;
/// * `422` rather than `400` keeps "Clerk sent something we cannot read" apart from "someone
///   sent something we do not trust" in Svix's attempt log and in your metrics; a `4xx` rather
///   than a `5xx` because the failure is deterministic for those bytes.
///
/// The trade-off: Svix disables an endpoint whose deliveries have all failed for five days, so
/// alert on these rejections (they should be very rare: unknown event types and missing fields
/// are not errors).
///
/// Two settings change the answer:
///
/// * [`parse_error_status`](Self::parse_error_status): any status. `200` acknowledges the
///   delivery and drops it (your handler never sees it); `500` says "our fault".
/// * [`abort_on_parse_error`](Self::abort_on_parse_error): `true` adds `webhook-delivery:
///   abort-message` (see [`crate::delivery`]), so Svix marks the message failed at once instead
///   of retrying it for a day. The message can still be replayed from the dashboard.
///
/// Provide it to the extractor as an axum request extension, as actix-web app data or as Rocket
/// managed state; without
/// it, [`ClerkWebhookConfig::DEFAULT`] applies.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use clerk_webhooks::axum::ClerkWebhookConfig;
///
/// let config = ClerkWebhookConfig::new().with_abort_on_parse_error(true);
/// assert_eq!(config.parse_error_status, 422);
/// assert!(config.abort_on_parse_error);
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ClerkWebhookConfig {
    /// The status for a verified body that cannot be parsed. Default `422`. A value outside
    /// `100..=999` is answered as `500`.
    pub parse_error_status: u16,
    /// Whether the answer for a verified body that cannot be parsed carries `webhook-delivery:
    /// abort-message`, so that Svix stops retrying it. Default `false`.
    pub abort_on_parse_error: bool,
}

impl ClerkWebhookConfig {
    /// The default status for a verified body that cannot be parsed: `422`.
    pub const DEFAULT_PARSE_ERROR_STATUS: u16 = 422;

    /// The defaults: `422`, no abort header.
    pub const DEFAULT: Self = Self {
        parse_error_status: Self::DEFAULT_PARSE_ERROR_STATUS,
        abort_on_parse_error: false,
    };

    /// The defaults: `422`, no abort header.
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// Sets [`parse_error_status`](Self::parse_error_status).
    ///
    /// # Panics
    ///
    /// If `status` is not a valid HTTP status code (`100..=999`). In a `const` this is a
    /// compile-time error.
    #[must_use]
    pub const fn with_parse_error_status(mut self, status: u16) -> Self {
        assert!(
            status >= 100 && status <= 999,
            "an HTTP status code is between 100 and 999"
        );
        self.parse_error_status = status;
        self
    }

    /// Sets [`abort_on_parse_error`](Self::abort_on_parse_error).
    #[must_use]
    pub const fn with_abort_on_parse_error(mut self, abort: bool) -> Self {
        self.abort_on_parse_error = abort;
        self
    }
}

impl Default for ClerkWebhookConfig {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why the extractor rejected a request. See [`ClerkWebhookRejection::kind`].
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
    /// The delivery verified, but the body is not a Clerk event this crate can read.
    Parse(ParseError),
    /// No [`Webhook`] was configured for the extractor: on actix-web, no `web::Data<Webhook>`
    /// in the app data; on Rocket, no managed `Webhook`; on axum, no `Extension(webhook)` layer for
    /// `ClerkWebhookFromExtension` (the state-based `ClerkWebhook` cannot compile without
    /// one). Answered with `500`.
    NotConfigured,
}

/// The rejection of [`ClerkWebhook`]: an HTTP answer (status, short reason, and optionally
/// the abort header) together with the full error for logging.
///
/// With axum it implements `IntoResponse`, and with actix-web `ResponseError`. To log
/// rejections or answer them your own way, extract `Result<ClerkWebhook, ClerkWebhookRejection>`
/// instead of `ClerkWebhook`.
///
/// `Display` gives the detailed error (which never contains a secret or payload values); the
/// response body is only [`reason`](Self::reason).
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

    pub(crate) fn not_configured() -> Self {
        Self {
            kind: RejectionKind::NotConfigured,
            status: 500,
            abort: false,
        }
    }

    pub(crate) fn verify(error: VerifyError) -> Self {
        Self {
            status: error.http_status(),
            kind: RejectionKind::Verify(error),
            abort: false,
        }
    }

    /// The configured status overrides [`ParseError::http_status`]; an invalid one (possible
    /// only by assigning the field directly) is answered as `500`.
    pub(crate) fn parse(error: ParseError, config: ClerkWebhookConfig) -> Self {
        let status = match config.parse_error_status {
            status @ 100..=999 => status,
            _ => 500,
        };
        Self {
            kind: RejectionKind::Parse(error),
            status,
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
    /// `invalid webhook signature` or `missing webhook header svix-id`.
    pub fn reason(&self) -> &'static str {
        match &self.kind {
            RejectionKind::ReadBody { .. } if self.status == 413 => "webhook body too large",
            RejectionKind::ReadBody { .. } => "failed to read webhook body",
            RejectionKind::Verify(error) => error.public_reason(),
            RejectionKind::Parse(error) => error.public_reason(),
            RejectionKind::NotConfigured => "webhook verifier not configured",
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

/// Verifies against the current time, then parses: the framework-independent core of both
/// extractors. A rejection is reported through [`rejected`].
pub(crate) fn extract<H: HeaderSource + ?Sized>(
    webhook: &Webhook,
    config: ClerkWebhookConfig,
    body: &[u8],
    headers: &H,
) -> Result<ClerkWebhook, ClerkWebhookRejection> {
    let verified = webhook
        .verify(body, headers)
        .map_err(|error| rejected(ClerkWebhookRejection::verify(error), headers))?;
    let event = verified
        .parse()
        .map_err(|error| rejected(ClerkWebhookRejection::parse(error, config), headers))?;
    Ok(ClerkWebhook(event))
}

/// Every rejection of both extractors passes through here on its way out: with the `tracing`
/// feature it emits the one `tracing` event for it (see `crate::tracing`); otherwise it
/// returns the rejection unchanged.
pub(crate) fn rejected<H: HeaderSource + ?Sized>(
    rejection: ClerkWebhookRejection,
    headers: &H,
) -> ClerkWebhookRejection {
    #[cfg(feature = "tracing")]
    crate::tracing::rejection(&rejection, headers);
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
    use crate::{ClerkEvent, WebhookEvent};
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
        let delivery = extract(
            &webhook,
            ClerkWebhookConfig::DEFAULT,
            ROLE,
            &pairs(&headers)[..],
        )
        .unwrap();
        assert_eq!(delivery.message_id, "msg_1");
        assert!(matches!(&delivery.event, ClerkEvent::RoleCreated(role) if role.id == "role_1"));
        // Deref and into_inner reach the same delivery.
        assert_eq!(delivery.event.event_type(), "role.created");
        let inner = delivery.clone().into_inner();
        assert_eq!(ClerkWebhook::from(inner.clone()), delivery);
        let mut changed = delivery;
        changed.message_id = MessageId::new("msg_2").unwrap();
        assert_eq!(changed.0.message_id, "msg_2");
        assert_ne!(changed.into_inner(), inner);
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

        // A status assigned out of range directly is answered as 500; the edges are kept.
        for (status, answered) in [(99, 500), (100, 100), (999, 999), (1000, 500), (0, 500)] {
            let mut config = ClerkWebhookConfig::DEFAULT;
            config.parse_error_status = status;
            let rejection = extract(&webhook, config, UNPARSEABLE, &headers[..]).unwrap_err();
            assert_eq!(rejection.status(), answered, "{status}");
        }
    }

    #[test]
    fn the_configuration_defaults_and_builders() {
        assert_eq!(ClerkWebhookConfig::default(), ClerkWebhookConfig::DEFAULT);
        assert_eq!(ClerkWebhookConfig::new(), ClerkWebhookConfig::DEFAULT);
        assert_eq!(ClerkWebhookConfig::DEFAULT.parse_error_status, 422);
        assert!(!ClerkWebhookConfig::default().abort_on_parse_error);
        assert_eq!(
            ClerkWebhookConfig::new()
                .with_parse_error_status(100)
                .parse_error_status,
            100
        );
        assert_eq!(
            ClerkWebhookConfig::new()
                .with_parse_error_status(999)
                .parse_error_status,
            999
        );
        assert!(
            ClerkWebhookConfig::new()
                .with_abort_on_parse_error(true)
                .abort_on_parse_error
        );
        assert!(
            !ClerkWebhookConfig::new()
                .with_abort_on_parse_error(true)
                .with_abort_on_parse_error(false)
                .abort_on_parse_error
        );
        for status in [99, 1000] {
            let result = std::panic::catch_unwind(|| {
                ClerkWebhookConfig::new().with_parse_error_status(status)
            });
            assert!(result.is_err(), "{status} must be refused");
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

        let missing = ClerkWebhookRejection::not_configured();
        assert_eq!(
            (missing.status(), missing.reason()),
            (500, "webhook verifier not configured")
        );
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
        let rejection = ClerkWebhookRejection::verify(VerifyError::InvalidSignature);
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
            let from_extension = ClerkWebhookFromExtension(delivery.clone());
            assert_eq!(from_extension.message_id, "msg_9");
            assert_eq!(from_extension.into_inner(), delivery);
        }
    }
}
