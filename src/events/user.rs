//! [`User`] (`user.created`, `user.updated`, and `user` inside `session.*`) and the identity
//! objects nested in it: email addresses, phone numbers, Web3 wallets, passkeys, and OAuth,
//! SAML and enterprise accounts.
//!
//! User payloads have drifted more than any other: 2022 payloads carry `birthday` and `gender`
//! and lack about sixteen fields that are required today (`has_image`, `banned`, `passkeys`,
//! `saml_accounts`, …), and nested email addresses lack `created_at`, `updated_at` and
//! `reserved`. Every such field defaults here.
//!
//! Only the user's own `id` is required, and only when the user is an event's `data`. Every
//! nested identifier (`email_addresses[].id`, `external_accounts[].id`, `linked_to[].id`,
//! `saml_accounts[].saml_connection.id`, …) reads as `""` when missing or `null`, and `null`
//! entries in every list are skipped.

use super::serde_util::{null_default, skip_nulls, skip_nulls_nested, skip_nulls_opt};
use super::{OrganizationMembership, UnixMillis, Verification};
use serde::{Deserialize, Serialize};

/// A Clerk user.
///
/// ```
/// use clerk_webhooks::events::User;
///
/// // A 2022 payload: legacy `birthday`, no `has_image`, no `passkeys`.
/// let user: User = serde_json::from_str(
///     r#"{"id":"user_1","object":"user","birthday":"","gender":"","private_metadata":null}"#,
/// )?;
/// assert_eq!(user.birthday.as_deref(), Some(""));
/// assert!(!user.has_image);
/// assert!(user.passkeys.is_empty());
/// assert!(user.private_metadata.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// As the `data` of `user.created` / `user.updated`, a user must have an `id`. Nested as a
/// session's [`user`](super::Session::user), a missing or `null` `id` reads as `""`. In both
/// places every identifier nested inside the user defaults to `""` when missing or `null`,
/// and `null` entries in its lists are skipped.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user id (`user_…`).
    pub id: String,
    /// Always `"user"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// Your own id for the user, set through the Backend API; nullable.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The id (`idn_…`) of the primary entry in [`email_addresses`](Self::email_addresses);
    /// nullable.
    #[serde(default)]
    pub primary_email_address_id: Option<String>,
    /// The id of the primary entry in [`phone_numbers`](Self::phone_numbers); nullable.
    #[serde(default)]
    pub primary_phone_number_id: Option<String>,
    /// The id of the primary entry in [`web3_wallets`](Self::web3_wallets); nullable.
    #[serde(default)]
    pub primary_web3_wallet_id: Option<String>,
    /// The username; nullable.
    #[serde(default)]
    pub username: Option<String>,
    /// The first name; nullable.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The last name; nullable.
    #[serde(default)]
    pub last_name: Option<String>,
    /// The user's locale in BCP-47 format; nullable (added 2025-10).
    #[serde(default)]
    pub locale: Option<String>,
    /// The user's time zone as an IANA name (for example `Europe/Berlin`); nullable, and
    /// absent in older payloads.
    #[serde(default)]
    pub timezone: Option<String>,
    /// **Deprecated**: use [`image_url`](Self::image_url). Still sent in every payload seen
    /// (often a gravatar default).
    #[serde(default, deserialize_with = "null_default")]
    pub profile_image_url: String,
    /// The profile image (or a generated default).
    #[serde(default, deserialize_with = "null_default")]
    pub image_url: String,
    /// Whether the user uploaded a profile image. Absent in legacy payloads.
    #[serde(default, deserialize_with = "null_default")]
    pub has_image: bool,
    /// Metadata readable from the frontend, writable only from the backend.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// Backend-only metadata. The schema calls it nullable and `user.created` examples send
    /// `null`; `null` becomes an empty map.
    #[serde(default, deserialize_with = "null_default")]
    pub private_metadata: serde_json::Map<String, serde_json::Value>,
    /// Metadata readable and writable from the frontend.
    #[serde(default, deserialize_with = "null_default")]
    pub unsafe_metadata: serde_json::Map<String, serde_json::Value>,
    /// The user's email addresses.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub email_addresses: Vec<EmailAddress>,
    /// The user's phone numbers.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub phone_numbers: Vec<PhoneNumber>,
    /// The user's Web3 wallets.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub web3_wallets: Vec<Web3Wallet>,
    /// The user's passkeys. Absent in legacy payloads.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub passkeys: Vec<Passkey>,
    /// Whether the user has a password.
    #[serde(default, deserialize_with = "null_default")]
    pub password_enabled: bool,
    /// Whether any second factor is enabled.
    #[serde(default, deserialize_with = "null_default")]
    pub two_factor_enabled: bool,
    /// Whether an authenticator app (TOTP) is enabled.
    #[serde(default, deserialize_with = "null_default")]
    pub totp_enabled: bool,
    /// Whether backup codes are enabled.
    #[serde(default, deserialize_with = "null_default")]
    pub backup_code_enabled: bool,
    /// When MFA was last enabled (not cleared when MFA is disabled); nullable.
    #[serde(default)]
    pub mfa_enabled_at: Option<UnixMillis>,
    /// When MFA was last disabled (not cleared when MFA is enabled again); nullable.
    #[serde(default)]
    pub mfa_disabled_at: Option<UnixMillis>,
    /// When the password was last changed; nullable (added 2025-11).
    #[serde(default)]
    pub password_last_updated_at: Option<UnixMillis>,
    /// Linked OAuth accounts.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub external_accounts: Vec<ExternalAccount>,
    /// Linked SAML accounts. Absent in legacy payloads.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub saml_accounts: Vec<SamlAccount>,
    /// Linked enterprise (SAML or OIDC) accounts (added 2025-11).
    #[serde(default, deserialize_with = "skip_nulls")]
    pub enterprise_accounts: Vec<EnterpriseAccount>,
    /// The user's organization memberships. Optional in the schema (added 2025-11) and typed
    /// `| null` by `@clerk/backend`; absent or `null` becomes empty.
    #[serde(default, deserialize_with = "skip_nulls_nested")]
    pub organization_memberships: Vec<OrganizationMembership>,
    /// When the user last signed in; nullable.
    #[serde(default)]
    pub last_sign_in_at: Option<UnixMillis>,
    /// Whether the user is banned.
    #[serde(default, deserialize_with = "null_default")]
    pub banned: bool,
    /// Whether the user is locked out (temporarily restricted from signing in).
    #[serde(default, deserialize_with = "null_default")]
    pub locked: bool,
    /// Whether the user was deprovisioned by a directory and may not sign in (added 2026-05).
    #[serde(default, deserialize_with = "null_default")]
    pub deprovisioned: bool,
    /// A **duration in seconds** (not a timestamp): how long until the lockout ends. `None`
    /// for a locked user means the lockout never expires.
    #[serde(default)]
    pub lockout_expires_in_seconds: Option<i64>,
    /// A **count**: verification attempts left before the user is locked. `None` when account
    /// lockout is disabled.
    #[serde(default)]
    pub verification_attempts_remaining: Option<i64>,
    /// When the user last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// When the user was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// Whether the user may delete their own account from the frontend.
    #[serde(default, deserialize_with = "null_default")]
    pub delete_self_enabled: bool,
    /// Whether the user may create organizations from the frontend.
    #[serde(default, deserialize_with = "null_default")]
    pub create_organization_enabled: bool,
    /// The most organizations the user may create; nullable. Per the schema, `0` means
    /// unlimited.
    #[serde(default)]
    pub create_organizations_limit: Option<i64>,
    /// The latest session activity, documented as day precision; nullable.
    #[serde(default)]
    pub last_active_at: Option<UnixMillis>,
    /// When the user accepted the legal requirements; nullable.
    #[serde(default)]
    pub legal_accepted_at: Option<UnixMillis>,
    /// Whether the user skips Device Trust checks at sign-in (added 2025-12). Defaults to
    /// `false`.
    #[serde(default, deserialize_with = "null_default")]
    pub bypass_client_trust: bool,
    /// Directory (SCIM) linkage. Sent only on `user.created`/`user.updated` for
    /// directory-provisioned users; nullable.
    #[serde(default)]
    pub scim: Option<ScimUserMetadata>,
    /// **Legacy** (2022 payloads): the birthday, usually `""`. Removed from the schema.
    #[serde(default)]
    pub birthday: Option<String>,
    /// **Legacy** (2022 payloads): the gender, usually `""`. Removed from the schema.
    #[serde(default)]
    pub gender: Option<String>,
}

