//! [`Session`]: a user's session (`session.created`, `.updated`, `.pending`, `.ended`,
//! `.removed`, `.revoked`).

use super::serde_util::{nested_opt, null_default, skip_nulls_opt};
use super::{UnixMillis, User};
use serde::{Deserialize, Serialize};

/// A session, as carried by every `session.*` event.
///
/// Clerk's schema for these events is the session plus the full `user` (added around
/// 2025-11). Payloads from before then, and the 2022 dashboard catalog, have no `user`, no
/// `actor` and no `latest_activity`, so those are `Option`.
///
/// The session's own `id` is required. Every identifier nested inside it (`user.id`,
/// `latest_activity.id`, the user's `email_addresses[].id`, …) reads as `""` when missing or
/// `null`, and `null` entries in its lists are skipped.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// Always `"session"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The session id (`sess_…`).
    pub id: String,
    /// The id of the user the session belongs to (`user_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// The full user the session belongs to. Sent since about 2025-11-11; absent in older
    /// payloads (and typed `UserJSON | null` by `@clerk/backend`). Its `id` reads as `""` when
    /// missing or `null` (use [`user_id`](Self::user_id)).
    #[serde(default, deserialize_with = "nested_opt")]
    pub user: Option<Box<User>>,
    /// The id of the client (device/browser) holding the session (`client_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub client_id: String,
    /// The impersonation actor (for example `{"sub":"user_…"}`) when the session was created
    /// with an actor token; nullable, free-form, and absent in legacy payloads.
    #[serde(default)]
    pub actor: Option<serde_json::Value>,
    /// The session status. Each `session.*` event carries its own suffix as the status
    /// (`session.pending` sends `pending`, although Clerk's webhook schema omits that value).
    #[serde(default, deserialize_with = "null_default")]
    pub status: SessionStatus,
    /// The organization that was active when the session was last used; nullable, and absent
    /// in legacy payloads.
    #[serde(default)]
    pub last_active_organization_id: Option<String>,
    /// When the session was last active.
    #[serde(default, deserialize_with = "null_default")]
    pub last_active_at: UnixMillis,
    /// The device, browser and location of the latest activity; nullable, and absent in
    /// legacy payloads.
    #[serde(default)]
    pub latest_activity: Option<SessionActivity>,
    /// When the session expires.
    #[serde(default, deserialize_with = "null_default")]
    pub expire_at: UnixMillis,
    /// When the session will be abandoned if it is not used.
    #[serde(default, deserialize_with = "null_default")]
    pub abandon_at: UnixMillis,
    /// When the session last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// When the session was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// The session tasks still to complete (status `pending`), from the Backend API's session
    /// object. Not in the webhook schema, but a `session.pending` payload may carry it.
    /// `null` entries are skipped.
    #[serde(default, deserialize_with = "skip_nulls_opt")]
    pub tasks: Option<Vec<SessionTask>>,
}

/// The device, browser and location of a session's latest activity (`latest_activity`).
///
/// Everything except `object`, `id` and `is_mobile` is optional in Clerk's schema.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionActivity {
    /// Always `"session_activity"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The activity id (`activity_…`).
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The kind of device, for example `desktop` or `mobile`.
    #[serde(default)]
    pub device_type: Option<String>,
    /// Whether the device is a mobile device.
    #[serde(default, deserialize_with = "null_default")]
    pub is_mobile: bool,
    /// The browser's name, for example `Chrome`.
    #[serde(default)]
    pub browser_name: Option<String>,
    /// The browser's version.
    #[serde(default)]
    pub browser_version: Option<String>,
    /// The client's IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The city, resolved from the IP address.
    #[serde(default)]
    pub city: Option<String>,
    /// The country code, resolved from the IP address (for example `US`).
    #[serde(default)]
    pub country: Option<String>,
}

/// A session task the user must complete before the session becomes active (`tasks[]`).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionTask {
    /// The task key, for example `choose-organization`.
    #[serde(default, deserialize_with = "null_default")]
    pub key: String,
}

super::open_enum::open_enum! {
    /// The status of a [`Session`].
    pub enum SessionStatus {
        /// The session is in use.
        Active => "active",
        /// The session was revoked through the Backend API or the dashboard.
        Revoked => "revoked",
        /// The user signed out.
        Ended => "ended",
        /// The session reached its `expire_at`.
        Expired => "expired",
        /// The session was removed from its client.
        Removed => "removed",
        /// The session was not used before its `abandon_at`.
        Abandoned => "abandoned",
        /// The session was replaced by another session.
        Replaced => "replaced",
        /// The session is waiting on session tasks. Missing from Clerk's webhook schema, but
        /// sent by `session.pending` and listed by the Backend API.
        Pending => "pending",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_session_defaults_and_null_status() {
        let s: Session = serde_json::from_str(r#"{"id":"sess_1","status":null}"#).unwrap();
        assert_eq!(s.status, SessionStatus::default());
        assert!(s.user.is_none() && s.actor.is_none() && s.latest_activity.is_none());
        assert_eq!(SessionStatus::from("pending"), SessionStatus::Pending);
        assert!(serde_json::from_str::<Session>(r#"{"status":"active"}"#).is_err());
    }
}
