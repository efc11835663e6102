//! [`PaymentFailedReason`]: why a payment attempt failed.

use super::super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// Why a [`PaymentAttempt`](super::PaymentAttempt) failed.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentFailedReason {
    /// The high-level error code, for example `"card_declined"`.
    #[serde(default, deserialize_with = "null_default")]
    pub code: String,
    /// The processor's decline code, for example `"insufficient_funds"`.
    #[serde(default, deserialize_with = "null_default")]
    pub decline_code: String,
}
