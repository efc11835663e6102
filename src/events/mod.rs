//! Typed Clerk webhook events.
//!
//! [`ClerkEvent`] has one variant per event type Clerk documents. Each variant boxes the typed
//! payload of the event's `data` object. [`WebhookEvent`] adds the envelope fields that sit
//! beside `data` in the body (`timestamp`, `instance_id`, `event_attributes`).
//!
//! # How the payload types are built
//!
//! Clerk's payloads have changed continually since 2022, and the official examples do not
//! always match the official schema. The types here are therefore *lenient by design*:
//!
//! * **Unknown fields are ignored.** No type uses `deny_unknown_fields`.
//! * **Only the event's own `data.id` is required; everything else defaults.** A missing
//!   field, or a `null` in a field the schema calls non-nullable, becomes the type's default
//!   (`""`, `false`, `0`, an empty list or map). That includes every nested identifier
//!   (`payer.id`, `plan.id`, `organization.id` inside a membership, `email_addresses[].id`,
//!   `public_user_data.user_id`, …), which reads as `""`; a payload type that is an event's
//!   `data` in one place and nested in another (a `User` inside a `Session`, an
//!   `Organization` inside a membership) requires its `id` only as the event's `data`. Fields
//!   the schema calls nullable, or that some payloads omit, are `Option`.
//! * **`null` list elements are skipped.** `[null, {…}]` reads as `[{…}]` in every list, of
//!   structs and strings alike, and a `null` list reads as empty.
//! * **Enum-like strings are open.** Statuses, strategies, intervals and the like are enums with
//!   an `Unknown(UnknownValue)` variant that keeps the original string and serializes it back
//!   unchanged. Equality follows the wire string; [the open-enum rule](crate#stability) says
//!   how to match on such a value.
//! * **Metadata stays JSON.** `public_metadata`, `private_metadata` and `unsafe_metadata` are
//!   [`serde_json::Map`]s.
//! * **Times are [`UnixMillis`].** Every epoch-millisecond field is the [`UnixMillis`] newtype,
//!   which converts to [`time::OffsetDateTime`] and orders correctly for last-write-wins.
//! * **Dispatch is on the envelope `type`, never on `data.object`**, because `data.object` has
//!   disagreed with the schema for several resources (`subscription_item` against
//!   `commerce_subscription_item`, `waitlistEntry` against `waitlist_entry`, …).
//! * An event type this version does not know becomes [`ClerkEvent::Unknown`], which keeps the
//!   type string and the raw `data`. It is never an error, and
//!   [the open-enum rule](crate#stability) holds for it too.
//!
//! Every struct is `#[non_exhaustive]` with `pub` fields: read the fields directly, and build
//! values with `new(id)` (on every event `data` type) or `Default`, plus field assignment, or
//! by deserializing.

