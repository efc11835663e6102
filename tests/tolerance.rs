//! Payload tolerance over the whole fixture corpus: from every fixture body under
//! `tests/fixtures/`, variants are generated that Clerk's payloads have shown (or may show)
//! and every one must parse into the same typed event, keep `data.id`, and round-trip:
//!
//! * every field, at every depth, removed;
//! * every field set to `null`;
//! * every list element set to `null`;
//! * every string replaced with a value no enum knows (`"brand_new_value"`);
//! * an unknown field added to every object (one object at a time, and all at once).
//!
//! Only the envelope's `type`, `data` and `object` and the event's own `data.id` are left in
//! place by the removal and `null` variants: those are the only keys a body needs.

use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::{json, Value};
use std::fmt;
use std::path::{Path, PathBuf};

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug)]
struct JsonPath(Vec<Step>);

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// How a variant differs from its fixture.
#[derive(Clone, Debug)]
enum Change {
    Remove(JsonPath),
    Null(JsonPath),
    NullElement(JsonPath),
    NewString(JsonPath),
    UnknownField(JsonPath),
    UnknownFieldEverywhere,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Remove(p) => write!(f, "remove {p}"),
            Self::Null(p) => write!(f, "null {p}"),
            Self::NullElement(p) => write!(f, "null element {p}"),
            Self::NewString(p) => write!(f, "new string at {p}"),
            Self::UnknownField(p) => write!(f, "unknown field in {p}"),
            Self::UnknownFieldEverywhere => f.write_str("unknown field in every object"),
        }
    }
}

const NEW_STRING: &str = "brand_new_value";
const NEW_FIELD: &str = "brand_new_field";

fn new_field_value() -> Value {
    json!({"nested": [1, null, "x"], "flag": true})
}

/// Every fixture body under `tests/fixtures/` (the signature vectors are not bodies).
fn fixture_bodies() -> Vec<(String, Value)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Value)>) {
        for entry in std::fs::read_dir(dir).expect("fixture directory exists") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "signatures") {
                    continue;
                }
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                let body: Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                out.push((name, body));
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The keys the removal and `null` variants leave alone.
fn is_protected(path: &[Step]) -> bool {
    let key = |s: &str| Step::Key(s.to_owned());
    matches!(path, [one] if *one == key("type") || *one == key("data") || *one == key("object"))
        || path == [key("data"), key("id")]
}

/// Every change, at every depth, for one body.
fn changes(body: &Value) -> Vec<Change> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Change>) {
        match value {
            Value::Object(map) => {
                out.push(Change::UnknownField(JsonPath(path.clone())));
                for (key, child) in map {
                    path.push(Step::Key(key.clone()));
                    if !is_protected(path) {
                        out.push(Change::Remove(JsonPath(path.clone())));
                        if !child.is_null() {
                            out.push(Change::Null(JsonPath(path.clone())));
                        }
                    }
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(Step::Index(index));
                    if !child.is_null() {
                        out.push(Change::NullElement(JsonPath(path.clone())));
                    }
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::String(_) if path.as_slice() != [Step::Key("type".to_owned())] => {
                out.push(Change::NewString(JsonPath(path.clone())));
            }
            _ => {}
        }
    }
    let mut out = vec![Change::UnknownFieldEverywhere];
    walk(body, &mut Vec::new(), &mut out);
    out
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(index) => &mut value[*index],
    })
}

fn add_field_everywhere(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(add_field_everywhere);
            map.insert(NEW_FIELD.to_owned(), new_field_value());
        }
        Value::Array(items) => items.iter_mut().for_each(add_field_everywhere),
        _ => {}
    }
}

fn apply(body: &Value, change: &Change) -> Value {
    let mut out = body.clone();
    match change {
        Change::Remove(JsonPath(path)) => {
            let (last, parent) = path.split_last().unwrap();
            let Step::Key(key) = last else {
                unreachable!("only object members are removed")
            };
            at_mut(&mut out, parent)
                .as_object_mut()
                .unwrap()
                .remove(key.as_str());
        }
        Change::Null(JsonPath(path)) | Change::NullElement(JsonPath(path)) => {
            *at_mut(&mut out, path) = Value::Null;
        }
        Change::NewString(JsonPath(path)) => *at_mut(&mut out, path) = Value::from(NEW_STRING),
        Change::UnknownField(JsonPath(path)) => {
            at_mut(&mut out, path)
                .as_object_mut()
                .unwrap()
                .insert(NEW_FIELD.to_owned(), new_field_value());
        }
        Change::UnknownFieldEverywhere => add_field_everywhere(&mut out),
    }
    out
}

