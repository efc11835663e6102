//! [`SubscriptionCredit`]: a proration credit for a plan change mid-cycle.

use super::super::serde_util::null_default;
use super::Amount;
use serde::{Deserialize, Serialize};

/// A proration credit for switching plans mid-cycle.
///
/// On its own (item `credit`) this is **deprecated** in favour of
/// [`SubscriptionCredits`](super::SubscriptionCredits); it is also the shape of
/// [`SubscriptionCredits::proration`](super::SubscriptionCredits::proration).
///
/// Not `Eq`: [`cycle_remaining_percent`](Self::cycle_remaining_percent) is a float.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionCredit {
    /// The credit amount.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: Amount,
    /// Days left in the billing cycle (a count, not a timestamp).
    #[serde(default, deserialize_with = "null_default")]
    pub cycle_days_remaining: i64,
    /// Days in the billing cycle (a count, not a timestamp).
    #[serde(default, deserialize_with = "null_default")]
    pub cycle_days_total: i64,
    /// The fraction of the cycle remaining, from `0.0` to `1.0`.
    #[serde(default, deserialize_with = "null_default")]
    pub cycle_remaining_percent: f64,
}
