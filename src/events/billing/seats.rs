//! [`Seats`]: the seat entitlement of a seat-based subscription item.

use serde::{Deserialize, Serialize};

/// The seats a subscription item grants (seat-based plans, since 2026-03).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Seats {
    /// The number of seats. `None` (JSON `null`) means **unlimited**.
    #[serde(default)]
    pub quantity: Option<i64>,
}

impl Seats {
    /// `true` when the seat count is unlimited (`quantity` is `null`).
    pub fn is_unlimited(&self) -> bool {
        self.quantity.is_none()
    }
}
