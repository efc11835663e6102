//! [`Verified`]: a delivery whose signature holds.

use crate::events::parse_body;
use crate::message_id::MessageId;
use crate::parse_error::ParseError;
use crate::verified_event::VerifiedEvent;
use std::fmt;
use time::OffsetDateTime;

/// A delivery whose signature holds: proof that Clerk sent these exact bytes.
///
/// [`Webhook::verify`](crate::Webhook::verify) returns it without allocating. It borrows only
/// the body; the message id is held inline, so the headers can be dropped as soon as `verify`
/// returns. [`parse`](Self::parse) turns it into a typed [`VerifiedEvent`].
///
/// ```
/// use clerk_webhooks::Webhook;
/// use clerk_webhooks::time::OffsetDateTime;
///
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let body = br#"{"test": 2432232314}"#;
/// let at = OffsetDateTime::from_unix_timestamp(1614265330)?;
/// let signature = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", body, at);
///
/// // The header array is a temporary: `verified` does not borrow it.
/// let verified = wh.verify_at(
///     body,
///     &[
///         ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///         ("svix-timestamp", "1614265330"),
///         ("svix-signature", signature.as_str()),
///     ],
///     at,
/// )?;
/// assert_eq!(verified.message_id, "msg_p5jXN8AQM9LWM0D4loKWxJek");
/// assert_eq!(verified.delivered_at, at);
/// assert_eq!(
///     format!("{verified:?}"),
///     "Verified { message_id: \"msg_p5jXN8AQM9LWM0D4loKWxJek\", \
///      delivered_at: 2021-02-25 15:02:10.0 +00:00:00, secret_index: 0, body: <20 bytes> }"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Verified<'a> {
    /// The message id (`svix-id`, `msg_…`). It is the same on every retry of a delivery, so it
    /// is the idempotency key: record it in the same transaction as the delivery's effects, and
    /// skip a delivery whose id you have seen.
    pub message_id: MessageId,
    /// When this delivery attempt was signed (`svix-timestamp`), in UTC, to the second. Retries
    /// get a new timestamp.
    pub delivered_at: OffsetDateTime,
    /// The position, in the list given to [`Webhook::with_secrets`](crate::Webhook::with_secrets),
    /// of the secret whose signature matched; always 0 for a single-secret verifier.
    pub secret_index: usize,
    /// The verified body bytes.
    pub body: &'a [u8],
}

impl Verified<'_> {
    /// Parses the verified body into a typed event.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the event type and the JSON path of the failing field. An
    /// unrecognised event type is not an error: it becomes
    /// [`ClerkEvent::Unknown`](crate::ClerkEvent::Unknown).
    pub fn parse(&self) -> Result<VerifiedEvent, ParseError> {
        Ok(VerifiedEvent {
            message_id: self.message_id,
            delivered_at: self.delivered_at,
            secret_index: self.secret_index,
            body: parse_body(self.body)?,
        })
    }
}

/// Shows the id, time and secret index, and only the length of the body: a body holds
/// personal data, which must not reach logs.
impl fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("message_id", &self.message_id)
            .field("delivered_at", &self.delivered_at)
            .field("secret_index", &self.secret_index)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}
