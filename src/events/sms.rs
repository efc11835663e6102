//! [`SmsMessage`]: an SMS Clerk produced (`sms.created`).

use super::serde_util::null_default;
use super::UnixMillis;
use serde::{Deserialize, Serialize};

/// An SMS message Clerk produced, for example a verification code.
///
/// When `delivered_by_clerk` is `false`, your application must send it.
///
/// Clerk's schema requires `created_at_ms`, but its example sends `created_at`, and
/// `@clerk/backend` has neither. Both are kept, each in its own field, so that whichever key
/// was sent is written back; [`created`](Self::created) reads either.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsMessage {
    /// Always `"sms_message"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The message id (`sms_…`).
    pub id: String,
    /// The template slug, for example `verification_code`; nullable.
    #[serde(default)]
    pub slug: Option<String>,
    /// The sender's phone number.
    #[serde(default, deserialize_with = "null_default")]
    pub from_phone_number: String,
    /// The recipient's phone number.
    #[serde(default, deserialize_with = "null_default")]
    pub to_phone_number: String,
    /// The id of the recipient's phone number (`idn_…`); nullable.
    #[serde(default)]
    pub phone_number_id: Option<String>,
    /// The id of the recipient user; nullable.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The message text.
    #[serde(default, deserialize_with = "null_default")]
    pub message: String,
    /// The delivery status. Only `queued` has been seen.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// The template variables. Free-form: they differ per `slug`.
    #[serde(default, deserialize_with = "null_default")]
    pub data: serde_json::Map<String, serde_json::Value>,
    /// Whether Clerk delivers the message. When `false`, your application must send it.
    #[serde(default, deserialize_with = "null_default")]
    pub delivered_by_clerk: bool,
    /// When the message was created (the schema's key).
    #[serde(default)]
    pub created_at_ms: Option<UnixMillis>,
    /// When the message was created (the key Clerk's example sends).
    #[serde(default)]
    pub created_at: Option<UnixMillis>,
}

impl SmsMessage {
    /// When the message was created, from `created_at_ms` or, failing that, `created_at`.
    pub fn created(&self) -> Option<UnixMillis> {
        self.created_at_ms.or(self.created_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_prefers_created_at_ms_then_created_at() {
        let both: SmsMessage =
            serde_json::from_str(r#"{"id":"sms_1","created_at_ms":2,"created_at":1}"#).unwrap();
        assert_eq!(both.created(), Some(UnixMillis::new(2)));
        let legacy: SmsMessage =
            serde_json::from_str(r#"{"id":"sms_2","created_at":1,"data":null}"#).unwrap();
        assert_eq!(legacy.created(), Some(UnixMillis::new(1)));
        assert!(legacy.data.is_empty());
        let neither: SmsMessage = serde_json::from_str(r#"{"id":"sms_3"}"#).unwrap();
        assert_eq!(neither.created(), None);
    }
}
