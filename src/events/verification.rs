//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClerkError {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verification {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum VerificationStatus {
        /// STUB.
        Placeholder => "placeholder",
    }
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum VerificationStrategy {
        /// STUB.
        Placeholder => "placeholder",
    }
}
