//! Traps in Clerk's published payloads for sessions, organizations, domains, invitations,
//! memberships, email, SMS and the waitlist: fields that drifted, nulls the schema does not
//! declare, and shapes the examples and the schema disagree on.
//!
//! Sources: Clerk's webhook OpenAPI specification and event catalog
//! (<https://clerk.com/docs/webhooks/overview>), and the payload types of `@clerk/backend`
//! (<https://github.com/clerk/javascript>).
//!
//! Each body is a whole webhook body, parsed with [`WebhookEvent::from_slice`]. Most tests
//! also check that the body survives a round trip with every non-null data leaf intact.

use clerk_webhooks::events::*;
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::{json, Value};

mod common;

/// Wraps a `data` object in Clerk's envelope (no `instance_id`, like pre-2025 payloads).
fn body(event_type: &str, data: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "data": data,
        "object": "event",
        "type": event_type,
        "timestamp": 1_654_014_318_503_i64,
    }))
    .unwrap()
}

/// `value` with every `null` list element removed, at any depth: what the parser keeps of it
/// (list positions shift when a `null` before them is skipped).
fn without_null_elements(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|item| !item.is_null())
                .map(without_null_elements)
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), without_null_elements(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Parses a body, checks it round-trips to an equal event and keeps every non-null data leaf
/// (`null` list elements are skipped by design), and returns the parsed event together with
/// its re-serialized `data`.
fn parse_lossless(bytes: &[u8]) -> (ClerkEvent, Value) {
    let parsed = WebhookEvent::from_slice(bytes).expect("body parses");
    assert!(!parsed.event.is_unknown(), "parsed as Unknown");
    let again = WebhookEvent::from_slice(&serde_json::to_vec(&parsed).unwrap()).unwrap();
    assert_eq!(again, parsed, "round trip changed the event");

    let raw: Value = serde_json::from_slice(bytes).unwrap();
    let back = serde_json::to_value(&parsed.event).unwrap();
    let lost = common::lost_leaves(&without_null_elements(&raw["data"]), &back["data"]);
    assert!(lost.is_empty(), "lost leaves: {lost:?}");
    (parsed.event, back["data"].clone())
}

// ---------------------------------------------------------------------------------------------
// Sessions (trap 14)
// ---------------------------------------------------------------------------------------------

#[test]
fn legacy_session_without_user_actor_activity_or_instance_id_parses() {
    // The 2022 dashboard catalog example, verbatim.
    let bytes = br#"{
      "data": {
        "abandon_at": 1656606318265,
        "client_id": "client_29wBS3h1zhE1BsEK2dg9oyypfYk",
        "created_at": 1654014318265,
        "expire_at": 1654619118265,
        "id": "sess_29wBYxnMCQU2KIs6V3ZPOJCPUXx",
        "last_active_at": 1654014318265,
        "object": "session",
        "status": "active",
        "updated_at": 1654014318503,
        "user_id": "user_29wBMCtzATuFJut8jO2VNTVekS4"
      },
      "event_attributes": {"http_request": {"client_ip": "0.0.0.0", "user_agent": "Mozilla/5.0"}},
      "object": "event",
      "timestamp": 1654014318503,
      "type": "session.created"
    }"#;
    let parsed = WebhookEvent::from_slice(bytes).unwrap();
    assert_eq!(parsed.instance_id, None);
    assert_eq!(parsed.timestamp, Some(UnixMillis(1_654_014_318_503)));
    let (event, _) = parse_lossless(bytes);
    let ClerkEvent::SessionCreated(session) = event else {
        panic!("expected SessionCreated, got {}", event.event_type());
    };
    assert_eq!(session.id, "sess_29wBYxnMCQU2KIs6V3ZPOJCPUXx");
    assert_eq!(session.user_id, "user_29wBMCtzATuFJut8jO2VNTVekS4");
    assert_eq!(session.client_id, "client_29wBS3h1zhE1BsEK2dg9oyypfYk");
    assert_eq!(session.status, SessionStatus::Active);
    assert!(session.user.is_none());
    assert!(session.actor.is_none());
    assert!(session.latest_activity.is_none());
    assert!(session.last_active_organization_id.is_none());
    assert!(session.tasks.is_none());
    assert_eq!(session.expire_at, UnixMillis::new(1_654_619_118_265));
    assert_eq!(session.abandon_at.as_millis(), 1_656_606_318_265);
    assert_eq!(session.last_active_at.as_millis(), 1_654_014_318_265);
    assert!(session.updated_at > session.created_at);
}

#[test]
fn session_pending_with_status_pending_and_tasks() {
    let bytes = body(
        "session.pending",
        json!({
            "object": "session",
            "id": "sess_1",
            "user_id": "user_1",
            "user": null,
            "client_id": "client_1",
            "actor": null,
            "status": "pending",
            "last_active_organization_id": null,
            "last_active_at": 1716883200000_i64,
            "latest_activity": null,
            "expire_at": 1716969600000_i64,
            "abandon_at": 1716969600000_i64,
            "updated_at": 1716883200000_i64,
            "created_at": 1716883200000_i64,
            "tasks": [{"key": "choose-organization"}, {"key": "reset-password"}]
        }),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::SessionPending(session) = event else {
        panic!("expected SessionPending, got {}", event.event_type());
    };
    assert_eq!(session.status, SessionStatus::Pending);
    assert!(!session.status.is_unknown());
    assert_eq!(session.status.as_str(), "pending");
    let tasks = session.tasks.as_ref().expect("tasks kept");
    let keys: Vec<&str> = tasks.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["choose-organization", "reset-password"]);
    assert_eq!(data["tasks"][1]["key"], "reset-password");
    assert_eq!(data["status"], "pending");
}

