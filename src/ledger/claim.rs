//! [`Claim`]: the ledger's answer for one delivery.

use std::fmt;

/// What a delivery's claim in the ledger found, and so what the caller does next.
///
/// A claim runs inside the caller's transaction (see the [module docs](crate::ledger)):
///
/// * [`Apply`](Claim::Apply): write the delivery's effect to your own tables in the same
///   transaction, with plain unconditional upserts or deletes, then commit.
/// * [`Duplicate`](Claim::Duplicate) and [`Stale`](Claim::Stale): write nothing. Commit (or roll
///   back: either is correct) and answer `2xx`, so that Svix stops retrying.
///
/// ```
/// use clerk_webhooks::ledger::Claim;
///
/// let claim = Claim::Stale;
/// match claim {
///     Claim::Apply { .. } => unreachable!("write the effect"),
///     Claim::Duplicate | Claim::Stale => assert!(!claim.is_apply()),
/// }
/// assert_eq!(Claim::parse(claim.as_str()), Some(claim));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Claim {
    /// The delivery is new and newer than anything applied to its resource (or it has no
    /// resource, or it deletes a resource not yet deleted): write its effect now, in the same
    /// transaction.
    Apply,
    /// A delivery with the same `svix-id` was claimed before (a retry or a redelivery).
    Duplicate,
    /// A new `svix-id`, but nothing to do: an upsert whose version is not newer than the one
    /// applied (a late update, or a second endpoint's copy), or any claim on a resource that is
    /// already deleted.
    Stale,
}

impl Claim {
    /// `true` for [`Apply`](Self::Apply), the one answer that asks the caller to write.
    pub const fn is_apply(self) -> bool {
        matches!(self, Self::Apply)
    }

    /// The answer's name as the PostgreSQL claim statement returns it: `"apply"`,
    /// `"duplicate"` or `"stale"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Apply => "apply",
            Self::Duplicate => "duplicate",
            Self::Stale => "stale",
        }
    }

    /// Reads a name written by [`as_str`](Self::as_str) (the value the PostgreSQL
    /// [`CLAIM`](crate::ledger::postgres::CLAIM) statement returns). `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "apply" => Some(Self::Apply),
            "duplicate" => Some(Self::Duplicate),
            "stale" => Some(Self::Stale),
            _ => None,
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Claim;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for claim in [Claim::Apply, Claim::Duplicate, Claim::Stale] {
            assert_eq!(Claim::parse(claim.as_str()), Some(claim));
            assert_eq!(claim.to_string(), claim.as_str());
        }
        assert_eq!(Claim::parse("Apply"), None);
        assert_eq!(Claim::parse(""), None);
        assert!(Claim::Apply.is_apply());
        assert!(!Claim::Duplicate.is_apply());
        assert!(!Claim::Stale.is_apply());
    }
}
