//! [`OrganizationMembership`]: a user's membership in an organization
//! (`organizationMembership.created`, `.updated`, `.deleted`), and [`PublicUserData`].

use super::serde_util::{nested, null_default, skip_nulls};
use super::{Organization, UnixMillis};
use serde::{Deserialize, Serialize};

/// A user's membership in an organization.
///
/// `organizationMembership.deleted` carries this **full** object, not a
/// [`DeletedObject`](super::DeletedObject). Legacy payloads (2022–2023) use the role keys
/// `admin` and `basic_member` and lack `role_name`, `permissions` and `public_metadata`.
///
/// As an event's `data`, a membership must have an `id`. Nested in a user's
/// [`organization_memberships`](super::User::organization_memberships), a missing or `null`
/// `id` reads as `""`; so, everywhere, do `organization.id` and `public_user_data.user_id`.
/// `null` entries in `permissions` are skipped.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationMembership {
    /// The membership id (`orgmem_…`).
    pub id: String,
    /// Always `"organization_membership"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The role key: `org:admin`, `org:member`, a custom `org:<key>`, or, in legacy
    /// payloads, `admin` / `basic_member`.
    #[serde(default, deserialize_with = "null_default")]
    pub role: String,
    /// The role's human-readable name. Absent in legacy payloads and in `@clerk/backend`'s
    /// types.
    #[serde(default)]
    pub role_name: Option<String>,
    /// The permission keys the role grants, for example `org:posts:read`. `null` entries are
    /// skipped.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub permissions: Vec<String>,
    /// Metadata readable from the Frontend and Backend APIs.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// Metadata readable only from the Backend API.
    #[serde(default, deserialize_with = "null_default")]
    pub private_metadata: serde_json::Map<String, serde_json::Value>,
    /// The full organization. Its `id` reads as `""` when missing or `null`.
    #[serde(default, deserialize_with = "nested")]
    pub organization: Organization,
    /// The member's public profile.
    #[serde(default)]
    pub public_user_data: Option<PublicUserData>,
    /// When the membership was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the membership last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// A user's public profile, as embedded in a membership (`public_user_data`) and in an
/// organization invitation (`public_inviter_data`).
///
/// One type for both of Clerk's schemas (`OrganizationMembershipPublicUserData` and
/// `OrganizationInvitationPublicUserData`); the fields only the membership form has are
/// optional or default.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicUserData {
    /// The user's id (`user_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// The user's first name; nullable.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The user's last name; nullable.
    #[serde(default)]
    pub last_name: Option<String>,
    /// **Deprecated** profile image; nullable. Use `image_url`.
    #[serde(default)]
    pub profile_image_url: Option<String>,
    /// The user's image (or a generated default image).
    #[serde(default, deserialize_with = "null_default")]
    pub image_url: String,
    /// Whether the user has an uploaded image. Absent in legacy payloads (`false`).
    #[serde(default, deserialize_with = "null_default")]
    pub has_image: bool,
    /// The user's primary identifier (usually an email address); nullable in Clerk's schema.
    #[serde(default)]
    pub identifier: Option<String>,
    /// The user's username; nullable. Sent since 2025-10.
    #[serde(default)]
    pub username: Option<String>,
    /// Whether the user is banned. Sent since 2026-04.
    #[serde(default, deserialize_with = "null_default")]
    pub banned: bool,
    /// Whether the user was deprovisioned (for example by SCIM). Sent since 2026-07.
    #[serde(default, deserialize_with = "null_default")]
    pub deprovisioned: bool,
}
