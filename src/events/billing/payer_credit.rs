//! [`PayerCredit`]: account credit applied to a subscription item charge.

use super::super::serde_util::null_default;
use super::Amount;
use serde::{Deserialize, Serialize};

/// Account credit applied to a subscription item charge (the `payer` part of
/// [`SubscriptionCredits`](super::SubscriptionCredits)).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayerCredit {
    /// The account credit applied to this charge.
    #[serde(default, deserialize_with = "null_default")]
    pub applied_amount: Amount,
    /// The account credit balance left after this charge.
    #[serde(default, deserialize_with = "null_default")]
    pub remaining_balance: Amount,
}
