//! Signing secrets (`whsec_…`): decoding them into HMAC key bytes, and [`SecretError`].

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, Engine};
use zeroize::Zeroizing;

/// The prefix Svix and Clerk put in front of a signing secret.
pub(crate) const SECRET_PREFIX: &str = "whsec_";

/// The standard alphabet only, with missing `=` padding and non-zero trailing bits accepted:
/// this is how the JavaScript, Java and Python verifiers decode a truncated secret. Any
/// character outside `A-Z a-z 0-9 + / =` is an error (Python and Ruby silently drop such
/// characters, which turns typos into a different key).
const SECRET_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Prefixes of other kinds of keys that are easy to paste by mistake.
const OTHER_PREFIXES: &[(&str, &str)] = &[
    ("sk_live_", "a Clerk Secret Key for the Backend API"),
    ("sk_test_", "a Clerk Secret Key for the Backend API"),
    ("pk_live_", "a Clerk Publishable Key"),
    ("pk_test_", "a Clerk Publishable Key"),
    (
        "whsk_",
        "an asymmetric (ed25519) signing key, which this crate does not support",
    ),
    (
        "whpk_",
        "an asymmetric (ed25519) public key, which this crate does not support",
    ),
];

/// Why a signing secret was rejected.
///
/// The message says what is wrong and never contains the secret or any part of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
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
    /// [`Webhook::from_env_var`](crate::Webhook::from_env_var) found the variable unset, or
    /// set to nothing but whitespace.
    #[error(
        "no webhook signing secret: set {name} to the `whsec_…` secret from the Clerk Dashboard"
    )]
    EnvVarNotSet {
        /// The variable's name (never its value).
        name: String,
    },
    /// The secret read from an environment variable by
    /// [`Webhook::from_env`](crate::Webhook::from_env) or
    /// [`Webhook::from_env_var`](crate::Webhook::from_env_var) was rejected.
    ///
    /// It displays only the variable's name; [`source`](std::error::Error::source) says why,
    /// so an error chain reads
    /// `webhook signing secret in CLERK_WEBHOOK_SECRET was rejected: webhook signing secret is empty`.
    #[error("webhook signing secret in {name} was rejected")]
    InEnvVar {
        /// The variable's name (never its value).
        name: String,
        /// Why its value was rejected.
        source: Box<SecretError>,
    },
    /// [`Webhook::with_secrets`](crate::Webhook::with_secrets) was given no secrets.
    #[error("no webhook signing secrets were given")]
    NoSecrets,
    /// One secret in a list given to [`Webhook::with_secrets`](crate::Webhook::with_secrets)
    /// was rejected.
    ///
    /// It displays only the position; [`source`](std::error::Error::source) says why that
    /// secret was rejected, so an error chain prints each fact once:
    /// `webhook signing secret #1 (0-based) was rejected: webhook signing secret is empty`.
    #[error("webhook signing secret #{index} (0-based) was rejected")]
    InList {
        /// The 0-based position of the rejected secret.
        index: usize,
        /// Why it was rejected.
        source: Box<SecretError>,
    },
}

impl SecretError {
    /// The HTTP status to answer with when a request arrives and no verifier could be built:
    /// `500`. A bad secret is the server's fault, and Svix retries a `5xx`, so nothing is lost
    /// once the secret is fixed.
    pub fn http_status(&self) -> u16 {
        500
    }

    /// A short reason that is safe to send as a response body:
    /// `webhook verifier not configured`.
    pub fn public_reason(&self) -> &'static str {
        "webhook verifier not configured"
    }
}

/// Decodes `secret` (an optional `whsec_` prefix, then standard base64) into key bytes.
///
/// Surrounding whitespace is trimmed, since secrets are often pasted or read from files with a
/// trailing newline. The returned bytes are wiped when dropped.
pub(crate) fn decode_secret(secret: &str) -> Result<Zeroizing<Vec<u8>>, SecretError> {
    let secret = secret.trim();
    for &(prefix, what) in OTHER_PREFIXES {
        if secret.starts_with(prefix) {
            return Err(SecretError::WrongPrefix { prefix, what });
        }
    }
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    if encoded.is_empty() {
        return Err(SecretError::Empty);
    }
    let mut key = Zeroizing::new(Vec::new());
    SECRET_ENGINE
        .decode_vec(encoded, &mut key)
        .map_err(|err| SecretError::InvalidBase64 {
            reason: match err {
                base64::DecodeError::InvalidByte(..) => {
                    "it contains a character outside the standard base64 alphabet"
                }
                base64::DecodeError::InvalidLength(_) => "its length is not a valid base64 length",
                base64::DecodeError::InvalidLastSymbol { .. } => "its last character is invalid",
                base64::DecodeError::InvalidPadding => "its `=` padding is malformed",
            },
        })?;
    if key.is_empty() {
        return Err(SecretError::Empty);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_optional() {
        let with = decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let without = decode_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(*with, *without);
        assert_eq!(with.len(), 24);
    }

    #[test]
    fn unpadded_secrets_decode_like_padded_ones() {
        let one = decode_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS").unwrap();
        let one_padded = decode_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS=").unwrap();
        assert_eq!(*one, *one_padded);
        let two = decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr").unwrap();
        let two_padded = decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr==").unwrap();
        assert_eq!(*two, *two_padded);
    }

    #[test]
    fn bad_secrets_are_rejected_without_echoing_them() {
        for (secret, expected) in [
            ("", SecretError::Empty),
            ("whsec_", SecretError::Empty),
            ("   ", SecretError::Empty),
        ] {
            assert_eq!(decode_secret(secret).unwrap_err(), expected);
        }
        for secret in [
            "whsec_ab-_cdSECRET",
            "whsec_abc!",
            "whsec_a",
            "whsec_abc===",
        ] {
            let err = decode_secret(secret).unwrap_err();
            assert!(
                matches!(err, SecretError::InvalidBase64 { .. }),
                "{secret}: {err:?}"
            );
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("SECRET") && !shown.contains(secret));
        }
        let err = decode_secret("sk_test_abcdefSECRET").unwrap_err();
        assert!(matches!(
            err,
            SecretError::WrongPrefix {
                prefix: "sk_test_",
                ..
            }
        ));
        assert!(!err.to_string().contains("SECRET"));
    }
}