impl User {
    /// The user's full name: first and last name joined by a space and trimmed, as Clerk's own
    /// SDKs compute `fullName`; `None` when that leaves nothing (both names absent or blank).
    ///
    /// ```
    /// use clerk_webhooks::events::User;
    ///
    /// let mut user = User::new("user_1");
    /// assert_eq!(user.full_name(), None);
    /// user.first_name = Some("Ada".into());
    /// assert_eq!(user.full_name().as_deref(), Some("Ada"));
    /// user.last_name = Some("Lovelace".into());
    /// assert_eq!(user.full_name().as_deref(), Some("Ada Lovelace"));
    /// user.first_name = None;
    /// assert_eq!(user.full_name().as_deref(), Some("Lovelace"));
    /// ```
    pub fn full_name(&self) -> Option<String> {
        let first = self.first_name.as_deref().unwrap_or_default();
        let last = self.last_name.as_deref().unwrap_or_default();
        let joined = format!("{first} {last}");
        let trimmed = joined.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }

    /// The primary email address: the entry of [`email_addresses`](Self::email_addresses)
    /// whose `id` equals [`primary_email_address_id`](Self::primary_email_address_id).
    ///
    /// `None` when the primary id is unset or empty, or names no entry in the list. This
    /// **never falls back to the first entry**: a user with several addresses may list the
    /// primary one anywhere, and an address that is merely first (perhaps unverified, or
    /// just added) is not one the user chose to be contacted at.
    ///
    /// ```
    /// use clerk_webhooks::events::User;
    ///
    /// let user: User = serde_json::from_str(r#"{
    ///     "id": "user_1",
    ///     "primary_email_address_id": "idn_2",
    ///     "email_addresses": [
    ///         {"id": "idn_1", "email_address": "old@example.com"},
    ///         {"id": "idn_2", "email_address": "ada@example.com"}
    ///     ]
    /// }"#)?;
    /// let primary = user.primary_email_address().map(|e| e.email_address.as_str());
    /// assert_eq!(primary, Some("ada@example.com"));
    ///
    /// let mut unset = user.clone();
    /// unset.primary_email_address_id = None;
    /// assert!(unset.primary_email_address().is_none()); // not the first entry
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn primary_email_address(&self) -> Option<&EmailAddress> {
        let id = primary_id(self.primary_email_address_id.as_deref())?;
        self.email_addresses.iter().find(|entry| entry.id == id)
    }

