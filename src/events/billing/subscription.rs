//! [`Subscription`]: a payer's billing subscription (`subscription.*` events).

use super::super::serde_util::{null_default, skip_nulls_nested};
use super::super::UnixMillis;
use super::{NextPayment, Payer, SubscriptionItem};
use serde::{Deserialize, Serialize};

/// A billing subscription and the items that make it up.
///
/// The nested [`items`](Self::items) carry no `payer`, and their `subscription_id` is `null`:
/// the subscription's own [`id`](Self::id) and [`payer`](Self::payer) apply to all of them.
///
/// As an event's `data`, a subscription must have an `id`. Identifiers nested inside it
/// (`payer.id`, `items[].id`, `items[].plan.id`, …) read as `""` when missing or `null`, and
/// `null` entries in `items` are skipped.
///
/// Not `Eq`: item credits hold a float.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Subscription {
    /// `"commerce_subscription"`; `"subscription"` in Clerk's examples before 2025-11-08.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The subscription id (`csub_…`).
    pub id: String,
    /// The subscription's status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: SubscriptionStatus,
    /// When the subscription became active; `None` if it never has.
    #[serde(default)]
    pub active_at: Option<UnixMillis>,
    /// When the subscription was canceled; `None` if it is not canceled.
    #[serde(default)]
    pub canceled_at: Option<UnixMillis>,
    /// When the subscription was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the subscription ended; `None` if it has not ended.
    #[serde(default)]
    pub ended_at: Option<UnixMillis>,
    /// When the subscription became past due; `None` if it is not past due.
    #[serde(default)]
    pub past_due_at: Option<UnixMillis>,
    /// When the subscription last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// The most recent payment (`cpa_…`); `None` for free plans.
    #[serde(default)]
    pub latest_payment_id: Option<String>,
    /// The payer id (`cpayer_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub payer_id: String,
    /// The payer. Required in Clerk's current schema but absent in its 2025-09 examples.
    #[serde(default)]
    pub payer: Option<Payer>,
    /// The payment source charged for this subscription (`cps_…`); `None` for free plans.
    #[serde(default)]
    pub payment_source_id: Option<String>,
    /// The items, each the period of time the subscription spent in one state on one plan.
    /// `null` entries are skipped; an item's missing or `null` `id` reads as `""`.
    #[serde(default, deserialize_with = "skip_nulls_nested")]
    pub items: Vec<SubscriptionItem>,
    /// The next payment. Sent by the Backend API, not by webhooks today.
    #[serde(default)]
    pub next_payment: Option<NextPayment>,
    /// Whether the payer may still start a free trial. Sent by the Backend API, not by
    /// webhooks today.
    #[serde(default)]
    pub eligible_for_free_trial: Option<bool>,
}

super::super::open_enum::open_enum! {
    /// The status of a [`Subscription`].
    ///
    /// Clerk's schema lists the first six values; `@clerk/backend` and Clerk's billing docs add
    /// `expired` and `upcoming`.
    pub enum SubscriptionStatus {
        /// The subscription is active.
        Active => "active",
        /// A payment is overdue.
        PastDue => "past_due",
        /// The subscription was canceled.
        Canceled => "canceled",
        /// The subscription ended.
        Ended => "ended",
        /// The subscription was abandoned before it started.
        Abandoned => "abandoned",
        /// The subscription needs more user action before it can be active.
        Incomplete => "incomplete",
        /// The subscription expired.
        Expired => "expired",
        /// The subscription is scheduled to start.
        Upcoming => "upcoming",
    }
}
