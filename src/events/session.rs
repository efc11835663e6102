//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionActivity {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionTask {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

super::open_enum::open_enum! {
    /// STUB.
    pub enum SessionStatus {
        /// STUB.
        Placeholder => "placeholder",
    }
}