/// Calls `$callback!` with the list of every event type this crate knows, in the form
/// `$(#[doc] Variant(Payload) => "wire.type",)+`. [`ClerkEvent`] and [`EventKind`] are both
/// generated from this one list, so they cannot drift apart.
macro_rules! with_events {
    ($callback:ident) => {
        $callback! {
            /// A user signed up or was created through the Backend API or dashboard.
            UserCreated(User) => "user.created",
            /// A user's profile, identifiers or metadata changed.
            UserUpdated(User) => "user.updated",
            /// A user was deleted. Carries only the deleted-object stub.
            UserDeleted(DeletedObject) => "user.deleted",
            /// A session was created (a sign-in).
            SessionCreated(Session) => "session.created",
            /// A session changed. Clerk publishes no schema for this event; it is parsed as a `Session`.
            SessionUpdated(Session) => "session.updated",
            /// A session is waiting on session tasks (status `pending`).
            SessionPending(Session) => "session.pending",
            /// A session ended because the user signed out.
            SessionEnded(Session) => "session.ended",
            /// A session was removed from its client.
            SessionRemoved(Session) => "session.removed",
            /// A session was revoked through the Backend API or dashboard.
            SessionRevoked(Session) => "session.revoked",
            /// An organization was created.
            OrganizationCreated(Organization) => "organization.created",
            /// An organization changed.
            OrganizationUpdated(Organization) => "organization.updated",
            /// An organization was deleted. Carries only the deleted-object stub.
            OrganizationDeleted(DeletedObject) => "organization.deleted",
            /// A domain was added to an organization.
            OrganizationDomainCreated(OrganizationDomain) => "organizationDomain.created",
            /// An organization domain changed (for example, it was verified).
            OrganizationDomainUpdated(OrganizationDomain) => "organizationDomain.updated",
            /// An organization domain was deleted. Carries only the deleted-object stub.
            OrganizationDomainDeleted(DeletedObject) => "organizationDomain.deleted",
            /// A user was invited to an organization.
            OrganizationInvitationCreated(OrganizationInvitation) => "organizationInvitation.created",
            /// An organization invitation was accepted; `user_id` names the accepting user.
            OrganizationInvitationAccepted(OrganizationInvitation) => "organizationInvitation.accepted",
            /// An organization invitation was revoked.
            OrganizationInvitationRevoked(OrganizationInvitation) => "organizationInvitation.revoked",
            /// A user joined an organization.
            OrganizationMembershipCreated(OrganizationMembership) => "organizationMembership.created",
            /// A membership changed (for example, its role).
            OrganizationMembershipUpdated(OrganizationMembership) => "organizationMembership.updated",
            /// A user left or was removed from an organization. Unlike the other `*.deleted` events,
            /// this carries the **full** membership.
            OrganizationMembershipDeleted(OrganizationMembership) => "organizationMembership.deleted",
            /// An organization role was created.
            RoleCreated(Role) => "role.created",
            /// An organization role changed.
            RoleUpdated(Role) => "role.updated",
            /// An organization role was deleted. Carries only the deleted-object stub.
            RoleDeleted(DeletedObject) => "role.deleted",
            /// An organization permission was created.
            PermissionCreated(Permission) => "permission.created",
            /// An organization permission changed.
            PermissionUpdated(Permission) => "permission.updated",
            /// An organization permission was deleted. Carries only the deleted-object stub.
            PermissionDeleted(DeletedObject) => "permission.deleted",
            /// Clerk produced an email. When `delivered_by_clerk` is false, your app must send it.
            EmailCreated(EmailMessage) => "email.created",
            /// Clerk produced an SMS. When `delivered_by_clerk` is false, your app must send it.
            SmsCreated(SmsMessage) => "sms.created",
            /// An instance invitation was created. Clerk publishes no schema for this event; it is parsed
            /// as an [`Invitation`].
            InvitationCreated(Invitation) => "invitation.created",
            /// An instance invitation was accepted (no published schema; parsed as an [`Invitation`]).
            InvitationAccepted(Invitation) => "invitation.accepted",
            /// An instance invitation was revoked (no published schema; parsed as an [`Invitation`]).
            InvitationRevoked(Invitation) => "invitation.revoked",
            /// Someone joined the waitlist.
            WaitlistEntryCreated(WaitlistEntry) => "waitlistEntry.created",
            /// A waitlist entry changed (for example, it was invited).
            WaitlistEntryUpdated(WaitlistEntry) => "waitlistEntry.updated",
            /// A billing subscription was created.
            SubscriptionCreated(Subscription) => "subscription.created",
            /// A billing subscription changed.
            SubscriptionUpdated(Subscription) => "subscription.updated",
            /// A billing subscription became active.
            SubscriptionActive(Subscription) => "subscription.active",
            /// A billing subscription is past due.
            SubscriptionPastDue(Subscription) => "subscription.pastDue",
            /// A subscription item was created. Removed from Clerk's spec in 2026-08 but still typed by
            /// `@clerk/backend`; accepted here.
            SubscriptionItemCreated(SubscriptionItem) => "subscriptionItem.created",
            /// A subscription item changed.
            SubscriptionItemUpdated(SubscriptionItem) => "subscriptionItem.updated",
            /// A subscription item became active.
            SubscriptionItemActive(SubscriptionItem) => "subscriptionItem.active",
            /// A subscription item was canceled.
            SubscriptionItemCanceled(SubscriptionItem) => "subscriptionItem.canceled",
            /// A subscription item is upcoming (it starts at the next period).
            SubscriptionItemUpcoming(SubscriptionItem) => "subscriptionItem.upcoming",
            /// A subscription item ended.
            SubscriptionItemEnded(SubscriptionItem) => "subscriptionItem.ended",
            /// A subscription item was abandoned.
            SubscriptionItemAbandoned(SubscriptionItem) => "subscriptionItem.abandoned",
            /// A subscription item is incomplete (its first payment has not succeeded).
            SubscriptionItemIncomplete(SubscriptionItem) => "subscriptionItem.incomplete",
            /// A subscription item is past due.
            SubscriptionItemPastDue(SubscriptionItem) => "subscriptionItem.pastDue",
            /// A free trial ends in three days. The item stays `active` with `is_free_trial` true.
            SubscriptionItemFreeTrialEnding(SubscriptionItem) => "subscriptionItem.freeTrialEnding",
            /// A subscription item expired (named in Clerk's billing docs; no published schema; parsed
            /// as a [`SubscriptionItem`]).
            SubscriptionItemExpired(SubscriptionItem) => "subscriptionItem.expired",
            /// A payment attempt was created.
            PaymentAttemptCreated(PaymentAttempt) => "paymentAttempt.created",
            /// A payment attempt changed (for example, it was paid or failed).
            PaymentAttemptUpdated(PaymentAttempt) => "paymentAttempt.updated",
        }
    };
}
pub(crate) use with_events;

