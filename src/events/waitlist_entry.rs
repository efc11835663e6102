//! [`WaitlistEntry`]: someone on the application's waitlist (`waitlistEntry.created`,
//! `waitlistEntry.updated`).

use super::serde_util::{nested_opt, null_default};
use super::{Invitation, UnixMillis};
use serde::{Deserialize, Serialize};

/// An entry on the application's waitlist.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WaitlistEntry {
    /// The object type as sent: the schema says `waitlist_entry`, but Clerk's examples send
    /// `waitlistEntry`. Kept as a plain string; events are dispatched on the envelope `type`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The entry id (`wle_…`).
    pub id: String,
    /// The email address that joined the waitlist.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// The entry's status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: WaitlistEntryStatus,
    /// Whether the entry is locked while a batch action processes it.
    #[serde(default, deserialize_with = "null_default")]
    pub is_locked: bool,
    /// When the entry was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the entry last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// The invitation sent to this entry, once invited; nullable. Its `id` reads as `""` when
    /// missing or `null`.
    #[serde(default, deserialize_with = "nested_opt")]
    pub invitation: Option<Invitation>,
}

super::open_enum::open_enum! {
    /// The status of a [`WaitlistEntry`].
    pub enum WaitlistEntryStatus {
        /// Waiting.
        Pending => "pending",
        /// An invitation was sent.
        Invited => "invited",
        /// The entry was rejected.
        Rejected => "rejected",
        /// The person signed up.
        Completed => "completed",
    }
}
