//! Traps in Clerk's published payloads for `User`, its nested identity objects, and
//! `Verification`.
//!
//! Sources: Clerk's webhook OpenAPI specification and event catalog
//! (<https://clerk.com/docs/webhooks/overview>), and the payload types of `@clerk/backend`
//! (<https://github.com/clerk/javascript>).
#![recursion_limit = "256"]

use clerk_webhooks::events::{
    EmailAddress, ExternalAccount, UnixMillis, User, Verification, VerificationStatus,
    VerificationStrategy,
};
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::{json, Value};

mod common;
use common::lost_leaves;

/// Wraps `data` in a webhook body of the given type.
fn body(event_type: &str, data: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"data": data, "object": "event", "type": event_type})).unwrap()
}

/// Parses a whole `user.created` / `user.updated` body and returns the user.
fn parse_user_event(bytes: &[u8]) -> User {
    let event = WebhookEvent::from_slice(bytes).unwrap_or_else(|err| panic!("{err}"));
    match event.event {
        ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => *user,
        other => panic!("unexpected {}", other.event_type()),
    }
}

/// Serializes and parses again; the value must survive unchanged.
fn assert_round_trips(user: &User) -> Value {
    let json = serde_json::to_value(user).unwrap();
    let again: User = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&again, user);
    json
}

// ---------------------------------------------------------------------------------------------
// Trap 1: verification objects without `object`.
// ---------------------------------------------------------------------------------------------

#[test]
fn verification_real_2025_shape_without_object_parses() {
    let v: Verification = serde_json::from_str(
        r#"{"attempts":1,"expire_at":1744276972975,"status":"verified","strategy":"email_code"}"#,
    )
    .unwrap();
    assert_eq!(v.object, None);
    assert_eq!(v.status, VerificationStatus::Verified);
    assert_eq!(v.strategy, VerificationStrategy::EmailCode);
    assert_eq!(v.attempts, Some(1));
    assert_eq!(v.expire_at, Some(UnixMillis::new(1_744_276_972_975)));
    assert_eq!(v.error, None);
}