#[test]
fn session_with_impersonation_actor_and_activity_keeps_both() {
    let bytes = body(
        "session.created",
        json!({
            "object": "session",
            "id": "sess_2",
            "user_id": "user_2",
            "client_id": "client_2",
            "actor": {"sub": "user_admin", "iss": "https://dashboard.clerk.com"},
            "status": "active",
            "last_active_organization_id": "org_1",
            "last_active_at": 1,
            "latest_activity": {
                "object": "session_activity",
                "id": "activity_1",
                "is_mobile": true,
                "device_type": "iPhone",
                "country": "GR"
            },
            "expire_at": 2, "abandon_at": 3, "updated_at": 4, "created_at": 5
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::SessionCreated(session) = event else {
        panic!("expected SessionCreated");
    };
    assert_eq!(session.actor.as_ref().unwrap()["sub"], "user_admin");
    let activity = session.latest_activity.as_ref().unwrap();
    assert_eq!(activity.id, "activity_1");
    assert!(activity.is_mobile);
    assert_eq!(activity.device_type.as_deref(), Some("iPhone"));
    assert_eq!(activity.browser_name, None);
    assert_eq!(activity.country.as_deref(), Some("GR"));
    assert_eq!(
        session.last_active_organization_id.as_deref(),
        Some("org_1")
    );
}

#[test]
fn unknown_session_status_is_kept_and_reserialized_unchanged() {
    let bytes = body(
        "session.revoked",
        json!({"object": "session", "id": "sess_3", "user_id": "user_3", "client_id": "c",
               "status": "quarantined", "last_active_at": 1, "expire_at": 2,
               "abandon_at": 3, "updated_at": 4, "created_at": 5}),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::SessionRevoked(session) = event else {
        panic!("expected SessionRevoked");
    };
    assert!(session.status.is_unknown());
    assert_eq!(session.status, SessionStatus::from("quarantined"));
    assert_eq!(data["status"], "quarantined");
}

#[test]
fn session_updated_parses_as_session() {
    let bytes = body(
        "session.updated",
        json!({"object": "session", "id": "sess_4", "user_id": "user_4", "client_id": "c",
               "status": "active", "last_active_organization_id": "org_9",
               "last_active_at": 10, "expire_at": 20, "abandon_at": 30,
               "updated_at": 40, "created_at": 5}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::SessionUpdated(session) = event else {
        panic!("expected SessionUpdated, got {}", event.event_type());
    };
    assert_eq!(session.id, "sess_4");
    assert_eq!(
        session.last_active_organization_id.as_deref(),
        Some("org_9")
    );
    assert_eq!(session.updated_at, UnixMillis::new(40));
}

#[test]
fn every_session_status_suffix_maps_to_a_known_variant() {
    for (ty, status, expected) in [
        ("session.created", "active", SessionStatus::Active),
        ("session.ended", "ended", SessionStatus::Ended),
        ("session.removed", "removed", SessionStatus::Removed),
        ("session.revoked", "revoked", SessionStatus::Revoked),
        ("session.updated", "expired", SessionStatus::Expired),
        ("session.updated", "abandoned", SessionStatus::Abandoned),
        ("session.updated", "replaced", SessionStatus::Replaced),
    ] {
        let bytes = body(
            ty,
            json!({"object": "session", "id": "sess_5", "status": status}),
        );
        let (event, _) = parse_lossless(&bytes);
        assert_eq!(event.event_type(), ty);
        let session = match event {
            ClerkEvent::SessionCreated(s)
            | ClerkEvent::SessionEnded(s)
            | ClerkEvent::SessionRemoved(s)
            | ClerkEvent::SessionRevoked(s)
            | ClerkEvent::SessionUpdated(s) => s,
            other => panic!("unexpected {}", other.event_type()),
        };
        assert_eq!(session.status, expected, "{status}");
    }
}

// ---------------------------------------------------------------------------------------------
// Organizations and memberships (traps 17, 18)
// ---------------------------------------------------------------------------------------------

#[test]
fn legacy_organization_with_logo_url_and_no_newer_fields_parses() {
    let bytes = br#"{
      "data": {
        "created_at": 1654013202977,
        "created_by": "user_1vq84bqWzw7qmFgqSwN4CH1Wp0n",
        "id": "org_29w9IfBrPmcpi0IeBVaKtA7R94W",
        "image_url": "https://img.clerk.com/xxxxxx",
        "logo_url": "https://example.com/example.png",
        "name": "Acme Inc",
        "object": "organization",
        "public_metadata": {},
        "slug": "acme-inc",
        "updated_at": 1654013466465
      },
      "event_attributes": {"http_request": {"client_ip": "", "user_agent": ""}},
      "object": "event",
      "timestamp": 1654013466465,
      "type": "organization.updated"
    }"#;
    let parsed = WebhookEvent::from_slice(bytes).unwrap();
    let request = parsed.event_attributes.unwrap().http_request.unwrap();
    assert_eq!(request.client_ip, "");
    let (event, data) = parse_lossless(bytes);
    let ClerkEvent::OrganizationUpdated(org) = event else {
        panic!("expected OrganizationUpdated");
    };
    assert_eq!(org.id, "org_29w9IfBrPmcpi0IeBVaKtA7R94W");
    assert_eq!(
        org.logo_url.as_deref(),
        Some("https://example.com/example.png")
    );
    assert_eq!(
        org.image_url.as_deref(),
        Some("https://img.clerk.com/xxxxxx")
    );
    assert_eq!(org.slug, "acme-inc");
    assert_eq!(
        org.created_by.as_deref(),
        Some("user_1vq84bqWzw7qmFgqSwN4CH1Wp0n")
    );
    assert!(!org.has_image);
    assert_eq!(org.max_allowed_memberships, 0);
    assert!(!org.admin_delete_enabled);
    assert_eq!(org.members_count, None);
    assert_eq!(org.last_active_at, None);
    assert_eq!(org.role_set_key, None);
    assert_eq!(data["logo_url"], "https://example.com/example.png");
}

#[test]
fn organization_with_null_logo_url_and_role_set_key_parses() {
    let bytes = body(
        "organization.created",
        json!({"object": "organization", "id": "org_1", "name": "A", "slug": "a",
               "logo_url": null, "role_set_key": "default", "has_image": true,
               "max_allowed_memberships": 5, "admin_delete_enabled": true,
               "members_count": 3, "pending_invitations_count": 0,
               "missing_member_with_elevated_permissions": false,
               "public_metadata": null, "private_metadata": {"tier": "gold"},
               "last_active_at": 1763500000000_i64, "created_at": 1, "updated_at": 2}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationCreated(org) = event else {
        panic!("expected OrganizationCreated");
    };
    assert_eq!(org.logo_url, None);
    assert_eq!(org.role_set_key.as_deref(), Some("default"));
    assert!(org.public_metadata.is_empty());
    assert_eq!(org.private_metadata["tier"], "gold");
    assert_eq!(org.members_count, Some(3));
    assert_eq!(org.pending_invitations_count, Some(0));
    assert_eq!(org.missing_member_with_elevated_permissions, Some(false));
    assert_eq!(org.max_allowed_memberships, 5);
    assert_eq!(org.last_active_at, Some(UnixMillis::new(1_763_500_000_000)));
}

#[test]
fn legacy_membership_with_basic_member_and_null_identifier_parses() {
    let bytes = body(
        "organizationMembership.created",
        json!({
            "created_at": 1654013203217_i64,
            "id": "orgmem_29w9IptNja3mP8GDXpquBwN2qR9",
            "object": "organization_membership",
            "organization": {
                "created_at": 1654013202977_i64,
                "created_by": "user_1vq84bqWzw7qmFgqSwN4CH1Wp0n",
                "id": "org_29w9IfBrPmcpi0IeBVaKtA7R94W",
                "image_url": "https://img.clerk.com/xxxxxx",
                "logo_url": null,
                "name": "Acme Inc",
                "object": "organization",
                "public_metadata": {},
                "slug": "acme-inc",
                "updated_at": 1654013202977_i64
            },
            "public_user_data": {
                "first_name": null,
                "identifier": null,
                "image_url": "https://img.clerk.com/xxxxxx",
                "last_name": "Example",
                "profile_image_url": "https://www.gravatar.com/avatar?d=mp",
                "user_id": "user_29w83sxmDNGwOuEthce5gg56FcC"
            },
            "role": "basic_member",
            "updated_at": 1654013203217_i64
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationMembershipCreated(membership) = event else {
        panic!("expected OrganizationMembershipCreated");
    };
    assert_eq!(membership.role, "basic_member");
    assert_eq!(membership.role_name, None);
    assert!(membership.permissions.is_empty());
    assert!(membership.public_metadata.is_empty());
    assert_eq!(
        membership.organization.id,
        "org_29w9IfBrPmcpi0IeBVaKtA7R94W"
    );
    assert_eq!(membership.organization.logo_url, None);
    let user = membership.public_user_data.as_ref().unwrap();
    assert_eq!(user.user_id, "user_29w83sxmDNGwOuEthce5gg56FcC");
    assert_eq!(user.identifier, None);
    assert_eq!(user.first_name, None);
    assert_eq!(user.last_name.as_deref(), Some("Example"));
    assert_eq!(
        user.profile_image_url.as_deref(),
        Some("https://www.gravatar.com/avatar?d=mp")
    );
    assert!(!user.has_image);
}

#[test]
fn admin_role_is_kept_as_a_free_string() {
    let bytes = body(
        "organizationMembership.updated",
        json!({"id": "orgmem_1", "object": "organization_membership", "role": "admin",
               "organization": {"id": "org_1"}, "created_at": 1, "updated_at": 2}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationMembershipUpdated(membership) = event else {
        panic!("expected OrganizationMembershipUpdated");
    };
    assert_eq!(membership.role, "admin");
    assert_eq!(membership.public_user_data, None);
}

#[test]
fn membership_deleted_carries_the_full_membership() {
    let bytes = body(
        "organizationMembership.deleted",
        json!({
            "object": "organization_membership",
            "id": "orgmem_2",
            "role": "org:member",
            "role_name": "Member",
            "permissions": ["org:posts:read"],
            "public_metadata": {"team": "blue"},
            "private_metadata": {},
            "organization": {"object": "organization", "id": "org_2", "name": "Acme",
                             "slug": "acme", "has_image": true,
                             "max_allowed_memberships": 5, "admin_delete_enabled": true,
                             "public_metadata": {}, "created_at": 1, "updated_at": 2},
            "public_user_data": {"user_id": "user_2", "first_name": "Jane", "last_name": "Doe",
                                 "profile_image_url": null, "image_url": "https://img",
                                 "has_image": true, "identifier": "jane@acme.com",
                                 "username": "jane", "banned": true, "deprovisioned": false},
            "created_at": 1, "updated_at": 3
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationMembershipDeleted(membership) = event else {
        panic!(
            "expected OrganizationMembershipDeleted, got {}",
            event.event_type()
        );
    };
    assert_eq!(membership.id, "orgmem_2");
    assert_eq!(membership.role_name.as_deref(), Some("Member"));
    assert_eq!(membership.permissions, ["org:posts:read"]);
    assert_eq!(membership.public_metadata["team"], "blue");
    assert_eq!(membership.organization.slug, "acme");
    assert_eq!(membership.organization.max_allowed_memberships, 5);
    let user = membership.public_user_data.as_ref().unwrap();
    assert_eq!(user.identifier.as_deref(), Some("jane@acme.com"));
    assert_eq!(user.username.as_deref(), Some("jane"));
    assert!(user.banned);
    assert!(!user.deprovisioned);
    assert_eq!(user.profile_image_url, None);
}

#[test]
fn membership_without_id_is_an_error_not_a_silent_default() {
    let bytes = body(
        "organizationMembership.created",
        json!({"object": "organization_membership", "role": "org:member",
               "organization": {"id": "org_1"}}),
    );
    assert!(WebhookEvent::from_slice(&bytes).is_err());
}

// ---------------------------------------------------------------------------------------------
// Organization invitations (traps 7, 16)
// ---------------------------------------------------------------------------------------------

#[test]
fn legacy_invitation_without_role_name_metadata_url_or_expiry_parses() {
    let bytes = body(
        "organizationInvitation.created",
        json!({"created_at": 1654014189392_i64, "email_address": "example@example.org",
               "id": "orginv_29wBIniWYy0slasTNQlmHD9HeN1", "object": "organization_invitation",
               "organization_id": "org_29w9IfBrPmcpi0IeBVaKtA7R94W", "role": "basic_member",
               "status": "pending", "updated_at": 1654014189392_i64}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationInvitationCreated(invitation) = event else {
        panic!("expected OrganizationInvitationCreated");
    };
    assert_eq!(invitation.role, "basic_member");
    assert_eq!(invitation.role_name, None);
    assert_eq!(invitation.status, OrganizationInvitationStatus::Pending);
    assert_eq!(invitation.url, None);
    assert_eq!(invitation.expires_at, None);
    assert_eq!(invitation.inviter_id, None);
    assert_eq!(invitation.public_inviter_data, None);
    assert_eq!(invitation.user_id, None);
    assert_eq!(invitation.organization_data(), None);
}

#[test]
fn invitation_accepts_top_level_public_organization_data() {
    let bytes = body(
        "organizationInvitation.created",
        json!({
            "object": "organization_invitation", "id": "orginv_1",
            "email_address": "jane@acme.com", "role": "org:member", "role_name": "Member",
            "organization_id": "org_1", "inviter_id": "user_inviter",
            "public_inviter_data": {"user_id": "user_inviter", "first_name": "Ann",
                                    "last_name": null, "image_url": "https://img",
                                    "has_image": false, "identifier": "ann@acme.com"},
            "status": "pending", "public_metadata": {}, "private_metadata": {},
            "url": null, "expires_at": null, "created_at": 1, "updated_at": 1,
            "public_organization_data": {"id": "org_1", "name": "Acme", "slug": "acme",
                                         "image_url": "https://img/org", "has_image": true}
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationInvitationCreated(invitation) = event else {
        panic!("expected OrganizationInvitationCreated");
    };
    let org = invitation.public_organization_data.as_ref().unwrap();
    assert_eq!(org.id, "org_1");
    assert_eq!(org.slug, "acme");
    assert!(org.has_image);
    assert_eq!(invitation.organization_data().unwrap().name, "Acme");
    assert_eq!(invitation.data, None);
    assert_eq!(invitation.inviter_id.as_deref(), Some("user_inviter"));
    let inviter = invitation.public_inviter_data.as_ref().unwrap();
    assert_eq!(inviter.identifier.as_deref(), Some("ann@acme.com"));
    assert_eq!(inviter.last_name, None);
    assert_eq!(inviter.profile_image_url, None);
}

#[test]
fn invitation_keeps_the_specs_nested_data_public_organization_data() {
    let bytes = body(
        "organizationInvitation.revoked",
        json!({
            "object": "organization_invitation", "id": "orginv_2",
            "email_address": "jane@acme.com", "role": "org:admin", "role_name": "Admin",
            "organization_id": "org_2", "status": "revoked",
            "public_metadata": {}, "url": "https://accept", "expires_at": 1717487999000_i64,
            "created_at": 1, "updated_at": 2,
            "data": {"public_organization_data": {"id": "org_2", "name": "Nested",
                                                  "slug": "nested", "has_image": false}}
        }),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationInvitationRevoked(invitation) = event else {
        panic!("expected OrganizationInvitationRevoked");
    };
    assert_eq!(invitation.status, OrganizationInvitationStatus::Revoked);
    assert_eq!(invitation.public_organization_data, None);
    let org = invitation.organization_data().expect("nested form is read");
    assert_eq!(org.id, "org_2");
    assert_eq!(org.slug, "nested");
    assert_eq!(org.image_url, None);
    assert_eq!(data["data"]["public_organization_data"]["name"], "Nested");
    assert_eq!(
        invitation.expires_at,
        Some(UnixMillis::new(1_717_487_999_000))
    );
}

#[test]
fn invitation_accepted_carries_the_accepting_user_id() {
    let bytes = body(
        "organizationInvitation.accepted",
        json!({
            "object": "organization_invitation", "id": "orginv_3",
            "email_address": "jane.doe@acme.com", "role": "org:member", "role_name": "Member",
            "organization_id": "org_3", "status": "accepted", "public_metadata": {},
            "private_metadata": {}, "url": "https://accept",
            "user_id": "user_2h8op3Isl1QR7tKu5FGNfaLKEoU",
            "expires_at": 1717487999000_i64, "created_at": 1, "updated_at": 2,
            "data": {}
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationInvitationAccepted(invitation) = event else {
        panic!("expected OrganizationInvitationAccepted");
    };
    assert_eq!(
        invitation.user_id.as_deref(),
        Some("user_2h8op3Isl1QR7tKu5FGNfaLKEoU")
    );
    assert_eq!(invitation.status, OrganizationInvitationStatus::Accepted);
    assert_eq!(invitation.data, Some(serde_json::Map::new()));
    assert_eq!(invitation.organization_data(), None);
}

// ---------------------------------------------------------------------------------------------
// Organization domains (traps 7, 15)
// ---------------------------------------------------------------------------------------------

fn domain(enrollment_mode: &str, verification: Value) -> Vec<u8> {
    body(
        "organizationDomain.updated",
        json!({
            "object": "organization_domain", "id": "orgdm_1", "organization_id": "org_1",
            "name": "acme.com", "enrollment_mode": enrollment_mode,
            "affiliation_email_address": null, "verification": verification,
            "total_pending_invitations": 2, "total_pending_suggestions": 5,
            "created_at": 1, "updated_at": 2
        }),
    )
}

fn parse_domain(bytes: &[u8]) -> (Box<OrganizationDomain>, Value) {
    let (event, data) = parse_lossless(bytes);
    match event {
        ClerkEvent::OrganizationDomainUpdated(d) => (d, data),
        other => panic!(
            "expected OrganizationDomainUpdated, got {}",
            other.event_type()
        ),
    }
}

#[test]
fn domain_verification_with_schema_name_expire_at() {
    let bytes = domain(
        "enterprise_sso",
        json!({"status": "unverified", "strategy": "email_code", "attempts": null,
               "expire_at": 1716969600000_i64}),
    );
    let (d, data) = parse_domain(&bytes);
    assert_eq!(d.enrollment_mode, EnrollmentMode::EnterpriseSso);
    assert_eq!(d.affiliation_email_address, None);
    assert_eq!(d.total_pending_suggestions, 5);
    let v = d.verification.as_ref().unwrap();
    assert_eq!(v.status, OrganizationDomainVerificationStatus::Unverified);
    assert_eq!(v.strategy, "email_code");
    assert_eq!(v.attempts, None);
    assert_eq!(v.expire_at, Some(UnixMillis::new(1_716_969_600_000)));
    assert_eq!(v.expires_at, None);
    assert_eq!(v.expiry(), Some(UnixMillis::new(1_716_969_600_000)));
    // The key that was sent is the key written back.
    assert_eq!(data["verification"]["expire_at"], 1_716_969_600_000_i64);
    assert!(data["verification"]["expires_at"].is_null());
}

#[test]
fn domain_verification_with_backend_name_expires_at() {
    let bytes = domain(
        "manual_invitation",
        json!({"status": "verified", "strategy": "email_code", "attempts": 1,
               "expires_at": 1716969600001_i64}),
    );
    let (d, data) = parse_domain(&bytes);
    assert_eq!(d.enrollment_mode, EnrollmentMode::ManualInvitation);
    let v = d.verification.as_ref().unwrap();
    assert_eq!(v.status, OrganizationDomainVerificationStatus::Verified);
    assert_eq!(v.attempts, Some(1));
    assert_eq!(v.expire_at, None);
    assert_eq!(v.expires_at, Some(UnixMillis::new(1_716_969_600_001)));
    assert_eq!(v.expiry(), Some(UnixMillis::new(1_716_969_600_001)));
    assert_eq!(data["verification"]["expires_at"], 1_716_969_600_001_i64);
    assert!(data["verification"]["expire_at"].is_null());
}

#[test]
fn domain_unknown_enrollment_mode_and_status_are_kept() {
    let bytes = domain(
        "automatic_magic",
        json!({"status": "pending_dns", "strategy": "dns_txt", "attempts": 0,
               "expire_at": null, "verified_at": null}),
    );
    let (d, data) = parse_domain(&bytes);
    assert_eq!(d.enrollment_mode, EnrollmentMode::from("automatic_magic"));
    let v = d.verification.as_ref().unwrap();
    assert!(v.status.is_unknown());
    assert_eq!(v.status.as_str(), "pending_dns");
    assert_eq!(v.strategy, "dns_txt");
    assert_eq!(v.expiry(), None);
    assert_eq!(data["enrollment_mode"], "automatic_magic");
    assert_eq!(data["verification"]["status"], "pending_dns");
}

#[test]
fn domain_with_affiliation_and_ownership_verification() {
    let bytes = body(
        "organizationDomain.created",
        json!({
            "object": "organization_domain", "id": "orgdmn_2", "organization_id": "org_2",
            "name": "acme.io", "enrollment_mode": "automatic_suggestion",
            "affiliation_email_address": "admin@acme.io",
            "affiliation_verification": {"status": "verified", "strategy": "affiliation_email_code",
                                         "attempts": 1, "expire_at": null, "verified_at": null},
            "ownership_verification": {"status": "verified", "strategy": "dns_txt",
                                       "attempts": null, "expire_at": null,
                                       "verified_at": 1780000000000_i64},
            "verification": null,
            "total_pending_invitations": 0, "total_pending_suggestions": 0,
            "public_organization_data": {"id": "org_2", "name": "Acme", "slug": "acme",
                                         "has_image": false},
            "created_at": 1, "updated_at": 1
        }),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationDomainCreated(d) = event else {
        panic!("expected OrganizationDomainCreated");
    };
    assert_eq!(d.enrollment_mode, EnrollmentMode::AutomaticSuggestion);
    assert_eq!(d.verification, None);
    assert_eq!(
        d.affiliation_verification.as_ref().unwrap().strategy,
        "affiliation_email_code"
    );
    assert_eq!(
        d.ownership_verification.as_ref().unwrap().verified_at,
        Some(UnixMillis::new(1_780_000_000_000))
    );
    assert_eq!(d.public_organization_data.as_ref().unwrap().slug, "acme");
}

// ---------------------------------------------------------------------------------------------
// Email and SMS (traps 3, 21)
// ---------------------------------------------------------------------------------------------

fn sms(created_key: &str) -> Vec<u8> {
    body(
        "sms.created",
        json!({
            "object": "sms_message", "id": "sms_1", "slug": null,
            "from_phone_number": "+12345678901", "to_phone_number": "+19876543210",
            "phone_number_id": null, "user_id": null,
            "message": "Your verification code is 123456", "status": "queued",
            "data": null, "delivered_by_clerk": false,
            created_key: 1716883200000_i64
        }),
    )
}

#[test]
fn sms_with_created_at_keeps_that_key() {
    let (event, data) = parse_lossless(&sms("created_at"));
    let ClerkEvent::SmsCreated(message) = event else {
        panic!("expected SmsCreated");
    };
    assert_eq!(message.created_at, Some(UnixMillis::new(1_716_883_200_000)));
    assert_eq!(message.created_at_ms, None);
    assert_eq!(message.created(), Some(UnixMillis::new(1_716_883_200_000)));
    assert!(!message.delivered_by_clerk);
    assert!(message.data.is_empty());
    assert_eq!(message.slug, None);
    assert_eq!(data["created_at"], 1_716_883_200_000_i64);
    assert!(data["created_at_ms"].is_null());
}

#[test]
fn sms_with_created_at_ms_keeps_that_key() {
    let (event, data) = parse_lossless(&sms("created_at_ms"));
    let ClerkEvent::SmsCreated(message) = event else {
        panic!("expected SmsCreated");
    };
    assert_eq!(
        message.created_at_ms,
        Some(UnixMillis::new(1_716_883_200_000))
    );
    assert_eq!(message.created_at, None);
    assert_eq!(message.created(), Some(UnixMillis::new(1_716_883_200_000)));
    assert_eq!(message.message, "Your verification code is 123456");
    assert_eq!(message.status, "queued");
    assert_eq!(data["created_at_ms"], 1_716_883_200_000_i64);
    assert!(data["created_at"].is_null());
}

#[test]
fn email_with_null_slug_and_null_logo_url_in_data() {
    let bytes = body(
        "email.created",
        json!({
            "id": "ema_1", "object": "email", "slug": null,
            "from_email_name": "notifications", "reply_to_email_name": null,
            "to_email_address": "johndoe@acme.com", "email_address_id": "idn_1",
            "user_id": null, "subject": "123456 is your verification code",
            "body": "<html></html>", "body_plain": null, "status": "queued",
            "data": {
                "app": {"domain_name": "acme.dev", "logo_image_url": "https://img",
                        "logo_url": null, "name": "Acme", "url": "https://accounts.acme.dev"},
                "otp_code": "123456",
                "theme": {"show_clerk_branding": true},
                "user": {"public_metadata": {}, "public_metadata_fallback": ""}
            },
            "delivered_by_clerk": true
        }),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::EmailCreated(email) = event else {
        panic!("expected EmailCreated");
    };
    assert_eq!(email.slug, None);
    assert_eq!(email.body_plain, None);
    assert_eq!(email.user_id, None);
    assert_eq!(email.email_address_id.as_deref(), Some("idn_1"));
    assert_eq!(email.status.as_deref(), Some("queued"));
    assert!(email.delivered_by_clerk);
    assert!(email.data["app"]["logo_url"].is_null());
    assert_eq!(email.data["otp_code"], "123456");
    // Empty strings inside the template data are not normalised away.
    assert_eq!(email.data["user"]["public_metadata_fallback"], "");
    assert!(data["data"]["app"]
        .as_object()
        .unwrap()
        .contains_key("logo_url"));
}

// ---------------------------------------------------------------------------------------------
// Waitlist and instance invitations (traps 2, 7)
// ---------------------------------------------------------------------------------------------

#[test]
fn waitlist_entry_with_example_object_name_and_nested_invitation() {
    let bytes = body(
        "waitlistEntry.updated",
        json!({
            "object": "waitlistEntry", "id": "wle_1", "email_address": "john@example.com",
            "status": "invited", "is_locked": false, "created_at": 1, "updated_at": 2,
            "invitation": {"object": "invitation", "id": "inv_1",
                           "email_address": "john@example.com", "status": "pending",
                           "created_at": 2, "updated_at": 2}
        }),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::WaitlistEntryUpdated(entry) = event else {
        panic!("expected WaitlistEntryUpdated");
    };
    assert_eq!(entry.object, "waitlistEntry");
    assert_eq!(entry.status, WaitlistEntryStatus::Invited);
    let invitation = entry.invitation.as_ref().unwrap();
    assert_eq!(invitation.id, "inv_1");
    assert_eq!(invitation.status, InvitationStatus::Pending);
    assert!(invitation.public_metadata.is_empty());
    assert_eq!(invitation.url, None);
    assert_eq!(invitation.expires_at, None);
    assert_eq!(data["object"], "waitlistEntry");
}

#[test]
fn waitlist_entry_with_schema_object_name_and_null_invitation() {
    let bytes = body(
        "waitlistEntry.created",
        json!({"object": "waitlist_entry", "id": "wle_2", "email_address": "a@b.c",
               "status": "pending", "created_at": 1, "updated_at": 1, "invitation": null}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::WaitlistEntryCreated(entry) = event else {
        panic!("expected WaitlistEntryCreated");
    };
    assert_eq!(entry.object, "waitlist_entry");
    assert_eq!(entry.status, WaitlistEntryStatus::Pending);
    assert!(!entry.is_locked);
    assert_eq!(entry.invitation, None);
}

#[test]
fn instance_invitation_events_parse_into_typed_variants() {
    for (ty, status, expected) in [
        ("invitation.created", "pending", InvitationStatus::Pending),
        (
            "invitation.accepted",
            "accepted",
            InvitationStatus::Accepted,
        ),
        ("invitation.revoked", "revoked", InvitationStatus::Revoked),
    ] {
        let bytes = body(
            ty,
            json!({"object": "invitation", "id": "inv_9", "email_address": "x@acme.com",
                   "public_metadata": {"plan": "pro"}, "revoked": status == "revoked",
                   "status": status, "url": "https://accounts.acme.com/invite",
                   "expires_at": 1717487999000_i64, "created_at": 1, "updated_at": 2}),
        );
        let (event, _) = parse_lossless(&bytes);
        assert_eq!(event.event_type(), ty);
        let invitation = match event {
            ClerkEvent::InvitationCreated(i)
            | ClerkEvent::InvitationAccepted(i)
            | ClerkEvent::InvitationRevoked(i) => i,
            other => panic!("{ty}: unexpected {}", other.event_type()),
        };
        assert_eq!(invitation.id, "inv_9");
        assert_eq!(invitation.status, expected, "{ty}");
        assert_eq!(invitation.revoked, status == "revoked");
        assert_eq!(invitation.public_metadata["plan"], "pro");
        assert_eq!(
            invitation.url.as_deref(),
            Some("https://accounts.acme.com/invite")
        );
        assert_eq!(
            invitation.expires_at,
            Some(UnixMillis::new(1_717_487_999_000))
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Tolerance: only `data.id` is required; nested ids default; `null` list elements are skipped.
// ---------------------------------------------------------------------------------------------

#[test]
fn membership_with_organization_and_user_data_lacking_ids_parses() {
    for organization in [
        json!({"name": "Acme", "slug": "acme"}),
        json!({"id": null, "name": "Acme", "slug": "acme"}),
    ] {
        let bytes = body(
            "organizationMembership.updated",
            json!({"id": "orgmem_1", "role": "org:member", "organization": organization,
                   "public_user_data": {"user_id": null, "first_name": "Ada", "identifier": "a@b.c"}}),
        );
        let parsed = WebhookEvent::from_slice(&bytes).expect("parses");
        let ClerkEvent::OrganizationMembershipUpdated(membership) = parsed.event else {
            panic!("expected OrganizationMembershipUpdated");
        };
        assert_eq!(membership.id, "orgmem_1");
        assert_eq!(membership.organization.id, "");
        assert_eq!(membership.organization.slug, "acme");
        let user = membership.public_user_data.unwrap();
        assert_eq!(user.user_id, "");
        assert_eq!(user.first_name.as_deref(), Some("Ada"));
    }
}

#[test]
fn the_organization_event_itself_still_requires_its_id() {
    for data in [json!({"name": "Acme"}), json!({"id": null, "name": "Acme"})] {
        let err = WebhookEvent::from_slice(&body("organization.created", data)).unwrap_err();
        assert_eq!(err.event_type(), Some("organization.created"));
        assert!(err.path().starts_with("data"), "{}", err.path());
    }
}

#[test]
fn null_permissions_and_null_membership_organization_default() {
    let bytes = body(
        "organizationMembership.created",
        json!({"id": "orgmem_2", "permissions": [null, "org:posts:read", null],
               "organization": null}),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationMembershipCreated(membership) = event else {
        panic!("expected OrganizationMembershipCreated");
    };
    assert_eq!(membership.permissions, ["org:posts:read"]);
    assert_eq!(membership.organization, Organization::default());
    assert_eq!(data["permissions"], json!(["org:posts:read"]));
}

#[test]
fn role_permissions_skip_nulls_and_tolerate_missing_ids() {
    let bytes = body(
        "role.updated",
        json!({"id": "role_1", "key": "org:editor", "permissions": [
            null,
            {"key": "org:posts:read", "name": "Read posts"},
            {"id": null, "key": "org:posts:write"},
            {"id": "perm_3", "key": "org:posts:delete"}
        ]}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::RoleUpdated(role) = event else {
        panic!("expected RoleUpdated");
    };
    let ids: Vec<&str> = role.permissions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["", "", "perm_3"]);
    assert_eq!(role.permissions[1].key, "org:posts:write");
    // A permission event, by contrast, needs its id.
    assert!(
        WebhookEvent::from_slice(&body("permission.created", json!({"key": "org:x"}))).is_err()
    );
}

#[test]
fn invitation_and_domain_public_data_tolerate_missing_org_ids() {
    let bytes = body(
        "organizationInvitation.created",
        json!({"id": "orginv_1", "public_organization_data": {"name": "Acme"},
               "public_inviter_data": {"first_name": "Ada"}}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationInvitationCreated(invitation) = event else {
        panic!("expected OrganizationInvitationCreated");
    };
    assert_eq!(invitation.organization_data().unwrap().id, "");
    assert_eq!(invitation.organization_data().unwrap().name, "Acme");
    assert_eq!(invitation.public_inviter_data.unwrap().user_id, "");

    let bytes = body(
        "organizationDomain.updated",
        json!({"id": "orgdmn_1", "public_organization_data": {"id": null, "slug": "acme"}}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::OrganizationDomainUpdated(domain) = event else {
        panic!("expected OrganizationDomainUpdated");
    };
    assert_eq!(domain.public_organization_data.unwrap().slug, "acme");
}

#[test]
fn waitlist_invitation_without_id_parses_but_an_invitation_event_needs_one() {
    let bytes = body(
        "waitlistEntry.updated",
        json!({"id": "wle_1", "status": "invited",
               "invitation": {"email_address": "a@b.c", "status": "pending"}}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::WaitlistEntryUpdated(entry) = event else {
        panic!("expected WaitlistEntryUpdated");
    };
    let invitation = entry.invitation.unwrap();
    assert_eq!(invitation.id, "");
    assert_eq!(invitation.status, InvitationStatus::Pending);
    let err = WebhookEvent::from_slice(&body(
        "invitation.created",
        json!({"email_address": "a@b.c"}),
    ))
    .unwrap_err();
    assert_eq!(err.event_type(), Some("invitation.created"));
}

#[test]
fn session_user_without_an_id_parses_and_session_id_stays_required() {
    let bytes = body(
        "session.created",
        json!({"id": "sess_1", "user_id": "user_1", "status": "active",
               "user": {"first_name": "Ada", "email_addresses": [null, {"email_address": "a@b.c"}],
                        "timezone": "America/New_York"},
               "latest_activity": {"is_mobile": false}, "tasks": [null, {"key": "choose-organization"}]}),
    );
    let (event, _) = parse_lossless(&bytes);
    let ClerkEvent::SessionCreated(session) = event else {
        panic!("expected SessionCreated");
    };
    let user = session.user.as_deref().unwrap();
    assert_eq!(user.id, "");
    assert_eq!(user.timezone.as_deref(), Some("America/New_York"));
    assert_eq!(user.email_addresses.len(), 1);
    assert_eq!(session.tasks.as_ref().unwrap().len(), 1);
    assert_eq!(session.latest_activity.unwrap().id, "");
    assert!(WebhookEvent::from_slice(&body(
        "session.ended",
        json!({"user_id": "user_1", "status": "ended"})
    ))
    .is_err());
}

#[test]
fn email_suppression_reason_is_read_and_kept() {
    let bytes = body(
        "email.created",
        json!({"id": "ema_2", "object": "email", "to_email_address": "a@b.c",
               "status": "queued", "suppression_reason": "hard_bounce",
               "delivered_by_clerk": false}),
    );
    let (event, data) = parse_lossless(&bytes);
    let ClerkEvent::EmailCreated(email) = event else {
        panic!("expected EmailCreated");
    };
    let email: EmailMessage = *email;
    assert_eq!(email.suppression_reason.as_deref(), Some("hard_bounce"));
    assert_eq!(data["suppression_reason"], "hard_bounce");
    let without: EmailMessage = serde_json::from_value(json!({"id": "ema_3"})).unwrap();
    assert_eq!(without.suppression_reason, None);
}

#[test]
fn session_status_parsed_from_a_known_string_equals_its_variant() {
    assert_eq!(SessionStatus::from("active"), SessionStatus::Active);
    let parsed: SessionStatus = serde_json::from_str(r#""pending""#).unwrap();
    assert_eq!(parsed, SessionStatus::Pending);
    assert!(!parsed.is_unknown());
    let new: SessionStatus = "quarantined".parse().unwrap();
    assert!(new.is_unknown());
    assert_eq!(new.as_str(), "quarantined");
    assert_ne!(new, SessionStatus::Active);
    // Hash agrees with equality.
    let set: std::collections::HashSet<SessionStatus> =
        [SessionStatus::from("ended"), SessionStatus::Ended]
            .into_iter()
            .collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn constructors_build_every_event_payload_for_handler_tests() {
    // Each `data` type can be built outside the crate and wrapped in its event.
    let events = [
        ClerkEvent::SessionCreated(Box::new(Session::new("sess_1"))),
        ClerkEvent::OrganizationCreated(Box::new(Organization::new("org_1"))),
        ClerkEvent::OrganizationMembershipCreated(Box::new(OrganizationMembership::new(
            "orgmem_1",
        ))),
        ClerkEvent::OrganizationInvitationCreated(Box::new(OrganizationInvitation::new(
            "orginv_1",
        ))),
        ClerkEvent::OrganizationDomainCreated(Box::new(OrganizationDomain::new("orgdmn_1"))),
        ClerkEvent::InvitationCreated(Box::new(Invitation::new("inv_1"))),
        ClerkEvent::EmailCreated(Box::new(EmailMessage::new("ema_1"))),
        ClerkEvent::SmsCreated(Box::new(SmsMessage::new("sms_1"))),
        ClerkEvent::RoleCreated(Box::new(Role::new("role_1"))),
        ClerkEvent::PermissionCreated(Box::new(Permission::new("perm_1"))),
        ClerkEvent::WaitlistEntryCreated(Box::new(WaitlistEntry::new("wle_1"))),
        ClerkEvent::UserDeleted(Box::new(DeletedObject::new("user_1"))),
        ClerkEvent::UserCreated(Box::new(User::new("user_1"))),
    ];
    for event in events {
        let bytes = serde_json::to_vec(&event).unwrap();
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(value["data"]["id"].as_str().unwrap().ends_with("_1"));
        // What a constructor builds is what the wire form parses back to.
        let again: ClerkEvent = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(again, event);
    }
}
