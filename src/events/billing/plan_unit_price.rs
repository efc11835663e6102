//! [`BillingPlanUnitPrice`] and [`BillingPlanUnitPriceTier`]: tiered per-unit plan pricing.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// The tiered price of one kind of unit (for example seats) on a plan.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingPlanUnitPrice {
    /// The unit being priced, for example `"seats"`.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// How many units make one pricing block.
    #[serde(default, deserialize_with = "null_default")]
    pub block_size: i64,
    /// The pricing tiers, sorted by `starts_at_block`.
    #[serde(default, deserialize_with = "null_default")]
    pub tiers: Vec<BillingPlanUnitPriceTier>,
}

/// One tier of a [`BillingPlanUnitPrice`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingPlanUnitPriceTier {
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
