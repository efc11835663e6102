//! [`SubscriptionCredits`]: the unified credits breakdown of a subscription item.

use super::super::serde_util::null_default;
use super::{Amount, PayerCredit, SubscriptionCredit};
use serde::{Deserialize, Serialize};

/// The unified credits breakdown of a subscription item: proration plus account credit
/// (added 2026-06).
///
/// Not `Eq`: the proration credit holds a float.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionCredits {
    /// The proration credit, present when the plan changed mid-cycle; nullable.
    #[serde(default)]
    pub proration: Option<SubscriptionCredit>,
    /// The account credit, present when the payer has a credit balance; nullable.
    #[serde(default)]
    pub payer: Option<PayerCredit>,
    /// The total credit applied.
    #[serde(default, deserialize_with = "null_default")]
    pub total: Amount,
}
