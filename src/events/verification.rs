//! [`Verification`]: the verification state of an identifier or account, and
//! [`VerificationFailure`], why a verification failed.
//!
//! Clerk's schema describes eleven verification variants (`verification_otp`,
//! `verification_admin`, `verification_oauth`, …) discriminated by an `object` key. Real
//! payloads usually **omit `object`** (the oldest send only `{status, strategy}`), so the
//! variants are modelled here as one flat struct holding the union of their fields. Use
//! [`Verification::strategy`] to tell them apart.

use super::open_enum::open_enum;
use super::serde_util::null_default;
use super::UnixMillis;
use serde::{Deserialize, Serialize};

/// The verification state of an email address, phone number, Web3 wallet, passkey or linked
/// account.
///
/// One flat struct for every schema variant. Only `status` and `strategy` are sent by every
/// payload; everything else is optional.
///
/// ```
/// use clerk_webhooks::events::{Verification, VerificationStatus, VerificationStrategy};
///
/// // The shape of a real 2025 delivery: no `object` key.
/// let v: Verification = serde_json::from_str(
///     r#"{"attempts":1,"expire_at":1744276972975,"status":"verified","strategy":"email_code"}"#,
/// )?;
/// assert_eq!(v.status, VerificationStatus::Verified);
/// assert_eq!(v.strategy, VerificationStrategy::EmailCode);
/// assert_eq!(v.object, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verification {
    /// The schema variant: `verification_otp`, `verification_admin`, `verification_from_oauth`,
    /// `verification_ticket`, `verification_saml`, `verification_email_link`,
    /// `verification_scim`, `verification_web3`, `verification_passkey`, `verification_oauth`
    /// or `verification_google_one_tap`. **Absent in most real payloads**; do not rely on it.
    #[serde(default)]
    pub object: Option<String>,
    /// The verification status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: VerificationStatus,
    /// How the identifier or account was (or is being) verified.
    #[serde(default, deserialize_with = "null_default")]
    pub strategy: VerificationStrategy,
    /// The number of attempts made; nullable, and absent in the oldest payloads.
    #[serde(default)]
    pub attempts: Option<i64>,
    /// When the verification expires; nullable, and absent in the oldest payloads.
    #[serde(default)]
    pub expire_at: Option<UnixMillis>,
    /// The client that completed the verification (a string, not a time); nullable.
    #[serde(default)]
    pub verified_at_client: Option<String>,
    /// The delivery channel of the code (phone codes only, `verification_otp`); nullable.
    #[serde(default)]
    pub channel: Option<String>,
    /// The nonce to sign (`verification_web3`, `verification_passkey`); nullable.
    #[serde(default)]
    pub nonce: Option<String>,
    /// The message to sign (`verification_web3`, `verification_passkey`); nullable.
    #[serde(default)]
    pub message: Option<String>,
    /// Where to send the user to finish the verification with the identity provider
    /// (`verification_oauth`, `verification_saml`); nullable.
    #[serde(default)]
    pub external_verification_redirect_url: Option<String>,
    /// Why the verification failed (`verification_oauth`, `verification_from_oauth`,
    /// `verification_saml`, `verification_google_one_tap`); nullable.
    #[serde(default)]
    pub error: Option<VerificationFailure>,
}

/// Why a verification failed, as Clerk reports it in [`Verification::error`].
///
/// This is payload data describing the verification (for example an OAuth account Clerk could
/// not find), not an error of this crate.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationFailure {
    /// A short, human-readable message.
    #[serde(default, deserialize_with = "null_default")]
    pub message: String,
    /// A longer, more detailed message.
    #[serde(default, deserialize_with = "null_default")]
    pub long_message: String,
    /// A machine-readable error code, for example `external_account_not_found`.
    #[serde(default, deserialize_with = "null_default")]
    pub code: String,
    /// Free-form extra details.
    #[serde(default, deserialize_with = "null_default")]
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// A trace id for Clerk support. Removed from the schema in 2025-10; kept for older
    /// payloads.
    #[serde(default)]
    pub clerk_trace_id: Option<String>,
}

open_enum! {
    /// The status of a [`Verification`].
    ///
    /// Each schema variant allows a subset of these values.
    pub enum VerificationStatus {
        /// Not verified yet.
        Unverified => "unverified",
        /// Verified.
        Verified => "verified",
        /// The OAuth or SAML account can be transferred to a sign-up (it belongs to no user yet).
        Transferable => "transferable",
        /// The verification failed.
        Failed => "failed",
        /// The verification expired before it was completed.
        Expired => "expired",
    }
}

