//! [`Organization`] (`organization.created`, `organization.updated`, and inside memberships)
//! and [`PublicOrganizationData`] (inside invitations and domains).

use super::serde_util::null_default;
use super::UnixMillis;
use serde::{Deserialize, Serialize};

/// An organization.
///
/// Legacy payloads (2022–2023) carry `logo_url` and lack `has_image`,
/// `max_allowed_memberships` and `admin_delete_enabled`, which then read as their defaults.
///
/// As the `data` of `organization.created` / `organization.updated`, an organization must have
/// an `id`. Nested in an [`OrganizationMembership`](super::OrganizationMembership), a missing
/// or `null` `id` reads as `""`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organization {
    /// Always `"organization"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The organization id (`org_…`).
    pub id: String,
    /// The organization's name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The organization's slug.
    #[serde(default, deserialize_with = "null_default")]
    pub slug: String,
    /// The organization's image (or a generated default image). Optional in Clerk's schema.
    #[serde(default)]
    pub image_url: Option<String>,
    /// Whether the organization has an uploaded image. Absent in legacy payloads (`false`).
    #[serde(default, deserialize_with = "null_default")]
    pub has_image: bool,
    /// The number of members, when Clerk includes it.
    #[serde(default)]
    pub members_count: Option<i64>,
    /// Whether the organization lacks a member with elevated permissions, when Clerk includes
    /// it.
    #[serde(default)]
    pub missing_member_with_elevated_permissions: Option<bool>,
    /// The number of pending invitations, when Clerk includes it.
    #[serde(default)]
    pub pending_invitations_count: Option<i64>,
    /// The maximum number of memberships allowed. Absent in legacy payloads (`0`).
    #[serde(default, deserialize_with = "null_default")]
    pub max_allowed_memberships: i64,
    /// Whether admins may delete the organization. Absent in legacy payloads (`false`).
    #[serde(default, deserialize_with = "null_default")]
    pub admin_delete_enabled: bool,
    /// Metadata readable from the Frontend and Backend APIs.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// Metadata readable only from the Backend API.
    #[serde(default, deserialize_with = "null_default")]
    pub private_metadata: serde_json::Map<String, serde_json::Value>,
    /// The id of the user who created the organization (`user_…`), when known.
    #[serde(default)]
    pub created_by: Option<String>,
    /// When the organization was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the organization last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// When the organization was last active. Sent since 2025-11.
    #[serde(default)]
    pub last_active_at: Option<UnixMillis>,
    /// The key of the role set assigned to the organization; nullable, sent since 2026-02.
    #[serde(default)]
    pub role_set_key: Option<String>,
    /// The organization's logo. **Legacy**: sent (as a string or `null`) by 2022–2023 payloads
    /// and since removed in favour of `image_url`.
    #[serde(default)]
    pub logo_url: Option<String>,
}

/// The public data of an organization, as embedded in invitations
/// (`public_organization_data`) and domains.
///
/// Clerk's schema calls this `OrganizationInvitationPublicOrganizationData`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicOrganizationData {
    /// The organization id (`org_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The organization's name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The organization's slug.
    #[serde(default, deserialize_with = "null_default")]
    pub slug: String,
    /// The organization's image. Optional in Clerk's schema.
    #[serde(default)]
    pub image_url: Option<String>,
    /// Whether the organization has an uploaded image.
    #[serde(default, deserialize_with = "null_default")]
    pub has_image: bool,
}