    /// The primary phone number: the entry of [`phone_numbers`](Self::phone_numbers) whose
    /// `id` equals [`primary_phone_number_id`](Self::primary_phone_number_id).
    ///
    /// `None` when the primary id is unset or empty, or names no entry in the list. Like
    /// [`primary_email_address`](Self::primary_email_address), this **never falls back to the
    /// first entry**: with several numbers, the first is not necessarily the primary one.
    ///
    /// ```
    /// use clerk_webhooks::events::User;
    ///
    /// let user: User = serde_json::from_str(r#"{
    ///     "id": "user_1",
    ///     "primary_phone_number_id": "idn_9",
    ///     "phone_numbers": [{"id": "idn_8", "phone_number": "+15555550100"}]
    /// }"#)?;
    /// assert!(user.primary_phone_number().is_none()); // idn_9 is not in the list
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn primary_phone_number(&self) -> Option<&PhoneNumber> {
        let id = primary_id(self.primary_phone_number_id.as_deref())?;
        self.phone_numbers.iter().find(|entry| entry.id == id)
    }
}

/// A primary-identifier id that can name an entry: set and non-empty. (Nested ids default to
/// `""` when missing, so an empty primary id must not match them.)
fn primary_id(id: Option<&str>) -> Option<&str> {
    id.filter(|id| !id.is_empty())
}

