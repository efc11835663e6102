//! Subscription-item credits: the deprecated proration-only [`BillingSubscriptionCredit`] and
//! the unified [`BillingSubscriptionCredits`] breakdown with its
//! [`BillingSubscriptionPayerCredit`].

use super::super::serde_util::null_default;
use super::BillingAmount;
use serde::{Deserialize, Serialize};

/// A proration credit for switching plans mid-cycle.
///
/// On its own (item `credit`) this is **deprecated** in favour of
/// [`BillingSubscriptionCredits`]; it is also the shape of
/// [`BillingSubscriptionCredits::proration`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingSubscriptionCredit {
    /// The credit amount.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: BillingAmount,
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

/// Account credit applied to a subscription item charge.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingSubscriptionPayerCredit {
    /// The account credit applied to this charge.
    #[serde(default, deserialize_with = "null_default")]
    pub applied_amount: BillingAmount,
    /// The account credit balance left after this charge.
    #[serde(default, deserialize_with = "null_default")]
    pub remaining_balance: BillingAmount,
}

/// The unified credits breakdown of a subscription item: proration plus account credit
/// (added 2026-06).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingSubscriptionCredits {
    /// The proration credit, present when the plan changed mid-cycle; nullable.
    #[serde(default)]
    pub proration: Option<BillingSubscriptionCredit>,
    /// The account credit, present when the payer has a credit balance; nullable.
    #[serde(default)]
    pub payer: Option<BillingSubscriptionPayerCredit>,
    /// The total credit applied.
    #[serde(default, deserialize_with = "null_default")]
    pub total: BillingAmount,
}
