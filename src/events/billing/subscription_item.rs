//! [`SubscriptionItem`]: one period of a subscription on one plan (`subscriptionItem.*`
//! events, [`Subscription::items`](super::Subscription::items) and
//! [`PaymentAttempt::subscription_items`](super::PaymentAttempt::subscription_items)).

use super::super::serde_util::null_default;
use super::super::UnixMillis;
use super::{
    Amount, Interval, LifetimePaid, NextPayment, Payer, Plan, Seats, SubscriptionCredit,
    SubscriptionCredits, Totals,
};
use serde::{Deserialize, Serialize};

/// A subscription item: the period of time a subscription spent (or will spend) on one plan in
/// one state.
///
/// Clerk has sent two item shapes, and this struct is the union of both, so the same type
/// serves standalone `subscriptionItem.*` events, the items nested in `subscription.*` events
/// and the items of `paymentAttempt.*` events:
///
/// * **New shape** (Clerk's schema since 2025-09): `interval` (a string), `is_free_trial`,
///   `payer`, `subscription_id`, `seats`, `credits`, `created_at`/`updated_at` and a slim
///   [`plan`](Self::plan).
/// * **Old shape** (`@clerk/backend`'s types, the `paymentAttempt.*` examples, and payment
///   attempt items before 2025-11-08): `plan_period`, `proration_date`, `lifetime_paid`,
///   `next_payment_amount`, `next_payment_date`, `amount`, `credit`, `canceled_at`,
///   `past_due_at` and a rich [`plan`](Self::plan) whose `interval` is an integer.
///
/// Fields that belong to only one shape are `Option`. [`billing_interval`](Self::billing_interval)
/// reads the interval from whichever shape arrived.
///
/// `object` is `subscription_item` in Clerk's examples and `commerce_subscription_item` in its
/// schema; never rely on it.
///
/// As an event's `data` (`subscriptionItem.*`), an item must have an `id`. Nested in a
/// [`Subscription`](super::Subscription) or a [`PaymentAttempt`](super::PaymentAttempt), a
/// missing or `null` `id` reads as `""`, as do the identifiers nested inside it (`plan.id`,
/// `payer.id`).
///
/// Not `Eq`: credits hold a float.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionItem {
    /// `"subscription_item"` (examples) or `"commerce_subscription_item"` (schema). Absent in
    /// payment-attempt items.
    #[serde(default)]
    pub object: Option<String>,
    /// The subscription item id (`csub_item_…`).
    pub id: String,
    /// The item's status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: SubscriptionItemStatus,
    /// New shape: whether the item is in a free trial. `None` when the payload is old-shape.
    /// During `subscriptionItem.freeTrialEnding` the status stays `active` and this is `true`.
    #[serde(default)]
    pub is_free_trial: Option<bool>,
    /// New shape: when the item was created. Absent in old-shape items.
    #[serde(default)]
    pub created_at: Option<UnixMillis>,
    /// New shape: when the item last changed. Absent in old-shape items.
    #[serde(default)]
    pub updated_at: Option<UnixMillis>,
    /// When the item's period starts (or started).
    #[serde(default, deserialize_with = "null_default")]
    pub period_start: UnixMillis,
    /// When the item's period ends. `None` for default (free) plan items.
    #[serde(default)]
    pub period_end: Option<UnixMillis>,
    /// New shape: the billing interval (`"month"`, `"annual"`), a **string**. The old shape
    /// sends [`plan_period`](Self::plan_period) instead.
    #[serde(default)]
    pub interval: Option<Interval>,
    /// Old shape: the billing interval (`"month"`, `"annual"`), replaced by
    /// [`interval`](Self::interval) in the new shape.
    #[serde(default)]
    pub plan_period: Option<Interval>,
    /// The plan id (`cplan_…`); nullable.
    #[serde(default)]
    pub plan_id: Option<String>,
    /// The plan; nullable. Slim in new-shape items, rich in old-shape items.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// The payer. Present on standalone `subscriptionItem.*` events only; absent from items
    /// nested in `subscription.*` events.
    #[serde(default)]
    pub payer: Option<Payer>,
    /// The parent subscription id (`csub_…`). Set on standalone `subscriptionItem.*` events;
    /// `null` in items nested in `subscription.*` events.
    #[serde(default)]
    pub subscription_id: Option<String>,
    /// New shape: the seat entitlement, for seat-based plans (since 2026-03).
    #[serde(default)]
    pub seats: Option<Seats>,
    /// The unified credits breakdown (proration plus account credit); nullable.
    #[serde(default)]
    pub credits: Option<SubscriptionCredits>,
    /// Old shape, **deprecated**: the proration-only credit. Use [`credits`](Self::credits).
    #[serde(default)]
    pub credit: Option<SubscriptionCredit>,
    /// Old shape: the proration date as a **`"YYYY-MM-DD"` string**, not a timestamp.
    #[serde(default)]
    pub proration_date: Option<String>,
    /// Old shape: when the item was canceled; nullable.
    #[serde(default)]
    pub canceled_at: Option<UnixMillis>,
    /// Old shape: when the item became past due; nullable.
    #[serde(default)]
    pub past_due_at: Option<UnixMillis>,
    /// Old shape: the total paid over the item's lifetime. Webhooks send an integer in the
    /// currency's smallest unit; the Backend API sends a money object. Both are kept as sent.
    #[serde(default)]
    pub lifetime_paid: Option<LifetimePaid>,
    /// Old shape: the next payment's amount, in the currency's smallest unit.
    #[serde(default)]
    pub next_payment_amount: Option<i64>,
    /// Old shape: when the next payment is due.
    #[serde(default)]
    pub next_payment_date: Option<UnixMillis>,
    /// Old shape: the item's price per period.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// The next payment. Sent by the Backend API, not by webhooks today.
    #[serde(default)]
    pub next_payment: Option<NextPayment>,
    /// The item's totals. Sent by the Backend API, not by webhooks today.
    #[serde(default)]
    pub totals: Option<Totals>,
}

