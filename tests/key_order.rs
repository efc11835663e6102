//! A body parses to the same value whatever the order of its keys.
//!
//! The parser reads `data` in place when it knows the event type by then: from a `type` key
//! before `data` (the order of the examples in Clerk's OpenAPI spec), or from a guess taken at
//! the end of the body (Clerk's live deliveries put `type` last). A wrong guess must fall back
//! to the two-step parse, never yield a payload of the wrong type. These tests compare every
//! fixture in each key order, and with a trailing member built to mislead the guess.

use clerk_webhooks::{ClerkEvent, EventKind, WebhookEvent};
use serde_json::{Map, Value};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut bodies: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    bodies.sort();
    assert!(bodies.len() >= 46, "only {} fixtures", bodies.len());
    bodies
}

/// The body's top-level members, in the order given by `keys` (every key of the body must be
/// listed), written as compact JSON.
fn reordered(body: &[u8], keys: &[&str]) -> Vec<u8> {
    let object: Map<String, Value> = serde_json::from_slice(body).unwrap();
    assert_eq!(object.len(), keys.len(), "every key is placed");
    let members: Vec<String> = keys
        .iter()
        .map(|key| {
            let value = object.get(*key).unwrap_or_else(|| panic!("no key {key}"));
            format!("{}:{}", Value::from(*key), value)
        })
        .collect();
    format!("{{{}}}", members.join(",")).into_bytes()
}

fn keys_of(body: &[u8]) -> Vec<String> {
    let object: Map<String, Value> = serde_json::from_slice(body).unwrap();
    object.keys().cloned().collect()
}

/// `keys` with `type` first and `data` last, and the reverse.
fn orders(keys: &[String]) -> [Vec<&str>; 2] {
    let others: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|key| !matches!(*key, "type" | "data"))
        .collect();
    let type_first = [vec!["type"], others.clone(), vec!["data"]].concat();
    let data_first = [vec!["data"], others, vec!["type"]].concat();
    [type_first, data_first]
}

#[test]
fn every_fixture_parses_the_same_in_every_key_order() {
    for (name, body) in fixtures() {
        let original = WebhookEvent::from_slice(&body).unwrap();
        let original_event = ClerkEvent::from_slice(&body).unwrap();
        assert!(!original.event.is_unknown(), "{name}");
        let keys = keys_of(&body);
        for order in orders(&keys) {
            let body = reordered(&body, &order);
            assert_eq!(
                WebhookEvent::from_slice(&body).unwrap(),
                original,
                "{name} in order {order:?}"
            );
            assert_eq!(
                ClerkEvent::from_slice(&body).unwrap(),
                original_event,
                "{name} in order {order:?}"
            );
            // Through the generic `Deserialize` impls too.
            let through_serde: WebhookEvent = serde_json::from_slice(&body).unwrap();
            assert_eq!(through_serde, original, "{name} via serde");
        }
    }
}

