//! [`ResourceKind`]: the kind of Clerk resource an event concerns.

use std::fmt;

/// The kind of Clerk resource an event concerns: with the resource id, the key of the ledger's
/// resource row.
///
/// The set is open: a later release may add kinds for event types Clerk adds, so match with a
/// wildcard arm. [`as_str`](Self::as_str) is the name stored in the ledger's `kind` column, and
/// never changes for an existing kind.
///
/// ```
/// use clerk_webhooks::ledger::ResourceKind;
///
/// assert_eq!(ResourceKind::OrganizationMembership.as_str(), "organization_membership");
/// assert_eq!(ResourceKind::Email.to_string(), "email");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ResourceKind {
    /// A user (`user.*`, ids `user_…`).
    User,
    /// A session (`session.*`, ids `sess_…`).
    Session,
    /// An organization (`organization.*`, ids `org_…`).
    Organization,
    /// An organization domain (`organizationDomain.*`).
    OrganizationDomain,
    /// An organization invitation (`organizationInvitation.*`).
    OrganizationInvitation,
    /// An organization membership (`organizationMembership.*`).
    OrganizationMembership,
    /// An organization role (`role.*`).
    Role,
    /// An organization permission (`permission.*`).
    Permission,
    /// An email Clerk produced (`email.created`, ids `ema_…`): announced once.
    Email,
    /// An SMS Clerk produced (`sms.created`): announced once.
    Sms,
    /// An instance invitation (`invitation.*`).
    Invitation,
    /// A waitlist entry (`waitlistEntry.*`).
    WaitlistEntry,
    /// A billing subscription (`subscription.*`).
    Subscription,
    /// A billing subscription item (`subscriptionItem.*`).
    SubscriptionItem,
    /// A billing payment attempt (`paymentAttempt.*`).
    PaymentAttempt,
}

impl ResourceKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ResourceKind] = &[
        Self::User,
        Self::Session,
        Self::Organization,
        Self::OrganizationDomain,
        Self::OrganizationInvitation,
        Self::OrganizationMembership,
        Self::Role,
        Self::Permission,
        Self::Email,
        Self::Sms,
        Self::Invitation,
        Self::WaitlistEntry,
        Self::Subscription,
        Self::SubscriptionItem,
        Self::PaymentAttempt,
    ];

    /// The name stored in the ledger's `kind` column: lowercase `snake_case`, at most 32 bytes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Session => "session",
            Self::Organization => "organization",
            Self::OrganizationDomain => "organization_domain",
            Self::OrganizationInvitation => "organization_invitation",
            Self::OrganizationMembership => "organization_membership",
            Self::Role => "role",
            Self::Permission => "permission",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Invitation => "invitation",
            Self::WaitlistEntry => "waitlist_entry",
            Self::Subscription => "subscription",
            Self::SubscriptionItem => "subscription_item",
            Self::PaymentAttempt => "payment_attempt",
        }
    }

    /// The kind named by an event type's prefix (the part before the `.`, in Clerk's
    /// camelCase: `"organizationMembership"`), or `None`. `const`, so that the per-event rule
    /// is checked when the crate compiles.
    pub(crate) const fn of_event_type(event_type: &str) -> Option<Self> {
        let bytes = event_type.as_bytes();
        let mut dot = 0;
        while dot < bytes.len() && bytes[dot] != b'.' {
            dot += 1;
        }
        let (prefix, _) = bytes.split_at(dot);
        let mut i = 0;
        while i < Self::ALL.len() {
            let kind = Self::ALL[i];
            if eq(prefix, kind.event_prefix().as_bytes()) {
                return Some(kind);
            }
            i += 1;
        }
        None
    }

    /// The prefix of this kind's event types in Clerk's naming.
    const fn event_prefix(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Session => "session",
            Self::Organization => "organization",
            Self::OrganizationDomain => "organizationDomain",
            Self::OrganizationInvitation => "organizationInvitation",
            Self::OrganizationMembership => "organizationMembership",
            Self::Role => "role",
            Self::Permission => "permission",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Invitation => "invitation",
            Self::WaitlistEntry => "waitlistEntry",
            Self::Subscription => "subscription",
            Self::SubscriptionItem => "subscriptionItem",
            Self::PaymentAttempt => "paymentAttempt",
        }
    }
}

const fn eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ResourceKind;
    use std::collections::HashSet;

    #[test]
    fn names_are_distinct_short_and_snake_case() {
        let names: HashSet<_> = ResourceKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), ResourceKind::ALL.len());
        for name in names {
            assert!(name.len() <= 32, "{name}");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
        }
    }

    #[test]
    fn prefixes_map_back_to_their_kind_and_nothing_else_does() {
        for &kind in ResourceKind::ALL {
            let event_type = format!("{}.updated", kind.event_prefix());
            assert_eq!(ResourceKind::of_event_type(&event_type), Some(kind));
            assert_eq!(ResourceKind::of_event_type(kind.event_prefix()), Some(kind));
        }
        assert_eq!(
            ResourceKind::of_event_type("organization_domain.created"),
            None
        );
        assert_eq!(ResourceKind::of_event_type("users.created"), None);
        assert_eq!(ResourceKind::of_event_type(""), None);
        assert_eq!(ResourceKind::of_event_type(".user"), None);
    }
}
