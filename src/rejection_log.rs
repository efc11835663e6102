//! The one `tracing` event of an extractor rejection (feature `tracing`): a leaf that the
//! extractors call with plain values, in the manner of axum-core's `__log_rejection!`. The
//! fields are documented once, on `ClerkWebhookRejection`.

use std::fmt::Display;

/// The event's level.
pub(crate) enum Level {
    /// A delivery of a kind the handler does not handle: routine.
    Debug,
    /// The sender's problem: a delivery that fails verification, or an unreadable body.
    Warn,
    /// This server's problem: a verified body it cannot parse, or a missing verifier.
    Error,
}

/// The event's fields. None of them holds a secret or a payload value.
pub(crate) struct Rejected<'a> {
    pub(crate) level: Level,
    pub(crate) status: u16,
    pub(crate) reason: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) error: &'static str,
    pub(crate) detail: &'a dyn Display,
    pub(crate) message_id: Option<&'a str>,
    pub(crate) event_type: Option<&'a str>,
}

/// Emits the event.
pub(crate) fn emit(rejected: &Rejected<'_>) {
    let Rejected {
        level,
        status,
        reason,
        kind,
        error,
        detail,
        message_id,
        event_type,
    } = rejected;
    // One field list for every level: `tracing` needs the level at compile time.
    macro_rules! emit {
        ($level:ident) => {
            ::tracing::$level!(
                target: "clerk_webhooks",
                status,
                reason,
                kind,
                error,
                detail = %detail,
                message_id,
                event_type,
                "webhook rejected"
            )
        };
    }
    match level {
        Level::Debug => emit!(debug),
        Level::Warn => emit!(warn),
        Level::Error => emit!(error),
    }
}
