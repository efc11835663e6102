//! A test kit for your own webhook handlers: signed requests, and a realistic sample body for
//! every event type.
//!
//! Enable it for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! clerk-webhooks = { version = "0.1", features = ["testing"] }
//! ```
//!
//! [`Signer`] plays Svix's part: it turns a body (or a [`ClerkEvent`](crate::ClerkEvent) / [`WebhookEvent`]) and a
//! time into a [`SignedRequest`] — the three signature headers plus the body — ready for any
//! HTTP test client. [`sample_body`] returns a body in Clerk's format for each of the 51 types
//! in [`ClerkEvent::KNOWN_TYPES`](crate::ClerkEvent::KNOWN_TYPES).
//!
//! ```
//! use clerk_webhooks::testing::{self, Signer};
//! use clerk_webhooks::ClerkEvent;
//!
//! let signer = Signer::default(); // signs with testing::TEST_SECRET
//! let body = testing::sample_body("user.created").unwrap();
//! let request = signer.sign_now("msg_test_1", body);
//!
//! // What your handler does with it (the verifier must use the same secret):
//! let verified = signer.webhook().verify_event(&request.body, &request.headers)?;
//! assert!(matches!(verified.event, ClerkEvent::UserCreated(_)));
//!
//! // A body changed after signing does not verify, not even by one space:
//! let tampered = request.tampered();
//! assert!(signer.webhook().verify_event(&tampered.body, &tampered.headers).is_err());
//! # Ok::<(), clerk_webhooks::Error>(())
//! ```
//!
//! With the `http` feature, `SignedRequest::into_http_request` builds an `http::Request`
//! (for `tower::ServiceExt::oneshot` with axum, hyper, …); with `actix-web`,
//! `SignedRequest::to_actix_request` builds an `actix_web::test::TestRequest`; with `rocket`,
//! `SignedRequest::to_rocket_request` builds a request for Rocket's asynchronous local client.
//!
//! The sample bodies come from Clerk's published webhook examples. Five types have no published
//! example (`session.updated`, `invitation.created`, `invitation.accepted`,
//! `invitation.revoked`, `subscriptionItem.expired`); their samples are written to the closest
//! documented shape. The `user.created` and `user.updated` samples go beyond Clerk's examples,
//! whose `email_addresses` are empty although they name a primary address: they carry the
//! primary e-mail address and phone number they name, a username and both names, with times in
//! milliseconds and an `updated_at` that moves forward, as real deliveries do. They are
//! realistic, not authoritative: do not use them as a schema.
//!
//! ```
//! use clerk_webhooks::{testing, ClerkEvent, WebhookEvent};
//!
//! let body = testing::sample_body("user.created").unwrap();
//! let ClerkEvent::UserCreated(user) = WebhookEvent::from_slice(body)?.event else { unreachable!() };
//! let email = user.primary_email_address().map(|e| e.email_address.as_str());
//! assert_eq!(email, Some("john.doe@example.com"));
//! assert_eq!(user.primary_phone_number().map(|p| p.phone_number.as_str()), Some("+15555550100"));
//! assert_eq!(user.full_name().as_deref(), Some("John Doe"));
//! # Ok::<(), clerk_webhooks::ParseError>(())
//! ```

use crate::events::WebhookEvent;
use crate::headers as names;
use crate::message_id::MessageId;
use crate::secret::SecretError;
use crate::verified_event::VerifiedEvent;
use crate::webhook::Webhook;
use serde::Serialize;
use time::OffsetDateTime;

/// A signing secret for tests: the one Svix's and Standard Webhooks' own test suites use. Never
/// use it for a real endpoint.
pub const TEST_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// Which header names a [`Signer`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum HeaderNames {
    /// `svix-id`, `svix-timestamp`, `svix-signature`: what Clerk sends.
    #[default]
    Svix,
    /// `webhook-id`, `webhook-timestamp`, `webhook-signature`: the Standard Webhooks names.
    Standard,
}

impl HeaderNames {
    fn names(self) -> [&'static str; 3] {
        match self {
            Self::Svix => [names::SVIX_ID, names::SVIX_TIMESTAMP, names::SVIX_SIGNATURE],
            Self::Standard => [
                names::WEBHOOK_ID,
                names::WEBHOOK_TIMESTAMP,
                names::WEBHOOK_SIGNATURE,
            ],
        }
    }
}

