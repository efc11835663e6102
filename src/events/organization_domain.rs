//! [`OrganizationDomain`]: a domain attached to an organization (`organizationDomain.created`,
//! `organizationDomain.updated`).

use super::serde_util::null_default;
use super::{PublicOrganizationData, UnixMillis};
use serde::{Deserialize, Serialize};

/// A domain attached to an organization, used to enroll users with matching email addresses.
///
/// The domain's own `id` is required; `public_organization_data.id` reads as `""` when missing
/// or `null`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationDomain {
    /// Always `"organization_domain"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The domain id (`orgdmn_…`; some examples use `orgdm_…`).
    pub id: String,
    /// The id of the organization the domain belongs to (`org_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub organization_id: String,
    /// The domain name, for example `acme.com`.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// How users with a matching email address are enrolled.
    #[serde(default, deserialize_with = "null_default")]
    pub enrollment_mode: EnrollmentMode,
    /// The email address used to verify affiliation with the domain; nullable.
    #[serde(default)]
    pub affiliation_email_address: Option<String>,
    /// The verification of the user-facing affiliation between the domain and the
    /// organization; nullable. Added 2026-05, so absent in older payloads.
    #[serde(default)]
    pub affiliation_verification: Option<OrganizationDomainVerification>,
    /// The verification of DNS ownership of the domain; `null` until ownership has been
    /// attempted. Added 2026-05, so absent in older payloads.
    #[serde(default)]
    pub ownership_verification: Option<OrganizationDomainVerification>,
    /// **Deprecated** alias of `affiliation_verification`, still sent; nullable.
    #[serde(default)]
    pub verification: Option<OrganizationDomainVerification>,
    /// The number of pending invitations for this domain.
    #[serde(default, deserialize_with = "null_default")]
    pub total_pending_invitations: i64,
    /// The number of pending suggestions for this domain.
    #[serde(default, deserialize_with = "null_default")]
    pub total_pending_suggestions: i64,
    /// The organization's public data; optional and nullable.
    #[serde(default)]
    pub public_organization_data: Option<PublicOrganizationData>,
    /// When the domain was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the domain last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// The verification state of an [`OrganizationDomain`] (affiliation or ownership).
///
/// Clerk's webhook schema calls the expiry `expire_at` (nullable); `@clerk/backend` calls it
/// `expires_at`. Both are kept, each in its own field, so that whichever key was sent is
/// written back; [`expiry`](Self::expiry) reads either.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationDomainVerification {
    /// The verification status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: OrganizationDomainVerificationStatus,
    /// The verification strategy, for example `email_code` or `affiliation_email_code`.
    #[serde(default, deserialize_with = "null_default")]
    pub strategy: String,
    /// How many verification attempts have been made; nullable.
    #[serde(default)]
    pub attempts: Option<i64>,
    /// When the verification expires (the webhook schema's name); nullable.
    #[serde(default)]
    pub expire_at: Option<UnixMillis>,
    /// When the verification expires (`@clerk/backend`'s name for the same value).
    #[serde(default)]
    pub expires_at: Option<UnixMillis>,
    /// When ownership was verified; only set on `ownership_verification`. Added 2026-05.
    #[serde(default)]
    pub verified_at: Option<UnixMillis>,
}

impl OrganizationDomainVerification {
    /// The expiry, read from `expire_at` or, failing that, `expires_at`.
    pub fn expiry(&self) -> Option<UnixMillis> {
        self.expire_at.or(self.expires_at)
    }
}

super::open_enum::open_enum! {
    /// How users whose email matches an [`OrganizationDomain`] are enrolled.
    pub enum EnrollmentMode {
        /// Only by explicit invitation.
        ManualInvitation => "manual_invitation",
        /// Users are invited automatically.
        AutomaticInvitation => "automatic_invitation",
        /// Users are offered a suggestion to join.
        AutomaticSuggestion => "automatic_suggestion",
        /// Users are enrolled through the organization's enterprise SSO connection. Only in
        /// Clerk's webhook schema, not in `@clerk/backend`'s types.
        EnterpriseSso => "enterprise_sso",
    }
}

super::open_enum::open_enum! {
    /// The status of an [`OrganizationDomainVerification`].
    pub enum OrganizationDomainVerificationStatus {
        /// Not verified yet.
        Unverified => "unverified",
        /// Verified.
        Verified => "verified",
        /// Verification failed.
        Failed => "failed",
        /// The verification expired.
        Expired => "expired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_reads_either_name_and_keeps_the_one_sent() {
        let s1: OrganizationDomainVerification =
            serde_json::from_str(r#"{"status":"verified","strategy":"email_code","expire_at":5}"#)
                .unwrap();
        assert_eq!(s1.expiry(), Some(UnixMillis::new(5)));
        assert_eq!(s1.expires_at, None);

        let s2: OrganizationDomainVerification =
            serde_json::from_str(r#"{"status":"expired","expires_at":7,"attempts":3}"#).unwrap();
        assert_eq!(s2.expiry(), Some(UnixMillis::new(7)));
        assert_eq!(s2.expire_at, None);
        assert_eq!(s2.status, OrganizationDomainVerificationStatus::Expired);
        let back = serde_json::to_value(&s2).unwrap();
        assert_eq!(back["expires_at"], 7);
        assert!(back["expire_at"].is_null());
    }
}
