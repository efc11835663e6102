//! Error types.
//!
//! * [`SecretError`]: a signing secret could not be used (at construction).
//! * [`VerifyError`]: a delivery failed verification. Answer these with HTTP 400.
//! * [`ParseError`]: a delivery verified but its body is not a Clerk event this crate can read.
//! * [`Error`]: either of the last two, from [`Webhook::verify_event`](crate::Webhook::verify_event).
//!
//! No error ever contains a secret, and [`ParseError`] never contains payload values.

use std::fmt;

/// Why a signing secret was rejected.
///
/// The message says what is wrong and never contains the secret or any part of it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// The secret is empty, or is only the `whsec_` prefix.
    #[error("webhook signing secret is empty")]
    Empty,
    /// The secret carries the prefix of some other kind of key.
    #[error("webhook signing secret has the prefix `{prefix}`, which is {what}; expected a `whsec_` signing secret from the Clerk Dashboard (Webhooks → Endpoint → Signing Secret)")]
    WrongPrefix {
        /// The prefix that was found (always one of a fixed set, never secret material).
        prefix: &'static str,
        /// What that prefix denotes.
        what: &'static str,
    },
    /// The part after `whsec_` is not standard base64.
    #[error("webhook signing secret is not valid base64 (standard alphabet `A-Z a-z 0-9 + /`, optional `=` padding): {reason}")]
    InvalidBase64 {
        /// What is wrong, without quoting the secret.
        reason: &'static str,
    },
    /// [`Webhook::from_env`](crate::Webhook::from_env) found neither variable.
    #[error("no webhook signing secret: set CLERK_WEBHOOK_SIGNING_SECRET (or CLERK_WEBHOOK_SECRET) to the `whsec_…` secret from the Clerk Dashboard")]
    NotSet,
    /// [`Webhook::with_secrets`](crate::Webhook::with_secrets) was given no secrets.
    #[error("no webhook signing secrets were given")]
    NoSecrets,
    /// One secret in a list given to [`Webhook::with_secrets`](crate::Webhook::with_secrets)
    /// was rejected.
    #[error("webhook signing secret #{index} (0-based): {source}")]
    InList {
        /// The 0-based position of the rejected secret.
        index: usize,
        /// Why it was rejected.
        source: Box<SecretError>,
    },
}

/// Why a delivery failed verification.
///
/// Every variant means "do not trust this body". An HTTP handler should answer `400 Bad Request`
/// (Svix retries other statuses, and a retry cannot fix a bad signature).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A required header is absent, or its value is empty after trimming whitespace.
    ///
    /// The name is the header that was expected: `svix-id`, `svix-timestamp` or
    /// `svix-signature`, or their `webhook-*` counterparts when the delivery uses that set.
    #[error("missing webhook header `{name}`")]
    MissingHeader {
        /// The header that was expected.
        name: &'static str,
    },
    /// A header is present but unusable (for example, a message id that is not UTF-8).
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

/// A verified body that could not be parsed as a Clerk event.
///
/// It names the event type (when the envelope got that far) and the JSON path of the failing
/// field, for example `data.email_addresses[0].created_at`. It never contains payload values:
/// string and number values that `serde_json` would quote are replaced by `…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    event_type: Option<String>,
    path: String,
    message: String,
    line: usize,
    column: usize,
    category: ParseErrorCategory,
}

/// The broad class of a [`ParseError`], after [`serde_json::error::Category`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorCategory {
    /// The body is not valid JSON.
    Syntax,
    /// The body ended early.
    Eof,
    /// The JSON is valid but does not have the shape of the event (a wrong type, a missing
    /// identifier).
    Data,
    /// Reading the body failed.
    Io,
}

impl ParseError {
    pub(crate) fn from_json(
        event_type: Option<&str>,
        path: String,
        err: &serde_json::Error,
    ) -> Self {
        use serde_json::error::Category;
        let full = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let bare = full.strip_suffix(&suffix).unwrap_or(&full);
        Self {
            event_type: event_type.map(str::to_owned),
            path,
            message: redact(bare),
            line: err.line(),
            column: err.column(),
            category: match err.classify() {
                Category::Syntax => ParseErrorCategory::Syntax,
                Category::Eof => ParseErrorCategory::Eof,
                Category::Data => ParseErrorCategory::Data,
                Category::Io => ParseErrorCategory::Io,
            },
        }
    }

    /// The envelope `type`, when the body was read far enough to find it.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// The JSON path of the failing value, for example `data.created_at`; empty when the
    /// failure is in the envelope itself or the body is not JSON.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong, with payload values redacted.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The broad class of the failure.
    pub fn category(&self) -> ParseErrorCategory {
        self.category
    }

    /// The 1-based line of the failure within the JSON that was being read (the body, or the
    /// `data` object for payload errors); 0 when unknown.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the failure on [`line`](Self::line); 0 when unknown.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot parse webhook body")?;
        if let Some(event_type) = &self.event_type {
            write!(f, " of type `{event_type}`")?;
        }
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ParseError {}

/// Replaces quoted values in a serde message with `…`, keeping the schema words around them.
///
/// serde quotes a payload string as `"…"` (Debug-escaped) and a number, boolean or character
/// as `` `…` ``. Field names in `missing field` / `duplicate field` messages come from this
/// crate's own types, so they are kept.
fn redact(message: &str) -> String {
    for keep in ["missing field `", "duplicate field `"] {
        if message.starts_with(keep) {
            return message.to_owned();
        }
    }
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('…');
                let mut escaped = false;
                for c in chars.by_ref() {
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
            }
            '`' => {
                out.push('…');
                for c in chars.by_ref() {
                    if c == '`' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Either failure of [`Webhook::verify_event`](crate::Webhook::verify_event).
///
/// The two are kept apart because they call for different answers: a [`VerifyError`] means the
/// body cannot be trusted (answer 400), while a [`ParseError`] means Clerk really sent it but
/// this crate could not read it (log it, and decide whether Svix should retry).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The delivery failed verification.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The delivery verified, but its body could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_removes_quoted_values() {
        assert_eq!(
            redact(r#"invalid type: string "se\"cret", expected i64"#),
            "invalid type: string …, expected i64"
        );
        assert_eq!(
            redact("invalid type: integer `42`, expected a string"),
            "invalid type: integer …, expected a string"
        );
        assert_eq!(redact("missing field `id`"), "missing field `id`");
    }
}
