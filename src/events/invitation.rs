//! [`Invitation`]: an invitation to join the application (instance), as nested in
//! [`WaitlistEntry`](super::WaitlistEntry) and carried by `invitation.created`,
//! `invitation.accepted` and `invitation.revoked`.

use super::serde_util::null_default;
use super::UnixMillis;
use serde::{Deserialize, Serialize};

/// An invitation to join the application (not an organization).
///
/// Clerk's webhook spec defines this only inside `waitlistEntry.*` events. The `invitation.*`
/// events are named in Clerk's docs but have no published schema; their `data` is parsed as
/// this type, which matches the Backend API's invitation object.
///
/// As the `data` of an `invitation.*` event, an invitation must have an `id`. Nested in a
/// [`WaitlistEntry`](super::WaitlistEntry), a missing or `null` `id` reads as `""`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Invitation {
    /// Always `"invitation"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The invitation id (`inv_…`).
    pub id: String,
    /// The invited email address.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// Metadata copied to the user when they sign up. Absent in the nested waitlist example.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// Whether the invitation was revoked.
    #[serde(default, deserialize_with = "null_default")]
    pub revoked: bool,
    /// The invitation status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: InvitationStatus,
    /// The URL that accepts the invitation, when Clerk includes it.
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
}

super::open_enum::open_enum! {
    /// The status of an [`Invitation`].
    pub enum InvitationStatus {
        /// Sent and not yet acted on.
        Pending => "pending",
        /// The invitee signed up.
        Accepted => "accepted",
        /// The invitation was revoked.
        Revoked => "revoked",
        /// The invitation expired.
        Expired => "expired",
    }
}
