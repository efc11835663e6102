//! [`PlanUnitPriceTier`]: one tier of a plan's unit price.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// One tier of a [`PlanUnitPrice`](super::PlanUnitPrice).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanUnitPriceTier {
    /// The block at which this tier begins.
    #[serde(default, deserialize_with = "null_default")]
    pub starts_at_block: i64,
    /// The last block of this tier. `None` (JSON `null`) means no upper bound.
    #[serde(default)]
    pub ends_after_block: Option<i64>,
    /// The price per block, in the currency's smallest unit.
    #[serde(default, deserialize_with = "null_default")]
    pub amount_per_block: i64,
    /// The ISO 4217 currency code.
    #[serde(default, deserialize_with = "null_default")]
    pub currency: String,
}
