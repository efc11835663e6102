//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationDomain {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationDomainVerification {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum EnrollmentMode {
        /// STUB.
        Placeholder => "placeholder",
    }
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum OrganizationDomainVerificationStatus {
        /// STUB.
        Placeholder => "placeholder",
    }
}
