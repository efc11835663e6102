//! Envelope-level traps in Clerk's published payloads: dispatch on `type`, the
//! envelope fields' drift, unknown event types, and key order.
//!
//! Sources: Clerk's webhook OpenAPI specification and event catalog
//! (<https://clerk.com/docs/webhooks/overview>), and the payload types of `@clerk/backend`
//! (<https://github.com/clerk/javascript>).

use clerk_webhooks::events::{UnixMillis, UnknownEvent};
use clerk_webhooks::{ClerkEvent, ParseErrorCategory, WebhookEvent};
use serde_json::{json, Value};

fn parse(body: &Value) -> WebhookEvent {
    WebhookEvent::from_slice(&serde_json::to_vec(body).unwrap()).unwrap()
}

#[test]
fn trap2_dispatch_is_on_type_never_on_data_object() {
    // `data.object` says "session", but the envelope says user.deleted: the type wins.
    let event = parse(&json!({
        "data": {"object": "session", "id": "user_1", "deleted": true},
        "object": "event", "type": "user.deleted"
    }))
    .event;
    assert!(matches!(event, ClerkEvent::UserDeleted(ref d) if d.object == "session"));

    // The object names seen in Clerk's examples that disagree with its schema.
    for (event_type, object) in [
        ("waitlistEntry.created", "waitlistEntry"),
        ("waitlistEntry.created", "waitlist_entry"),
        ("subscription.created", "subscription"),
        ("subscription.created", "commerce_subscription"),
        ("subscriptionItem.active", "subscription_item"),
        ("subscriptionItem.active", "commerce_subscription_item"),
    ] {
        let parsed = parse(&json!({
            "data": {"object": object, "id": "x_1"},
            "object": "event", "type": event_type
        }));
        assert_eq!(parsed.event.event_type(), event_type);
        assert!(
            !parsed.event.is_unknown(),
            "{event_type} with object {object}"
        );
    }
    // Payment attempts have no `object` at all.
    let parsed = parse(
        &json!({"data": {"id": "pa_1"}, "object": "event", "type": "paymentAttempt.created"}),
    );
    assert!(matches!(parsed.event, ClerkEvent::PaymentAttemptCreated(_)));
}

#[test]
fn trap4_envelope_drift() {
    // Seconds-sized timestamp (Clerk's spec examples) is kept as sent, not reinterpreted.
    let spec = parse(&json!({
        "data": {"object": "role", "id": "role_1"}, "object": "event", "type": "role.created",
        "timestamp": 1716883200, "instance_id": "ins_1"
    }));
    assert_eq!(spec.timestamp, Some(UnixMillis(1_716_883_200)));
    // A real capture: milliseconds.
    let real = parse(&json!({
        "data": {"object": "role", "id": "role_1"}, "object": "event", "type": "role.created",
        "timestamp": 1744276393644_i64, "instance_id": "ins_2vU3fBhx47yeddqKhd5taTbUYID",
        "event_attributes": {"http_request": {"client_ip": "203.0.113.51", "user_agent": "okhttp/4.12.0"}}
    }));
    assert_eq!(real.timestamp, Some(UnixMillis(1_744_276_393_644)));
    let request = real.event_attributes.unwrap().http_request.unwrap();
    assert_eq!(
        (request.client_ip.as_str(), request.user_agent.as_str()),
        ("203.0.113.51", "okhttp/4.12.0")
    );

    // Pre-2025: no instance_id, no timestamp, no event_attributes.
    let legacy = parse(
        &json!({"data": {"object": "role", "id": "role_1"}, "object": "event", "type": "role.created"}),
    );
    assert_eq!(
        (
            legacy.timestamp,
            legacy.instance_id,
            legacy.event_attributes
        ),
        (None, None, None)
    );

    // Dashboard-originated events send empty strings, or nulls.
    let dashboard = parse(&json!({
        "data": {"object": "role", "id": "role_1"}, "object": "event", "type": "role.created",
        "event_attributes": {"http_request": {"client_ip": "", "user_agent": null}}
    }));
    let request = dashboard.event_attributes.unwrap().http_request.unwrap();
    assert_eq!(
        (request.client_ip.as_str(), request.user_agent.as_str()),
        ("", "")
    );
}

