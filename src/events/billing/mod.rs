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
//! [`SubscriptionItem`] and [`Plan`] are the union of both, so one type reads every
//! vintage. Note that the item's `interval` is a string ([`Interval`]) while the legacy
//! plan's `interval` is an integer.
//!
//! Statuses and other enum-like strings are open enums: values Clerk adds later land in an
//! `Unknown` variant and serialize back unchanged.
//!
//! Only the event's own `data.id` is required. Every nested identifier (`payer.id`,
//! `plan.id`, `payment_source.id`, `payee.id`, `items[].id`, `subscription_items[].id`) reads
//! as `""` when it is missing or `null`, and `null` entries in any list are skipped.
//!
//! # Backend API fields
//!
//! These fields are **sent by the Backend API, not by webhooks today**. They are modelled as
//! optional fields so that a Backend API object (for example one stored beside webhook data)
//! reads with the same types, and so that a webhook that starts sending them loses nothing:
//!
//! * [`Subscription::next_payment`] and [`SubscriptionItem::next_payment`]: a
//!   [`NextPayment`] (`{amount, date}`);
//! * [`Subscription::eligible_for_free_trial`]: whether the payer may still start a trial;
//! * [`SubscriptionItem::totals`]: the item's [`Totals`];
//! * [`Payer::credits_balance`]: the payer's account credit, an [`Amount`].
//!
//! [`SubscriptionItem::lifetime_paid`] is a webhook field, but the Backend API sends it as a
//! money object rather than an integer; [`LifetimePaid`] accepts both.

mod amount;
mod interval;
mod lifetime_paid;
mod next_payment;
mod payee;
mod payer;
mod payer_credit;
mod payment_attempt;
mod payment_failed_reason;
mod payment_source;
mod plan;
mod plan_unit_price;
mod plan_unit_price_tier;
mod seats;
mod subscription;
mod subscription_credit;
mod subscription_credits;
mod subscription_item;
mod totals;
mod unit_total;

pub use amount::Amount;
pub use interval::Interval;
pub use lifetime_paid::LifetimePaid;
pub use next_payment::NextPayment;
pub use payee::{Payee, PayeeGatewayStatus};
pub use payer::Payer;
pub use payer_credit::PayerCredit;
pub use payment_attempt::{ChargeType, PaymentAttempt, PaymentAttemptStatus};
pub use payment_failed_reason::PaymentFailedReason;
pub use payment_source::{PaymentMethod, PaymentSource, PaymentSourceStatus};
pub use plan::Plan;
pub use plan_unit_price::PlanUnitPrice;
pub use plan_unit_price_tier::PlanUnitPriceTier;
pub use seats::Seats;
pub use subscription::{Subscription, SubscriptionStatus};
pub use subscription_credit::SubscriptionCredit;
pub use subscription_credits::SubscriptionCredits;
pub use subscription_item::{SubscriptionItem, SubscriptionItemStatus};
pub use totals::Totals;
pub use unit_total::UnitTotal;