/// Signs deliveries the way Svix does, for tests.
///
/// It signs with the first secret of its [`Webhook`]; a verifier built from the same secret
/// (or [`webhook`](Self::webhook) itself) accepts what it signs.
#[derive(Clone, Debug)]
pub struct Signer {
    webhook: Webhook,
    header_names: HeaderNames,
}

impl Default for Signer {
    /// A signer for [`TEST_SECRET`].
    fn default() -> Self {
        Self::new(TEST_SECRET).unwrap_or_else(|_| unreachable!("TEST_SECRET is a valid secret"))
    }
}

impl Signer {
    /// A signer for a `whsec_…` secret.
    ///
    /// # Errors
    ///
    /// As for [`Webhook::new`].
    pub fn new(secret: &str) -> Result<Self, SecretError> {
        Ok(Self::from_webhook(Webhook::new(secret)?))
    }

    /// A signer that signs with the first secret of `webhook`.
    pub fn from_webhook(webhook: Webhook) -> Self {
        Self {
            webhook,
            header_names: HeaderNames::Svix,
        }
    }

    /// Writes the given header names (the `svix-*` set by default).
    #[must_use]
    pub fn with_header_names(mut self, names: HeaderNames) -> Self {
        self.header_names = names;
        self
    }

    /// A verifier for the signer's secret, with the default tolerance: hand it (or a clone) to
    /// the application under test.
    pub fn webhook(&self) -> &Webhook {
        &self.webhook
    }

    /// Signs `body` as delivered at `at` under the message id `message_id` (`msg_…`).
    ///
    /// A retry of a delivery has the same message id and a new time; a different event has a
    /// different message id.
    pub fn sign(
        &self,
        message_id: &str,
        body: impl Into<Vec<u8>>,
        at: OffsetDateTime,
    ) -> SignedRequest {
        let body = body.into();
        let timestamp = at.unix_timestamp();
        let signature = self.webhook.sign(message_id, &body, at);
        let [id_name, timestamp_name, signature_name] = self.header_names.names();
        SignedRequest {
            headers: vec![
                (id_name.to_owned(), message_id.to_owned()),
                (timestamp_name.to_owned(), timestamp.to_string()),
                (signature_name.to_owned(), signature),
            ],
            body,
        }
    }

    /// [`sign`](Self::sign) at the current time.
    pub fn sign_now(&self, message_id: &str, body: impl Into<Vec<u8>>) -> SignedRequest {
        self.sign(message_id, body, OffsetDateTime::now_utc())
    }

    /// Serializes an event to Clerk's wire format and signs it.
    ///
    /// `event` is a [`ClerkEvent`](crate::ClerkEvent) (written as `{"type":…, "data":…}`), a [`WebhookEvent`]
    /// (which adds `object`, `timestamp`, `instance_id` and `event_attributes` when set), or any
    /// other `Serialize` value.
    ///
    /// ```
    /// use clerk_webhooks::events::{UnixMillis, User};
    /// use clerk_webhooks::testing::Signer;
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, WebhookEvent};
    ///
    /// let mut user = User::new("user_1");
    /// user.first_name = Some("Ada".into());
    /// let mut event = WebhookEvent::from(ClerkEvent::UserCreated(Box::new(user)));
    /// event.timestamp = Some(UnixMillis(1_716_883_200_000));
    ///
    /// let signer = Signer::default();
    /// let request = signer.sign_event("msg_1", &event, OffsetDateTime::now_utc());
    /// let verified = signer.webhook().verify_event(&request.body, &request.headers)?;
    /// assert_eq!(verified.event, event.event);
    /// assert_eq!(verified.timestamp, Some(UnixMillis(1_716_883_200_000)));
    /// # Ok::<(), clerk_webhooks::Error>(())
    /// ```
    ///
    /// # Panics
    ///
    /// If `event` fails to serialize to JSON, which this crate's types never do.
    pub fn sign_event<E: Serialize + ?Sized>(
        &self,
        message_id: &str,
        event: &E,
        at: OffsetDateTime,
    ) -> SignedRequest {
        let body = serde_json::to_vec(event).expect("the event serializes to JSON");
        self.sign(message_id, body, at)
    }

    /// Signs the [`sample_body`] of `event_type` at `at`; `None` for a type without a sample.
    pub fn sign_sample(
        &self,
        message_id: &str,
        event_type: &str,
        at: OffsetDateTime,
    ) -> Option<SignedRequest> {
        sample_body(event_type).map(|body| self.sign(message_id, body, at))
    }
}