/// An email address of a [`User`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailAddress {
    /// The identification id (`idn_…`). Not in the schema's `required`, but always sent.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"email_address"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The address itself.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// Whether the address is reserved (held for a pending sign-up). Absent in legacy
    /// payloads.
    #[serde(default, deserialize_with = "null_default")]
    pub reserved: bool,
    /// How the address was verified: OTP, admin, from-OAuth, ticket, SAML, email link or
    /// SCIM; nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// The OAuth accounts this address is linked to.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub linked_to: Vec<IdentificationLink>,
    /// Whether the address's domain matches an active enterprise connection.
    #[serde(default, deserialize_with = "null_default")]
    pub matches_sso_connection: bool,
    /// When the address was added. Absent in legacy payloads.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the address last changed. Absent in legacy payloads.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// A phone number of a [`User`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumber {
    /// The identification id (`idn_…`). Not in the schema's `required`, but always sent.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"phone_number"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The number, in E.164 format.
    #[serde(default, deserialize_with = "null_default")]
    pub phone_number: String,
    /// Whether the number is reserved for use as a second factor.
    #[serde(default, deserialize_with = "null_default")]
    pub reserved_for_second_factor: bool,
    /// Whether this is the user's default second factor.
    #[serde(default, deserialize_with = "null_default")]
    pub default_second_factor: bool,
    /// Whether the number is reserved (held for a pending sign-up).
    #[serde(default, deserialize_with = "null_default")]
    pub reserved: bool,
    /// How the number was verified (OTP or admin); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// The OAuth accounts this number is linked to.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub linked_to: Vec<IdentificationLink>,
    /// Backup codes; nullable. `null` entries are skipped.
    #[serde(default, deserialize_with = "skip_nulls_opt")]
    pub backup_codes: Option<Vec<String>>,
    /// When the number was added.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the number last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// A Web3 wallet of a [`User`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Web3Wallet {
    /// The identification id (`idn_…`). Not in the schema's `required`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"web3_wallet"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The wallet address.
    #[serde(default, deserialize_with = "null_default")]
    pub web3_wallet: String,
    /// How the wallet was verified (a `web3_*_signature` strategy, or admin); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// When the wallet was added.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the wallet last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// A passkey of a [`User`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Passkey {
    /// The passkey id. Not in the schema's `required`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"passkey"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The passkey's name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// When the passkey was last used.
    #[serde(default, deserialize_with = "null_default")]
    pub last_used_at: UnixMillis,
    /// The passkey verification (strategy `passkey`); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
}

/// A link from an email address or phone number to the account it came from.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentificationLink {
    /// The kind of linked account, `oauth_<provider>` (for example `oauth_google`).
    #[serde(default, rename = "type", deserialize_with = "null_default")]
    pub link_type: String,
    /// The id of the linked account. `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
}

