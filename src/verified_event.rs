//! [`VerifiedEvent`]: a verified delivery, parsed.

use crate::events::WebhookEvent;
use crate::message_id::MessageId;
use serde::{Deserialize, Serialize};
use std::ops::{Deref, DerefMut};
use time::OffsetDateTime;

/// A verified and parsed delivery: the delivery's metadata and the parsed body.
///
/// It is a [`WebhookEvent`] (the `body` field, which it also dereferences to, so
/// `delivery.event` and `delivery.instance_id` read the body's fields) plus what only a verified
/// delivery has: the message id, the delivery time and the secret that matched. A function
/// written for stored bodies takes a live delivery through `WebhookEvent::from(delivery)`
/// (`impl From<VerifiedEvent> for WebhookEvent`), which drops the delivery metadata.
///
/// To take the event by value, move it out of the body: `match delivery.body.event { … }`.
///
/// # Queues
///
/// Clerk's guidance is to answer `2xx` at once and do slow work later. `VerifiedEvent` is
/// `Serialize + Deserialize` and round-trips losslessly, so the verified delivery can go to a
/// queue and be handled by a worker:
///
/// ```
/// use clerk_webhooks::{ClerkEvent, VerifiedEvent, Webhook};
/// use clerk_webhooks::time::OffsetDateTime;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// # let body: &[u8] = br#"{"data":{"object":"role","id":"role_1","deleted":true},"object":"event","type":"role.deleted"}"#;
/// # let now = OffsetDateTime::now_utc();
/// # let (ts, sig) = (now.unix_timestamp().to_string(), wh.sign("msg_1", body, now));
/// # let headers = [("svix-id", "msg_1"), ("svix-timestamp", ts.as_str()), ("svix-signature", sig.as_str())];
/// let mut queue = Vec::new();
///
/// // In the handler: verify, enqueue, answer 2xx.
/// let delivery = wh.verify_event(body, &headers)?;
/// queue.push(serde_json::to_string(&delivery)?);
/// let status = 204;
///
/// // In the worker: the message id is still the idempotency key.
/// let job: VerifiedEvent = serde_json::from_str(&queue[0])?;
/// assert_eq!(job, delivery);
/// assert!(matches!(job.event, ClerkEvent::RoleDeleted(_)));
/// # assert_eq!(status, 204);
/// # Ok(())
/// # }
/// ```
///
/// **Deserializing a `VerifiedEvent` trusts whoever wrote it.** Nothing in the serialized form
/// proves that it was verified: read one only from storage inside your trust boundary (your own
/// queue or database), never from a request. The serialized shape is
/// `{"message_id": "msg_…", "delivered_at": <Unix seconds>, "secret_index": 0, "body": {…}}`,
/// where `body` is the webhook body in Clerk's wire shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerifiedEvent {
    /// The message id (`svix-id`): the idempotency key. See
    /// [`Verified::message_id`](crate::Verified::message_id).
    pub message_id: MessageId,
    /// When this delivery attempt was signed (`svix-timestamp`). Serialized as Unix seconds.
    #[serde(with = "time::serde::timestamp")]
    pub delivered_at: OffsetDateTime,
    /// Which configured secret matched. See
    /// [`Verified::secret_index`](crate::Verified::secret_index).
    pub secret_index: usize,
    /// The parsed body: the typed event and its envelope fields.
    pub body: WebhookEvent,
}

impl VerifiedEvent {
    /// Builds a verified delivery from its parts, with `secret_index` 0.
    ///
    /// For handler tests, and for rebuilding a delivery from storage you trust. The
    /// `testing` feature's `testing::verified_sample` builds one from a sample body.
    ///
    /// ```
    /// use clerk_webhooks::events::Role;
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent, WebhookEvent};
    ///
    /// let event = ClerkEvent::RoleCreated(Box::new(Role::new("role_1")));
    /// let delivery = VerifiedEvent::new(
    ///     MessageId::new("msg_1")?,
    ///     OffsetDateTime::UNIX_EPOCH,
    ///     WebhookEvent::from(event),
    /// );
    /// assert_eq!(delivery.event.resource_id(), Some("role_1"));
    /// # Ok::<(), clerk_webhooks::VerifyError>(())
    /// ```
    pub fn new(message_id: MessageId, delivered_at: OffsetDateTime, body: WebhookEvent) -> Self {
        Self {
            message_id,
            delivered_at,
            secret_index: 0,
            body,
        }
    }
}

impl Deref for VerifiedEvent {
    type Target = WebhookEvent;

    fn deref(&self) -> &WebhookEvent {
        &self.body
    }
}

impl DerefMut for VerifiedEvent {
    fn deref_mut(&mut self) -> &mut WebhookEvent {
        &mut self.body
    }
}

/// Drops the delivery metadata, keeping the parsed body.
impl From<VerifiedEvent> for WebhookEvent {
    fn from(delivery: VerifiedEvent) -> Self {
        delivery.body
    }
}
