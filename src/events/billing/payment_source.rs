//! [`PaymentSource`]: the payment method a payment attempt was charged to.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// The payment method used for a payment attempt (a card, a Stripe Link account, …).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentSource {
    /// The payment source id (`cps_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
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
    pub payment_method: PaymentMethod,
    /// Whether the payment source is usable.
    #[serde(default, deserialize_with = "null_default")]
    pub status: PaymentSourceStatus,
    /// The card brand (`"visa"`, `"mastercard"`, …) for cards; `None` for other methods.
    #[serde(default)]
    pub card_type: Option<String>,
    /// The last four digits of the card for cards; `None` for other methods.
    #[serde(default)]
    pub last4: Option<String>,
}

super::super::open_enum::open_enum! {
    /// The kind of a [`PaymentSource`].
    pub enum PaymentMethod {
        /// A payment card.
        Card => "card",
        /// A Stripe Link account.
        Link => "link",
        /// Apple Pay.
        ApplePay => "apple_pay",
        /// Google Pay.
        GooglePay => "google_pay",
    }
}

super::super::open_enum::open_enum! {
    /// The status of a [`PaymentSource`].
    pub enum PaymentSourceStatus {
        /// The payment source can be charged.
        Active => "active",
        /// The payment source was disconnected.
        Disconnected => "disconnected",
    }
}
