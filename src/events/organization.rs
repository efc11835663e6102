//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organization {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicOrganizationData {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}
