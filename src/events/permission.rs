//! [`Permission`]: an organization permission (`permission.*` events, and inside [`Role`](super::Role)).

use super::serde_util::null_default;
use super::UnixMillis;
use serde::{Deserialize, Serialize};

/// An organization permission.
///
/// As the `data` of a `permission.*` event, a permission must have an `id`. Nested in a
/// [`Role`](super::Role), a missing or `null` `id` reads as `""`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Permission {
    /// Always `"permission"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The permission id (`perm_…`).
    pub id: String,
    /// The human-readable name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The key used in authorization checks, for example `org:invoices:read`.
    #[serde(default, deserialize_with = "null_default")]
    pub key: String,
    /// The description.
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    /// The permission kind. Values seen: `system`, `user`, `custom`. Not in `@clerk/backend`'s
    /// types, and absent from some payloads.
    #[serde(default, rename = "type")]
    pub permission_type: Option<String>,
    /// When the permission was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the permission last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}
