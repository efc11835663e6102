//! Logs for the extractors (feature `tracing`): every rejection emits one
//! [`tracing`](https://docs.rs/tracing) event, so that a wrong secret shows up in your logs and
//! not only as a stream of `400`s in the Svix dashboard.
//!
//! The event's target is `clerk_webhooks`, its message `webhook rejected`, and its level
//! `WARN` for a delivery that fails verification (or whose body cannot be read), `ERROR` for
//! a verified body that cannot be parsed and for a missing verifier: those are this server's
//! problem, not the sender's. Its fields:
//!
//! | field | value |
//! |---|---|
//! | `status` | the HTTP status of the answer |
//! | `reason` | the public reason sent as the body, e.g. `invalid webhook signature` |
//! | `kind` | `verify`, `parse`, `read_body` or `not_configured` |
//! | `error` | the typed error's variant: `invalid_signature`, `missing_header`, `timestamp_too_old`, …, or the parse error's category (`syntax`, `eof`, `data`) |
//! | `detail` | the error's `Display`, which names headers, JSON paths and types but never a value |
//! | `message_id` | the `svix-id` (or `webhook-id`), when the header is present and a valid message id |
//! | `event_type` | the envelope `type`, when the body verified and was read that far |
//!
//! It never carries a secret, a signature, a header value other than the message id, or a
//! payload value. [`Webhook::verify`](crate::Webhook::verify) itself logs nothing and still
//! allocates nothing: only the extractors' rejection path logs.

use crate::extractor::{ClerkWebhookRejection, RejectionKind};
use crate::headers::HeaderSource;
use crate::message_id::MessageId;
use crate::parse_error::{ParseError, ParseErrorCategory};
use crate::verify_error::VerifyError;

/// Emits the event for one rejection.
pub(crate) fn rejection<H: HeaderSource + ?Sized>(rejection: &ClerkWebhookRejection, headers: &H) {
    // Only an id the verifier would accept: a hostile header cannot put arbitrary bytes in
    // a log.
    let message_id = MessageId::from_headers(headers);
    let message_id = message_id.as_ref().map(MessageId::as_str);
    let event_type = rejection.parse_error().and_then(ParseError::event_type);
    let (kind, error) = match rejection.kind() {
        RejectionKind::Verify(error) => ("verify", verify_error_name(error)),
        RejectionKind::Parse(error) => ("parse", category_name(error.category())),
        RejectionKind::ReadBody { .. } => ("read_body", "read_body"),
        RejectionKind::NotConfigured => ("not_configured", "not_configured"),
    };
    let status = rejection.status();
    let reason = rejection.reason();
    // One field list for both levels: `tracing` needs the level at compile time.
    macro_rules! emit {
        ($level:ident) => {
            ::tracing::$level!(
                target: "clerk_webhooks",
                status,
                reason,
                kind,
                error,
                detail = %rejection,
                message_id,
                event_type,
                "webhook rejected"
            )
        };
    }
    match rejection.kind() {
        RejectionKind::Parse(_) | RejectionKind::NotConfigured => emit!(error),
        _ => emit!(warn),
    }
}

fn verify_error_name(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::MissingHeader { .. } => "missing_header",
        VerifyError::InvalidHeader { .. } => "invalid_header",
        VerifyError::InvalidTimestamp { .. } => "invalid_timestamp",
        VerifyError::TimestampTooOld { .. } => "timestamp_too_old",
        VerifyError::TimestampTooNew { .. } => "timestamp_too_new",
        VerifyError::InvalidSignature => "invalid_signature",
    }
}

fn category_name(category: ParseErrorCategory) -> &'static str {
    match category {
        ParseErrorCategory::Syntax => "syntax",
        ParseErrorCategory::Eof => "eof",
        ParseErrorCategory::Data => "data",
    }
}