/// A last member whose key ends in `type` (`x"type`, escaped) makes the body end in
/// `"type":"<other>"}`, which looks like the real `type` but is not. Every fixture must still
/// parse as its own type, with the payload it had.
#[test]
fn a_misleading_ending_cannot_change_the_event_type() {
    for (name, body) in fixtures() {
        let original = WebhookEvent::from_slice(&body).unwrap();
        let kind = original.event.kind();
        // A guess of a different, known kind whose payload type differs, and an unknown one.
        let decoy = if kind == EventKind::SessionCreated {
            "user.created"
        } else {
            "session.created"
        };
        for decoy in [decoy, "brand.new"] {
            let keys = keys_of(&body);
            for order in orders(&keys) {
                let mut text = String::from_utf8(reordered(&body, &order)).unwrap();
                assert!(text.ends_with('}'));
                text.pop();
                text.push_str(&format!(r#","x\"type" : "{decoy}" }}"#));
                let parsed = WebhookEvent::from_slice(text.as_bytes())
                    .unwrap_or_else(|err| panic!("{name} with decoy {decoy}: {err}"));
                assert_eq!(parsed.event.kind(), kind, "{name} with decoy {decoy}");
                assert_eq!(parsed, original, "{name} with decoy {decoy}");
            }
        }
    }
}

/// The guess is read only from a plain trailing `"type":"…"}`; an ending like that inside
/// `data` (when `data` is last) must not be taken for the envelope's type.
#[test]
fn a_type_key_inside_a_trailing_data_object_is_not_the_event_type() {
    let body =
        br#"{"type":"role.created","data":{"id":"role_1","object":"role","type":"user.created"}}"#;
    let event = ClerkEvent::from_slice(body).unwrap();
    assert_eq!(event.kind(), EventKind::RoleCreated);
    assert_eq!(event.resource_id(), Some("role_1"));
}

/// Errors are the two-step parse's, whatever the key order: the path names `data`, and the
/// event type is the declared one.
#[test]
fn errors_are_the_same_in_every_key_order() {
    let type_first = br#"{"type":"session.created","data":{"id":5}}"#;
    let data_first = br#"{"data":{"id":5},"type":"session.created"}"#;
    let a = WebhookEvent::from_slice(type_first).unwrap_err();
    let b = WebhookEvent::from_slice(data_first).unwrap_err();
    assert_eq!(a.path(), "data.id");
    assert_eq!(b.path(), "data.id");
    assert_eq!(a.event_type(), Some("session.created"));
    assert_eq!(b.event_type(), Some("session.created"));
    assert_eq!(a.category(), b.category());
}

/// A wrong guess whose payload type happens to accept the data is still rejected: the body
/// declares `role.created`, ends in a decoy `user.created`, and its data fits both.
#[test]
fn a_decoy_that_fits_the_data_is_still_not_taken() {
    let body = br#"{"data":{"id":"role_1"},"type":"role.created","x\"type":"user.created"}"#;
    let event = ClerkEvent::from_slice(body).unwrap();
    assert_eq!(event.kind(), EventKind::RoleCreated);
    let event = WebhookEvent::from_slice(body).unwrap();
    assert_eq!(event.event.kind(), EventKind::RoleCreated);
}

/// `data` nested close to serde_json's recursion limit parses, or fails, the same way on every
/// path and in either key order: in place inside the body, read raw and parsed on its own, and
/// through the generic `Deserialize` impls.
#[test]
fn deep_data_parses_the_same_on_every_path_and_in_every_order() {
    let mut outcomes = Vec::new();
    for depth in 120..=130 {
        let data = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let type_first = format!(r#"{{"type":"x.y","data":{data}}}"#);
        let data_first = format!(r#"{{"data":{data},"type":"x.y"}}"#);
        // `type` neither first nor last: no guess, so `data` is read raw, then parsed.
        let no_guess = format!(r#"{{"data":{data},"type":"x.y","object":"event"}}"#);
        let results = [&type_first, &data_first, &no_guess].map(|body| {
            [
                ClerkEvent::from_slice(body.as_bytes()).is_ok(),
                WebhookEvent::from_slice(body.as_bytes()).is_ok(),
                serde_json::from_str::<ClerkEvent>(body).is_ok(),
                serde_json::from_str::<WebhookEvent>(body).is_ok(),
            ]
        });
        let first = results[0][0];
        assert!(
            results.iter().flatten().all(|&ok| ok == first),
            "depth {depth}: {results:?}"
        );
        outcomes.push(first);
    }
    // The limit falls inside the range: the shallow ones parse, the deep ones do not.
    assert!(outcomes[0] && !outcomes[outcomes.len() - 1], "{outcomes:?}");
}

/// The generic `Deserialize` impls read what `from_slice` reads, in every key order, and a
/// `VerifiedEvent` of every fixture survives a trip through JSON.
#[test]
fn the_serde_impls_agree_with_from_slice_in_every_key_order() {
    for (name, body) in fixtures() {
        let original = WebhookEvent::from_slice(&body).unwrap();
        let keys = keys_of(&body);
        for order in orders(&keys) {
            let body = reordered(&body, &order);
            let text = std::str::from_utf8(&body).unwrap();
            let event: ClerkEvent = serde_json::from_str(text).unwrap();
            assert_eq!(event, original.event, "{name} in order {order:?}");
            let value: Value = serde_json::from_slice(&body).unwrap();
            let from_value: WebhookEvent = serde_json::from_value(value).unwrap();
            assert_eq!(from_value, original, "{name} from a Value");
        }
        let delivery = clerk_webhooks::VerifiedEvent::new(
            clerk_webhooks::MessageId::new("msg_1").unwrap(),
            clerk_webhooks::time::OffsetDateTime::UNIX_EPOCH,
            original,
        );
        let queued = serde_json::to_string(&delivery).unwrap();
        let job: clerk_webhooks::VerifiedEvent = serde_json::from_str(&queued).unwrap();
        assert_eq!(job, delivery, "{name} through a queue");
    }
}
