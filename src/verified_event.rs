//! [`VerifiedEvent`]: a verified delivery, parsed.

use crate::events::ClerkEvent;
use crate::events::WebhookEvent;
use crate::message_id::MessageId;
use serde::{Deserialize, Serialize};
use std::ops::Deref;
use time::OffsetDateTime;

/// A verified and parsed delivery: the delivery's metadata and the parsed body.
///
/// It is a [`WebhookEvent`] (the `body` field) plus what only a verified delivery has: the
/// message id, the delivery time and the secret that matched. A function written for stored
/// bodies takes a live delivery through `WebhookEvent::from(delivery)` (`impl
/// From<VerifiedEvent> for WebhookEvent`), which drops the delivery metadata.
///
/// # Reading the event
///
/// Take the event by value with [`into_event`](Self::into_event), and match on it:
///
/// ```
/// use clerk_webhooks::{ClerkEvent, VerifiedEvent};
///
/// fn handle(delivery: VerifiedEvent) -> String {
///     let message_id = delivery.message_id; // Copy: read what you need first
///     match delivery.into_event() {
///         ClerkEvent::UserCreated(user) => format!("{message_id}: new user {}", user.id),
///         other => format!("{message_id}: ignoring {}", other.event_type()),
///     }
/// }
/// # let delivery = clerk_webhooks::VerifiedEvent::new(
/// #     clerk_webhooks::MessageId::new("msg_1").unwrap(),
/// #     clerk_webhooks::time::OffsetDateTime::UNIX_EPOCH,
/// #     ClerkEvent::UserCreated(Box::new(clerk_webhooks::events::User::new("user_1"))).into(),
/// # );
/// # assert_eq!(handle(delivery), "msg_1: new user user_1");
/// ```
///
/// It also dereferences to its [`WebhookEvent`] for reading, so `delivery.event.kind()` and
/// `delivery.instance_id` work on a reference. That read-only `Deref` cannot move the event out:
/// `match delivery.event { ClerkEvent::UserCreated(user) => … }` fails to compile with E0507
/// ("cannot move out of dereference"); use `into_event()`, or match on `&delivery.event`. There
/// is no `DerefMut`: a verified delivery is not edited in place.
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
/// A `VerifiedEvent` records a verification; it is not the proof of one ([`Verified`](crate::Verified)
/// is, and only verification makes one). [`VerifiedEvent::new`] and `Deserialize` build one
/// from parts, for tests and for storage you trust, and the extractors' `ClerkWebhook` wraps
/// one with a public field for the same reason.
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

impl VerifiedEvent {
    /// The typed event, by value, for a `match` that moves the payloads out. The delivery's
    /// metadata and the envelope fields are dropped: read them first (`message_id` and
    /// `delivered_at` are `Copy`).
    ///
    /// ```
    /// use clerk_webhooks::events::Role;
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent};
    ///
    /// let event = ClerkEvent::RoleCreated(Box::new(Role::new("role_1")));
    /// let delivery = VerifiedEvent::new(MessageId::new("msg_1")?, OffsetDateTime::UNIX_EPOCH, event.into());
    /// match delivery.into_event() {
    ///     ClerkEvent::RoleCreated(role) => assert_eq!(role.id, "role_1"),
    ///     other => panic!("unexpected {}", other.event_type()),
    /// }
    /// # Ok::<(), clerk_webhooks::VerifyError>(())
    /// ```
    pub fn into_event(self) -> ClerkEvent {
        self.body.event
    }
}

/// Reads the parsed body's fields (`delivery.event`, `delivery.instance_id`) through a
/// reference. See [Reading the event](VerifiedEvent#reading-the-event) for taking the event by
/// value.
impl Deref for VerifiedEvent {
    type Target = WebhookEvent;

    fn deref(&self) -> &WebhookEvent {
        &self.body
    }
}

/// Drops the delivery metadata, keeping the parsed body.
impl From<VerifiedEvent> for WebhookEvent {
    fn from(delivery: VerifiedEvent) -> Self {
        delivery.body
    }
}