/// A signed delivery: the three signature headers and the exact body they sign.
///
/// Send it with any HTTP client or test utility: every header in [`headers`](Self::headers),
/// plus `content-type: application/json`, and [`body`](Self::body) as the body, byte for byte.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedRequest {
    /// `(name, value)` pairs: the message id, the timestamp (Unix seconds) and the signature.
    pub headers: Vec<(String, String)>,
    /// The signed body.
    pub body: Vec<u8>,
}

impl SignedRequest {
    /// The value of a header (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The message id (`svix-id` or `webhook-id`), or `""` when it was removed.
    pub fn message_id(&self) -> &str {
        self.header(names::SVIX_ID)
            .or_else(|| self.header(names::WEBHOOK_ID))
            .unwrap_or("")
    }

    /// The same request with one trailing space added to the body: still valid JSON, no longer
    /// the signed bytes, so it must fail verification. This is what re-serializing a body
    /// before verifying does to a real delivery.
    #[must_use]
    pub fn tampered(mut self) -> Self {
        self.body.push(b' ');
        self
    }

    /// The same request with a header set (replacing any header of that name,
    /// case-insensitively).
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self = self.without_header(name);
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same request without the named header (case-insensitive).
    #[must_use]
    pub fn without_header(mut self, name: &str) -> Self {
        self.headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self
    }

    /// A `POST` to `uri` with the signature headers, `content-type: application/json`, and the
    /// body. `B` is any body type that converts from `Vec<u8>` (`axum::body::Body`,
    /// `String`-free `Vec<u8>`, `bytes::Bytes`, …).
    ///
    /// ```
    /// use clerk_webhooks::testing::Signer;
    ///
    /// let signed = Signer::default().sign_now("msg_1", &b"{}"[..]);
    /// let request: http::Request<Vec<u8>> = signed.into_http_request("/webhooks/clerk");
    /// assert_eq!(request.method(), http::Method::POST);
    /// assert!(request.headers().contains_key("svix-signature"));
    /// ```
    ///
    /// # Panics
    ///
    /// If `uri` is not a valid URI, or a header set with
    /// [`with_header`](Self::with_header) is not a valid HTTP header.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn into_http_request<B: From<Vec<u8>>>(self, uri: &str) -> http::Request<B> {
        let mut builder =
            http::Request::post(uri).header(http::header::CONTENT_TYPE, "application/json");
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder
            .body(B::from(self.body))
            .expect("a valid URI and valid headers")
    }

    /// An `actix_web::test::TestRequest`: a `POST` to `uri` with the signature headers,
    /// `content-type: application/json`, and the body.
    #[cfg(feature = "actix-web")]
    #[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
    pub fn to_actix_request(&self, uri: &str) -> actix_web::test::TestRequest {
        let mut request = actix_web::test::TestRequest::post()
            .uri(uri)
            .insert_header(("content-type", "application/json"));
        for (name, value) in &self.headers {
            request = request.insert_header((name.as_str(), value.as_str()));
        }
        request.set_payload(self.body.clone())
    }

    /// A request for Rocket's asynchronous local client: a `POST` to `uri` with the signature
    /// headers, `content-type: application/json`, and the body. Dispatch it with
    /// `.dispatch().await`.
    ///
    /// ```
    /// use clerk_webhooks::testing::{self, Signer};
    /// use rocket::local::asynchronous::Client;
    ///
    /// # rocket::async_test(async {
    /// let client = Client::untracked(rocket::build()).await.expect("a valid Rocket");
    /// let request = Signer::default()
    ///     .sign_now("msg_1", testing::sample_body("user.created").unwrap())
    ///     .to_rocket_request(&client, "/webhooks/clerk");
    /// assert!(request.inner().headers().contains("svix-signature"));
    /// # });
    /// ```
    #[cfg(feature = "rocket")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
    pub fn to_rocket_request<'c>(
        &self,
        client: &'c rocket::local::asynchronous::Client,
        uri: &'c str,
    ) -> rocket::local::asynchronous::LocalRequest<'c> {
        let mut request = client
            .post(uri)
            .header(rocket::http::ContentType::JSON)
            .body(&self.body);
        for (name, value) in &self.headers {
            request.add_header(rocket::http::Header::new(name.clone(), value.clone()));
        }
        request
    }
}

