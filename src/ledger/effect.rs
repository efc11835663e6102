//! [`Effect`]: what one event does to a mirror, generated per event type from the crate's
//! event list.

use super::resource_kind::bytes_eq;
use super::ResourceKind;
use crate::events::billing::{PaymentAttempt, Subscription, SubscriptionItem};
use crate::events::{
    DeletedObject, EmailMessage, Invitation, Organization, OrganizationDomain,
    OrganizationInvitation, OrganizationMembership, Permission, Role, Session, SmsMessage,
    UnixMillis, User, WaitlistEntry,
};
use crate::{ClerkEvent, VerifiedEvent};

/// What one delivery does to a mirror of Clerk's data: the resource it concerns, the version it
/// brings, and whether it deletes the resource.
///
/// [`Effect::of`] reads it from a delivery by the rule of its event type (the table in the
/// [module docs](crate::ledger)). The ledger's claim functions use it; with the SQL constants of
/// [`postgres`](super::postgres), [`sqlite`](super::sqlite) and [`mysql`](super::mysql), it
/// gives the parameters of the claim statements to any other database library.
///
/// ```
/// use clerk_webhooks::events::User;
/// use clerk_webhooks::ledger::{Effect, ResourceKind};
/// use clerk_webhooks::time::OffsetDateTime;
/// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent, WebhookEvent};
///
/// let mut user = User::new("user_1");
/// user.updated_at = 1_716_883_200_000.into();
/// let delivery = VerifiedEvent::new(
///     MessageId::new("msg_1")?,
///     OffsetDateTime::now_utc(),
///     WebhookEvent::from(ClerkEvent::UserUpdated(Box::new(user))),
/// );
/// let effect = Effect::of(&delivery).expect("user.updated concerns a user");
/// assert_eq!(effect.kind, ResourceKind::User);
/// assert_eq!(effect.id, "user_1");
/// assert_eq!(effect.version, 1_716_883_200_000);
/// assert!(!effect.deletes);
/// # Ok::<(), clerk_webhooks::VerifyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Effect<'a> {
    /// The kind of resource.
    pub kind: ResourceKind,
    /// The resource id: the event's `data.id`, never empty.
    pub id: &'a str,
    /// The version this delivery brings, in milliseconds since the Unix epoch (`0` for a
    /// resource announced once): see [`Effect::of`].
    pub version: i64,
    /// `true` when the event deletes the resource (`*.deleted`).
    pub deletes: bool,
}

impl<'a> Effect<'a> {
    /// The effect of a delivery, or `None` when it concerns no resource: an event type this
    /// version does not know, or a body without a `data.id` (an empty id counts as none).
    ///
    /// The version is, by the event type's rule:
    ///
    /// * **`updated_at`** (an upsert): the payload's `updated_at`; when it is absent, zero or
    ///   negative, the envelope `timestamp`; when that is absent, zero or negative too, the
    ///   delivery time [`VerifiedEvent::delivered_at`] in milliseconds.
    /// * **event time** (a deletion): the envelope `timestamp`, or else the delivery time. A
    ///   deletion applies whatever its version; the version is recorded, not compared.
    /// * **once** (`email.created`, `sms.created`): `0`. Such a resource has a single version, so
    ///   its first claim applies and every later one is [`Stale`](super::Claim::Stale), whatever
    ///   its `svix-id`.
    pub fn of(delivery: &'a VerifiedEvent) -> Option<Self> {
        let (rule, updated_at) = rule_of(&delivery.body.event)?;
        let id = delivery.body.event.resource_id()?;
        let event_time = delivery
            .body
            .timestamp
            .map(UnixMillis::as_millis)
            .filter(|&ms| ms > 0)
            .unwrap_or_else(|| millis(delivery.delivered_at));
        let version = match rule.version {
            VersionRule::UpdatedAt => updated_at.filter(|&ms| ms > 0).unwrap_or(event_time),
            VersionRule::EventTime => event_time,
            VersionRule::Once => 0,
        };
        Some(Self {
            kind: rule.kind,
            id,
            version,
            deletes: rule.deletes,
        })
    }
}

