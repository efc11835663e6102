//! [`BillingTotals`] and its per-unit breakdown, [`BillingUnitTotal`].

use super::super::serde_util::null_default;
use super::BillingAmount;
use serde::{Deserialize, Serialize};

/// What a payment attempt charges: subtotal, tax and grand total.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingTotals {
    /// The amount before taxes and fees.
    #[serde(default, deserialize_with = "null_default")]
    pub subtotal: BillingAmount,
    /// The taxes applied.
    #[serde(default, deserialize_with = "null_default")]
    pub tax_total: BillingAmount,
    /// The final amount, taxes and fees included.
    #[serde(default, deserialize_with = "null_default")]
    pub grand_total: BillingAmount,
    /// Per-unit charges (for example seats). Added 2026-03 for seat-based plans; absent (and
    /// so empty) in older payloads and for plans without unit pricing.
    #[serde(default, deserialize_with = "null_default")]
    pub per_unit_totals: Vec<BillingUnitTotal>,
}

/// One line of [`BillingTotals::per_unit_totals`]: the charge for one kind of unit.
///
/// Every field is optional in Clerk's schema.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingUnitTotal {
    /// The kind of unit charged, for example `"seats"`.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The price per unit, in the currency's smallest unit.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: i64,
    /// The number of units at this price. `None` (JSON `null`) means unlimited.
    #[serde(default)]
    pub quantity: Option<i64>,
    /// The total charge for these units (`amount × quantity`), in the smallest unit.
    #[serde(default, deserialize_with = "null_default")]
    pub total: i64,
    /// The ISO 4217 currency code.
    #[serde(default, deserialize_with = "null_default")]
    pub currency: String,
}