/// An OAuth account linked to a [`User`] (the schema's `ExternalAccountWithVerification`).
///
/// The schema allows extra properties here. The legacy Google keys seen in real payloads
/// (`google_id`, `given_name`, `family_name`, `picture`) are modelled; other unknown keys are
/// ignored.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalAccount {
    /// `external_account`, or the older `google_account` / `facebook_account`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The identification id of the account (`idn_…`). `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The provider as `oauth_<provider>`, for example `oauth_google` or `oauth_custom_acme`.
    #[serde(default, deserialize_with = "null_default")]
    pub provider: String,
    /// The id of the identification this account backs.
    #[serde(default, deserialize_with = "null_default")]
    pub identification_id: String,
    /// The user's id at the provider.
    #[serde(default, deserialize_with = "null_default")]
    pub provider_user_id: String,
    /// The OAuth scopes granted, space-separated.
    #[serde(default, deserialize_with = "null_default")]
    pub approved_scopes: String,
    /// The email address reported by the provider.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// Whether the provider said the email was verified, at creation time. A tri-state:
    /// `None` means unknown (older data, custom providers). Added 2026-02.
    #[serde(default)]
    pub email_address_verified: Option<bool>,
    /// The first name reported by the provider.
    #[serde(default, deserialize_with = "null_default")]
    pub first_name: String,
    /// The last name reported by the provider.
    #[serde(default, deserialize_with = "null_default")]
    pub last_name: String,
    /// **Deprecated**: use [`image_url`](Self::image_url).
    #[serde(default, deserialize_with = "null_default")]
    pub avatar_url: String,
    /// The profile image reported by the provider; nullable.
    #[serde(default)]
    pub image_url: Option<String>,
    /// The username at the provider; nullable.
    #[serde(default)]
    pub username: Option<String>,
    /// The phone number reported by the provider; nullable.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Metadata for the account.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// A label for telling several accounts of one provider apart; nullable.
    #[serde(default)]
    pub label: Option<String>,
    /// When the account was linked.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the account last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
    /// The OAuth verification (an `oauth_*` strategy, or `google_one_tap`); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// The external account id (`eac_…`), sent only for Google and Facebook accounts. Typed by
    /// `@clerk/backend`, not in the webhook schema.
    #[serde(default)]
    pub external_account_id: Option<String>,
    /// **Legacy** `google_account` shape: the Google user id. Real Google accounts carried
    /// this (with `given_name`, `family_name` and `picture`) instead of the `provider_*` fields
    /// through 2024, and still carried it beside them in 2025. Not in the webhook schema.
    #[serde(default)]
    pub google_id: Option<String>,
    /// **Legacy** `google_account` shape: the given name (now `first_name`).
    #[serde(default)]
    pub given_name: Option<String>,
    /// **Legacy** `google_account` shape: the family name (now `last_name`).
    #[serde(default)]
    pub family_name: Option<String>,
    /// **Legacy** `google_account` shape: the profile picture (now `image_url`).
    #[serde(default)]
    pub picture: Option<String>,
}

/// A SAML account linked to a [`User`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SamlAccount {
    /// The account id. `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"saml_account"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The identity provider, for example `saml_okta` or `saml_custom`.
    #[serde(default, deserialize_with = "null_default")]
    pub provider: String,
    /// Whether the account is active.
    #[serde(default, deserialize_with = "null_default")]
    pub active: bool,
    /// The email address the identity provider asserted.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// The first name; nullable.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The last name; nullable.
    #[serde(default)]
    pub last_name: Option<String>,
    /// The user's id at the identity provider; nullable.
    #[serde(default)]
    pub provider_user_id: Option<String>,
    /// When the user last authenticated with this account; nullable (added 2025-10).
    #[serde(default)]
    pub last_authenticated_at: Option<UnixMillis>,
    /// Metadata for the account.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// The verification (SAML or ticket); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// The SAML connection the account belongs to; nullable.
    #[serde(default)]
    pub saml_connection: Option<SamlConnection>,
}

