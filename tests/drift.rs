//! The drift report: unknown fields, unknown enum values and unknown event types, and nothing
//! else: no payload value, and no drift on the bodies the model covers.

use clerk_webhooks::drift::DriftReport;
use clerk_webhooks::testing;

#[test]
fn every_sample_body_has_no_drift() {
    let mut drifting = Vec::new();
    for (event_type, body) in testing::samples() {
        let report = DriftReport::from_slice(body).expect("every sample parses");
        if !report.is_empty() {
            drifting.push(format!("{event_type}: {report}"));
        }
    }
    assert!(drifting.is_empty(), "{drifting:#?}");
}

/// A sample body as a `serde_json::Value`, to add fields to.
fn sample(event_type: &str) -> serde_json::Value {
    serde_json::from_slice(testing::sample_body(event_type).expect("a sample")).expect("JSON")
}

/// A `user.created` sample with one email address, which the catalog sample lacks.
fn user_with_email() -> serde_json::Value {
    let mut body = sample("user.created");
    body["data"]["email_addresses"] = serde_json::json!([{
        "id": "idn_1",
        "object": "email_address",
        "email_address": "ada@example.com",
        "linked_to": [],
        "verification": {"status": "verified", "strategy": "email_code", "attempts": null, "expire_at": null}
    }]);
    body
}

fn drift(body: &serde_json::Value) -> DriftReport {
    DriftReport::from_slice(&serde_json::to_vec(body).unwrap()).expect("parses")
}

#[test]
fn added_fields_are_reported_by_path_with_array_indices_normalised() {
    let mut body = user_with_email();
    assert!(drift(&body).is_empty(), "{:?}", drift(&body));
    body["data"]["favourite_colour"] = "teal".into();
    body["data"]["email_addresses"][0]["shiny"] = true.into();
    body["data"]["email_addresses"][0]["verification"]["new_knob"] = serde_json::json!({"a": 1});
    body["envelope_extra"] = 7.into();
    // Free-form metadata is kept whole: nothing inside it is drift.
    body["data"]["public_metadata"] = serde_json::json!({"anything": {"goes": [1, 2]}});
    let report = drift(&body);
    assert_eq!(
        report.unknown_fields,
        [
            "data.email_addresses[].shiny",
            "data.email_addresses[].verification.new_knob",
            "data.favourite_colour",
            "envelope_extra",
        ]
    );
    assert!(report.unknown_values.is_empty());
    assert_eq!(report.unknown_event_type, None);
    let text = format!("{report} {report:?} {:?}", report.lines());
    assert!(!text.contains("teal"), "a payload value leaked: {text}");
    assert!(
        !text.contains("ada@example.com"),
        "a payload value leaked: {text}"
    );
    assert!(
        !text.contains("anything"),
        "free-form metadata was walked: {text}"
    );
}

#[test]
fn the_same_path_in_several_array_items_is_reported_once() {
    let body = serde_json::json!({
        "type": "user.updated",
        "data": {
            "id": "user_1",
            "phone_numbers": [null, {"id": "idn_1", "carrier": "x"}, {"id": "idn_2", "carrier": "y"}]
        }
    });
    assert_eq!(
        drift(&body).unknown_fields,
        ["data.phone_numbers[].carrier"]
    );
}