#[test]
fn unknown_event_types_are_kept_losslessly() {
    let data =
        json!({"object": "thing", "id": "thing_1", "nested": {"n": [1, 2.5, "x", null, true]}});
    let body =
        json!({"data": data, "object": "event", "type": "thing.happened", "instance_id": "ins_1"});
    let parsed = parse(&body);
    let ClerkEvent::Unknown(unknown) = &parsed.event else {
        panic!("expected Unknown")
    };
    assert_eq!(**unknown, UnknownEvent::new("thing.happened", data.clone()));
    assert_eq!(parsed.event.event_type(), "thing.happened");
    // Re-serialized, it is the same body (envelope fields included).
    let back: Value = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back, body);
}

#[test]
fn key_order_does_not_matter() {
    let data = json!({"object": "permission", "id": "perm_1", "name": "Read", "key": "org:read"});
    let type_first = format!(r#"{{"type":"permission.created","object":"event","data":{data}}}"#);
    let data_first = format!(r#"{{"data":{data},"object":"event","type":"permission.created"}}"#);
    let a: ClerkEvent = serde_json::from_str(&type_first).unwrap();
    let b: ClerkEvent = serde_json::from_str(&data_first).unwrap();
    assert_eq!(a, b);
    assert!(matches!(a, ClerkEvent::PermissionCreated(ref p) if p.key == "org:read"));
    assert_eq!(
        WebhookEvent::from_slice(data_first.as_bytes())
            .unwrap()
            .event,
        a
    );
}

#[test]
fn every_known_type_parses_a_minimal_body_into_its_own_variant() {
    assert_eq!(ClerkEvent::KNOWN_TYPES.len(), 51);
    for event_type in ClerkEvent::KNOWN_TYPES {
        // The smallest data each payload accepts: its identifier.
        let body = json!({"data": {"id": "x_1"}, "object": "event", "type": event_type});
        let parsed = parse(&body);
        assert!(!parsed.event.is_unknown(), "{event_type}");
        assert_eq!(parsed.event.event_type(), *event_type);
        let again = parse(&serde_json::to_value(&parsed).unwrap());
        assert_eq!(again, parsed, "{event_type}");
    }
}

#[test]
fn envelope_errors_are_typed_and_value_free() {
    let cases: [(&[u8], ParseErrorCategory, &str); 5] = [
        (b"", ParseErrorCategory::Eof, ""),
        (b"{not json", ParseErrorCategory::Syntax, ""),
        (br#"{"data":{}}"#, ParseErrorCategory::Data, ""),
        (br#"{"type":"user.created"}"#, ParseErrorCategory::Data, ""),
        (
            br#"{"type":42,"data":{}}"#,
            ParseErrorCategory::Data,
            "type",
        ),
    ];
    for (body, category, path) in cases {
        let err = WebhookEvent::from_slice(body).unwrap_err();
        assert_eq!(
            err.category(),
            category,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(err.path(), path, "{}", String::from_utf8_lossy(body));
        assert_eq!(err.event_type(), None);
    }
    // A payload value never reaches the message.
    let err = WebhookEvent::from_slice(
        br#"{"type":"role.created","data":{"id":"role_1","permissions":"hunter2-secret"}}"#,
    )
    .unwrap_err();
    assert_eq!(err.event_type(), Some("role.created"));
    assert_eq!(err.path(), "data.permissions");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    // Trailing bytes after the body are an error too.
    let err = WebhookEvent::from_slice(br#"{"type":"role.deleted","data":{}} x"#).unwrap_err();
    assert_eq!(err.category(), ParseErrorCategory::Syntax);
}

#[test]
fn a_body_is_a_json_object_only() {
    // A derived struct impl would read a JSON array as the fields in declaration order.
    let array = br#"["user.deleted",{"object":"user","id":"user_1","deleted":true}]"#;
    let err = WebhookEvent::from_slice(array).unwrap_err();
    assert_eq!(err.category(), ParseErrorCategory::Data);
    assert!(serde_json::from_slice::<WebhookEvent>(array).is_err());
    assert!(serde_json::from_slice::<ClerkEvent>(array).is_err());
    // The same fields as an object parse.
    let object =
        br#"{"type":"user.deleted","data":{"object":"user","id":"user_1","deleted":true}}"#;
    assert!(WebhookEvent::from_slice(object).is_ok());
    assert!(serde_json::from_slice::<ClerkEvent>(object).is_ok());
}

#[test]
fn repeated_envelope_keys_are_errors() {
    for body in [
        &br#"{"type":"role.deleted","type":"user.deleted","data":{}}"#[..],
        br#"{"type":"role.deleted","data":{},"data":{}}"#,
        br#"{"type":"role.deleted","data":{},"instance_id":"a","instance_id":"b"}"#,
    ] {
        let err = WebhookEvent::from_slice(body).unwrap_err();
        assert!(err.to_string().contains("duplicate field"), "{err}");
    }
    // `ClerkEvent` keeps only `type` and `data`, so it rejects repeats of those alone.
    assert!(
        serde_json::from_str::<ClerkEvent>(r#"{"type":"role.deleted","data":{},"data":{}}"#)
            .is_err()
    );
}

#[test]
fn malformed_envelope_fields_fail_the_envelope_but_not_clerk_event() {
    let body =
        br#"{"type":"role.deleted","data":{"id":"role_1"},"timestamp":"soon","instance_id":7}"#;
    // `WebhookEvent` keeps `timestamp`, so a non-integer one is an error, with its path.
    let err = WebhookEvent::from_slice(body).unwrap_err();
    assert_eq!(err.category(), ParseErrorCategory::Data);
    assert_eq!(err.path(), "timestamp");
    assert!(!err.to_string().contains("soon"), "{err}");
    // `ClerkEvent` does not keep the envelope fields, so it never reads them.
    let event: ClerkEvent = serde_json::from_slice(body).unwrap();
    assert!(matches!(event, ClerkEvent::RoleDeleted(ref d) if d.id.as_deref() == Some("role_1")));
    // Escaped keys and types are read like plain ones.
    let escaped = br#"{"typ\u0065":"role.\u0064eleted","\u0064ata":{"id":"role_1"}}"#;
    assert_eq!(
        WebhookEvent::from_slice(escaped)
            .unwrap()
            .event
            .event_type(),
        "role.deleted"
    );
}

/// The events whose `data` is the deleted-object stub, in which `id` is optional.
const STUB_EVENTS: &[&str] = &[
    "user.deleted",
    "organization.deleted",
    "organizationDomain.deleted",
    "role.deleted",
    "permission.deleted",
];

/// Only the event's own `data.id` is required, and it is required for every typed event
/// except the deleted-object stubs: without it (or with `null`), the body fails and the error
/// names the event type and points at `data`. Nested ids never are required.
#[test]
fn data_id_is_required_for_every_typed_event_except_deleted_stubs() {
    for &event_type in ClerkEvent::KNOWN_TYPES {
        for data in [json!({}), json!({"id": null}), json!({"object": "x"})] {
            let body = json!({"data": data, "object": "event", "type": event_type});
            let bytes = serde_json::to_vec(&body).unwrap();
            let result = WebhookEvent::from_slice(&bytes);
            let direct = serde_json::from_slice::<ClerkEvent>(&bytes);
            if STUB_EVENTS.contains(&event_type) {
                assert!(result.is_ok() && direct.is_ok(), "{event_type} {data}");
            } else {
                let err = result.expect_err(event_type);
                assert_eq!(err.event_type(), Some(event_type));
                assert!(
                    err.path().starts_with("data"),
                    "{event_type}: {}",
                    err.path()
                );
                assert!(direct.is_err(), "{event_type}");
            }
        }
        let body = json!({"data": {"id": "x_1"}, "object": "event", "type": event_type});
        let parsed = parse(&body);
        assert_eq!(parsed.event.event_type(), event_type);
        assert_eq!(
            serde_json::to_value(&parsed.event).unwrap()["data"]["id"],
            "x_1"
        );
    }
}