mod open_enum;
mod serde_util;

pub mod billing;
mod constructors;
mod deleted;
mod email;
mod envelope;
mod event_kind;
mod invitation;
mod organization;
mod organization_domain;
mod organization_invitation;
mod organization_membership;
mod permission;
mod role;
mod session;
mod sms;
mod unix_millis;
mod unknown_value;
mod user;
mod verification;
mod waitlist_entry;

pub use deleted::DeletedObject;
pub use email::EmailMessage;
pub(crate) use envelope::parse_body;
pub use envelope::{ClientRequest, EventAttributes, WebhookEvent};
pub use event_kind::EventKind;
pub use invitation::{Invitation, InvitationStatus};
pub use organization::{Organization, PublicOrganizationData};
pub use organization_domain::{
    EnrollmentMode, OrganizationDomain, OrganizationDomainVerification,
    OrganizationDomainVerificationStatus,
};
pub use organization_invitation::{OrganizationInvitation, OrganizationInvitationStatus};
pub use organization_membership::{OrganizationMembership, PublicUserData};
pub use permission::Permission;
pub use role::Role;
pub use session::{Session, SessionActivity, SessionStatus, SessionTask};
pub use sms::SmsMessage;
pub use unix_millis::UnixMillis;
pub use unknown_value::UnknownValue;
pub(crate) use unknown_value::UNKNOWN_VALUE_TOKEN;
pub use user::{
    EmailAddress, EnterpriseAccount, EnterpriseConnection, ExternalAccount, IdentificationLink,
    Passkey, PhoneNumber, SamlAccount, SamlConnection, ScimUserMetadata, User, Web3Wallet,
};
pub use verification::{
    Verification, VerificationFailure, VerificationStatus, VerificationStrategy,
};
pub use waitlist_entry::{WaitlistEntry, WaitlistEntryStatus};

use crate::parse_error::ParseError;
use billing::{PaymentAttempt, Subscription, SubscriptionItem};
use envelope::parse_event;
use serde::de::Deserializer;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// An event type this version of the crate does not know, kept losslessly.
///
/// Clerk adds event types over time. Rather than fail the delivery, the parser keeps the
/// `type` string and the whole `data` object so that a handler can log it, store it, or parse it
/// itself.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The envelope's `type`, for example `"invitation.expired"`.
    pub event_type: String,
    /// The envelope's `data`, unchanged.
    pub data: serde_json::Value,
}