/// The SAML connection of a [`SamlAccount`] (the schema's `SAMLAccountConnection`, called
/// `SAMLConnection` before 2026-04).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SamlConnection {
    /// The connection id. `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The connection's name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// **Deprecated**: use [`domains`](Self::domains). A payload carries `domain`, `domains`
    /// or both.
    #[serde(default)]
    pub domain: Option<String>,
    /// The email domains served by the connection.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub domains: Vec<String>,
    /// Whether the connection is active.
    #[serde(default, deserialize_with = "null_default")]
    pub active: bool,
    /// The identity provider, for example `saml_okta`.
    #[serde(default, deserialize_with = "null_default")]
    pub provider: String,
    /// Whether user attributes are synced from the identity provider at each sign-in.
    #[serde(default, deserialize_with = "null_default")]
    pub sync_user_attributes: bool,
    /// Whether subdomains of the connection's domains are accepted.
    #[serde(default, deserialize_with = "null_default")]
    pub allow_subdomains: bool,
    /// Whether IdP-initiated sign-in is allowed.
    #[serde(default, deserialize_with = "null_default")]
    pub allow_idp_initiated: bool,
    /// Whether users of this connection may not add other identifications.
    #[serde(default, deserialize_with = "null_default")]
    pub disable_additional_identifications: bool,
    /// When the connection was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the connection last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// An enterprise (SAML or OIDC) account linked to a [`User`] (added 2025-11).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnterpriseAccount {
    /// The account id. `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Always `"enterprise_account"`.
    #[serde(default, deserialize_with = "null_default")]
    pub object: String,
    /// The protocol used to sign in: `oauth` or `saml`.
    #[serde(default, deserialize_with = "null_default")]
    pub protocol: String,
    /// The identity provider, for example `saml_okta` or `oauth_custom_acme`.
    #[serde(default, deserialize_with = "null_default")]
    pub provider: String,
    /// Whether the account is active.
    #[serde(default, deserialize_with = "null_default")]
    pub active: bool,
    /// The email address the identity provider asserted.
    #[serde(default, deserialize_with = "null_default")]
    pub email_address: String,
    /// The first name; nullable.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The last name; nullable.
    #[serde(default)]
    pub last_name: Option<String>,
    /// The user's id at the identity provider; nullable.
    #[serde(default)]
    pub provider_user_id: Option<String>,
    /// The id of [`enterprise_connection`](Self::enterprise_connection); nullable.
    #[serde(default)]
    pub enterprise_connection_id: Option<String>,
    /// Metadata for the account.
    #[serde(default, deserialize_with = "null_default")]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// The verification (ticket, SAML or OAuth); nullable.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// The enterprise connection the account belongs to; nullable.
    #[serde(default)]
    pub enterprise_connection: Option<EnterpriseConnection>,
    /// When the user last authenticated with this account; nullable.
    #[serde(default)]
    pub last_authenticated_at: Option<UnixMillis>,
}

/// The connection of an [`EnterpriseAccount`] (the schema's `EnterpriseAccountConnection`,
/// called `EnterpriseConnection` before 2026-04).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnterpriseConnection {
    /// The connection id. `""` when missing or `null`.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The protocol: `oauth` or `saml`.
    #[serde(default, deserialize_with = "null_default")]
    pub protocol: String,
    /// The identity provider, for example `saml_okta`.
    #[serde(default, deserialize_with = "null_default")]
    pub provider: String,
    /// The connection's name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The provider's logo; nullable.
    #[serde(default)]
    pub logo_public_url: Option<String>,
    /// **Deprecated**: use [`domains`](Self::domains). A payload carries `domain`, `domains`
    /// or both.
    #[serde(default)]
    pub domain: Option<String>,
    /// The email domains served by the connection.
    #[serde(default, deserialize_with = "skip_nulls")]
    pub domains: Vec<String>,
    /// Whether the connection is active.
    #[serde(default, deserialize_with = "null_default")]
    pub active: bool,
    /// Whether user attributes are synced from the identity provider at each sign-in.
    #[serde(default, deserialize_with = "null_default")]
    pub sync_user_attributes: bool,
    /// Whether subdomains of the connection's domains are accepted.
    #[serde(default, deserialize_with = "null_default")]
    pub allow_subdomains: bool,
    /// Whether IdP-initiated sign-in is allowed.
    #[serde(default, deserialize_with = "null_default")]
    pub allow_idp_initiated: bool,
    /// Whether users of this connection may not add other identifications.
    #[serde(default, deserialize_with = "null_default")]
    pub disable_additional_identifications: bool,
    /// When the connection was created.
    #[serde(default, deserialize_with = "null_default")]
    pub created_at: UnixMillis,
    /// When the connection last changed.
    #[serde(default, deserialize_with = "null_default")]
    pub updated_at: UnixMillis,
}

