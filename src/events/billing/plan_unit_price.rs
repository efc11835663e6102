//! [`PlanUnitPrice`]: the tiered price of one kind of unit on a plan.

use super::super::serde_util::{null_default, skip_nulls};
use super::PlanUnitPriceTier;
use serde::{Deserialize, Serialize};

/// The tiered price of one kind of unit (for example seats) on a plan.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanUnitPrice {
    /// The unit being priced, for example `"seats"`.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// How many units make one pricing block.
    #[serde(default, deserialize_with = "null_default")]
    pub block_size: i64,
    /// The pricing tiers, sorted by `starts_at_block`. `null` entries are skipped.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub tiers: Vec<PlanUnitPriceTier>,
}
