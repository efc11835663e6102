//! [`BillingPaymentSource`]: the payment method a payment attempt was charged to.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// The payment method used for a payment attempt (a card, a Stripe Link account, …).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingPaymentSource {
    /// The payment source id (`cps_…`).
    pub id: String,
    /// The payment gateway, for example `"stripe"`.
    #[serde(default, deserialize_with = "null_default")]
    pub gateway: String,
    /// The gateway's id for this payment method, for example a Stripe `pm_…` id.
    #[serde(default, deserialize_with = "null_default")]
    pub gateway_external_id: String,
    /// The gateway account the payment method belongs to; nullable.
    #[serde(default)]
    pub gateway_external_account_id: Option<String>,
    /// The kind of payment method.
    #[serde(default, deserialize_with = "null_default")]
    pub payment_method: BillingPaymentMethod,
    /// Whether the payment source is usable.
    #[serde(default, deserialize_with = "null_default")]
    pub status: BillingPaymentSourceStatus,
    /// The card brand (`"visa"`, `"mastercard"`, …) for cards; `None` for other methods.
    #[serde(default)]
    pub card_type: Option<String>,
    /// The last four digits of the card for cards; `None` for other methods.
    #[serde(default)]
    pub last4: Option<String>,
}

super::super::open_enum::open_enum! {
    /// The kind of a [`BillingPaymentSource`].
    pub enum BillingPaymentMethod {
        /// A payment card.
        Card => "card",
        /// A Stripe Link account.
        Link => "link",
    }
}

super::super::open_enum::open_enum! {
    /// The status of a [`BillingPaymentSource`].
    pub enum BillingPaymentSourceStatus {
        /// The payment source can be charged.
        Active => "active",
        /// The payment source was disconnected.
        Disconnected => "disconnected",
    }
}
