//! [`NextPayment`]: the amount and date of a subscription's next charge.

use super::super::serde_util::null_default;
use super::super::UnixMillis;
use super::Amount;
use serde::{Deserialize, Serialize};

/// The next payment of a subscription or subscription item: how much, and when.
///
/// Sent by Clerk's Backend API (`next_payment`), not by webhooks today; see the
/// [module docs](super).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NextPayment {
    /// The amount that will be charged.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: Amount,
    /// When the payment is due.
    #[serde(default, deserialize_with = "null_default")]
    pub date: UnixMillis,
}