#[test]
fn new_enum_values_are_reported_with_their_path_and_token() {
    let mut body = sample("session.created");
    body["data"]["status"] = "hibernating".into();
    let report = drift(&body);
    assert_eq!(report.unknown_values.len(), 1, "{report:?}");
    assert_eq!(report.unknown_values[0].path, "data.status");
    assert_eq!(report.unknown_values[0].value, "hibernating");
    assert!(report.unknown_fields.is_empty());
    assert_eq!(
        report.lines(),
        [r#"unknown value "hibernating" at data.status"#]
    );

    let mut body = user_with_email();
    body["data"]["email_addresses"][0]["verification"]["strategy"] = "carrier_pigeon".into();
    let report = drift(&body);
    assert_eq!(report.unknown_values.len(), 1, "{report:?}");
    assert_eq!(
        report.unknown_values[0].path,
        "data.email_addresses[].verification.strategy"
    );
    assert_eq!(report.unknown_values[0].value, "carrier_pigeon");
}

#[test]
fn a_missing_or_null_enum_is_not_drift() {
    let mut body = sample("session.created");
    body["data"]["status"] = serde_json::Value::Null;
    assert!(drift(&body).is_empty(), "{:?}", drift(&body));
    body["data"].as_object_mut().unwrap().remove("status");
    assert!(drift(&body).is_empty(), "{:?}", drift(&body));
}

#[test]
fn an_unknown_event_type_is_reported_and_its_data_is_not_walked() {
    let body = serde_json::json!({
        "type": "user.archived",
        "object": "event",
        "data": {"id": "user_1", "anything": 1}
    });
    let report = drift(&body);
    assert_eq!(report.unknown_event_type.as_deref(), Some("user.archived"));
    assert!(report.unknown_fields.is_empty());
    assert_eq!(report.to_string(), r#"unknown event type "user.archived""#);
}

#[test]
fn envelope_fields_are_compared_only_when_set() {
    let mut body = sample("user.created");
    body["timestamp"] = serde_json::Value::Null;
    body["instance_id"] = serde_json::Value::Null;
    body["event_attributes"] =
        serde_json::json!({"http_request": {"client_ip": "", "user_agent": "", "geo": "x"}});
    let report = drift(&body);
    assert_eq!(report.unknown_fields, ["event_attributes.http_request.geo"]);
}

#[test]
fn marking_does_not_leak_into_ordinary_serialization() {
    let mut body = sample("session.created");
    body["data"]["status"] = "hibernating".into();
    let bytes = serde_json::to_vec(&body).unwrap();
    let _ = DriftReport::from_slice(&bytes).unwrap();
    let event = clerk_webhooks::WebhookEvent::from_slice(&bytes).unwrap();
    let written = serde_json::to_value(&event).unwrap();
    assert_eq!(written["data"]["status"], "hibernating");
    assert_eq!(DriftReport::default().to_string(), "no drift");
}

#[test]
fn a_body_that_does_not_parse_is_the_parse_error() {
    let err = DriftReport::from_slice(b"{\"type\":\"user.created\",\"data\":{}}").unwrap_err();
    assert_eq!(err.path(), "data");
    assert!(DriftReport::from_slice(b"not json").is_err());
}

#[test]
fn a_report_from_the_parsed_event_is_the_report_from_the_body() {
    let mut drifting = user_with_email();
    drifting["data"]["email_addresses"][0]["shiny"] = serde_json::json!(true);
    drifting["data"]["verification_level"] = serde_json::json!(2);
    let drifting = serde_json::to_vec(&drifting).unwrap();
    let bodies = testing::samples()
        .map(|(_, body)| body.to_vec())
        .chain([drifting.clone()]);
    for body in bodies {
        let event = clerk_webhooks::WebhookEvent::from_slice(&body).unwrap();
        assert_eq!(
            DriftReport::from_parsed(&body, &event).unwrap(),
            DriftReport::from_slice(&body).unwrap()
        );
    }
    // A verified delivery derefs to its event.
    let signer = testing::Signer::default();
    let request = signer.sign_now("msg_1", drifting.clone());
    let delivery = signer
        .webhook()
        .verify_event(&request.body, &request.headers)
        .unwrap();
    let report = DriftReport::from_parsed(&drifting, &delivery).unwrap();
    assert_eq!(
        report.unknown_fields,
        ["data.email_addresses[].shiny", "data.verification_level"]
    );
}

#[test]
fn a_report_from_a_parsed_event_needs_a_json_object_body() {
    let event = testing::sample_event("role.created").unwrap();
    for body in [&b"[1, 2]"[..], b"\"text\"", b"{\"type\": ", b""] {
        let err = DriftReport::from_parsed(body, &event).unwrap_err();
        assert_eq!(err.event_type(), None, "{err}");
    }
    let err = DriftReport::from_parsed(b"[1]", &event).unwrap_err();
    assert!(
        err.to_string().contains("a webhook body is a JSON object"),
        "{err}"
    );
    // Paired with another body, the event is compared with that body.
    let body = br#"{"type":"role.created","data":{"id":"role_1","colour":"teal"}}"#;
    let report = DriftReport::from_parsed(body, &event).unwrap();
    assert!(
        report.unknown_fields.contains(&"data.colour".to_owned()),
        "{report}"
    );
}

#[test]
fn lists_inside_free_form_fields_keep_their_nulls_and_are_paired_in_place() {
    // Metadata is kept whole, nulls included, so its lists are compared item by item; pairing
    // them as typed lists (nulls skipped) would compare `{"b": 2}` with `{"a": 1}`.
    let mut body = sample("user.created");
    body["data"]["public_metadata"] = serde_json::json!({
        "list": [null, {"a": 1}, {"b": 2}],
        "nested": [[null, {"c": 3}], {"d": [null, {"e": 5}]}],
    });
    let report = drift(&body);
    assert!(report.is_empty(), "{report}");
}
