//! [`Plan`]: the plan a subscription item is on, in both its slim and legacy shapes.

use super::super::serde_util::{null_default, skip_nulls};
use super::{Interval, PlanUnitPrice};
use serde::{Deserialize, Serialize};

/// A billing plan, as embedded in a subscription item.
///
/// Clerk has sent two shapes, and this struct is the union of both:
///
/// * the **slim** plan of current payloads (`id`, `slug`, `name`, `is_recurring`, `amount`,
///   `currency`, and `unit_prices` for seat-based plans);
/// * the **legacy** rich plan of old-shape items (`@clerk/backend`'s webhook types, the
///   payment-attempt examples, and payment-attempt items before 2025-11-08), which adds
///   `instance_id`, `product_id`, `description`, `is_default`, `is_prorated`, `period`,
///   `interval`, `has_base_fee`, `annual_monthly_amount` and `publicly_visible`.
///
/// The legacy-only fields are `Option` and are `None` for slim plans.
///
/// **`interval` is an integer here**: in the legacy plan it counts periods (`1` = every
/// `period`). It is unrelated to the *string* [`SubscriptionItem::interval`](super::SubscriptionItem::interval)
/// (`"month"`), and the billing period as a string is [`period`](Self::period).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// The plan id (`cplan_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The URL-friendly plan identifier, for example `"pro-plan"`.
    #[serde(default, deserialize_with = "null_default")]
    pub slug: String,
    /// The display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Whether the plan charges on a recurring basis (`false` for free plans).
    #[serde(default, deserialize_with = "null_default")]
    pub is_recurring: bool,
    /// The price per billing period, in the currency's smallest unit.
    #[serde(default, deserialize_with = "null_default")]
    pub amount: i64,
    /// The ISO 4217 currency code.
    #[serde(default, deserialize_with = "null_default")]
    pub currency: String,
    /// Tiered unit pricing (seat-based plans, since 2026-03). Absent, and so empty, for other
    /// plans. `null` entries are skipped.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub unit_prices: Vec<PlanUnitPrice>,
    /// Legacy plan only: the instance id (`ins_…`).
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Legacy plan only: the product id (`cprd_…`).
    #[serde(default)]
    pub product_id: Option<String>,
    /// Legacy plan only: the description; optional even there.
    #[serde(default)]
    pub description: Option<String>,
    /// Legacy plan only: whether this is the instance's default (free) plan.
    #[serde(default)]
    pub is_default: Option<bool>,
    /// Legacy plan only (seen in Clerk's examples): whether plan changes are prorated.
    #[serde(default)]
    pub is_prorated: Option<bool>,
    /// Legacy plan only: the billing period as a string (`"month"`, `"annual"`).
    #[serde(default)]
    pub period: Option<Interval>,
    /// Legacy plan only: the number of `period`s per billing cycle, as an **integer** (`1`).
    /// Not the item-level string `interval`.
    #[serde(default)]
    pub interval: Option<i64>,
    /// Legacy plan only: whether the plan has a base fee.
    #[serde(default)]
    pub has_base_fee: Option<bool>,
    /// Legacy plan only: the monthly equivalent of the annual price, in the smallest unit.
    #[serde(default)]
    pub annual_monthly_amount: Option<i64>,
    /// Legacy plan only: whether the plan is shown in the pricing table.
    #[serde(default)]
    pub publicly_visible: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_integer_interval_and_string_period() {
        let plan: Plan = serde_json::from_str(
            r#"{"id":"cplan_1","amount":2000,"period":"annual","interval":1,"description":null}"#,
        )
        .unwrap();
        assert_eq!(plan.interval, Some(1));
        assert_eq!(plan.period, Some(Interval::Annual));
        assert_eq!(plan.description, None);
        assert!(plan.unit_prices.is_empty());
    }
}
