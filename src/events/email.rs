//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Email {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}
