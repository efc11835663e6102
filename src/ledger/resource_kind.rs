//! [`ResourceKind`]: the kind of Clerk resource an event concerns.

use std::fmt;

/// Declares [`ResourceKind`] from one table: each kind's variant, its name in the ledger's
/// `kind` column, and the prefix of its event types in Clerk's naming. `ALL`, `as_str` and
/// `event_prefix` are generated from it, so they cannot disagree.
macro_rules! resource_kinds {
    (
        $(#[$meta:meta])*
        enum ResourceKind {
            $( $(#[$doc:meta])* $variant:ident => $name:literal, $prefix:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ResourceKind {
            $( $(#[$doc])* $variant, )+
        }

        impl ResourceKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ResourceKind] = &[ $( Self::$variant, )+ ];

            /// The name stored in the ledger's `kind` column: lowercase `snake_case`, at most
            /// 32 bytes.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $name, )+
                }
            }

            /// The prefix of this kind's event types in Clerk's naming.
            const fn event_prefix(self) -> &'static str {
                match self {
                    $( Self::$variant => $prefix, )+
                }
            }
        }
    };
}

resource_kinds! {
    /// The kind of Clerk resource an event concerns: with the resource id, the key of the
    /// ledger's resource row.
    ///
    /// The set is open: a later release may add kinds for event types Clerk adds, so match with
    /// a wildcard arm. [`as_str`](Self::as_str) is the name stored in the ledger's `kind`
    /// column, and never changes for an existing kind.
    ///
    /// ```
    /// use clerk_webhooks::ledger::ResourceKind;
    ///
    /// assert_eq!(ResourceKind::OrganizationMembership.as_str(), "organization_membership");
    /// assert_eq!(ResourceKind::Email.to_string(), "email");
    /// ```
    enum ResourceKind {
        /// A user (`user.*`, ids `user_…`).
        User => "user", "user";
        /// A session (`session.*`, ids `sess_…`).
        Session => "session", "session";
        /// An organization (`organization.*`, ids `org_…`).
        Organization => "organization", "organization";
        /// An organization domain (`organizationDomain.*`).
        OrganizationDomain => "organization_domain", "organizationDomain";
        /// An organization invitation (`organizationInvitation.*`).
        OrganizationInvitation => "organization_invitation", "organizationInvitation";
        /// An organization membership (`organizationMembership.*`).
        OrganizationMembership => "organization_membership", "organizationMembership";
        /// An organization role (`role.*`).
        Role => "role", "role";
        /// An organization permission (`permission.*`).
        Permission => "permission", "permission";
        /// An email Clerk produced (`email.created`, ids `ema_…`): announced once.
        Email => "email", "email";
        /// An SMS Clerk produced (`sms.created`): announced once.
        Sms => "sms", "sms";
        /// An instance invitation (`invitation.*`).
        Invitation => "invitation", "invitation";
        /// A waitlist entry (`waitlistEntry.*`).
        WaitlistEntry => "waitlist_entry", "waitlistEntry";
        /// A billing subscription (`subscription.*`).
        Subscription => "subscription", "subscription";
        /// A billing subscription item (`subscriptionItem.*`).
        SubscriptionItem => "subscription_item", "subscriptionItem";
        /// A billing payment attempt (`paymentAttempt.*`).
        PaymentAttempt => "payment_attempt", "paymentAttempt";
    }
}

impl ResourceKind {
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
            if bytes_eq(prefix, kind.event_prefix().as_bytes()) {
                return Some(kind);
            }
            i += 1;
        }
        None
    }
}

/// Byte-slice equality in a `const fn`, where `==` on slices is not available: the one
/// comparison the compile-time rule table uses.
pub(super) const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
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
