//! [`Role`]: an organization role (`role.created`, `role.updated`).

use super::serde_util::{null_default, skip_nulls_nested};
use super::{Permission, UnixMillis};
use serde::{Deserialize, Serialize};

/// An organization role and the permissions it grants.
///
/// The role's own `id` is required. A nested permission's missing or `null` `id` reads as
/// `""`, and `null` entries in `permissions` are skipped.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Role {
    /// Always `"role"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The role id (`role_…`).
    pub id: String,
    /// The human-readable name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The key used in authorization checks: `org:`-prefixed (`org:admin`) or bare (`editor`).
    #[serde(default, deserialize_with = "null_default")]
    pub key: String,
    /// The description; nullable.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether a member with this role may create the organization. Absent in the
    /// `role.updated` example, so it defaults to `false`.
    #[serde(default, deserialize_with = "null_default")]
    pub is_creator_eligible: bool,
    /// The permissions this role grants. `null` entries are skipped; a permission's missing
    /// or `null` `id` reads as `""`.
    #[serde(default, deserialize_with = "skip_nulls_nested")]
    pub permissions: Vec<Permission>,
    /// When the role was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the role last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}
