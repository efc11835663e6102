//! Billing payloads: subscriptions, subscription items and payment attempts.
//!
//! * `subscription.*` events carry a [`Subscription`], whose `items` are [`SubscriptionItem`]s.
//! * `subscriptionItem.*` events carry a standalone [`SubscriptionItem`] (with its `payer` and
//!   `subscription_id`).
//! * `paymentAttempt.*` events carry a [`PaymentAttempt`], whose `subscription_items` are again
//!   [`SubscriptionItem`]s.
//!
//! Clerk has sent two subscription-item shapes (a new one with `interval`/`is_free_trial` and
//! a slim plan, and an old one with `plan_period`/`proration_date` and a rich plan).
//! [`SubscriptionItem`] and [`BillingPlan`] are the union of both, so one type reads every
//! vintage. Note that the item's `interval` is a string ([`BillingInterval`]) while the legacy
//! plan's `interval` is an integer.
//!
//! Statuses and other enum-like strings are open enums: values Clerk adds later land in an
//! `Unknown(String)` variant and serialize back unchanged.

mod amount;
mod credit;
mod failed_reason;
mod interval;
mod payee;
mod payer;
mod payment_attempt;
mod payment_source;
mod plan;
mod seats;
mod subscription;
mod subscription_item;
mod totals;
mod unit_price;

pub use amount::BillingAmount;
pub use credit::{
    BillingSubscriptionCredit, BillingSubscriptionCredits, BillingSubscriptionPayerCredit,
};
pub use failed_reason::BillingPaymentFailedReason;
pub use interval::BillingInterval;
pub use payee::{BillingPayee, BillingPayeeGatewayStatus};
pub use payer::BillingPayer;
pub use payment_attempt::{ChargeType, PaymentAttempt, PaymentAttemptStatus};
pub use payment_source::{BillingPaymentMethod, BillingPaymentSource, BillingPaymentSourceStatus};
pub use plan::BillingPlan;
pub use seats::BillingSeats;
pub use subscription::{Subscription, SubscriptionStatus};
pub use subscription_item::{SubscriptionItem, SubscriptionItemStatus};
pub use totals::{BillingTotals, BillingUnitTotal};
pub use unit_price::{BillingPlanUnitPrice, BillingPlanUnitPriceTier};
