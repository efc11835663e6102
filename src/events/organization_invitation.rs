//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationInvitation {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum OrganizationInvitationStatus {
        /// STUB.
        Placeholder => "placeholder",
    }
}