impl UnknownEvent {
    /// Builds an unknown event from its type string and raw data.
    pub fn new(event_type: impl Into<String>, data: serde_json::Value) -> Self {
        Self {
            event_type: event_type.into(),
            data,
        }
    }
}

macro_rules! clerk_events {
    ( $( $(#[$doc:meta])* $variant:ident($payload:ty) => $wire:literal, )+ ) => {
        /// A Clerk webhook event, typed by its envelope `type`.
        ///
        /// `Deserialize` reads the **whole webhook body** (`{"data":…, "object":"event",
        /// "type":…, …}`) and dispatches on `type`; the envelope's other fields are read by
        /// [`WebhookEvent`]. `Serialize` writes Clerk's wire shape `{"type":…, "data":…}`, which
        /// parses back to an equal value.
        ///
        /// ```
        /// use clerk_webhooks::ClerkEvent;
        ///
        /// let body = r#"{"data":{"object":"role","id":"role_1","deleted":true},
        ///                "object":"event","type":"role.deleted"}"#;
        /// let event: ClerkEvent = serde_json::from_str(body)?;
        /// match &event {
        ///     ClerkEvent::RoleDeleted(deleted) => assert_eq!(deleted.id.as_deref(), Some("role_1")),
        ///     other => panic!("unexpected {}", other.event_type()),
        /// }
        /// assert_eq!(event.event_type(), "role.deleted");
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum ClerkEvent {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nWire type: `", $wire, "`.")]
                $variant(Box<$payload>),
            )+
            /// An event type this version of the crate does not know. Never an error. To
            /// handle such a type, compare [`event_type`](Self::event_type) with its wire
            /// string: see [the open-enum rule](crate#stability).
            Unknown(Box<UnknownEvent>),
        }

        impl ClerkEvent {
            /// Every event type this version of the crate parses into a typed variant.
            pub const KNOWN_TYPES: &'static [&'static str] = &[ $( $wire, )+ ];

            /// The envelope `type` string, for example `"user.created"`.
            pub fn event_type(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $wire, )+
                    Self::Unknown(unknown) => &unknown.event_type,
                }
            }

            /// The kind of event, for routing and metrics without string matching.
            ///
            /// ```
            /// use clerk_webhooks::{ClerkEvent, EventKind};
            ///
            /// let event = ClerkEvent::from_slice(br#"{"type":"session.revoked","data":{"id":"sess_1"}}"#)?;
            /// assert_eq!(event.kind(), EventKind::SessionRevoked);
            /// assert_eq!(event.kind().as_str(), event.event_type());
            /// # Ok::<(), clerk_webhooks::ParseError>(())
            /// ```
            pub fn kind(&self) -> EventKind {
                match self {
                    $( Self::$variant(_) => EventKind::$variant, )+
                    Self::Unknown(_) => EventKind::Unknown,
                }
            }

            /// The id of the resource the event is about: `data.id` (`user_…`, `sess_…`,
            /// `org_…`, …), for every variant, [`Unknown`](Self::Unknown) included. `None` when
            /// the body's `data.id` is absent (possible only for deleted-object stubs and
            /// unknown events) or empty.
            ///
            /// ```
            /// use clerk_webhooks::ClerkEvent;
            ///
            /// let deleted = ClerkEvent::from_slice(
            ///     br#"{"type":"user.deleted","data":{"object":"user","id":"user_1","deleted":true}}"#,
            /// )?;
            /// assert_eq!(deleted.resource_id(), Some("user_1"));
            /// let unknown = ClerkEvent::from_slice(br#"{"type":"brand.new","data":{"id":"x_1"}}"#)?;
            /// assert_eq!(unknown.resource_id(), Some("x_1"));
            /// # Ok::<(), clerk_webhooks::ParseError>(())
            /// ```
            pub fn resource_id(&self) -> Option<&str> {
                let id = match self {
                    $( Self::$variant(payload) => Resource::resource_id(&**payload), )+
                    Self::Unknown(unknown) => unknown.data.get("id").and_then(serde_json::Value::as_str),
                };
                id.filter(|id| !id.is_empty())
            }

            /// Parses `data` for the given event type. Unknown types become `Unknown`.
            pub(crate) fn deserialize_data<'de, D>(event_type: &str, data: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                Ok(match event_type {
                    $( $wire => Self::$variant(Box::new(<$payload>::deserialize(data)?)), )+
                    other => Self::Unknown(Box::new(UnknownEvent {
                        event_type: other.to_owned(),
                        data: serde_json::Value::deserialize(data)?,
                    })),
                })
            }

            fn serialize_data<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                match self {
                    $( Self::$variant(payload) => map.serialize_entry("data", payload), )+
                    Self::Unknown(unknown) => map.serialize_entry("data", &unknown.data),
                }
            }
        }
    };
}