#[test]
fn verification_oldest_status_and_strategy_only_parses() {
    let v: Verification =
        serde_json::from_str(r#"{"status":"verified","strategy":"ticket"}"#).unwrap();
    assert_eq!(v.object, None);
    assert_eq!(v.status, VerificationStatus::Verified);
    assert_eq!(v.strategy, VerificationStrategy::Ticket);
    assert_eq!(v.attempts, None);
    assert_eq!(v.expire_at, None);
    assert_eq!(v.verified_at_client, None);
}

#[test]
fn verification_variants_share_one_flat_struct() {
    // A `verification_oauth` with an error, and a `verification_web3` with nonce/message: both
    // parse into the same struct, with `object` kept.
    let oauth: Verification = serde_json::from_value(json!({
        "object": "verification_oauth",
        "status": "failed",
        "strategy": "oauth_google",
        "external_verification_redirect_url": "https://accounts.google.com/o/oauth2/auth?x=1",
        "error": {"message": "denied", "long_message": "The user denied access", "code": "oauth_access_denied", "meta": {"k": 1}},
        "expire_at": 1744276972975i64,
        "attempts": null,
        "verified_at_client": "client_1"
    }))
    .unwrap();
    assert_eq!(oauth.object.as_deref(), Some("verification_oauth"));
    assert_eq!(oauth.status, VerificationStatus::Failed);
    assert!(oauth.strategy.is_oauth());
    assert_eq!(oauth.strategy.provider(), Some("google"));
    let err = oauth.error.as_ref().unwrap();
    assert_eq!(err.code, "oauth_access_denied");
    assert_eq!(err.long_message, "The user denied access");
    assert_eq!(err.meta["k"], 1);
    assert_eq!(oauth.verified_at_client.as_deref(), Some("client_1"));

    let web3: Verification = serde_json::from_value(json!({
        "object": "verification_web3",
        "status": "unverified",
        "strategy": "web3_metamask_signature",
        "nonce": "abc",
        "message": "Sign this",
        "attempts": 0,
        "expire_at": null
    }))
    .unwrap();
    assert_eq!(web3.strategy, VerificationStrategy::Web3MetamaskSignature);
    assert_eq!(web3.nonce.as_deref(), Some("abc"));
    assert_eq!(web3.message.as_deref(), Some("Sign this"));
    assert_eq!(web3.attempts, Some(0));

    let otp: Verification = serde_json::from_value(json!({
        "object": "verification_otp", "status": "verified", "strategy": "phone_code",
        "attempts": 1, "expire_at": 1, "channel": "whatsapp"
    }))
    .unwrap();
    assert_eq!(otp.channel.as_deref(), Some("whatsapp"));
}

#[test]
fn unknown_verification_status_and_strategy_are_kept_and_written_back() {
    let raw = json!({"status": "quarantined", "strategy": "telepathy_code"});
    let v: Verification = serde_json::from_value(raw).unwrap();
    assert_eq!(v.status, VerificationStatus::from("quarantined"));
    assert!(v.status.is_unknown());
    assert_eq!(v.strategy, VerificationStrategy::from("telepathy_code"));
    let back = serde_json::to_value(&v).unwrap();
    assert_eq!(back["status"], "quarantined");
    assert_eq!(back["strategy"], "telepathy_code");
    assert_eq!(serde_json::from_value::<Verification>(back).unwrap(), v);
}

#[test]
fn oauth_strategy_families_stay_verbatim() {
    for (wire, oauth, from_oauth, provider) in [
        ("oauth_google", true, false, "google"),
        ("oauth_token_github", true, false, "github"),
        ("oauth_custom_acme", true, false, "custom_acme"),
        ("from_oauth_google", false, true, "google"),
        ("from_oauth_token_discord", false, true, "discord"),
        ("from_oauth_custom_acme", false, true, "custom_acme"),
    ] {
        let s: VerificationStrategy = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(s.as_str(), wire);
        assert_eq!(s.is_oauth(), oauth, "{wire}");
        assert_eq!(s.is_from_oauth(), from_oauth, "{wire}");
        assert_eq!(s.provider(), Some(provider), "{wire}");
        assert_eq!(serde_json::to_value(&s).unwrap(), json!(wire));
    }
    assert_eq!(
        VerificationStrategy::from("saml"),
        VerificationStrategy::Saml
    );
    assert_eq!(VerificationStrategy::Saml.provider(), None);
    assert_eq!(
        VerificationStrategy::from("google_one_tap"),
        VerificationStrategy::GoogleOneTap
    );
    assert_eq!(
        VerificationStrategy::from("reset_password_email_code"),
        VerificationStrategy::ResetPasswordEmailCode
    );
    assert_eq!(
        VerificationStatus::from("transferable"),
        VerificationStatus::Transferable
    );
}

#[test]
fn verification_null_status_and_strategy_default() {
    let v: Verification = serde_json::from_str(r#"{"status":null,"strategy":null}"#).unwrap();
    assert_eq!(v.status, VerificationStatus::default());
    assert_eq!(v.strategy.as_str(), "");
}

// ---------------------------------------------------------------------------------------------
// Trap 5: private_metadata null vs {}.
// ---------------------------------------------------------------------------------------------

#[test]
fn private_metadata_null_and_empty_both_parse() {
    let null: User =
        serde_json::from_value(json!({"id": "user_1", "private_metadata": null})).unwrap();
    let empty: User =
        serde_json::from_value(json!({"id": "user_1", "private_metadata": {}})).unwrap();
    let missing: User = serde_json::from_value(json!({"id": "user_1"})).unwrap();
    assert!(null.private_metadata.is_empty());
    assert_eq!(null, empty);
    assert_eq!(null, missing);
    let filled: User = serde_json::from_value(
        json!({"id": "user_1", "private_metadata": {"stripe_customer_id": "cus_1"}}),
    )
    .unwrap();
    assert_eq!(filled.private_metadata["stripe_customer_id"], "cus_1");
    assert_round_trips(&filled);
}

// ---------------------------------------------------------------------------------------------
// Trap 19: legacy 2022 user.
// ---------------------------------------------------------------------------------------------

/// The `user.created` example of Clerk's 2022 Event Catalog and docs.
fn legacy_user_created() -> Value {
    json!({
      "data": {
        "birthday": "",
        "created_at": 1654012591514i64,
        "email_addresses": [
          {
            "email_address": "example@example.org",
            "id": "idn_29w83yL7CwVlJXylYLxcslromF1",
            "linked_to": [],
            "object": "email_address",
            "verification": {"status": "verified", "strategy": "ticket"}
          }
        ],
        "external_accounts": [],
        "external_id": "567772",
        "first_name": "Example",
        "gender": "",
        "id": "user_29w83sxmDNGwOuEthce5gg56FcC",
        "image_url": "https://img.clerk.com/xxxxxx",
        "last_name": "Example",
        "last_sign_in_at": 1654012591514i64,
        "object": "user",
        "password_enabled": true,
        "phone_numbers": [],
        "primary_email_address_id": "idn_29w83yL7CwVlJXylYLxcslromF1",
        "primary_phone_number_id": null,
        "primary_web3_wallet_id": null,
        "private_metadata": {},
        "profile_image_url": "https://www.gravatar.com/avatar?d=mp",
        "public_metadata": {},
        "two_factor_enabled": false,
        "unsafe_metadata": {},
        "updated_at": 1654012591835i64,
        "username": null,
        "web3_wallets": []
      },
      "instance_id": "ins_123",
      "object": "event",
      "timestamp": 1654012591835i64,
      "type": "user.created"
    })
}

#[test]
fn legacy_2022_user_parses_and_keeps_birthday_and_gender() {
    let raw = legacy_user_created();
    let user = parse_user_event(&serde_json::to_vec(&raw).unwrap());
    assert_eq!(user.id, "user_29w83sxmDNGwOuEthce5gg56FcC");
    assert_eq!(user.birthday.as_deref(), Some(""));
    assert_eq!(user.gender.as_deref(), Some(""));
    assert_eq!(user.external_id.as_deref(), Some("567772"));
    assert_eq!(user.created_at, UnixMillis::new(1_654_012_591_514));
    // Fields that did not exist yet default.
    assert!(!user.has_image);
    assert!(!user.banned);
    assert!(!user.locked);
    assert!(user.passkeys.is_empty());
    assert!(user.saml_accounts.is_empty());
    assert!(user.enterprise_accounts.is_empty());
    assert_eq!(user.mfa_enabled_at, None);
    assert_eq!(user.last_active_at, None);
    assert_eq!(user.legal_accepted_at, None);
    assert_eq!(user.scim, None);
    // Legacy email address: no created_at / updated_at / reserved; verification {status, strategy}.
    let email = &user.email_addresses[0];
    assert_eq!(email.email_address, "example@example.org");
    assert!(!email.reserved);
    assert_eq!(email.created_at, UnixMillis::default());
    let v = email.verification.as_ref().unwrap();
    assert_eq!(v.strategy, VerificationStrategy::Ticket);
    assert_eq!(v.attempts, None);

    let back = assert_round_trips(&user);
    let lost = lost_leaves(&raw["data"], &back);
    assert!(lost.is_empty(), "lost {lost:?}");
    // Absent legacy fields are not invented: a modern user has no birthday.
    let modern: User = serde_json::from_value(json!({"id": "user_2"})).unwrap();
    assert_eq!(modern.birthday, None);
}

#[test]
fn legacy_user_updated_admin_verification_with_null_attempts() {
    let data = json!({
        "birthday": "", "gender": "", "id": "user_29w83sxmDNGwOuEthce5gg56FcC", "object": "user",
        "email_addresses": [{
            "email_address": "example@example.org", "id": "idn_29w83yL7CwVlJXylYLxcslromF1",
            "linked_to": [], "object": "email_address", "reserved": true,
            "verification": {"attempts": null, "expire_at": null, "status": "verified", "strategy": "admin"}
        }],
        "last_name": null, "last_sign_in_at": null, "updated_at": 1654012824306i64
    });
    let user = parse_user_event(&body("user.updated", data));
    let email = &user.email_addresses[0];
    assert!(email.reserved);
    let v = email.verification.as_ref().unwrap();
    assert_eq!(v.strategy, VerificationStrategy::Admin);
    assert_eq!(v.attempts, None);
    assert_eq!(v.expire_at, None);
    assert_eq!(user.last_name, None);
    assert_eq!(user.last_sign_in_at, None);
}

// ---------------------------------------------------------------------------------------------
// A real delivery captured in 2025-04.
// ---------------------------------------------------------------------------------------------

#[test]
fn real_2025_capture_parses_and_keeps_every_leaf() {
    let raw = json!({
      "data": {
        "backup_code_enabled": false, "banned": false, "create_organization_enabled": true,
        "created_at": 1744276393608i64, "delete_self_enabled": true,
        "email_addresses": [{
            "created_at": 1744276372355i64, "email_address": "someone@example.com",
            "id": "idn_2vX0zQSkP1QJLcwpcWMxR30cnez", "linked_to": [],
            "matches_sso_connection": false, "object": "email_address", "reserved": false,
            "updated_at": 1744276393612i64,
            "verification": {"attempts": 1, "expire_at": 1744276972975i64, "status": "verified", "strategy": "email_code"}
        }],
        "enterprise_accounts": [], "external_accounts": [], "external_id": null,
        "first_name": null, "has_image": false, "id": "user_2vX11zP5ojq7cTRY58xT6oJqmRG",
        "image_url": "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
        "last_active_at": 1744276393607i64, "last_name": null, "last_sign_in_at": null,
        "legal_accepted_at": null, "locked": false, "lockout_expires_in_seconds": null,
        "mfa_disabled_at": null, "mfa_enabled_at": null, "object": "user", "passkeys": [],
        "password_enabled": true, "phone_numbers": [],
        "primary_email_address_id": "idn_2vX0zQSkP1QJLcwpcWMxR30cnez",
        "primary_phone_number_id": null, "primary_web3_wallet_id": null,
        "private_metadata": {}, "profile_image_url": "https://www.gravatar.com/avatar?d=mp",
        "public_metadata": {}, "saml_accounts": [], "totp_enabled": false,
        "two_factor_enabled": false, "unsafe_metadata": {}, "updated_at": 1744276393626i64,
        "username": null, "verification_attempts_remaining": 100, "web3_wallets": []
      },
      "event_attributes": {"http_request": {"client_ip": "203.0.113.51", "user_agent": "okhttp/4.12.0"}},
      "instance_id": "ins_2vU3fBhx47yeddqKhd5taTbUYID",
      "object": "event",
      "timestamp": 1744276393644i64,
      "type": "user.created"
    });
    let user = parse_user_event(&serde_json::to_vec(&raw).unwrap());
    assert_eq!(user.verification_attempts_remaining, Some(100));
    assert_eq!(
        user.last_active_at,
        Some(UnixMillis::new(1_744_276_393_607))
    );
    assert_eq!(user.lockout_expires_in_seconds, None);
    assert!(user.delete_self_enabled);
    let email = &user.email_addresses[0];
    assert_eq!(email.created_at, UnixMillis::new(1_744_276_372_355));
    assert_eq!(email.verification.as_ref().unwrap().attempts, Some(1));
    let back = assert_round_trips(&user);
    let lost = lost_leaves(&raw["data"], &back);
    assert!(lost.is_empty(), "lost {lost:?}");
}

// ---------------------------------------------------------------------------------------------
// A maximal modern user (traps 20, 22; SAML/enterprise; SCIM).
// ---------------------------------------------------------------------------------------------

fn maximal_user() -> Value {
    json!({
        "id": "user_max", "object": "user", "external_id": "ext_1",
        "primary_email_address_id": "idn_email", "primary_phone_number_id": "idn_phone",
        "primary_web3_wallet_id": "idn_w3", "username": "max", "first_name": "Max",
        "last_name": "Mustermann", "locale": "de-DE",
        "profile_image_url": "https://www.gravatar.com/avatar?d=mp",
        "image_url": "https://img.clerk.com/max", "has_image": true,
        "public_metadata": {"plan": "pro", "nested": {"a": [1, 2]}},
        "private_metadata": {"internal": true},
        "unsafe_metadata": {"theme": "dark"},
        "email_addresses": [{
            "id": "idn_email", "object": "email_address", "email_address": "max@corp.example",
            "reserved": false,
            "verification": {"object": "verification_from_oauth", "status": "verified",
                             "strategy": "from_oauth_google", "attempts": null, "expire_at": null,
                             "error": null},
            "linked_to": [{"type": "oauth_google", "id": "idn_google"}],
            "matches_sso_connection": true,
            "created_at": 1700000000000i64, "updated_at": 1700000000001i64
        }],
        "phone_numbers": [{
            "id": "idn_phone", "object": "phone_number", "phone_number": "+15555550100",
            "reserved_for_second_factor": true, "default_second_factor": true, "reserved": false,
            "verification": {"object": "verification_otp", "status": "verified",
                             "strategy": "phone_code", "attempts": 1, "expire_at": 1700000600000i64,
                             "channel": "sms"},
            "linked_to": [], "backup_codes": null,
            "created_at": 1700000000000i64, "updated_at": 1700000000000i64
        }],
        "web3_wallets": [{
            "id": "idn_w3", "object": "web3_wallet", "web3_wallet": "0xabc",
            "verification": {"object": "verification_web3", "status": "verified",
                             "strategy": "web3_solana_signature", "nonce": null, "message": null,
                             "attempts": 1, "expire_at": 1700000600000i64},
            "created_at": 1700000000000i64, "updated_at": 1700000000000i64
        }],
        "passkeys": [{
            "id": "pk_1", "object": "passkey", "name": "MacBook Touch ID",
            "last_used_at": 1710000000000i64,
            "verification": {"object": "verification_passkey", "status": "verified",
                             "strategy": "passkey", "nonce": "nonce", "attempts": null,
                             "expire_at": null}
        }],
        "password_enabled": false, "two_factor_enabled": true, "totp_enabled": true,
        "backup_code_enabled": true, "mfa_enabled_at": 1700000100000i64,
        "mfa_disabled_at": null, "password_last_updated_at": 1700000200000i64,
        "external_accounts": [{
            "object": "external_account", "id": "idn_google", "provider": "oauth_google",
            "identification_id": "idn_email", "provider_user_id": "1234567890",
            "approved_scopes": "email openid profile", "email_address": "max@corp.example",
            "email_address_verified": null, "first_name": "Max", "last_name": "Mustermann",
            "avatar_url": "https://lh3.googleusercontent.com/a/x",
            "image_url": "https://img.clerk.com/oauth", "username": null, "phone_number": null,
            "public_metadata": {}, "label": null,
            "created_at": 1700000000000i64, "updated_at": 1700000000000i64,
            "verification": {"object": "verification_oauth", "status": "verified",
                             "strategy": "oauth_google", "expire_at": 1700000600000i64,
                             "attempts": null, "error": null},
            "external_account_id": "eac_1",
            "some_future_key": {"x": 1},
            "google_id_token_claims": "whatever"
        }],
        "saml_accounts": [{
            "id": "samlacc_1", "object": "saml_account", "provider": "saml_okta",
            "active": true, "email_address": "max@corp.example", "first_name": null,
            "last_name": null, "provider_user_id": "okta|1",
            "last_authenticated_at": 1710000000000i64, "public_metadata": {"dept": "eng"},
            "verification": {"object": "verification_saml", "status": "verified",
                             "strategy": "saml", "external_verification_redirect_url": null,
                             "error": null, "expire_at": null, "attempts": null},
            "saml_connection": {
                "id": "samlc_1", "name": "Okta", "domain": "corp.example",
                "domains": ["corp.example", "corp2.example"], "active": true,
                "provider": "saml_okta", "sync_user_attributes": true,
                "allow_subdomains": false, "allow_idp_initiated": true,
                "disable_additional_identifications": false,
                "created_at": 1690000000000i64, "updated_at": 1690000000001i64
            }
        }],
        "enterprise_accounts": [{
            "id": "entacc_1", "object": "enterprise_account", "protocol": "saml",
            "provider": "saml_okta", "active": true, "email_address": "max@corp.example",
            "first_name": "Max", "last_name": null, "provider_user_id": null,
            "enterprise_connection_id": "entc_1", "public_metadata": {},
            "verification": {"status": "verified", "strategy": "ticket",
                             "attempts": null, "expire_at": null},
            "enterprise_connection": {
                "id": "entc_1", "protocol": "saml", "provider": "saml_okta", "name": "Okta",
                "logo_public_url": null, "domains": ["corp.example"], "active": true,
                "sync_user_attributes": false, "allow_subdomains": true,
                "allow_idp_initiated": false, "disable_additional_identifications": true,
                "created_at": 1690000000000i64, "updated_at": 1690000000000i64
            },
            "last_authenticated_at": null
        }],
        "organization_memberships": [],
        "last_sign_in_at": 1710000000000i64, "banned": false, "locked": true,
        "deprovisioned": false, "lockout_expires_in_seconds": 1800,
        "verification_attempts_remaining": 0,
        "updated_at": 1710000000500i64, "created_at": 1700000000000i64,
        "delete_self_enabled": false, "create_organization_enabled": true,
        "create_organizations_limit": 0, "last_active_at": 1709942400000i64,
        "legal_accepted_at": 1700000000000i64, "bypass_client_trust": true,
        "scim": {"directory_id": "dir_1", "directory_enabled": true, "external_id": "okta-00u1"}
    })
}

#[test]
fn maximal_modern_user_parses_and_keeps_every_documented_leaf() {
    let data = maximal_user();
    let user = parse_user_event(&body("user.updated", data.clone()));

    assert_eq!(user.locale.as_deref(), Some("de-DE"));
    assert_eq!(user.public_metadata["nested"]["a"][1], 2);
    assert_eq!(
        user.password_last_updated_at,
        Some(UnixMillis::new(1_700_000_200_000))
    );
    assert_eq!(user.create_organizations_limit, Some(0));
    assert!(user.bypass_client_trust);

    let email = &user.email_addresses[0];
    assert!(email.matches_sso_connection);
    assert_eq!(email.linked_to[0].link_type, "oauth_google");
    assert_eq!(email.linked_to[0].id, "idn_google");
    let ev = email.verification.as_ref().unwrap();
    assert!(ev.strategy.is_from_oauth());
    assert_eq!(ev.strategy.provider(), Some("google"));

    let phone = &user.phone_numbers[0];
    assert!(phone.default_second_factor);
    assert_eq!(phone.backup_codes, None);
    assert_eq!(
        phone.verification.as_ref().unwrap().channel.as_deref(),
        Some("sms")
    );

    assert_eq!(
        user.web3_wallets[0].verification.as_ref().unwrap().strategy,
        VerificationStrategy::Web3SolanaSignature
    );

    let passkey = &user.passkeys[0];
    assert_eq!(passkey.name, "MacBook Touch ID");
    assert_eq!(passkey.last_used_at, UnixMillis::new(1_710_000_000_000));
    let pv = passkey.verification.as_ref().unwrap();
    assert_eq!(pv.strategy, VerificationStrategy::Passkey);
    assert_eq!(pv.nonce.as_deref(), Some("nonce"));

    let ext = &user.external_accounts[0];
    assert_eq!(ext.provider, "oauth_google");
    assert_eq!(ext.email_address_verified, None);
    assert_eq!(ext.external_account_id.as_deref(), Some("eac_1"));
    assert_eq!(ext.avatar_url, "https://lh3.googleusercontent.com/a/x");
    assert_eq!(
        ext.image_url.as_deref(),
        Some("https://img.clerk.com/oauth")
    );
    assert_eq!(
        ext.verification.as_ref().unwrap().strategy.as_str(),
        "oauth_google"
    );

    let saml = &user.saml_accounts[0];
    assert_eq!(saml.first_name, None);
    assert_eq!(
        saml.last_authenticated_at,
        Some(UnixMillis::new(1_710_000_000_000))
    );
    assert_eq!(
        saml.verification.as_ref().unwrap().strategy,
        VerificationStrategy::Saml
    );
    let conn = saml.saml_connection.as_ref().unwrap();
    assert_eq!(conn.domain.as_deref(), Some("corp.example"));
    assert_eq!(conn.domains, ["corp.example", "corp2.example"]);
    assert!(conn.allow_idp_initiated);

    let ent = &user.enterprise_accounts[0];
    assert_eq!(ent.protocol, "saml");
    assert_eq!(ent.enterprise_connection_id.as_deref(), Some("entc_1"));
    let ec = ent.enterprise_connection.as_ref().unwrap();
    assert_eq!(ec.domains, ["corp.example"]);
    assert_eq!(ec.domain, None);
    assert_eq!(ec.logo_public_url, None);
    assert!(ec.disable_additional_identifications);

    let scim = user.scim.as_ref().unwrap();
    assert_eq!(scim.directory_id, "dir_1");
    assert!(scim.directory_enabled);
    assert_eq!(scim.external_id.as_deref(), Some("okta-00u1"));

    // Every leaf survives except the two undocumented external-account keys.
    let back = assert_round_trips(&user);
    let lost = lost_leaves(&data, &back);
    assert_eq!(
        lost,
        [
            ".external_accounts[0].google_id_token_claims",
            ".external_accounts[0].some_future_key.x"
        ],
    );
}

#[test]
fn external_account_email_verified_is_a_tri_state() {
    let base = json!({"id": "idn_1", "object": "google_account", "provider": "oauth_google"});
    let parse = |extra: Value| -> ExternalAccount {
        let mut v = base.clone();
        if let Value::Object(map) = extra {
            v.as_object_mut().unwrap().extend(map);
        }
        serde_json::from_value(v).unwrap()
    };
    assert_eq!(parse(json!({})).email_address_verified, None);
    assert_eq!(
        parse(json!({"email_address_verified": null})).email_address_verified,
        None
    );
    assert_eq!(
        parse(json!({"email_address_verified": true})).email_address_verified,
        Some(true)
    );
    assert_eq!(
        parse(json!({"email_address_verified": false})).email_address_verified,
        Some(false)
    );
    // S2 types `public_metadata` as nullable.
    let nulls = parse(json!({"public_metadata": null, "image_url": null, "label": null}));
    assert!(nulls.public_metadata.is_empty());
    assert_eq!(nulls.object, "google_account");
}

#[test]
fn real_google_account_legacy_keys_are_kept() {
    // The shape of real 2023-2024 deliveries: a `google_account` with `google_id`,
    // `given_name`, `family_name` and `picture`, and none of `provider`, `identification_id`,
    // `provider_user_id`, `first_name`, `last_name`.
    let legacy = json!({
        "approved_scopes": "email https://www.googleapis.com/auth/userinfo.email openid profile",
        "created_at": 1735197878106i64, "email_address": "someone@gmail.example",
        "family_name": "Doe", "given_name": "Jane", "google_id": "103143641397390820879",
        "id": "idn_2qkDrWzMKZIixJRuRvPQyJz0Tzh", "label": null, "object": "google_account",
        "picture": "https://lh3.googleusercontent.com/a/x=s1000-c", "public_metadata": {},
        "updated_at": 1735197878106i64, "username": null,
        "verification": {"attempts": null, "expire_at": 1735198474318i64,
                         "status": "verified", "strategy": "oauth_google"}
    });
    // The 2025-09 shape: both key sets at once, `avatar_url` and `picture` empty.
    let mixed = json!({
        "approved_scopes": "email openid profile", "avatar_url": "",
        "created_at": 1757805877448i64, "email_address": "someone@gmail.example",
        "external_account_id": "eac_32fJph9RpazoJhWtkrnWubPds4c", "family_name": "Doe",
        "first_name": "Jane", "given_name": "Jane", "google_id": "107288021301459139452",
        "id": "idn_32fJpiNS6FvBWjBp2BsETn15DGb",
        "identification_id": "idn_32fJpiNS6FvBWjBp2BsETn15DGb", "label": null,
        "last_name": "Doe", "object": "google_account", "picture": "",
        "provider": "oauth_google", "provider_user_id": "107288021301459139452",
        "public_metadata": {}, "updated_at": 1757805877448i64, "username": null,
        "verification": {"attempts": null, "expire_at": 1757806471844i64,
                         "object": "verification_oauth", "status": "verified",
                         "strategy": "oauth_google"}
    });
    for raw in [legacy, mixed] {
        let user: User =
            serde_json::from_value(json!({"id": "user_1", "external_accounts": [raw.clone()]}))
                .unwrap();
        let acc = &user.external_accounts[0];
        assert_eq!(acc.object, "google_account");
        assert!(acc.google_id.as_deref().unwrap().starts_with("10"));
        assert_eq!(acc.family_name.as_deref(), Some("Doe"));
        assert_eq!(acc.given_name.as_deref(), Some("Jane"));
        let back = serde_json::to_value(acc).unwrap();
        let lost = lost_leaves(&raw, &back);
        assert!(lost.is_empty(), "lost {lost:?}");
        assert_round_trips(&user);
    }
}

#[test]
fn saml_connection_with_only_deprecated_domain_parses() {
    let user: User = serde_json::from_value(json!({
        "id": "user_1",
        "saml_accounts": [{
            "id": "samlacc_1", "object": "saml_account", "provider": "saml_custom",
            "active": false, "email_address": "a@b.example", "verification": null,
            "saml_connection": {"id": "samlc_1", "name": "Legacy", "domain": "b.example",
                                "active": true, "provider": "saml_custom",
                                "sync_user_attributes": false,
                                "created_at": 1, "updated_at": 2}
        }]
    }))
    .unwrap();
    let saml = &user.saml_accounts[0];
    assert_eq!(saml.verification, None);
    let conn = saml.saml_connection.as_ref().unwrap();
    assert_eq!(conn.domain.as_deref(), Some("b.example"));
    assert!(conn.domains.is_empty());
    assert!(!conn.disable_additional_identifications);
}

// ---------------------------------------------------------------------------------------------
// Trap 20: numbers that are not timestamps.
// ---------------------------------------------------------------------------------------------

#[test]
fn lockout_expires_in_seconds_stays_seconds() {
    let user: User = serde_json::from_value(json!({
        "id": "user_1", "locked": true, "lockout_expires_in_seconds": 600,
        "verification_attempts_remaining": 3, "create_organizations_limit": 5
    }))
    .unwrap();
    assert!(user.locked);
    assert_eq!(user.lockout_expires_in_seconds, Some(600));
    assert_eq!(user.verification_attempts_remaining, Some(3));
    assert_eq!(user.create_organizations_limit, Some(5));
    let back = serde_json::to_value(&user).unwrap();
    assert_eq!(back["lockout_expires_in_seconds"], 600);
    assert_eq!(back["verification_attempts_remaining"], 3);
    // A locked user with a null lockout never unlocks; null stays null.
    let forever: User = serde_json::from_value(
        json!({"id": "user_1", "locked": true, "lockout_expires_in_seconds": null}),
    )
    .unwrap();
    assert_eq!(forever.lockout_expires_in_seconds, None);
    assert_eq!(
        serde_json::to_value(&forever).unwrap()["lockout_expires_in_seconds"],
        Value::Null
    );
}

// ---------------------------------------------------------------------------------------------
// Nulls in non-nullable fields default instead of failing.
// ---------------------------------------------------------------------------------------------

#[test]
fn nulls_in_non_nullable_fields_default() {
    let data = json!({
        "id": "user_1", "object": null, "has_image": null, "banned": null, "locked": null,
        "public_metadata": null, "unsafe_metadata": null, "email_addresses": null,
        "phone_numbers": null, "web3_wallets": null, "passkeys": null,
        "external_accounts": null, "saml_accounts": null, "enterprise_accounts": null,
        "organization_memberships": null, "created_at": null, "updated_at": null,
        "profile_image_url": null, "image_url": null, "password_enabled": null,
        "delete_self_enabled": null, "bypass_client_trust": null, "deprovisioned": null,
        "scim": null, "birthday": null
    });
    let user = parse_user_event(&body("user.created", data));
    assert_eq!(user.id, "user_1");
    assert!(!user.banned);
    assert!(!user.has_image);
    assert!(user.email_addresses.is_empty());
    assert!(user.organization_memberships.is_empty());
    assert!(user.public_metadata.is_empty());
    assert_eq!(user.created_at, UnixMillis::new(0));
    assert_eq!(user.image_url, "");
    assert_eq!(user.scim, None);
    assert_round_trips(&user);

    let email: EmailAddress = serde_json::from_value(json!({
        "id": null, "object": "email_address", "email_address": null, "reserved": null,
        "verification": null, "linked_to": null, "matches_sso_connection": null,
        "created_at": null, "updated_at": null
    }))
    .unwrap();
    assert_eq!(email.id, "");
    assert_eq!(email.email_address, "");
    assert!(!email.reserved);
    assert_eq!(email.verification, None);
    assert!(email.linked_to.is_empty());
}

#[test]
fn user_without_id_is_rejected() {
    let err = WebhookEvent::from_slice(&body("user.created", json!({"object": "user"})));
    assert!(err.is_err());
}

// ---------------------------------------------------------------------------------------------
// The `user` embedded in session fixtures.
// ---------------------------------------------------------------------------------------------

#[test]
fn users_embedded_in_session_fixtures_parse_and_keep_their_leaves() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("session.") {
            continue;
        }
        let raw: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let Some(data) = raw["data"].get("user").filter(|u| !u.is_null()) else {
            continue;
        };
        let user: User =
            serde_json::from_value(data.clone()).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(user.id.starts_with("user_"), "{name}");
        let back = assert_round_trips(&user);
        let lost = lost_leaves(data, &back);
        assert!(lost.is_empty(), "{name}: lost {lost:?}");
        seen += 1;
    }
    assert!(seen > 0, "no session fixture embeds a user");
}