/// A time as milliseconds since the epoch, saturating (an `OffsetDateTime` spans ±9999 years,
/// well inside `i64` milliseconds, so the saturation is never reached).
pub(crate) fn millis(at: time::OffsetDateTime) -> i64 {
    let ms = at.unix_timestamp_nanos() / 1_000_000;
    i64::try_from(ms).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX })
}

/// Where an event type's version comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionRule {
    /// The payload's `updated_at`, then the envelope `timestamp`, then the delivery time.
    UpdatedAt,
    /// The envelope `timestamp`, then the delivery time.
    EventTime,
    /// A constant: the resource is announced once.
    Once,
}

impl VersionRule {
    /// The words the module docs' table uses.
    #[cfg(test)]
    pub(crate) const fn doc_name(self) -> &'static str {
        match self {
            Self::UpdatedAt => "`updated_at`",
            Self::EventTime => "event time",
            Self::Once => "once",
        }
    }
}

/// One event type's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) event_type: &'static str,
    pub(crate) kind: ResourceKind,
    pub(crate) version: VersionRule,
    pub(crate) deletes: bool,
}

impl Rule {
    /// The rule of an event type, from its name (`<resource>.<action>`) and its payload's
    /// version rule: `*.deleted` deletes and takes the event time. Evaluated at compile time,
    /// so an event type whose prefix names no [`ResourceKind`] fails the build.
    const fn new(event_type: &'static str, payload: VersionRule) -> Self {
        let kind = match ResourceKind::of_event_type(event_type) {
            Some(kind) => kind,
            None => panic!("an event type's prefix names no ledger::ResourceKind"),
        };
        let deletes = ends_with(event_type.as_bytes(), b".deleted");
        Self {
            event_type,
            kind,
            version: if deletes {
                VersionRule::EventTime
            } else {
                payload
            },
            deletes,
        }
    }
}

const fn ends_with(s: &[u8], suffix: &[u8]) -> bool {
    s.len() >= suffix.len() && bytes_eq(s.split_at(s.len() - suffix.len()).1, suffix)
}

/// A payload type's version: where it comes from, and its `updated_at` when it has one.
trait Versioned {
    const RULE: VersionRule;
    /// The payload's `updated_at`; none for payloads without one.
    fn updated_at(&self) -> Option<i64> {
        None
    }
}

macro_rules! updated_at {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl Versioned for $ty {
                const RULE: VersionRule = VersionRule::UpdatedAt;
                fn updated_at(&self) -> Option<i64> {
                    Some(self.updated_at.as_millis())
                }
            }
        )+
    };
}

updated_at!(
    User,
    Session,
    Organization,
    OrganizationDomain,
    OrganizationInvitation,
    OrganizationMembership,
    Role,
    Permission,
    Invitation,
    WaitlistEntry,
    Subscription,
    PaymentAttempt,
);

impl Versioned for SubscriptionItem {
    const RULE: VersionRule = VersionRule::UpdatedAt;
    fn updated_at(&self) -> Option<i64> {
        self.updated_at.map(UnixMillis::as_millis)
    }
}

impl Versioned for DeletedObject {
    const RULE: VersionRule = VersionRule::EventTime;
}

impl Versioned for EmailMessage {
    const RULE: VersionRule = VersionRule::Once;
}

impl Versioned for SmsMessage {
    const RULE: VersionRule = VersionRule::Once;
}