with_events!(clerk_events);

/// A payload type that is the `data` of an event, and so names a resource.
trait Resource {
    fn resource_id(&self) -> Option<&str>;
}

macro_rules! resources {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl Resource for $ty {
                fn resource_id(&self) -> Option<&str> {
                    Some(&self.id)
                }
            }
        )+
    };
}

resources!(
    User,
    Session,
    Organization,
    OrganizationDomain,
    OrganizationInvitation,
    OrganizationMembership,
    Role,
    Permission,
    EmailMessage,
    SmsMessage,
    Invitation,
    WaitlistEntry,
    Subscription,
    SubscriptionItem,
    PaymentAttempt,
);

impl Resource for DeletedObject {
    fn resource_id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

impl ClerkEvent {
    /// Parses a whole webhook body into an event **without verifying it**.
    ///
    /// Use [`Webhook::verify_event`](crate::Webhook::verify_event) on anything from the network;
    /// this is for stored, already-verified bodies and for tests. It reads what
    /// `serde_json::from_slice::<ClerkEvent>` reads, but returns the [`ParseError`] itself, with
    /// its path, category and position in the body. [`WebhookEvent::from_slice`] keeps the
    /// envelope fields as well.
    ///
    /// ```
    /// use clerk_webhooks::{ClerkEvent, EventKind};
    ///
    /// let body = br#"{"type":"user.created","data":{"id":"user_1","email_addresses":["ada@example.com"]}}"#;
    /// let err = ClerkEvent::from_slice(body).unwrap_err();
    /// assert_eq!(err.path(), "data.email_addresses[0]");
    /// assert!(!err.to_string().contains("ada@example.com"));
    ///
    /// let event = ClerkEvent::from_slice(br#"{"type":"user.created","data":{"id":"user_1"}}"#)?;
    /// assert_eq!(event.kind(), EventKind::UserCreated);
    /// assert_eq!(event.resource_id(), Some("user_1"));
    /// # Ok::<(), clerk_webhooks::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the event type and the JSON path of the failing field.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        parse_event(body)
    }

    /// `true` for [`ClerkEvent::Unknown`].
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }

    /// Writes `"type"` and `"data"` into a map being serialized.
    pub(crate) fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("type", self.event_type())?;
        self.serialize_data(map)
    }
}

impl Serialize for ClerkEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        self.serialize_fields(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for ClerkEvent {
    /// Reads a whole webhook body: a JSON object with `type` and `data`, keys in any order.
    /// The other envelope fields are skipped unread (use [`WebhookEvent`] to keep them).
    ///
    /// Errors quote no payload value, and name the event type; see [`WebhookEvent`]'s
    /// `Deserialize` impl for how they differ from [`ClerkEvent::from_slice`]'s [`ParseError`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        envelope::read_serde(deserializer, envelope::EnvelopeFields::Skip).map(|e| e.data)
    }
}