// ---------------------------------------------------------------------------------------------
// Primary email address and phone number: by id, never the first entry.
// ---------------------------------------------------------------------------------------------

/// A user with three addresses and two numbers; the primary ones are not first.
fn user_with_several_identifiers(primary_email: Value, primary_phone: Value) -> User {
    parse_user_event(&body(
        "user.updated",
        json!({
            "id": "user_several",
            "object": "user",
            "primary_email_address_id": primary_email,
            "primary_phone_number_id": primary_phone,
            "email_addresses": [
                {"id": "idn_e1", "object": "email_address", "email_address": "first@example.com"},
                {"id": "idn_e2", "object": "email_address", "email_address": "primary@example.com"},
                {"id": "idn_e3", "object": "email_address", "email_address": "third@example.com"}
            ],
            "phone_numbers": [
                {"id": "idn_p1", "object": "phone_number", "phone_number": "+15555550101"},
                {"id": "idn_p2", "object": "phone_number", "phone_number": "+15555550102"}
            ]
        }),
    ))
}

#[test]
fn primary_identifiers_are_found_by_id_not_position() {
    let user = user_with_several_identifiers(json!("idn_e2"), json!("idn_p2"));
    let email = user.primary_email_address().expect("primary email");
    assert_eq!(email.id, "idn_e2");
    assert_eq!(email.email_address, "primary@example.com");
    let phone = user.primary_phone_number().expect("primary phone");
    assert_eq!(phone.phone_number, "+15555550102");

    let last = user_with_several_identifiers(json!("idn_e3"), json!("idn_p1"));
    assert_eq!(
        last.primary_email_address().unwrap().email_address,
        "third@example.com"
    );
    assert_eq!(
        last.primary_phone_number().unwrap().phone_number,
        "+15555550101"
    );
}

