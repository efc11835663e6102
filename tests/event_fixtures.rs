//! Every fixture body parses into its own typed variant, round-trips, and keeps its data.

use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::Value;
use std::path::PathBuf;

mod common;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixture directory exists")
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 46,
        "expected every fixture, found {}",
        out.len()
    );
    out
}

#[test]
fn every_fixture_parses_to_its_typed_variant() {
    for (name, body) in fixtures() {
        let raw: Value = serde_json::from_slice(&body).unwrap();
        let parsed = WebhookEvent::from_slice(&body).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(!parsed.event.is_unknown(), "{name} parsed as Unknown");
        assert_eq!(
            parsed.event.event_type(),
            raw["type"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            name.trim_end_matches(".json"),
            parsed.event.event_type(),
            "fixture name and type disagree"
        );
        // The plain `Deserialize` impl agrees with the path-tracking parser.
        let direct: ClerkEvent = serde_json::from_slice(&body).unwrap();
        assert_eq!(direct, parsed.event, "{name}");
    }
}

#[test]
fn every_fixture_round_trips_to_an_equal_event() {
    for (name, body) in fixtures() {
        let parsed = WebhookEvent::from_slice(&body).unwrap();
        let bytes = serde_json::to_vec(&parsed).unwrap();
        let again = WebhookEvent::from_slice(&bytes).unwrap();
        assert_eq!(again, parsed, "{name}");
        let bare = serde_json::to_vec(&parsed.event).unwrap();
        let event: ClerkEvent = serde_json::from_slice(&bare).unwrap();
        assert_eq!(event, parsed.event, "{name}");
    }
}

#[test]
fn every_fixture_keeps_at_least_99_percent_of_its_data_leaves() {
    let mut report = Vec::new();
    for (name, body) in fixtures() {
        let raw: Value = serde_json::from_slice(&body).unwrap();
        let parsed = WebhookEvent::from_slice(&body).unwrap();
        let back = serde_json::to_value(&parsed.event).unwrap();
        let total = common::leaves(&raw["data"], "data").len();
        let lost = common::lost_leaves(&raw["data"], &back["data"]);
        let kept = total - lost.len();
        let ratio = kept as f64 / total.max(1) as f64;
        if ratio < 0.99 {
            report.push(format!(
                "{name}: kept {kept}/{total} ({ratio:.3}); lost {lost:?}"
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