/// How a [`User`] is linked to a SCIM directory (added 2026-05).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimUserMetadata {
    /// The id of the directory the user is provisioned from.
    #[serde(default, deserialize_with = "null_default")]
    pub directory_id: String,
    /// Whether the directory is enabled. Clerk omits the key when it is `false`.
    #[serde(default, deserialize_with = "null_default")]
    pub directory_enabled: bool,
    /// The user's id in the directory; nullable.
    #[serde(default)]
    pub external_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_optional_ids_default_to_empty() {
        let e: EmailAddress =
            serde_json::from_str(r#"{"object":"email_address","email_address":"a@b.c"}"#).unwrap();
        assert_eq!(e.id, "");
        let p: Passkey = serde_json::from_str(r#"{"id":null,"name":"key"}"#).unwrap();
        assert_eq!(p.id, "");
        assert_eq!(p.name, "key");
    }

    #[test]
    fn only_the_users_own_id_is_required() {
        assert!(serde_json::from_str::<User>(r#"{"object":"user"}"#).is_err());
        let account: ExternalAccount =
            serde_json::from_str(r#"{"provider":"oauth_google","id":null}"#).unwrap();
        assert_eq!(account.id, "");
        assert_eq!(account.provider, "oauth_google");
    }

    #[test]
    fn primary_lookups_never_match_an_empty_id() {
        let user: User = serde_json::from_str(
            r#"{"id":"u","primary_email_address_id":"","email_addresses":[{"email_address":"a@b.c"}],
                "primary_phone_number_id":"","phone_numbers":[{"phone_number":"+1"}]}"#,
        )
        .unwrap();
        assert_eq!(user.email_addresses[0].id, "");
        assert!(user.primary_email_address().is_none());
        assert!(user.primary_phone_number().is_none());
    }

    #[test]
    fn identification_link_uses_type_key() {
        let link: IdentificationLink =
            serde_json::from_str(r#"{"type":"oauth_google","id":"idn_1"}"#).unwrap();
        assert_eq!(link.link_type, "oauth_google");
        let back = serde_json::to_value(&link).unwrap();
        assert_eq!(back["type"], "oauth_google");
    }

    #[test]
    fn full_name_joins_trims_and_is_none_when_blank() {
        let named = |first: Option<&str>, last: Option<&str>| {
            let mut user = User::new("user_1");
            user.first_name = first.map(str::to_owned);
            user.last_name = last.map(str::to_owned);
            user.full_name()
        };
        assert_eq!(
            named(Some("Ada"), Some("Lovelace")).as_deref(),
            Some("Ada Lovelace")
        );
        assert_eq!(named(Some(" Ada "), Some("")).as_deref(), Some("Ada"));
        assert_eq!(named(None, Some("Lovelace ")).as_deref(), Some("Lovelace"));
        // Only the ends are trimmed, as Clerk's SDKs do.
        assert_eq!(
            named(Some("Ada  B."), Some("L")).as_deref(),
            Some("Ada  B. L")
        );
        assert_eq!(named(Some("  "), Some("\t")), None);
        assert_eq!(named(None, None), None);
    }

    #[test]
    fn constructors_set_the_identifying_fields_only() {
        let email = EmailAddress::new("idn_1", "ada@example.com");
        assert_eq!(
            (email.id.as_str(), email.email_address.as_str()),
            ("idn_1", "ada@example.com")
        );
        assert_eq!(
            email,
            EmailAddress {
                id: "idn_1".into(),
                email_address: "ada@example.com".into(),
                ..EmailAddress::default()
            }
        );
        let phone = PhoneNumber::new("idn_2", "+15555550100");
        assert_eq!(
            phone,
            PhoneNumber {
                id: "idn_2".into(),
                phone_number: "+15555550100".into(),
                ..PhoneNumber::default()
            }
        );
        assert_eq!(
            User::new("user_1"),
            User {
                id: "user_1".into(),
                ..User::default()
            }
        );
    }
}
