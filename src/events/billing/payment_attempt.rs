//! [`PaymentAttempt`]: one attempt to collect a payment (`paymentAttempt.*` events).

use super::super::serde_util::{null_default, skip_nulls_nested};
use super::super::UnixMillis;
use super::{Payee, Payer, PaymentFailedReason, PaymentSource, SubscriptionItem, Totals};
use serde::{Deserialize, Serialize};

/// An attempt to charge a payer for one or more subscription items.
///
/// The [`subscription_items`](Self::subscription_items) use the old item shape in Clerk's
/// examples (`plan_period`, `proration_date`, a rich plan) and the new shape in its schema since
/// 2025-11-08; [`SubscriptionItem`] reads both.
///
/// As an event's `data`, an attempt must have an `id`. Every identifier nested inside it
/// (`payer.id`, `payee.id`, `payment_source.id`, `subscription_items[].id`, …) reads as `""`
/// when missing or `null`, and `null` entries in `subscription_items` are skipped.
///
/// Not `Eq`: item credits hold a float.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentAttempt {
    /// `"commerce_payment_attempt"` according to `@clerk/backend`. Clerk's schema and examples
    /// have **no** `object` field, so this is usually `None`.
    #[serde(default)]
    pub object: Option<String>,
    /// The payment attempt id (`pa_…`).
    pub id: String,
    /// The instance the payment belongs to (`ins_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub instance_id: String,
    /// The payment record this attempt belongs to (`cpa_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub payment_id: String,
    /// **Deprecated**: the invoice id. Required in Clerk's schema since 2025-11-08 but absent
    /// from its examples. Use [`statement_id`](Self::statement_id).
    #[serde(default)]
    pub invoice_id: Option<String>,
    /// The statement this payment appears on (`stmt_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub statement_id: String,
    /// The gateway's id for this attempt, for example a Stripe payment intent (`pi_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub gateway_external_id: String,
    /// The attempt's status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: PaymentAttemptStatus,
    /// When the attempt was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the attempt last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// When the payment succeeded; `None` until it has.
    #[serde(default)]
    pub paid_at: Option<UnixMillis>,
    /// When the payment failed; `None` unless it has.
    #[serde(default)]
    pub failed_at: Option<UnixMillis>,
    /// Why the payment failed; `None` unless it has.
    #[serde(default)]
    pub failed_reason: Option<PaymentFailedReason>,
    /// The date this payment bills for.
    #[serde(default, deserialize_with = "null_default")]
    pub billing_date: UnixMillis,
    /// Whether this is a checkout or a recurring charge. (Clerk's billing docs wrongly call the
    /// field `type`.)
    #[serde(default, deserialize_with = "null_default")]
    pub charge_type: ChargeType,
    /// The account the payment is made to.
    #[serde(default, deserialize_with = "null_default")]
    pub payee: Payee,
    /// Who pays. The examples omit `object`, the organization fields and the timestamps.
    #[serde(default, deserialize_with = "null_default")]
    pub payer: Payer,
    /// The amounts charged.
    #[serde(default, deserialize_with = "null_default")]
    pub totals: Totals,
    /// The payment method charged.
    #[serde(default, deserialize_with = "null_default")]
    pub payment_source: PaymentSource,
    /// The subscription items this payment is for (old or new item shape). `null` entries
    /// are skipped; an item's missing or `null` `id` reads as `""`.
    #[serde(default, deserialize_with = "skip_nulls_nested")]
    pub subscription_items: Vec<SubscriptionItem>,
}

super::super::open_enum::open_enum! {
    /// The status of a [`PaymentAttempt`].
    pub enum PaymentAttemptStatus {
        /// Not settled yet.
        Pending => "pending",
        /// The payment succeeded.
        Paid => "paid",
        /// The payment failed.
        Failed => "failed",
    }
}

super::super::open_enum::open_enum! {
    /// The kind of charge a [`PaymentAttempt`] makes.
    pub enum ChargeType {
        /// The first charge, made at checkout.
        Checkout => "checkout",
        /// A renewal charge.
        Recurring => "recurring",
    }
}
