//! [`Payee`]: the account a payment is made to.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// The payee of a payment attempt: the instance's payment-gateway account.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payee {
    /// The payee id (`cpayee_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The payment gateway, for example `"stripe"`.
    #[serde(default, deserialize_with = "null_default")]
    pub gateway_type: String,
    /// The payee's id at the gateway, for example a Stripe account id (`acct_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub gateway_external_id: String,
    /// The payee's status at the gateway.
    #[serde(default, deserialize_with = "null_default")]
    pub gateway_status: PayeeGatewayStatus,
}

super::super::open_enum::open_enum! {
    /// The status of a [`Payee`] at its payment gateway (values from `@clerk/backend`;
    /// Clerk's schema types it as a free string).
    pub enum PayeeGatewayStatus {
        /// The gateway account is active.
        Active => "active",
        /// The gateway account is being set up.
        Pending => "pending",
        /// The gateway has restricted the account.
        Restricted => "restricted",
        /// The gateway account was disconnected.
        Disconnected => "disconnected",
    }
}
