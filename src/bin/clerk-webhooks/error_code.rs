//! [`ErrorCode`]: why a delivery was refused or failed, as a stable snake_case word for the
//! `error_code` field of `listen --json` and `verify --json`.

use clerk_webhooks::VerifyError;
use serde::Serialize;

/// Why a delivery was refused or failed. The serialized words are part of the JSON format:
/// new ones may be added, existing ones keep their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ErrorCode {
    /// `listen`: the request was not a POST (answered 405).
    MethodNotAllowed,
    /// `listen`: the request body could not be read (answered 400).
    UnreadableBody,
    /// `listen`: the body is over the size limit (answered 413).
    BodyTooLarge,
    /// [`VerifyError::MissingHeader`].
    MissingHeader,
    /// [`VerifyError::InvalidHeader`].
    InvalidHeader,
    /// [`VerifyError::InvalidTimestamp`].
    InvalidTimestamp,
    /// [`VerifyError::TimestampTooOld`].
    TimestampTooOld,
    /// [`VerifyError::TimestampTooNew`].
    TimestampTooNew,
    /// [`VerifyError::InvalidSignature`].
    InvalidSignature,
    /// A verification failure this version of the CLI has no word for.
    NotVerified,
    /// The delivery verified but its body does not parse (answered 422).
    UnparseableBody,
    /// `listen --forward-to`: the handler answered with an error status.
    HandlerStatus,
    /// `listen --forward-to`: the handler could not be reached (answered 502).
    ForwardFailed,
}

impl From<&VerifyError> for ErrorCode {
    fn from(err: &VerifyError) -> Self {
        match err {
            VerifyError::MissingHeader { .. } => Self::MissingHeader,
            VerifyError::InvalidHeader { .. } => Self::InvalidHeader,
            VerifyError::InvalidTimestamp { .. } => Self::InvalidTimestamp,
            VerifyError::TimestampTooOld { .. } => Self::TimestampTooOld,
            VerifyError::TimestampTooNew { .. } => Self::TimestampTooNew,
            VerifyError::InvalidSignature => Self::InvalidSignature,
            _ => Self::NotVerified,
        }
    }
}

/// The words `verify --json` may write, for its `--help`.
pub(crate) const VERIFY_WORDS: &str = "\
error_code is one of: missing_header, invalid_header, invalid_timestamp, timestamp_too_old,
timestamp_too_new, invalid_signature, not_verified (a failure this version has no word for),
unparseable_body (verified, but the body does not parse).";

/// The words `listen --json` may write, for its `--help`.
pub(crate) const LISTEN_WORDS: &str = "\
error_code is one of: method_not_allowed (405), unreadable_body (400), body_too_large (413),
missing_header, invalid_header, invalid_timestamp, timestamp_too_old, timestamp_too_new,
invalid_signature, not_verified (400; a failure this version has no word for), unparseable_body
(422), handler_status (the --forward-to handler's error status), forward_failed (502).";

#[cfg(test)]
mod tests {
    use super::*;

    /// The snake_case words of a `--help` list.
    fn words(list: &str) -> Vec<String> {
        let list = list.strip_prefix("error_code is one of: ").unwrap();
        list.split([',', ' ', '\n', '.'])
            .filter(|word| !word.is_empty() && word.contains('_'))
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_help_lists_every_code_as_serialized() {
        let all = [
            ErrorCode::MethodNotAllowed,
            ErrorCode::UnreadableBody,
            ErrorCode::BodyTooLarge,
            ErrorCode::MissingHeader,
            ErrorCode::InvalidHeader,
            ErrorCode::InvalidTimestamp,
            ErrorCode::TimestampTooOld,
            ErrorCode::TimestampTooNew,
            ErrorCode::InvalidSignature,
            ErrorCode::NotVerified,
            ErrorCode::UnparseableBody,
            ErrorCode::HandlerStatus,
            ErrorCode::ForwardFailed,
        ];
        let serialized: Vec<String> = all
            .iter()
            .map(|code| {
                serde_json::to_value(code)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(words(LISTEN_WORDS), serialized);
        // `verify` writes the verification codes and `unparseable_body`.
        assert_eq!(words(VERIFY_WORDS), serialized[3..11]);
    }
}
