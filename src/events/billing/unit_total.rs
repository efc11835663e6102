//! [`UnitTotal`]: the charge for one kind of unit in a payment's totals.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// One line of [`Totals::per_unit_totals`](super::Totals::per_unit_totals): the charge for one
/// kind of unit.
///
/// Every field is optional in Clerk's schema.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnitTotal {
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