impl SubscriptionItem {
    /// The billing interval, whichever shape the item came in: [`interval`](Self::interval)
    /// (new shape), else [`plan_period`](Self::plan_period) (old shape).
    pub fn billing_interval(&self) -> Option<&Interval> {
        self.interval.as_ref().or(self.plan_period.as_ref())
    }
}

super::super::open_enum::open_enum! {
    /// The status of a [`SubscriptionItem`].
    ///
    /// Clerk's event schema lacks `expired`; its payment-attempt item schema and
    /// `@clerk/backend` include it.
    pub enum SubscriptionItemStatus {
        /// Scheduled, then superseded before it started.
        Abandoned => "abandoned",
        /// The item describing the subscription's current state.
        Active => "active",
        /// Ends at the end of the current billing period.
        Canceled => "canceled",
        /// Was active and no longer is.
        Ended => "ended",
        /// Expired (`@clerk/backend`; see `subscriptionItem.expired`).
        Expired => "expired",
        /// Needs more user action (usually a first payment) before it can be active.
        Incomplete => "incomplete",
        /// A payment on it is overdue.
        PastDue => "past_due",
        /// Scheduled to start but not started yet.
        Upcoming => "upcoming",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billing_interval_reads_either_shape() {
        let new: SubscriptionItem =
            serde_json::from_str(r#"{"id":"i1","interval":"annual"}"#).unwrap();
        let old: SubscriptionItem =
            serde_json::from_str(r#"{"id":"i2","plan_period":"month"}"#).unwrap();
        let none: SubscriptionItem = serde_json::from_str(r#"{"id":"i3"}"#).unwrap();
        assert_eq!(new.billing_interval(), Some(&Interval::Annual));
        assert_eq!(old.billing_interval(), Some(&Interval::Month));
        assert_eq!(none.billing_interval(), None);
    }
}
