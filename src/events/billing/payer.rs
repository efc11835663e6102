//! [`Payer`]: the user or organization that pays for a subscription.

use super::super::serde_util::null_default;
use super::super::UnixMillis;
use super::Amount;
use serde::{Deserialize, Serialize};

/// The payer behind a subscription, subscription item or payment attempt.
///
/// A payer is either a **user** or an **organization**. Clerk's schema lists both kinds of
/// field as required strings, and in practice fills the fields of the *other* kind with `""`
/// (empty string): a user payer arrives with `"organization_id": ""` and
/// `"organization_name": ""`. Some payloads (the payment-attempt examples) omit the
/// organization fields altogether.
///
/// Every kind-specific field is therefore an `Option<String>` where:
///
/// * `None` means the key was absent or `null`;
/// * `Some("")` means "not this payer kind" (kept as sent, so that the payload round-trips);
/// * `Some("org_…")` / `Some("user_…")` is a real value.
///
/// Use [`is_organization`](Self::is_organization) and [`is_user`](Self::is_user) rather than
/// testing `is_some()`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payer {
    /// `"commerce_payer"`. Optional in the schema and absent in the payment-attempt examples.
    #[serde(default)]
    pub object: Option<String>,
    /// The payer id (`cpayer_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The instance id (`ins_…`). Sent by older payloads only (removed from the schema on
    /// 2025-11-08).
    #[serde(default)]
    pub instance_id: Option<String>,
    /// The paying user's id (`user_…`). `""` for organization payers.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The paying user's first name. `""` for organization payers.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The paying user's last name. `""` for organization payers.
    #[serde(default)]
    pub last_name: Option<String>,
    /// The payer's email address.
    #[serde(default, deserialize_with = "null_default")]
    pub email: String,
    /// The paying organization's id (`org_…`). `""` for user payers; absent in some payloads.
    #[serde(default)]
    pub organization_id: Option<String>,
    /// The paying organization's name. `""` for user payers; absent in some payloads.
    #[serde(default)]
    pub organization_name: Option<String>,
    /// The user's avatar or the organization's logo.
    #[serde(default, deserialize_with = "null_default")]
    pub image_url: String,
    /// When the payer was created. Optional in the schema; absent in the payment-attempt
    /// examples.
    #[serde(default)]
    pub created_at: Option<UnixMillis>,
    /// When the payer last changed. Optional in the schema; absent in the payment-attempt
    /// examples.
    #[serde(default)]
    pub updated_at: Option<UnixMillis>,
    /// The payer's account credit balance. Sent by the Backend API, not by webhooks today.
    #[serde(default)]
    pub credits_balance: Option<Amount>,
}

impl Payer {
    /// `true` when the payer is an organization: `organization_id` is present and non-empty.
    pub fn is_organization(&self) -> bool {
        non_empty(&self.organization_id)
    }

    /// `true` when the payer is a user: `user_id` is present and non-empty, and the payer is
    /// not an organization.
    pub fn is_user(&self) -> bool {
        !self.is_organization() && non_empty(&self.user_id)
    }
}

fn non_empty(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_strings_are_kept_and_mean_the_other_kind() {
        let payer: Payer = serde_json::from_str(
            r#"{"id":"cpayer_1","user_id":"user_1","organization_id":"","organization_name":""}"#,
        )
        .unwrap();
        assert_eq!(payer.organization_id.as_deref(), Some(""));
        assert!(payer.is_user());
        assert!(!payer.is_organization());
        let back = serde_json::to_value(&payer).unwrap();
        assert_eq!(back["organization_id"], "");
    }

    #[test]
    fn organization_payer_with_empty_user_fields() {
        let payer: Payer = serde_json::from_str(
            r#"{"id":"cpayer_2","user_id":"","first_name":"","organization_id":"org_1"}"#,
        )
        .unwrap();
        assert!(payer.is_organization());
        assert!(!payer.is_user());
        assert_eq!(payer.created_at, None);
    }
}
