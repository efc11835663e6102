//! The constructors of the payload types, generated from one list.
//!
//! Every payload struct is `#[non_exhaustive]`, so code outside this crate cannot build one
//! with a struct literal (E0639). Each type a handler reads gets `new(…)` taking the fields
//! that identify it, every other field at its default; tests then set what they need by field
//! assignment.

use super::billing::{Payer, PaymentAttempt, Plan, Subscription, SubscriptionItem};
use super::{
    DeletedObject, EmailAddress, EmailMessage, EnterpriseAccount, ExternalAccount, Invitation,
    Organization, OrganizationDomain, OrganizationInvitation, OrganizationMembership, Passkey,
    Permission, PhoneNumber, PublicOrganizationData, PublicUserData, Role, SamlAccount, Session,
    SmsMessage, User, WaitlistEntry, Web3Wallet,
};

/// `new(…)` for each listed type: `Type("path", plain) { field: "example", … };` gives
/// `Type::new(field, …)` setting those `String` fields (`optional` where the first is an
/// `Option<String>`, as `DeletedObject`'s `id`), documented with a doctest that builds one
/// from the example values.
macro_rules! constructors {
    ($(
        $ty:ident($path:literal, $wrap:ident) { $first:ident: $first_example:literal $(, $field:ident: $example:literal)* };
    )+) => {
        $(
            impl $ty {
                #[doc = concat!(
                    "A `", stringify!($ty), "` with the given `", stringify!($first), "`",
                    $(", `", stringify!($field), "`",)*
                    " and every other field at its default.\n\n",
                    "For values in tests: the struct is `#[non_exhaustive]`, so code outside this ",
                    "crate cannot build it with a struct literal. Set other fields by assignment.\n\n",
                    "```\n",
                    "use clerk_webhooks::events::", $path, ";\n\n",
                    "let value = ", stringify!($ty), "::new(", stringify!($first_example),
                    $(", ", stringify!($example),)* ");\n",
                    "assert_eq!(value.", stringify!($first), constructors!(@read $wrap), ", ", stringify!($first_example), ");\n",
                    $("assert_eq!(value.", stringify!($field), ", ", stringify!($example), ");\n",)*
                    "```"
                )]
                pub fn new(
                    $first: impl Into<String>,
                    $($field: impl Into<String>,)*
                ) -> Self {
                    Self {
                        $first: constructors!(@wrap $wrap $first.into()),
                        $($field: $field.into(),)*
                        ..Self::default()
                    }
                }
            }
        )+
    };
    (@read optional) => { ".as_deref().unwrap()" };
    (@read plain) => { "" };
    (@wrap optional $value:expr) => { Some($value) };
    (@wrap plain $value:expr) => { $value };
}

constructors! {
    User("User", plain) { id: "user_1" };
    EmailAddress("EmailAddress", plain) { id: "idn_1", email_address: "ada@example.com" };
    PhoneNumber("PhoneNumber", plain) { id: "idn_2", phone_number: "+15555550100" };
    Web3Wallet("Web3Wallet", plain) { id: "idn_3", web3_wallet: "0x0000000000000000000000000000000000000001" };
    Passkey("Passkey", plain) { id: "idn_4", name: "Laptop" };
    ExternalAccount("ExternalAccount", plain) { id: "eac_1", provider: "oauth_google" };
    SamlAccount("SamlAccount", plain) { id: "samlacc_1", provider: "saml_okta" };
    EnterpriseAccount("EnterpriseAccount", plain) { id: "eacc_1", provider: "saml_okta" };
    Session("Session", plain) { id: "sess_1" };
    Organization("Organization", plain) { id: "org_1" };
    PublicOrganizationData("PublicOrganizationData", plain) { id: "org_1", name: "Acme" };
    OrganizationDomain("OrganizationDomain", plain) { id: "orgdmn_1" };
    OrganizationInvitation("OrganizationInvitation", plain) { id: "orginv_1" };
    OrganizationMembership("OrganizationMembership", plain) { id: "orgmem_1" };
    PublicUserData("PublicUserData", plain) { user_id: "user_1" };
    Role("Role", plain) { id: "role_1" };
    Permission("Permission", plain) { id: "perm_1" };
    EmailMessage("EmailMessage", plain) { id: "ema_1" };
    SmsMessage("SmsMessage", plain) { id: "sms_1" };
    Invitation("Invitation", plain) { id: "inv_1" };
    WaitlistEntry("WaitlistEntry", plain) { id: "wle_1" };
    DeletedObject("DeletedObject", optional) { id: "user_1" };
    Subscription("billing::Subscription", plain) { id: "csub_1" };
    SubscriptionItem("billing::SubscriptionItem", plain) { id: "csubi_1" };
    PaymentAttempt("billing::PaymentAttempt", plain) { id: "cpa_1" };
    Plan("billing::Plan", plain) { id: "cplan_1", slug: "pro" };
    Payer("billing::Payer", plain) { id: "cpayer_1" };
}