macro_rules! samples {
    ( $( $event_type:literal => $path:literal, )+ ) => {
        /// Every event type with a sample body: exactly [`ClerkEvent::KNOWN_TYPES`](crate::ClerkEvent::KNOWN_TYPES), in the same
        /// order.
        pub const SAMPLE_EVENT_TYPES: &[&str] = &[ $( $event_type, )+ ];

        const SAMPLES: &[(&str, &[u8])] = &[ $( ($event_type, include_bytes!($path)), )+ ];
    };
}

samples! {
    "user.created" => "testing/samples/user.created.json",
    "user.updated" => "testing/samples/user.updated.json",
    "user.deleted" => "../tests/fixtures/events/user.deleted.json",
    "session.created" => "../tests/fixtures/events/session.created.json",
    "session.updated" => "testing/samples/session.updated.json",
    "session.pending" => "../tests/fixtures/events/session.pending.json",
    "session.ended" => "../tests/fixtures/events/session.ended.json",
    "session.removed" => "../tests/fixtures/events/session.removed.json",
    "session.revoked" => "../tests/fixtures/events/session.revoked.json",
    "organization.created" => "../tests/fixtures/events/organization.created.json",
    "organization.updated" => "../tests/fixtures/events/organization.updated.json",
    "organization.deleted" => "../tests/fixtures/events/organization.deleted.json",
    "organizationDomain.created" => "../tests/fixtures/events/organizationDomain.created.json",
    "organizationDomain.updated" => "../tests/fixtures/events/organizationDomain.updated.json",
    "organizationDomain.deleted" => "../tests/fixtures/events/organizationDomain.deleted.json",
    "organizationInvitation.created" => "../tests/fixtures/events/organizationInvitation.created.json",
    "organizationInvitation.accepted" => "../tests/fixtures/events/organizationInvitation.accepted.json",
    "organizationInvitation.revoked" => "../tests/fixtures/events/organizationInvitation.revoked.json",
    "organizationMembership.created" => "../tests/fixtures/events/organizationMembership.created.json",
    "organizationMembership.updated" => "../tests/fixtures/events/organizationMembership.updated.json",
    "organizationMembership.deleted" => "../tests/fixtures/events/organizationMembership.deleted.json",
    "role.created" => "../tests/fixtures/events/role.created.json",
    "role.updated" => "../tests/fixtures/events/role.updated.json",
    "role.deleted" => "../tests/fixtures/events/role.deleted.json",
    "permission.created" => "../tests/fixtures/events/permission.created.json",
    "permission.updated" => "../tests/fixtures/events/permission.updated.json",
    "permission.deleted" => "../tests/fixtures/events/permission.deleted.json",
    "email.created" => "../tests/fixtures/events/email.created.json",
    "sms.created" => "../tests/fixtures/events/sms.created.json",
    "invitation.created" => "testing/samples/invitation.created.json",
    "invitation.accepted" => "testing/samples/invitation.accepted.json",
    "invitation.revoked" => "testing/samples/invitation.revoked.json",
    "waitlistEntry.created" => "../tests/fixtures/events/waitlistEntry.created.json",
    "waitlistEntry.updated" => "../tests/fixtures/events/waitlistEntry.updated.json",
    "subscription.created" => "../tests/fixtures/events/subscription.created.json",
    "subscription.updated" => "../tests/fixtures/events/subscription.updated.json",
    "subscription.active" => "../tests/fixtures/events/subscription.active.json",
    "subscription.pastDue" => "../tests/fixtures/events/subscription.pastDue.json",
    "subscriptionItem.created" => "../tests/fixtures/events/subscriptionItem.created.json",
    "subscriptionItem.updated" => "../tests/fixtures/events/subscriptionItem.updated.json",
    "subscriptionItem.active" => "../tests/fixtures/events/subscriptionItem.active.json",
    "subscriptionItem.canceled" => "../tests/fixtures/events/subscriptionItem.canceled.json",
    "subscriptionItem.upcoming" => "../tests/fixtures/events/subscriptionItem.upcoming.json",
    "subscriptionItem.ended" => "../tests/fixtures/events/subscriptionItem.ended.json",
    "subscriptionItem.abandoned" => "../tests/fixtures/events/subscriptionItem.abandoned.json",
    "subscriptionItem.incomplete" => "../tests/fixtures/events/subscriptionItem.incomplete.json",
    "subscriptionItem.pastDue" => "../tests/fixtures/events/subscriptionItem.pastDue.json",
    "subscriptionItem.freeTrialEnding" => "../tests/fixtures/events/subscriptionItem.freeTrialEnding.json",
    "subscriptionItem.expired" => "testing/samples/subscriptionItem.expired.json",
    "paymentAttempt.created" => "../tests/fixtures/events/paymentAttempt.created.json",
    "paymentAttempt.updated" => "../tests/fixtures/events/paymentAttempt.updated.json",
}