macro_rules! rules {
    ( $( $(#[$doc:meta])* $variant:ident($payload:ty) => $wire:literal, )+ ) => {
        /// The rule of every event type the crate knows, in the order of the event list.
        #[cfg(test)]
        pub(crate) const RULES: &[Rule] = &[
            $( Rule::new($wire, <$payload as Versioned>::RULE), )+
        ];

        /// The rule of a typed event and its payload's `updated_at`; `None` for an unknown one.
        fn rule_of(event: &ClerkEvent) -> Option<(Rule, Option<i64>)> {
            match event {
                $(
                    ClerkEvent::$variant(payload) => {
                        const RULE: Rule = Rule::new($wire, <$payload as Versioned>::RULE);
                        Some((RULE, Versioned::updated_at(&**payload)))
                    }
                )+
                ClerkEvent::Unknown(_) => None,
            }
        }
    };
}

crate::events::with_events!(rules);

#[cfg(test)]
mod tests {
    use super::{Effect, VersionRule, RULES};
    use crate::events::billing::SubscriptionItem;
    use crate::events::{DeletedObject, EmailMessage, SmsMessage, UnixMillis, User};
    use crate::ledger::ResourceKind;
    use crate::{ClerkEvent, MessageId, VerifiedEvent, WebhookEvent};
    use time::OffsetDateTime;

    fn delivery(event: ClerkEvent, timestamp: Option<i64>, delivered_at: i64) -> VerifiedEvent {
        let mut body = WebhookEvent::from(event);
        body.timestamp = timestamp.map(UnixMillis::new);
        VerifiedEvent::new(
            MessageId::new("msg_1").unwrap(),
            OffsetDateTime::from_unix_timestamp(delivered_at).unwrap(),
            body,
        )
    }

    #[test]
    fn every_known_event_type_has_one_rule_in_order() {
        let types: Vec<_> = RULES.iter().map(|r| r.event_type).collect();
        assert_eq!(types, ClerkEvent::KNOWN_TYPES);
        assert_eq!(RULES.len(), 51);
    }

    #[test]
    fn deletions_are_the_deleted_types_and_take_the_event_time() {
        for rule in RULES {
            assert_eq!(
                rule.deletes,
                rule.event_type.ends_with(".deleted"),
                "{rule:?}"
            );
            if rule.deletes {
                assert_eq!(rule.version, VersionRule::EventTime, "{rule:?}");
            }
        }
        let deletes: Vec<_> = RULES.iter().filter(|r| r.deletes).map(|r| r.kind).collect();
        assert_eq!(
            deletes,
            [
                ResourceKind::User,
                ResourceKind::Organization,
                ResourceKind::OrganizationDomain,
                ResourceKind::OrganizationMembership,
                ResourceKind::Role,
                ResourceKind::Permission,
            ]
        );
        let once: Vec<_> = RULES
            .iter()
            .filter(|r| r.version == VersionRule::Once)
            .map(|r| r.event_type)
            .collect();
        assert_eq!(once, ["email.created", "sms.created"]);
    }

    #[test]
    fn an_upsert_takes_updated_at_then_the_envelope_timestamp_then_the_delivery_time() {
        let mut user = User::new("user_1");
        user.updated_at = UnixMillis::new(5_000);
        let event = ClerkEvent::UserUpdated(Box::new(user.clone()));
        let effect = delivery(event.clone(), Some(9_000), 20).clone();
        let effect = Effect::of(&effect).unwrap();
        assert_eq!(
            (effect.kind, effect.id, effect.version, effect.deletes),
            (ResourceKind::User, "user_1", 5_000, false)
        );

        for absent in [0, -1] {
            user.updated_at = UnixMillis::new(absent);
            let event = ClerkEvent::UserUpdated(Box::new(user.clone()));
            let d = delivery(event.clone(), Some(9_000), 20);
            assert_eq!(Effect::of(&d).unwrap().version, 9_000);
            let d = delivery(event.clone(), None, 20);
            assert_eq!(Effect::of(&d).unwrap().version, 20_000);
            let d = delivery(event, Some(0), 20);
            assert_eq!(Effect::of(&d).unwrap().version, 20_000);
        }
    }

    #[test]
    fn a_subscription_item_without_updated_at_falls_back() {
        let mut item = SubscriptionItem::new("csubi_1");
        item.updated_at = None;
        let d = delivery(
            ClerkEvent::SubscriptionItemActive(Box::new(item.clone())),
            Some(7),
            1,
        );
        let effect = Effect::of(&d).unwrap();
        assert_eq!(
            (effect.kind, effect.version),
            (ResourceKind::SubscriptionItem, 7)
        );
        item.updated_at = Some(UnixMillis::new(3));
        let d = delivery(
            ClerkEvent::SubscriptionItemActive(Box::new(item)),
            Some(7),
            1,
        );
        assert_eq!(Effect::of(&d).unwrap().version, 3);
    }

    #[test]
    fn a_deletion_takes_the_event_time_even_with_a_full_payload() {
        let deleted = DeletedObject {
            id: Some("org_1".into()),
            deleted: true,
            ..DeletedObject::default()
        };
        let d = delivery(
            ClerkEvent::OrganizationDeleted(Box::new(deleted)),
            Some(11),
            2,
        );
        let effect = Effect::of(&d).unwrap();
        assert_eq!(
            (effect.kind, effect.id, effect.version, effect.deletes),
            (ResourceKind::Organization, "org_1", 11, true)
        );
        let d = delivery(
            ClerkEvent::RoleDeleted(Box::new(DeletedObject {
                id: Some("role_1".into()),
                ..DeletedObject::default()
            })),
            None,
            2,
        );
        assert_eq!(Effect::of(&d).unwrap().version, 2_000);

        let mut membership = crate::events::OrganizationMembership::new("orgmem_1");
        membership.updated_at = UnixMillis::new(1);
        let d = delivery(
            ClerkEvent::OrganizationMembershipDeleted(Box::new(membership)),
            Some(50),
            2,
        );
        let effect = Effect::of(&d).unwrap();
        assert_eq!(
            (effect.kind, effect.version, effect.deletes),
            (ResourceKind::OrganizationMembership, 50, true)
        );
    }

    #[test]
    fn announcements_have_a_single_version() {
        let d = delivery(
            ClerkEvent::EmailCreated(Box::new(EmailMessage::new("ema_1"))),
            Some(5),
            9,
        );
        let effect = Effect::of(&d).unwrap();
        assert_eq!(
            (effect.kind, effect.id, effect.version),
            (ResourceKind::Email, "ema_1", 0)
        );
        let d = delivery(
            ClerkEvent::SmsCreated(Box::new(SmsMessage::new("sms_1"))),
            Some(6),
            10,
        );
        let effect = Effect::of(&d).unwrap();
        assert_eq!(
            (effect.kind, effect.id, effect.version),
            (ResourceKind::Sms, "sms_1", 0)
        );
    }

    #[test]
    fn no_resource_without_an_id_or_for_an_unknown_type() {
        let d = delivery(ClerkEvent::UserDeleted(Box::default()), Some(1), 1);
        assert_eq!(Effect::of(&d), None);
        let d = delivery(ClerkEvent::UserUpdated(Box::new(User::new(""))), Some(1), 1);
        assert_eq!(Effect::of(&d), None);
        let unknown =
            ClerkEvent::from_slice(br#"{"type":"brand.new","data":{"id":"x_1"}}"#).unwrap();
        assert_eq!(Effect::of(&delivery(unknown, Some(1), 1)), None);
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        let d = VerifiedEvent::new(
            MessageId::new("msg_1").unwrap(),
            time::PrimitiveDateTime::MAX.assume_utc(),
            WebhookEvent::from(ClerkEvent::RoleDeleted(Box::new(DeletedObject {
                id: Some("r".into()),
                ..DeletedObject::default()
            }))),
        );
        assert!(Effect::of(&d).unwrap().version > 0);
        let d = VerifiedEvent::new(
            MessageId::new("msg_1").unwrap(),
            time::PrimitiveDateTime::MIN.assume_utc(),
            WebhookEvent::from(ClerkEvent::RoleDeleted(Box::new(DeletedObject {
                id: Some("r".into()),
                ..DeletedObject::default()
            }))),
        );
        assert!(Effect::of(&d).unwrap().version < 0);
    }
}