open_enum! {
    /// The strategy of a [`Verification`].
    ///
    /// Besides the fixed values below, Clerk uses two **pattern families** that are kept in
    /// `Unknown` with the original string: `oauth_<provider>` (also `oauth_token_<provider>`
    /// and `oauth_custom_<provider>`) and `from_oauth_<provider>` (with the same `token_` and
    /// `custom_` forms). [`is_oauth`](Self::is_oauth), [`is_from_oauth`](Self::is_from_oauth) and
    /// [`provider`](Self::provider) read them.
    ///
    /// ```
    /// use clerk_webhooks::events::VerificationStrategy;
    ///
    /// let s = VerificationStrategy::from("oauth_google");
    /// assert!(s.is_oauth());
    /// assert_eq!(s.provider(), Some("google"));
    /// assert_eq!(s.as_str(), "oauth_google");
    /// assert_eq!(VerificationStrategy::from("from_oauth_token_github").provider(), Some("github"));
    /// assert_eq!(VerificationStrategy::EmailCode.provider(), None);
    /// ```
    pub enum VerificationStrategy {
        /// A one-time code sent by SMS (`verification_otp`).
        PhoneCode => "phone_code",
        /// A one-time code sent by email (`verification_otp`).
        EmailCode => "email_code",
        /// A one-time code sent by email to reset the password (`verification_otp`).
        ResetPasswordEmailCode => "reset_password_email_code",
        /// Marked verified by an administrator or the Backend API (`verification_admin`).
        Admin => "admin",
        /// Verified by an invitation or sign-in ticket (`verification_ticket`).
        Ticket => "ticket",
        /// Verified by a SAML identity provider (`verification_saml`).
        Saml => "saml",
        /// Verified by a magic link sent by email (`verification_email_link`).
        EmailLink => "email_link",
        /// Provisioned by a SCIM directory (`verification_scim`).
        Scim => "scim",
        /// Verified by a passkey (`verification_passkey`).
        Passkey => "passkey",
        /// Verified by Google One Tap (`verification_google_one_tap`).
        GoogleOneTap => "google_one_tap",
        /// A MetaMask wallet signature (`verification_web3`).
        Web3MetamaskSignature => "web3_metamask_signature",
        /// A Base wallet signature (`verification_web3`).
        Web3BaseSignature => "web3_base_signature",
        /// A Coinbase Wallet signature (`verification_web3`).
        Web3CoinbaseWalletSignature => "web3_coinbase_wallet_signature",
        /// An OKX Wallet signature (`verification_web3`).
        Web3OkxWalletSignature => "web3_okx_wallet_signature",
        /// A Solana wallet signature (`verification_web3`).
        Web3SolanaSignature => "web3_solana_signature",
    }
}

impl VerificationStrategy {
    /// `true` for the `oauth_<provider>` family (including `oauth_token_…` and
    /// `oauth_custom_…`), the strategy of an OAuth external account.
    pub fn is_oauth(&self) -> bool {
        self.as_str()
            .strip_prefix("oauth_")
            .is_some_and(|rest| !rest.is_empty())
    }

    /// `true` for the `from_oauth_<provider>` family (including `from_oauth_token_…` and
    /// `from_oauth_custom_…`): an email address verified through an OAuth provider.
    pub fn is_from_oauth(&self) -> bool {
        self.as_str()
            .strip_prefix("from_oauth_")
            .is_some_and(|rest| !rest.is_empty())
    }

    /// The OAuth provider of an `oauth_…` or `from_oauth_…` strategy, without the family
    /// prefix: `oauth_google` and `from_oauth_token_google` give `google`; a custom provider
    /// keeps its `custom_` prefix (`oauth_custom_acme` gives `custom_acme`). `None` for every
    /// other strategy.
    pub fn provider(&self) -> Option<&str> {
        let value = self.as_str();
        let rest = value
            .strip_prefix("from_oauth_")
            .or_else(|| value.strip_prefix("oauth_"))?;
        let rest = rest.strip_prefix("token_").unwrap_or(rest);
        (!rest.is_empty()).then_some(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_shape_parses() {
        let v: Verification =
            serde_json::from_str(r#"{"status":"verified","strategy":"ticket"}"#).unwrap();
        assert_eq!(v.status, VerificationStatus::Verified);
        assert_eq!(v.strategy, VerificationStrategy::Ticket);
        assert_eq!(v.attempts, None);
        assert_eq!(v.expire_at, None);
        assert_eq!(v.error, None);
    }

    #[test]
    fn oauth_families() {
        let oauth = VerificationStrategy::from("oauth_custom_acme");
        assert!(oauth.is_oauth());
        assert!(!oauth.is_from_oauth());
        assert_eq!(oauth.provider(), Some("custom_acme"));
        let from = VerificationStrategy::from("from_oauth_google");
        assert!(from.is_from_oauth());
        assert!(!from.is_oauth());
        assert_eq!(from.provider(), Some("google"));
        assert_eq!(VerificationStrategy::from("oauth_").provider(), None);
        assert!(!VerificationStrategy::Admin.is_oauth());
        assert_eq!(VerificationStrategy::default().provider(), None);
    }

    #[test]
    fn error_with_nulls_defaults() {
        let v: Verification = serde_json::from_str(
            r#"{"status":"failed","strategy":"oauth_github","error":{"message":null,"code":"x","meta":null}}"#,
        )
        .unwrap();
        let err = v.error.unwrap();
        assert_eq!(err.code, "x");
        assert_eq!(err.message, "");
        assert!(err.meta.is_empty());
    }
}
