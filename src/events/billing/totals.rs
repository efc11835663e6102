//! [`Totals`]: what a payment attempt charges.

use super::super::serde_util::{null_default, skip_nulls};
use super::{Amount, UnitTotal};
use serde::{Deserialize, Serialize};

/// What a payment attempt charges: subtotal, tax and grand total.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Totals {
    /// The amount before taxes and fees.
    #[serde(default, deserialize_with = "null_default")]
    pub subtotal: Amount,
    /// The taxes applied.
    #[serde(default, deserialize_with = "null_default")]
    pub tax_total: Amount,
    /// The final amount, taxes and fees included.
    #[serde(default, deserialize_with = "null_default")]
    pub grand_total: Amount,
    /// Per-unit charges (for example seats). Added 2026-03 for seat-based plans; absent (and
    /// so empty) in older payloads and for plans without unit pricing. `null` entries are
    /// skipped.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub per_unit_totals: Vec<UnitTotal>,
}