#[test]
fn primary_identifiers_are_none_when_the_id_is_unset_empty_or_unknown() {
    for (email_id, phone_id) in [
        (json!(null), json!(null)),
        (json!(""), json!("")),
        (json!("idn_gone"), json!("idn_gone")),
    ] {
        let user = user_with_several_identifiers(email_id.clone(), phone_id);
        assert_eq!(user.email_addresses.len(), 3);
        assert_eq!(user.primary_email_address(), None, "{email_id}");
        assert_eq!(user.primary_phone_number(), None, "{email_id}");
    }
    // Absent keys too, on a user built in code.
    let mut user = User::new("user_1");
    user.email_addresses = user_with_several_identifiers(json!(null), json!(null)).email_addresses;
    assert_eq!(user.primary_email_address(), None);
    user.primary_email_address_id = Some("idn_e1".into());
    assert_eq!(
        user.primary_email_address().unwrap().email_address,
        "first@example.com"
    );
}

// ---------------------------------------------------------------------------------------------
// Tolerance: newest fields, nested ids, null list elements.
// ---------------------------------------------------------------------------------------------

#[test]
fn timezone_is_read_and_written_back_and_optional() {
    let user = parse_user_event(&body(
        "user.created",
        json!({"id": "user_tz", "timezone": "Europe/Berlin"}),
    ));
    assert_eq!(user.timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(assert_round_trips(&user)["timezone"], "Europe/Berlin");
    let without = parse_user_event(&body("user.created", json!({"id": "user_tz2"})));
    assert_eq!(without.timezone, None);
    let null = parse_user_event(&body(
        "user.created",
        json!({"id": "user_tz3", "timezone": null}),
    ));
    assert_eq!(null.timezone, None);
}

#[test]
fn every_nested_id_in_a_user_defaults_when_missing_or_null() {
    let user = parse_user_event(&body(
        "user.updated",
        json!({
            "id": "user_nested",
            "email_addresses": [{"email_address": "a@example.com",
                                 "linked_to": [{"type": "oauth_google"}, {"type": "oauth_github", "id": null}]}],
            "phone_numbers": [{"id": null, "phone_number": "+1"}],
            "web3_wallets": [{"web3_wallet": "0xabc"}],
            "passkeys": [{"name": "key"}],
            "external_accounts": [{"provider": "oauth_google"}, {"id": null, "provider": "oauth_github"}],
            "saml_accounts": [{"provider": "saml_okta", "saml_connection": {"name": "Okta"}}],
            "enterprise_accounts": [{"protocol": "saml",
                                     "enterprise_connection": {"id": null, "name": "Corp"}}],
            "organization_memberships": [{
                "role": "org:admin",
                "organization": {"name": "Acme"},
                "public_user_data": {"first_name": "Ada"}
            }]
        }),
    ));
    assert_eq!(user.id, "user_nested");
    let email = &user.email_addresses[0];
    assert_eq!((email.id.as_str(), email.linked_to.len()), ("", 2));
    assert!(email.linked_to.iter().all(|link| link.id.is_empty()));
    assert_eq!(user.phone_numbers[0].id, "");
    assert_eq!(user.web3_wallets[0].id, "");
    assert_eq!(user.passkeys[0].id, "");
    assert_eq!(user.external_accounts.len(), 2);
    assert!(user.external_accounts.iter().all(|a| a.id.is_empty()));
    assert_eq!(user.external_accounts[1].provider, "oauth_github");
    let saml = &user.saml_accounts[0];
    assert_eq!(saml.id, "");
    assert_eq!(saml.saml_connection.as_ref().unwrap().id, "");
    assert_eq!(saml.saml_connection.as_ref().unwrap().name, "Okta");
    let enterprise = &user.enterprise_accounts[0];
    assert_eq!(
        enterprise.enterprise_connection.as_ref().unwrap().name,
        "Corp"
    );
    let membership = &user.organization_memberships[0];
    assert_eq!(membership.id, "");
    assert_eq!(membership.role, "org:admin");
    assert_eq!(membership.organization.id, "");
    assert_eq!(membership.organization.name, "Acme");
    assert_eq!(membership.public_user_data.as_ref().unwrap().user_id, "");
    assert_round_trips(&user);
}

#[test]
fn null_elements_in_every_user_list_are_skipped() {
    let user = parse_user_event(&body(
        "user.updated",
        json!({
            "id": "user_nulls",
            "primary_email_address_id": "idn_1",
            "email_addresses": [null, {"id": "idn_1", "email_address": "a@example.com",
                                       "linked_to": [null, {"type": "oauth_google", "id": "idn_g"}, null]}],
            "phone_numbers": [null, {"id": "idn_2", "backup_codes": ["x", null, "y"]}],
            "web3_wallets": [null],
            "passkeys": [null, null],
            "external_accounts": [null, {"id": "idn_3", "provider": "oauth_google"}],
            "saml_accounts": [{"id": "samlacc_1", "saml_connection": {"id": "samlc_1", "domains": [null, "a.com"]}}, null],
            "enterprise_accounts": [null, {"id": "eac_1", "enterprise_connection": {"id": "ec_1", "domains": ["b.com", null]}}],
            "organization_memberships": [null, {"id": "orgmem_1", "permissions": ["org:a", null, "org:b"],
                                                "organization": {"id": "org_1"}}]
        }),
    ));
    assert_eq!(user.email_addresses.len(), 1);
    assert_eq!(
        user.primary_email_address().unwrap().email_address,
        "a@example.com"
    );
    assert_eq!(user.email_addresses[0].linked_to.len(), 1);
    assert_eq!(user.email_addresses[0].linked_to[0].id, "idn_g");
    assert_eq!(
        user.phone_numbers[0].backup_codes.as_deref(),
        Some(&["x".to_owned(), "y".to_owned()][..])
    );
    assert!(user.web3_wallets.is_empty() && user.passkeys.is_empty());
    assert_eq!(user.external_accounts.len(), 1);
    let saml = &user.saml_accounts[0];
    assert_eq!(saml.saml_connection.as_ref().unwrap().domains, ["a.com"]);
    let enterprise = &user.enterprise_accounts[0];
    assert_eq!(
        enterprise.enterprise_connection.as_ref().unwrap().domains,
        ["b.com"]
    );
    assert_eq!(user.organization_memberships.len(), 1);
    assert_eq!(
        user.organization_memberships[0].permissions,
        ["org:a", "org:b"]
    );
    // The nulls are gone on the way back; everything else is kept.
    let back = assert_round_trips(&user);
    assert_eq!(back["email_addresses"].as_array().unwrap().len(), 1);
    assert_eq!(back["phone_numbers"][0]["backup_codes"], json!(["x", "y"]));
}

#[test]
fn null_lists_read_as_empty_and_null_backup_codes_as_none() {
    let user = parse_user_event(&body(
        "user.created",
        json!({"id": "user_1", "email_addresses": null, "passkeys": null,
               "phone_numbers": [{"id": "idn_1", "backup_codes": null}]}),
    ));
    assert!(user.email_addresses.is_empty() && user.passkeys.is_empty());
    assert_eq!(user.phone_numbers[0].backup_codes, None);
}

#[test]
fn a_nested_list_element_of_the_wrong_type_still_fails() {
    // Skipping is for `null` only; a string where an object belongs is a real error.
    let err = WebhookEvent::from_slice(&body(
        "user.created",
        json!({"id": "user_1", "email_addresses": ["a@example.com"]}),
    ))
    .unwrap_err();
    assert!(
        err.path().starts_with("data.email_addresses"),
        "{}",
        err.path()
    );
    assert!(!err.to_string().contains("a@example.com"), "{err}");
}

#[test]
fn a_user_event_still_requires_its_own_id() {
    for data in [json!({"object": "user"}), json!({"id": null})] {
        let err = WebhookEvent::from_slice(&body("user.updated", data)).unwrap_err();
        assert_eq!(err.event_type(), Some("user.updated"));
    }
}

#[test]
fn open_enum_equality_follows_the_wire_string() {
    assert_eq!(
        VerificationStatus::from("verified"),
        VerificationStatus::Verified
    );
    assert_eq!(
        VerificationStatus::from("verified".to_owned()),
        VerificationStatus::Verified
    );
    let parsed: VerificationStrategy = serde_json::from_str(r#""email_code""#).unwrap();
    assert!(!parsed.is_unknown());
    let unknown = VerificationStrategy::from("telepathy_code");
    match &unknown {
        VerificationStrategy::Unknown(value) => {
            assert_eq!(value.as_str(), "telepathy_code");
            assert_eq!(value.as_ref(), "telepathy_code");
            assert_eq!(format!("{value}"), "telepathy_code");
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(unknown, VerificationStrategy::from("telepathy_code"));
    assert_ne!(unknown, VerificationStrategy::EmailCode);
    assert!(VerificationStatus::default().is_unknown());
    assert_eq!(VerificationStatus::default().as_str(), "");
}

#[test]
fn verification_failure_is_the_payload_of_verification_error() {
    let v: Verification = serde_json::from_value(json!({
        "status": "failed", "strategy": "oauth_google",
        "error": {"code": "external_account_not_found", "message": "Not found", "long_message": null}
    }))
    .unwrap();
    let failure: &clerk_webhooks::events::VerificationFailure = v.error.as_ref().unwrap();
    assert_eq!(failure.code, "external_account_not_found");
    assert_eq!(failure.long_message, "");
}
