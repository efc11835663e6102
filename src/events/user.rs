//! STUB: replaced by the payload work for this module.

use serde::{Deserialize, Serialize};

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailAddress {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnterpriseAccount {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnterpriseConnection {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalAccount {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentificationLink {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Passkey {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumber {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SamlAccount {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SamlConnection {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimUserMetadata {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}

/// STUB.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Web3Wallet {
    /// STUB.
    #[serde(default)]
    pub id: Option<String>,
}
