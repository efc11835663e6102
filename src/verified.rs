//! [`Verified`]: a delivery whose signature holds.

use crate::events::{parse_body, EventKind};
use crate::message_id::MessageId;
use crate::parse_error::ParseError;
use crate::verified_event::VerifiedEvent;
use std::fmt;
use time::OffsetDateTime;

/// A delivery whose signature holds: proof that Clerk sent these exact bytes.
///
/// [`Webhook::verify`](crate::Webhook::verify) returns it without allocating. It borrows only
/// the body; the message id is held inline, so the headers can be dropped as soon as `verify`
/// returns. [`parse`](Self::parse) turns it into a typed [`VerifiedEvent`], and
/// [`kind`](Self::kind) reads only the event type, so that a handler can acknowledge the kinds
/// it ignores without parsing them.
///
/// It is proof, so it cannot be built or altered outside this crate: its fields are private and
/// read through accessors, and only [`Webhook::verify`](crate::Webhook::verify) and
/// [`Webhook::verify_at`](crate::Webhook::verify_at) make one. Swapping the body of a verified
/// delivery does not compile:
///
/// ```compile_fail,E0616
/// # let wh = clerk_webhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
/// # let now = clerk_webhooks::time::OffsetDateTime::now_utc();
/// # let body: &[u8] = br#"{"type":"user.created","data":{"id":"user_1"}}"#;
/// # let (ts, sig) = (now.unix_timestamp().to_string(), wh.sign("msg_1", body, now));
/// # let headers = [("svix-id", "msg_1"), ("svix-timestamp", ts.as_str()), ("svix-signature", sig.as_str())];
/// let mut verified = wh.verify(body, &headers).unwrap();
/// verified.body = br#"{"type":"user.deleted","data":{"id":"user_1"}}"#; // E0616: private
/// ```
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
/// assert_eq!(verified.message_id(), "msg_p5jXN8AQM9LWM0D4loKWxJek");
/// assert_eq!(verified.delivered_at(), at);
/// assert_eq!(verified.body(), body);
/// assert_eq!(
///     format!("{verified:?}"),
///     "Verified { message_id: \"msg_p5jXN8AQM9LWM0D4loKWxJek\", \
///      delivered_at: 2021-02-25 15:02:10.0 +00:00:00, secret_index: 0, body: <20 bytes> }"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verified<'a> {
    message_id: MessageId,
    delivered_at: OffsetDateTime,
    secret_index: usize,
    body: &'a [u8],
}

impl<'a> Verified<'a> {
    /// Only verification makes one.
    pub(crate) fn new(
        message_id: MessageId,
        delivered_at: OffsetDateTime,
        secret_index: usize,
        body: &'a [u8],
    ) -> Self {
        Self {
            message_id,
            delivered_at,
            secret_index,
            body,
        }
    }

    /// The message id (`svix-id`, `msg_…`). It is the same on every retry of a delivery, so it
    /// is the idempotency key: record it in the same transaction as the delivery's effects, and
    /// skip a delivery whose id you have seen (the [`ledger`](crate::ledger) does both).
    pub fn message_id(&self) -> MessageId {
        self.message_id
    }

    /// When this delivery attempt was signed (`svix-timestamp`), in UTC, to the second. Retries
    /// get a new timestamp.
    pub fn delivered_at(&self) -> OffsetDateTime {
        self.delivered_at
    }

    /// The position, in the list given to [`Webhook::with_secrets`](crate::Webhook::with_secrets),
    /// of the secret whose signature matched; always 0 for a single-secret verifier.
    pub fn secret_index(&self) -> usize {
        self.secret_index
    }

    /// The verified body bytes.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The event type of the verified body, read without parsing the rest of it.
    ///
    /// A handler that acts on a few event types acknowledges the others with a `2xx` before
    /// parsing them, so that a body it would not read anyway can never be refused (a refused
    /// delivery is retried by Svix for days). The type is read with a skipping scan of the
    /// body; [`parse`](Self::parse) does the full, typed read.
    ///
    /// [`EventKind::Unknown`] when the type is one this version does not know, and also when
    /// the body has no readable `type` at all (such a body would not parse either).
    ///
    /// ```
    /// use clerk_webhooks::{EventKind, Webhook};
    /// use clerk_webhooks::time::OffsetDateTime;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// # let body: &[u8] = br#"{"data":{"id":"sess_1","status":7},"object":"event","type":"session.created"}"#;
    /// # let now = OffsetDateTime::now_utc();
    /// # let (ts, sig) = (now.unix_timestamp().to_string(), wh.sign("msg_1", body, now));
    /// # let headers = [("svix-id", "msg_1"), ("svix-timestamp", ts.as_str()), ("svix-signature", sig.as_str())];
    /// // A handler on any framework, given the raw body and the request headers:
    /// let verified = wh.verify(body, &headers)?;
    /// let status = match verified.kind() {
    ///     EventKind::UserCreated | EventKind::UserUpdated | EventKind::UserDeleted => {
    ///         let delivery = verified.parse()?; // 422 if this fails (see Error::http_status)
    ///         // … apply `delivery.into_event()` …
    /// #       let _ = delivery;
    ///         204
    ///     }
    ///     // Not ours: acknowledged unparsed, so Svix does not retry it. This body's
    ///     // `status` is not a string and would not parse.
    ///     _ => 204,
    /// };
    /// assert_eq!((verified.kind(), status), (EventKind::SessionCreated, 204));
    /// # Ok(())
    /// # }
    /// ```
    pub fn kind(&self) -> EventKind {
        EventKind::of_body(self.body)
    }

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
