//! [`DeletedObject`]: the stub carried by most `*.deleted` events.

use super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// What remains of a deleted resource.
///
/// Carried by `user.deleted`, `organization.deleted`, `organizationDomain.deleted`,
/// `role.deleted` and `permission.deleted`. (`organizationMembership.deleted` carries the full
/// membership instead.)
///
/// Every field is optional in Clerk's schema, including `id`, and the `role.deleted` example
/// sends `"slug": null`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeletedObject {
    /// The kind of resource that was deleted: `user`, `organization`, `organization_domain`,
    /// `role` or `permission`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The id of the deleted resource.
    #[serde(default)]
    pub id: Option<String>,
    /// The slug of the deleted resource, where it had one (organizations, roles).
    #[serde(default)]
    pub slug: Option<String>,
    /// Always `true`.
    #[serde(default, deserialize_with = "null_default")]
    pub deleted: bool,
    /// The user's `external_id` (`user.deleted` only, since late 2025).
    #[serde(default)]
    pub external_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_slug_and_missing_id_parse() {
        let d: DeletedObject =
            serde_json::from_str(r#"{"object":"role","slug":null,"deleted":true}"#).unwrap();
        assert_eq!(d.object, "role");
        assert_eq!(d.id, None);
        assert_eq!(d.slug, None);
        assert!(d.deleted);
    }
}
