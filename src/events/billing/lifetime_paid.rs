//! [`LifetimePaid`]: the total paid over a subscription item's lifetime, in either of the two
//! shapes Clerk sends.

use super::Amount;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The total paid over a subscription item's lifetime (`lifetime_paid`).
///
/// Clerk's webhook examples send a bare integer in the currency's smallest unit; its Backend
/// API sends a money object (`{amount, amount_formatted, currency, currency_symbol}`). Both
/// are accepted, and each serializes back in the shape it arrived in.
///
/// ```
/// use clerk_webhooks::events::billing::LifetimePaid;
///
/// let cents: LifetimePaid = serde_json::from_str("10000")?;
/// assert_eq!(cents, LifetimePaid::Cents(10000));
/// let money: LifetimePaid = serde_json::from_str(
///     r#"{"amount":10000,"amount_formatted":"100.00","currency":"USD","currency_symbol":"$"}"#,
/// )?;
/// assert_eq!(money.minor_units(), 10000);
/// assert_eq!(serde_json::to_value(&money)?["currency"], "USD");
/// assert_eq!(serde_json::to_string(&cents)?, "10000");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum LifetimePaid {
    /// A bare integer, in the currency's smallest unit (cents for USD).
    Cents(i64),
    /// A money object with display helpers.
    Money(Amount),
}

impl LifetimePaid {
    /// The amount in the currency's smallest unit, whichever shape it came in.
    pub fn minor_units(&self) -> i64 {
        match self {
            Self::Cents(cents) => *cents,
            Self::Money(money) => money.amount,
        }
    }
}

impl Default for LifetimePaid {
    fn default() -> Self {
        Self::Cents(0)
    }
}

impl<'de> Deserialize<'de> for LifetimePaid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LifetimePaidVisitor;

        impl<'de> Visitor<'de> for LifetimePaidVisitor {
            type Value = LifetimePaid;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer amount or a money object")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<LifetimePaid, E> {
                Ok(LifetimePaid::Cents(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<LifetimePaid, E> {
                i64::try_from(value)
                    .map(LifetimePaid::Cents)
                    .map_err(|_| E::custom("integer amount out of range"))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LifetimePaid, A::Error> {
                Amount::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(LifetimePaid::Money)
            }
        }

        deserializer.deserialize_any(LifetimePaidVisitor)
    }
}
