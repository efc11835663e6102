//! [`Amount`]: a sum of money as Clerk Billing sends it.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// An amount of money: minor units plus display helpers.
///
/// Used for totals, credits, legacy item `amount`s and anywhere else Clerk Billing sends a
/// formatted price.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Amount {
    /// The amount in the currency's smallest unit (cents for USD), for example `2000`.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: i64,
    /// The amount formatted for display, for example `"$20.00"`.
    #[serde(default, deserialize_with = "null_default")]
    pub amount_formatted: String,
    /// The ISO 4217 currency code, upper-case (`"USD"`).
    #[serde(default, deserialize_with = "null_default")]
    pub currency: String,
    /// The currency symbol for display (`"$"`).
    #[serde(default, deserialize_with = "null_default")]
    pub currency_symbol: String,
}
