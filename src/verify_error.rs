//! [`VerifyError`]: why a delivery failed verification.

use crate::headers::{
    SVIX_ID, SVIX_SIGNATURE, SVIX_TIMESTAMP, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

/// Why a delivery failed verification.
///
/// Every variant means "do not trust this body". An HTTP handler answers
/// [`http_status`](Self::http_status), which is `400 Bad Request` for every variant (Svix
/// retries other statuses, and a retry cannot fix a bad signature), with
/// [`public_reason`](Self::public_reason) as the body.
///
/// ```
/// use clerk_webhooks::{VerifyError, Webhook};
///
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let err = wh.verify(b"{}", &[("svix-timestamp", "1")]).unwrap_err();
/// assert_eq!(err, VerifyError::MissingHeader { name: "svix-id" });
/// assert_eq!(err.http_status(), 400);
/// assert_eq!(err.public_reason(), "missing webhook header svix-id");
/// assert_eq!(err.to_string(), "missing webhook header `svix-id`");
/// # Ok::<(), clerk_webhooks::SecretError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A required header is absent, or its value is empty after trimming whitespace.
    ///
    /// The name is the header that was expected: `svix-id`, `svix-timestamp` or
    /// `svix-signature`, or their `webhook-*` counterparts when the delivery uses that set.
    #[error("missing webhook header `{name}`")]
    MissingHeader {
        /// The header that was expected (one of the six names in [`crate::headers`]).
        name: &'static str,
    },
    /// A header is present but unusable (for example, a message id that is not UTF-8, contains
    /// `.`, or is longer than [`MessageId::MAX_LEN`](crate::MessageId::MAX_LEN)).
    #[error("invalid webhook header `{name}`: {reason}")]
    InvalidHeader {
        /// The header.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The timestamp header is not a plain non-negative integer of Unix seconds, or is out of
    /// range.
    #[error("invalid webhook timestamp: {reason}")]
    InvalidTimestamp {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The timestamp is further in the past than the tolerance allows (a stale or replayed
    /// delivery).
    #[error(
        "webhook timestamp is too old: {age_secs} s before now, tolerance is {tolerance_secs} s"
    )]
    TimestampTooOld {
        /// How many seconds before "now" the timestamp lies.
        age_secs: u64,
        /// The configured tolerance in seconds.
        tolerance_secs: u64,
    },
    /// The timestamp is further in the future than the tolerance allows.
    #[error("webhook timestamp is too far in the future: {ahead_secs} s after now, tolerance is {tolerance_secs} s")]
    TimestampTooNew {
        /// How many seconds after "now" the timestamp lies.
        ahead_secs: u64,
        /// The configured tolerance in seconds.
        tolerance_secs: u64,
    },
    /// No `v1` signature in the signature header matches any configured secret.
    #[error("no matching webhook signature: the body, id or timestamp was altered, or the signing secret is wrong")]
    InvalidSignature,
}

impl VerifyError {
    /// The variant's name in snake case, for the extractors' log events.
    #[cfg(feature = "tracing")]
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::MissingHeader { .. } => "missing_header",
            Self::InvalidHeader { .. } => "invalid_header",
            Self::InvalidTimestamp { .. } => "invalid_timestamp",
            Self::TimestampTooOld { .. } => "timestamp_too_old",
            Self::TimestampTooNew { .. } => "timestamp_too_new",
            Self::InvalidSignature => "invalid_signature",
        }
    }

    /// The HTTP status to answer with: `400` for every variant.
    ///
    /// A delivery that fails verification cannot be trusted, and a retry of the same request
    /// would fail the same way, so it is a client error. (Svix retries any non-`2xx` answer
    /// regardless; a forged request is not Svix's.)
    pub fn http_status(&self) -> u16 {
        400
    }

    /// A short reason that is safe to send as a response body: it names at most a header,
    /// never a value, a secret or a signature. For example `invalid webhook signature`, or
    /// `missing webhook header svix-id`.
    pub fn public_reason(&self) -> &'static str {
        match self {
            Self::MissingHeader { name } => match *name {
                SVIX_ID => "missing webhook header svix-id",
                SVIX_TIMESTAMP => "missing webhook header svix-timestamp",
                SVIX_SIGNATURE => "missing webhook header svix-signature",
                WEBHOOK_ID => "missing webhook header webhook-id",
                WEBHOOK_TIMESTAMP => "missing webhook header webhook-timestamp",
                WEBHOOK_SIGNATURE => "missing webhook header webhook-signature",
                _ => "missing webhook header",
            },
            Self::InvalidHeader { name, .. } => match *name {
                SVIX_ID => "invalid webhook header svix-id",
                SVIX_TIMESTAMP => "invalid webhook header svix-timestamp",
                SVIX_SIGNATURE => "invalid webhook header svix-signature",
                WEBHOOK_ID => "invalid webhook header webhook-id",
                WEBHOOK_TIMESTAMP => "invalid webhook header webhook-timestamp",
                WEBHOOK_SIGNATURE => "invalid webhook header webhook-signature",
                _ => "invalid webhook header",
            },
            Self::InvalidTimestamp { .. } => "invalid webhook timestamp",
            Self::TimestampTooOld { .. } | Self::TimestampTooNew { .. } => {
                "webhook timestamp outside the allowed window"
            }
            Self::InvalidSignature => "invalid webhook signature",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_has_its_own_public_reason() {
        for name in [
            SVIX_ID,
            SVIX_TIMESTAMP,
            SVIX_SIGNATURE,
            WEBHOOK_ID,
            WEBHOOK_TIMESTAMP,
            WEBHOOK_SIGNATURE,
        ] {
            let missing = VerifyError::MissingHeader { name };
            assert_eq!(
                missing.public_reason(),
                format!("missing webhook header {name}")
            );
            let invalid = VerifyError::InvalidHeader { name, reason: "x" };
            assert_eq!(
                invalid.public_reason(),
                format!("invalid webhook header {name}")
            );
            assert_eq!(missing.http_status(), 400);
        }
        let other = VerifyError::MissingHeader { name: "other" };
        assert_eq!(other.public_reason(), "missing webhook header");
        let other = VerifyError::InvalidHeader {
            name: "other",
            reason: "x",
        };
        assert_eq!(other.public_reason(), "invalid webhook header");
    }

    #[test]
    fn the_public_reason_never_carries_details() {
        let errors = [
            VerifyError::InvalidTimestamp {
                reason: "secret-ish detail",
            },
            VerifyError::TimestampTooOld {
                age_secs: 987_654,
                tolerance_secs: 300,
            },
            VerifyError::TimestampTooNew {
                ahead_secs: 987_654,
                tolerance_secs: 300,
            },
            VerifyError::InvalidSignature,
        ];
        let reasons = errors.map(|e| (e.public_reason(), e.http_status()));
        assert_eq!(
            reasons,
            [
                ("invalid webhook timestamp", 400),
                ("webhook timestamp outside the allowed window", 400),
                ("webhook timestamp outside the allowed window", 400),
                ("invalid webhook signature", 400),
            ]
        );
    }
}
