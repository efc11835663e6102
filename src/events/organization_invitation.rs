//! [`OrganizationInvitation`]: an invitation to join an organization
//! (`organizationInvitation.created`, `.accepted`, `.revoked`).

use super::serde_util::null_default;
use super::{PublicOrganizationData, PublicUserData, UnixMillis};
use serde::{Deserialize, Serialize};

/// An invitation to join an organization.
///
/// One type serves all three events; `user_id` is set on `organizationInvitation.accepted`.
/// Legacy payloads (2022–2023) lack `role_name`, the metadata, `url` and `expires_at`, and use
/// the role keys `admin` / `basic_member`.
///
/// Clerk's webhook spec nests the organization's public data as
/// `data.public_organization_data`, while the Backend API and `@clerk/backend` put
/// `public_organization_data` at the top level. Both are kept;
/// [`organization_data`](Self::organization_data) reads either.
///
/// The invitation's own `id` is required; `public_organization_data.id` and
/// `public_inviter_data.user_id` read as `""` when missing or `null`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationInvitation {
    /// Always `"organization_invitation"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The invitation id (`orginv_…`).
    pub id: String,
    /// The invited email address.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// The role key the invitee will get: `org:admin`, `org:member`, a custom `org:<key>`,
    /// or, in legacy payloads, `admin` / `basic_member`.
    #[serde(default, deserialize_with = "null_default")]
    pub role: String,
    /// The role's human-readable name. Absent in legacy payloads.
    #[serde(default)]
    pub role_name: Option<String>,
    /// The id of the organization (`org_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub organization_id: String,
    /// The id of the user who sent the invitation; nullable. Sent since 2025-11.
    #[serde(default)]
    pub inviter_id: Option<String>,
    /// The inviter's public profile; nullable. Sent since 2025-12.
    #[serde(default)]
    pub public_inviter_data: Option<PublicUserData>,
    /// The invitation status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: OrganizationInvitationStatus,
    /// Metadata readable from the Frontend and Backend APIs; copied to the membership.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// Metadata readable only from the Backend API; copied to the membership.
    #[serde(default, deserialize_with = "null_default")]
    pub private_metadata: serde_json::Map<String, serde_json::Value>,
    /// The URL that accepts the invitation; nullable.
    #[serde(default)]
    pub url: Option<String>,
    /// When the invitation expires; nullable.
    #[serde(default)]
    pub expires_at: Option<UnixMillis>,
    /// When the invitation was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the invitation last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// The id of the user who accepted the invitation (`organizationInvitation.accepted`
    /// only, since 2025-09).
    #[serde(default)]
    pub user_id: Option<String>,
    /// The organization's public data, at the top level (the Backend API's and
    /// `@clerk/backend`'s placement); nullable.
    #[serde(default)]
    pub public_organization_data: Option<PublicOrganizationData>,
    /// The webhook spec's nested `data` object, kept as sent. Per the spec it holds
    /// `public_organization_data`; see [`organization_data`](Self::organization_data).
    #[serde(default)]
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

impl OrganizationInvitation {
    /// The organization's public data, from the top-level `public_organization_data` or, failing
    /// that, from the spec's nested `data.public_organization_data`.
    ///
    /// Returns `None` when neither is present (or the nested value is not an object of the
    /// expected shape).
    pub fn organization_data(&self) -> Option<PublicOrganizationData> {
        if let Some(data) = &self.public_organization_data {
            return Some(data.clone());
        }
        let nested = self.data.as_ref()?.get("public_organization_data")?;
        PublicOrganizationData::deserialize(nested).ok()
    }
}

super::open_enum::open_enum! {
    /// The status of an [`OrganizationInvitation`].
    pub enum OrganizationInvitationStatus {
        /// Sent and not yet acted on.
        Pending => "pending",
        /// The invitee accepted.
        Accepted => "accepted",
        /// The invitation was revoked.
        Revoked => "revoked",
        /// The invitation expired.
        Expired => "expired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_data_prefers_top_level_then_nested() {
        let top: OrganizationInvitation = serde_json::from_str(
            r#"{"id":"orginv_1","public_organization_data":{"id":"org_top","has_image":true},
                "data":{"public_organization_data":{"id":"org_nested"}}}"#,
        )
        .unwrap();
        assert_eq!(top.organization_data().unwrap().id, "org_top");

        let nested: OrganizationInvitation = serde_json::from_str(
            r#"{"id":"orginv_2","data":{"public_organization_data":{"id":"org_nested","slug":"n"}}}"#,
        )
        .unwrap();
        assert_eq!(nested.public_organization_data, None);
        assert_eq!(nested.organization_data().unwrap().slug, "n");

        let neither: OrganizationInvitation =
            serde_json::from_str(r#"{"id":"orginv_3","data":{"public_organization_data":null}}"#)
                .unwrap();
        assert_eq!(neither.organization_data(), None);
    }
}