/// A realistic webhook body, in Clerk's wire format, for `event_type`; `None` for a type
/// outside [`SAMPLE_EVENT_TYPES`].
///
/// ```
/// let body = clerk_webhooks::testing::sample_body("organization.created").unwrap();
/// let event = clerk_webhooks::WebhookEvent::from_slice(body)?;
/// assert_eq!(event.event.event_type(), "organization.created");
/// # Ok::<(), clerk_webhooks::ParseError>(())
/// ```
pub fn sample_body(event_type: &str) -> Option<&'static [u8]> {
    SAMPLES
        .iter()
        .find(|(known, _)| *known == event_type)
        .map(|(_, body)| *body)
}

/// Every `(event_type, body)` sample, in the order of [`SAMPLE_EVENT_TYPES`].
pub fn samples() -> impl ExactSizeIterator<Item = (&'static str, &'static [u8])> {
    SAMPLES.iter().copied()
}

/// The [`sample_body`] of `event_type`, parsed: a starting point for an event of your own (set
/// the fields you need, then [`Signer::sign_event`]).
///
/// ```
/// use clerk_webhooks::testing;
/// use clerk_webhooks::ClerkEvent;
///
/// let mut event = testing::sample_event("user.updated").unwrap();
/// if let ClerkEvent::UserUpdated(user) = &mut event.event {
///     user.first_name = Some("Grace".into());
/// }
/// let request = testing::Signer::default()
///     .sign_event("msg_2", &event, clerk_webhooks::time::OffsetDateTime::now_utc());
/// # let _ = request;
/// ```
pub fn sample_event(event_type: &str) -> Option<WebhookEvent> {
    let body = sample_body(event_type)?;
    Some(WebhookEvent::from_slice(body).expect("every sample body parses"))
}

/// The [`sample_event`] of `event_type` as a [`VerifiedEvent`], as a verified delivery of it
/// would produce: for handler tests that take the parsed delivery (or, through `From`, a
/// framework extractor's `ClerkWebhook`) without signing anything.
///
/// The message id is `msg_sample_` followed by the type's position in [`SAMPLE_EVENT_TYPES`]
/// (set [`VerifiedEvent::message_id`] to test idempotency), `delivered_at` is now, to the
/// second, and `secret_index` is 0.
///
/// ```
/// use clerk_webhooks::{testing, EventKind};
///
/// let delivery = testing::verified_sample("session.revoked").unwrap();
/// assert_eq!(delivery.event.kind(), EventKind::SessionRevoked);
/// assert!(delivery.message_id.starts_with("msg_sample_"));
/// assert!(testing::verified_sample("no.such.type").is_none());
/// ```
pub fn verified_sample(event_type: &str) -> Option<VerifiedEvent> {
    let index = SAMPLE_EVENT_TYPES
        .iter()
        .position(|known| *known == event_type)?;
    let message_id = MessageId::new(&format!("msg_sample_{index:02}"))
        .expect("a short id without `.` is a valid message id");
    let now = OffsetDateTime::now_utc();
    let delivered_at = OffsetDateTime::from_unix_timestamp(now.unix_timestamp()).unwrap_or(now);
    Some(VerifiedEvent::new(
        message_id,
        delivered_at,
        sample_event(event_type)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClerkEvent;

    #[test]
    fn there_is_one_sample_per_known_type_in_the_same_order() {
        assert_eq!(SAMPLE_EVENT_TYPES, ClerkEvent::KNOWN_TYPES);
        assert_eq!(samples().len(), ClerkEvent::KNOWN_TYPES.len());
    }

    #[test]
    fn standard_header_names() {
        let signer = Signer::default().with_header_names(HeaderNames::Standard);
        let request = signer.sign_now("msg_1", &b"{}"[..]);
        assert_eq!(request.message_id(), "msg_1");
        assert!(request.header("webhook-signature").is_some());
        assert!(signer
            .webhook()
            .verify(&request.body, &request.headers)
            .is_ok());
    }
}
