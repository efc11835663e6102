//! Deleted-object stubs (`*.deleted` events carry only `object`, `id` and `deleted`), and the
//! role and permission payloads.
//!
//! Sources: Clerk's webhook OpenAPI specification and event catalog
//! (<https://clerk.com/docs/webhooks/overview>), and the payload types of `@clerk/backend`
//! (<https://github.com/clerk/javascript>).

use clerk_webhooks::events::DeletedObject;
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::json;

fn parse(event_type: &str, data: serde_json::Value) -> ClerkEvent {
    let body = json!({"data": data, "object": "event", "type": event_type});
    WebhookEvent::from_slice(&serde_json::to_vec(&body).unwrap())
        .unwrap()
        .event
}

#[test]
fn deleted_events_carry_the_stub_with_nullable_slug_and_optional_id() {
    // role.deleted and permission.deleted carry a DeletedObject, although @clerk/backend types
    // them as the full Role and Permission.
    let role = parse(
        "role.deleted",
        json!({"object": "role", "id": "role_1", "slug": null, "deleted": true}),
    );
    let ClerkEvent::RoleDeleted(stub) = role else {
        panic!("{role:?}")
    };
    assert_eq!(
        (stub.id.as_deref(), stub.slug.as_deref(), stub.deleted),
        (Some("role_1"), None, true)
    );

    let permission = parse(
        "permission.deleted",
        json!({"object": "permission", "id": "perm_1", "deleted": true}),
    );
    assert!(matches!(permission, ClerkEvent::PermissionDeleted(ref d) if d.object == "permission"));

    // `id` is optional in the schema.
    let org = parse(
        "organization.deleted",
        json!({"object": "organization", "slug": "acme", "deleted": true}),
    );
    let ClerkEvent::OrganizationDeleted(stub) = org else {
        panic!()
    };
    assert_eq!(
        (stub.id.as_deref(), stub.slug.as_deref()),
        (None, Some("acme"))
    );

    let domain = parse(
        "organizationDomain.deleted",
        json!({"object": "organization_domain", "id": "orgdmn_1", "deleted": true}),
    );
    assert!(matches!(domain, ClerkEvent::OrganizationDomainDeleted(_)));
}

#[test]
fn user_deleted_external_id_present_absent_or_null() {
    for (data, expected) in [
        (
            json!({"object": "user", "id": "user_1", "deleted": true, "external_id": "crm-42"}),
            Some("crm-42"),
        ),
        (
            json!({"object": "user", "id": "user_1", "deleted": true}),
            None,
        ),
        (
            json!({"object": "user", "id": "user_1", "deleted": true, "external_id": null}),
            None,
        ),
    ] {
        let event = parse("user.deleted", data);
        let ClerkEvent::UserDeleted(stub) = &event else {
            panic!("{event:?}")
        };
        assert_eq!(stub.external_id.as_deref(), expected);
        // Round trip.
        let back: ClerkEvent =
            serde_json::from_slice(&serde_json::to_vec(&event).unwrap()).unwrap();
        assert_eq!(back, event);
    }
    // A stub with every field null still parses.
    let stub: DeletedObject = serde_json::from_str(
        r#"{"object":null,"id":null,"slug":null,"deleted":null,"external_id":null}"#,
    )
    .unwrap();
    assert_eq!(stub, DeletedObject::default());
}

#[test]
fn role_without_is_creator_eligible_and_permission_without_type() {
    // Clerk's role.updated example omits is_creator_eligible; legacy permissions lack `type`.
    let role = parse(
        "role.updated",
        json!({"object": "role", "id": "role_1", "name": "Editor", "key": "editor", "description": null,
               "permissions": [{"object": "permission", "id": "perm_1", "name": "Read", "key": "org:read",
                                "description": "Read things", "created_at": 1716883200000_i64, "updated_at": 1716883200000_i64}],
               "created_at": 1716883200000_i64, "updated_at": 1716883260000_i64}),
    );
    let ClerkEvent::RoleUpdated(role) = role else {
        panic!()
    };
    assert!(!role.is_creator_eligible);
    assert_eq!(role.description, None);
    assert_eq!(role.key, "editor");
    assert_eq!(role.permissions[0].permission_type, None);
    assert!(role.updated_at > role.created_at);

    let permission = parse(
        "permission.created",
        json!({"object": "permission", "id": "perm_2", "name": "Billing", "key": "org:billing:manage",
               "description": "", "type": "custom"}),
    );
    assert!(
        matches!(permission, ClerkEvent::PermissionCreated(ref p) if p.permission_type.as_deref() == Some("custom"))
    );
}
