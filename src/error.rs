//! [`Error`]: every failure of this crate in one type, and the HTTP answer to each.
//!
//! * [`SecretError`]: a signing secret could not be used (at start-up). Answer `500`.
//! * [`VerifyError`]: a delivery failed verification. Answer `400`.
//! * [`ParseError`]: a delivery verified but its body is not a Clerk event this crate can read.
//!   Answer `422`.
//!
//! Each has `http_status()` and `public_reason()`, the status and the short body text to answer
//! with, so that a handler on any framework answers as the extractors do. No error ever
//! contains a secret, and none contains a payload value.

use crate::parse_error::ParseError;
use crate::secret::SecretError;
use crate::verify_error::VerifyError;

/// Any failure of this crate: a secret that cannot be used, a delivery that fails
/// verification, or a verified body that cannot be parsed.
///
/// [`Webhook::verify_event`](crate::Webhook::verify_event) returns it, and `?` converts each of
/// the three errors into it, so one `Result<_, clerk_webhooks::Error>` serves start-up and
/// request handling alike:
///
/// ```
/// use clerk_webhooks::{Error, Webhook};
///
/// fn handle(body: &[u8], headers: &[(&str, &str)]) -> Result<(), Error> {
///     let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?; // SecretError
///     let delivery = wh.verify_event(body, headers)?; // VerifyError or ParseError
///     println!("{}", delivery.event.event_type());
///     Ok(())
/// }
///
/// let err = handle(b"{}", &[]).unwrap_err();
/// assert!(matches!(err, Error::Verify(_)));
/// assert_eq!((err.http_status(), err.public_reason()), (400, "missing webhook header svix-id"));
/// ```
///
/// | variant | [`http_status`](Self::http_status) | [`public_reason`](Self::public_reason) |
/// |---|---|---|
/// | [`Verify`](Self::Verify) | `400` | the verify error's, e.g. `invalid webhook signature` |
/// | [`Parse`](Self::Parse) | `422` | `unprocessable webhook payload` |
/// | [`Secret`](Self::Secret) | `500` | `webhook verifier not configured` |
///
/// It displays as the error it holds, and its [`source`](std::error::Error::source) is that
/// error's source, so each fact is printed once in an error chain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The delivery failed verification: do not trust it.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The delivery verified, but its body could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A signing secret could not be used: the server is misconfigured.
    #[error(transparent)]
    Secret(#[from] SecretError),
}

impl Error {
    /// The HTTP status to answer with: `400` for a verification failure, `422` for a verified
    /// body that cannot be parsed, `500` for a secret that cannot be used.
    ///
    /// A `2xx` is never right for an error: it acknowledges the delivery, and Svix drops it.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Verify(error) => error.http_status(),
            Self::Parse(error) => error.http_status(),
            Self::Secret(error) => error.http_status(),
        }
    }

    /// A short reason that is safe to send as a response body. It never contains a secret, a
    /// payload value or the error's details (log the error itself for those).
    pub fn public_reason(&self) -> &'static str {
        match self {
            Self::Verify(error) => error.public_reason(),
            Self::Parse(error) => error.public_reason(),
            Self::Secret(error) => error.public_reason(),
        }
    }
}
