//! [`EmailMessage`]: an email Clerk produced (`email.created`).

use super::serde_util::null_default;
use serde::{Deserialize, Serialize};

/// An email Clerk produced, for example a verification code.
///
/// When `delivered_by_clerk` is `false`, your application must send it. There is no
/// `created_at`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailMessage {
    /// The email id (`ema_…`).
    pub id: String,
    /// Always `"email"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The template slug, for example `verification_code`; nullable.
    #[serde(default)]
    pub slug: Option<String>,
    /// The local part of the sender address, for example `notifications`.
    #[serde(default, deserialize_with = "null_default")]
    pub from_email_name: String,
    /// The local part of the reply-to address; nullable.
    #[serde(default)]
    pub reply_to_email_name: Option<String>,
    /// The recipient address.
    #[serde(default)]
    pub to_email_address: Option<String>,
    /// The id of the recipient's email address (`idn_…`); nullable.
    #[serde(default)]
    pub email_address_id: Option<String>,
    /// The id of the recipient user; nullable.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The subject line.
    #[serde(default)]
    pub subject: Option<String>,
    /// The HTML body.
    #[serde(default)]
    pub body: Option<String>,
    /// The plain-text body; nullable.
    #[serde(default)]
    pub body_plain: Option<String>,
    /// The delivery status. Only `queued` has been seen.
    #[serde(default)]
    pub status: Option<String>,
    /// Why Clerk suppressed delivery to this recipient (for example after a bounce or a spam
    /// complaint); `None` when delivery was not suppressed, and absent in older payloads.
    #[serde(default)]
    pub suppression_reason: Option<String>,
    /// The template variables. Free-form: they differ per `slug`, and values inside (such as
    /// `app.logo_url`) may be `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub data: serde_json::Map<String, serde_json::Value>,
    /// Whether Clerk delivers the email. When `false`, your application must send it.
    #[serde(default, deserialize_with = "null_default")]
    pub delivered_by_clerk: bool,
}