/// Parses one variant both ways and checks what the tolerance rules promise. Returns why it
/// failed, if it did.
fn check(variant: &Value, event_type: &str) -> Result<(), String> {
    let bytes = serde_json::to_vec(variant).unwrap();
    let parsed = WebhookEvent::from_slice(&bytes).map_err(|err| format!("from_slice: {err}"))?;
    if parsed.event.event_type() != event_type || parsed.event.is_unknown() {
        return Err(format!("parsed as {}", parsed.event.event_type()));
    }
    let direct: ClerkEvent =
        serde_json::from_slice(&bytes).map_err(|err| format!("ClerkEvent: {err}"))?;
    if direct != parsed.event {
        return Err("ClerkEvent and WebhookEvent disagree".to_owned());
    }
    let back = serde_json::to_value(&parsed.event).unwrap();
    let sent_id = &variant["data"]["id"];
    if !sent_id.is_null() && back["data"]["id"] != *sent_id {
        return Err(format!("data.id became {}", back["data"]["id"]));
    }
    let again = WebhookEvent::from_slice(&serde_json::to_vec(&parsed).unwrap())
        .map_err(|err| format!("re-parse: {err}"))?;
    if again != parsed {
        return Err("round trip changed the event".to_owned());
    }
    Ok(())
}

#[test]
fn every_variant_of_every_fixture_parses() {
    let bodies = fixture_bodies();
    assert!(
        bodies.len() >= 46 + 5,
        "expected the event fixtures and the payload fixtures, found {}",
        bodies.len()
    );
    let mut total = 0usize;
    let mut failures = Vec::new();
    let mut kinds = [0usize; 6];
    for (name, body) in &bodies {
        let event_type = body["type"]
            .as_str()
            .expect("fixture has a type")
            .to_owned();
        check(body, &event_type).unwrap_or_else(|err| panic!("{name} itself: {err}"));
        for change in changes(body) {
            kinds[match change {
                Change::Remove(_) => 0,
                Change::Null(_) => 1,
                Change::NullElement(_) => 2,
                Change::NewString(_) => 3,
                Change::UnknownField(_) => 4,
                Change::UnknownFieldEverywhere => 5,
            }] += 1;
            total += 1;
            let variant = apply(body, &change);
            if let Err(err) = check(&variant, &event_type) {
                failures.push(format!("{name}: {change}: {err}"));
            }
        }
    }
    let passed = total - failures.len();
    println!(
        "tolerance: {passed}/{total} variants parsed ({:.2}%) over {} fixtures; \
         removed {}, null {}, null element {}, new string {}, unknown field {}, everywhere {}",
        100.0 * passed as f64 / total as f64,
        bodies.len(),
        kinds[0],
        kinds[1],
        kinds[2],
        kinds[3],
        kinds[4],
        kinds[5],
    );
    assert!(
        failures.is_empty(),
        "{} of {total} variants failed:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
    // A floor, so that a broken generator cannot pass vacuously.
    assert!(total > 5_000, "only {total} variants generated");
    for (kind, count) in kinds.iter().enumerate() {
        assert!(*count >= 20, "variant kind {kind}: only {count}");
    }
}

/// The generator itself: on a small body, exactly the expected variants, and each applies.
#[test]
fn the_generator_covers_every_field_element_and_string() {
    let body = json!({
        "type": "role.created", "object": "event",
        "data": {"id": "role_1", "name": "Editor", "permissions": [{"id": "perm_1"}, null]}
    });
    let listed: Vec<String> = changes(&body).iter().map(ToString::to_string).collect();
    for expected in [
        "unknown field in every object",
        "unknown field in ",
        "unknown field in data",
        "unknown field in data.permissions[0]",
        "remove data.name",
        "null data.name",
        "new string at data.name",
        "new string at data.id",
        "remove data.permissions",
        "null data.permissions",
        "null element data.permissions[0]",
        "remove data.permissions[0].id",
        "null data.permissions[0].id",
        "new string at object",
    ] {
        assert!(
            listed.iter().any(|c| c == expected),
            "missing {expected:?} in {listed:?}"
        );
    }
    for protected in [
        "remove type",
        "remove data",
        "remove object",
        "remove data.id",
        "null data.id",
        "new string at type",
        "null element data.permissions[1]",
    ] {
        assert!(
            !listed.iter().any(|c| c == protected),
            "{protected:?} listed"
        );
    }
    let removed = apply(
        &body,
        &Change::Remove(JsonPath(vec![
            Step::Key("data".into()),
            Step::Key("name".into()),
        ])),
    );
    assert!(removed["data"].get("name").is_none());
    let nulled = apply(
        &body,
        &Change::NullElement(JsonPath(vec![
            Step::Key("data".into()),
            Step::Key("permissions".into()),
            Step::Index(0),
        ])),
    );
    assert_eq!(nulled["data"]["permissions"], json!([null, null]));
    let everywhere = apply(&body, &Change::UnknownFieldEverywhere);
    assert_eq!(
        everywhere["data"]["permissions"][0][NEW_FIELD],
        new_field_value()
    );
    assert_eq!(everywhere[NEW_FIELD], new_field_value());
}

/// The check is not vacuous: a variant that removes the event's own id fails it.
#[test]
fn the_check_rejects_a_body_without_data_id() {
    let body = json!({"type": "role.created", "object": "event", "data": {"name": "Editor"}});
    assert!(check(&body, "role.created").is_err());
    let ok = json!({"type": "role.created", "object": "event", "data": {"id": "role_1"}});
    assert_eq!(check(&ok, "role.created"), Ok(()));
    assert!(check(&ok, "role.updated").is_err());
}
