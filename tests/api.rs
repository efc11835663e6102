//! The public surface a handler on any framework relies on: the HTTP answer for every error,
//! one parsed type that survives a queue, event kinds, resource ids, message ids, and error
//! chains that print each fact once.

use clerk_webhooks::events::UnknownEvent;
use clerk_webhooks::time::OffsetDateTime;
use clerk_webhooks::{
    headers, ClerkEvent, Error, EventKind, MessageId, ParseError, SecretError, VerifiedEvent,
    VerifyError, Webhook, WebhookEvent,
};
use serde_json::Value;
use std::path::PathBuf;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

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

/// Signs `body` now and verifies it, as a live delivery.
fn deliver(wh: &Webhook, id: &str, body: &[u8]) -> Result<VerifiedEvent, Error> {
    let now = OffsetDateTime::now_utc();
    let signature = wh.sign(id, body, now);
    let ts = now.unix_timestamp().to_string();
    wh.verify_event(
        body,
        &[
            (headers::SVIX_ID, id),
            (headers::SVIX_TIMESTAMP, ts.as_str()),
            (headers::SVIX_SIGNATURE, signature.as_str()),
        ],
    )
}

/// The error chain as a logger prints it: each error's `Display`, joined by `: `.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(next) = source {
        text.push_str(": ");
        text.push_str(&next.to_string());
        source = next.source();
    }
    text
}

#[test]
fn every_error_has_its_http_answer() {
    let wh = Webhook::new(SECRET).unwrap();
    // Verification: 400, with a reason naming at most a header.
    let unsigned = wh.verify_event(b"{}", &[("svix-id", "msg_1")]).unwrap_err();
    assert!(matches!(unsigned, Error::Verify(_)));
    assert_eq!(unsigned.http_status(), 400);
    assert_eq!(
        unsigned.public_reason(),
        "missing webhook header svix-timestamp"
    );
    let forged = wh
        .verify_event(
            b"{}",
            &[
                ("svix-id", "msg_1"),
                (
                    "svix-timestamp",
                    &OffsetDateTime::now_utc().unix_timestamp().to_string(),
                ),
                (
                    "svix-signature",
                    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                ),
            ],
        )
        .unwrap_err();
    assert_eq!(forged, Error::Verify(VerifyError::InvalidSignature));
    assert_eq!(
        (forged.http_status(), forged.public_reason()),
        (400, "invalid webhook signature")
    );

    // A verified body that cannot be parsed: 422.
    let unparsable = deliver(&wh, "msg_2", br#"{"type":"user.created","data":{}}"#).unwrap_err();
    assert!(matches!(unparsable, Error::Parse(_)));
    assert_eq!(
        (unparsable.http_status(), unparsable.public_reason()),
        (422, "unprocessable webhook payload")
    );

    // A secret that cannot be used: 500, and `?` converts it into the same `Error`.
    fn start() -> Result<Webhook, Error> {
        Ok(Webhook::new("sk_live_abc")?)
    }
    let misconfigured = start().unwrap_err();
    assert!(matches!(
        misconfigured,
        Error::Secret(SecretError::WrongPrefix { .. })
    ));
    assert_eq!(
        (misconfigured.http_status(), misconfigured.public_reason()),
        (500, "webhook verifier not configured")
    );
    assert_eq!(
        Error::from(SecretError::NotSet).to_string(),
        SecretError::NotSet.to_string()
    );
}

#[test]
fn the_result_of_verify_outlives_a_temporary_header_array() {
    let wh = Webhook::new(SECRET).unwrap();
    let body = br#"{"type":"role.deleted","data":{"id":"role_1","deleted":true}}"#.to_vec();
    let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let signature = wh.sign("msg_temporary", &body, at);
    let verified = wh
        .verify_at(
            &body,
            &[
                ("svix-id", "msg_temporary".to_owned()),
                ("svix-timestamp", "1700000000".to_owned()),
                ("svix-signature", signature.clone()),
            ],
            at,
        )
        .unwrap();
    // The headers (owned `String`s in a temporary array) are gone; `verified` is not.
    let copy = verified;
    assert_eq!(copy, verified);
    assert_eq!(verified.message_id(), "msg_temporary");
    assert_eq!(verified.body(), body.as_slice());
    assert_eq!(verified.delivered_at(), at);
    let parsed = verified.parse().unwrap();
    assert_eq!(parsed.message_id, verified.message_id());
    assert_eq!(parsed.event.kind(), EventKind::RoleDeleted);
}

#[test]
fn message_ids_are_bounded_and_validated() {
    let wh = Webhook::new(SECRET).unwrap();
    let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let verify = |id: &str| {
        let signature = wh.sign(id, b"{}", at);
        wh.verify_at(
            b"{}",
            &[
                ("svix-id", id),
                ("svix-timestamp", "1700000000"),
                ("svix-signature", signature.as_str()),
            ],
            at,
        )
        .map(|verified| verified.message_id())
    };
    // A Svix id: `msg_` and 27 characters.
    assert_eq!(
        verify("msg_2pM6mQ3yX9xJ4vKQ8fGh7TbLcWn").unwrap(),
        "msg_2pM6mQ3yX9xJ4vKQ8fGh7TbLcWn"
    );
    let longest = "m".repeat(MessageId::MAX_LEN);
    assert_eq!(verify(&longest).unwrap().as_str(), longest);
    let too_long = "m".repeat(MessageId::MAX_LEN + 1);
    let err = verify(&too_long).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::InvalidHeader {
                name: "svix-id",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.public_reason(), "invalid webhook header svix-id");
    assert!(!err.to_string().contains(&too_long));
    assert!(matches!(
        verify("msg.1").unwrap_err(),
        VerifyError::InvalidHeader {
            name: "svix-id",
            ..
        }
    ));

    // The same rules for a hand-built id.
    assert!(MessageId::new(&longest).is_ok());
    assert!(MessageId::new(&too_long).is_err());
    assert!(MessageId::new("").is_err());
    assert!(MessageId::new("a.b").is_err());
    let id: MessageId = "msg_1".parse().unwrap();
    assert_eq!(id, "msg_1");
    assert_eq!(id.to_string(), "msg_1");
    assert_eq!(format!("{id:?}"), "\"msg_1\"");
}

#[test]
fn a_verified_event_round_trips_through_a_queue_for_every_fixture() {
    let wh = Webhook::new(SECRET).unwrap();
    for (index, (name, body)) in fixtures().into_iter().enumerate() {
        let delivery = deliver(&wh, &format!("msg_{index}"), &body).unwrap();
        let queued = serde_json::to_string(&delivery).unwrap();
        let job: VerifiedEvent = serde_json::from_str(&queued).unwrap();
        assert_eq!(job, delivery, "{name}");
        assert_eq!(job.message_id, format!("msg_{index}").as_str(), "{name}");
        assert_eq!(job.delivered_at, delivery.delivered_at, "{name}");

        // The body inside is Clerk's wire shape: it parses on its own to the same event.
        let value: Value = serde_json::from_str(&queued).unwrap();
        assert_eq!(
            value["delivered_at"],
            delivery.delivered_at.unix_timestamp()
        );
        let inner = serde_json::to_vec(&value["body"]).unwrap();
        assert_eq!(
            WebhookEvent::from_slice(&inner).unwrap(),
            delivery.body,
            "{name}"
        );

        // A function written for stored bodies takes the live delivery.
        fn stored(event: WebhookEvent) -> EventKind {
            event.event.kind()
        }
        assert_eq!(
            stored(delivery.clone().into()),
            delivery.event.kind(),
            "{name}"
        );
    }
}

#[test]
fn kinds_and_resource_ids_cover_every_fixture() {
    let mut seen = Vec::new();
    for (name, body) in fixtures() {
        let value: Value = serde_json::from_slice(&body).unwrap();
        let event = ClerkEvent::from_slice(&body).unwrap();
        let kind = event.kind();
        assert_eq!(kind.as_str(), value["type"], "{name}");
        assert_eq!(kind.to_string(), event.event_type(), "{name}");
        assert_eq!(EventKind::from(event.event_type()), kind, "{name}");
        assert!(!kind.is_unknown(), "{name}");
        assert_eq!(
            event.resource_id(),
            value["data"]["id"].as_str().filter(|id| !id.is_empty()),
            "{name}"
        );
        assert!(event.resource_id().is_some(), "{name}");
        seen.push(kind);
    }
    seen.sort();
    seen.dedup();
    assert!(seen.len() >= 46);
}

#[test]
fn event_kind_lists_every_known_type_once() {
    assert_eq!(EventKind::ALL.len(), 51);
    let strings: Vec<&str> = EventKind::ALL.iter().map(|kind| kind.as_str()).collect();
    assert_eq!(strings, ClerkEvent::KNOWN_TYPES);
    let mut sorted = EventKind::ALL.to_vec();
    sorted.sort();
    assert_eq!(sorted, EventKind::ALL, "ALL is in declaration (Ord) order");
    sorted.dedup();
    assert_eq!(sorted.len(), 51);
    for kind in EventKind::ALL {
        assert_eq!(EventKind::from(kind.as_str()), kind);
        assert!(!kind.is_unknown());
    }
    for other in [
        "unknown",
        "",
        "User.Created",
        "user.created ",
        "invitation.expired",
    ] {
        assert_eq!(EventKind::from(other), EventKind::Unknown, "{other:?}");
    }
    assert_eq!(EventKind::Unknown.as_str(), "unknown");
    // Usable as a map key and in a `match` without a payload.
    let counts: std::collections::BTreeMap<EventKind, u32> =
        EventKind::ALL.iter().map(|kind| (*kind, 0)).collect();
    assert_eq!(counts.len(), 51);
}

#[test]
fn unknown_events_have_a_kind_and_a_resource_id() {
    let event =
        ClerkEvent::from_slice(br#"{"type":"invitation.expired","data":{"id":"inv_1"}}"#).unwrap();
    assert_eq!(event.kind(), EventKind::Unknown);
    assert_eq!(event.event_type(), "invitation.expired");
    assert_eq!(event.resource_id(), Some("inv_1"));
    let no_id = ClerkEvent::Unknown(Box::new(UnknownEvent::new(
        "brand.new",
        serde_json::json!({"id": 7}),
    )));
    assert_eq!(no_id.resource_id(), None);
}

#[test]
fn parse_error_positions_refer_to_the_body() {
    let body = b"{\n  \"type\": \"user.created\",\n  \"data\": {\n    \"id\": \"user_1\",\n    \"created_at\": \"yesterday\"\n  }\n}";
    let err = WebhookEvent::from_slice(body).unwrap_err();
    assert_eq!(err.path(), "data.created_at");
    assert_eq!(err.line(), 5);
    // The column is just past the bad value: `    "created_at": "yesterday"` is 29 bytes.
    assert_eq!(err.column(), 29);
    assert!(!err.to_string().contains("yesterday"));
    assert!(err.to_string().ends_with("(line 5, column 29)"), "{err}");

    // One line: the column counts from the start of the body, not of `data`.
    let body = br#"{"type":"user.created","data":{"id":"user_1","created_at":"x"}}"#;
    let err = ClerkEvent::from_slice(body).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 61));
}

#[test]
fn no_parse_path_quotes_a_payload_string() {
    let body =
        br#"{"type":"user.created","data":{"id":"user_1","email_addresses":["johndoe@acme.com"]}}"#;
    let from_slice = ClerkEvent::from_slice(body).unwrap_err();
    assert_eq!(from_slice.path(), "data.email_addresses[0]");
    assert_eq!(from_slice.event_type(), Some("user.created"));
    let via_serde = serde_json::from_slice::<ClerkEvent>(body).unwrap_err();
    let via_value: Result<ClerkEvent, _> =
        serde_json::from_value(serde_json::from_slice::<Value>(body).unwrap());
    let envelope = serde_json::from_slice::<WebhookEvent>(body).unwrap_err();
    let envelope_attrs = serde_json::from_slice::<WebhookEvent>(
        br#"{"type":"role.created","data":{"id":"r"},"event_attributes":"johndoe@acme.com"}"#,
    )
    .unwrap_err();
    for text in [
        from_slice.to_string(),
        via_serde.to_string(),
        envelope.to_string(),
        envelope_attrs.to_string(),
    ] {
        assert!(!text.contains("johndoe"), "{text}");
    }
    // Through serde, with `type` first, `data` is parsed in place: the error names the event
    // type, `data` and the position serde_json gave; the path inside `data` is `from_slice`'s
    // alone.
    for text in [via_serde.to_string(), envelope.to_string()] {
        assert_eq!(
            text,
            format!(
                "cannot parse webhook body of type `user.created` at `data`: invalid type: \
                 string …, expected struct EmailAddress (line 1, column {})",
                from_slice.column()
            )
        );
    }
    assert!(envelope_attrs
        .to_string()
        .contains("invalid type: string …"));
    // With `data` first (as from a `Value`, whose keys are sorted), `data` is read raw and
    // parsed once the type is known, and the error names the path inside it.
    let via_value = via_value.unwrap_err().to_string();
    assert!(!via_value.contains("johndoe"), "{via_value}");
    assert!(
        via_value.contains("of type `user.created` at `data.email_addresses[0]`"),
        "{via_value}"
    );
    let data_first =
        br#"{"data":{"id":"user_1","email_addresses":["johndoe@acme.com"]},"type":"user.created"}"#;
    let via_serde = serde_json::from_slice::<ClerkEvent>(data_first).unwrap_err();
    assert!(!via_serde.to_string().contains("johndoe"), "{via_serde}");
    assert!(
        via_serde
            .to_string()
            .contains("at `data.email_addresses[0]`"),
        "{via_serde}"
    );
}

/// Through serde, an error in `data` names the event type even when serde's message quotes no
/// value, and an error outside `data` that quotes none is serde_json's own, position included.
#[test]
fn serde_route_errors_name_the_type_of_a_failing_data() {
    let err = serde_json::from_str::<ClerkEvent>(r#"{"type":"user.created","data":{}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "cannot parse webhook body of type `user.created` at `data`: missing field `id` (line 1, column "
        ),
        "{err}"
    );
    let err = serde_json::from_str::<ClerkEvent>(r#"{"data":{}}"#).unwrap_err();
    assert_eq!(err.to_string(), "missing field `type` at line 1 column 11");
    assert_eq!((err.line(), err.column()), (1, 11));
    // A body that is not an object quotes nothing of it either.
    let err = serde_json::from_str::<WebhookEvent>(r#""johndoe@acme.com""#)
        .unwrap_err()
        .to_string();
    assert!(!err.contains("johndoe"), "{err}");
    assert!(
        err.starts_with("cannot parse webhook body: invalid type: string …"),
        "{err}"
    );
}

#[test]
fn error_chains_print_each_fact_once() {
    let err = Webhook::with_secrets(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ""]).unwrap_err();
    assert_eq!(
        chain(&err),
        "webhook signing secret #1 (0-based) was rejected: webhook signing secret is empty"
    );
    let wrapped = Error::from(err);
    assert_eq!(
        chain(&wrapped),
        "webhook signing secret #1 (0-based) was rejected: webhook signing secret is empty"
    );
    let parse = ClerkEvent::from_slice(b"{").unwrap_err();
    let text = chain(&Error::from(parse.clone()));
    assert_eq!(text, parse.to_string());
    let _: &ParseError = &parse;
}

#[test]
fn header_names_are_public_constants() {
    assert_eq!(
        [
            headers::SVIX_ID,
            headers::SVIX_TIMESTAMP,
            headers::SVIX_SIGNATURE,
            headers::WEBHOOK_ID,
            headers::WEBHOOK_TIMESTAMP,
            headers::WEBHOOK_SIGNATURE,
        ],
        [
            "svix-id",
            "svix-timestamp",
            "svix-signature",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
        ]
    );
}

#[test]
fn replay_protection_is_off_only_by_its_dangerous_name() {
    let wh = Webhook::new(SECRET).unwrap();
    let at = OffsetDateTime::from_unix_timestamp(1_000).unwrap();
    let signature = wh.sign("msg_1", b"{}", at);
    let headers = [
        ("svix-id", "msg_1"),
        ("svix-timestamp", "1000"),
        ("svix-signature", signature.as_str()),
    ];
    assert!(matches!(
        wh.verify(b"{}", &headers),
        Err(VerifyError::TimestampTooOld { .. })
    ));
    let replayer = wh.dangerous_disable_replay_protection();
    assert_eq!(replayer.tolerance(), None);
    assert_eq!(replayer.verify(b"{}", &headers).unwrap().delivered_at(), at);
}

/// JSON is UTF-8. A body with an invalid byte, even inside a field the parser would skip, is
/// rejected the same way by `from_slice` on both types, with the byte's position. Through
/// serde, as for any type `serde_json::from_slice` reads, only the strings that are read are
/// checked: a skipped one is not, and the event is the same.
#[test]
fn a_body_that_is_not_utf8_is_rejected_on_every_path() {
    let mut body = br#"{"type":"role.created","object":"eve?t","data":{"id":"role_1"}}"#.to_vec();
    let bad = body.iter().position(|&b| b == b'?').unwrap();
    body[bad] = 0xA1;
    let from_slice = WebhookEvent::from_slice(&body).unwrap_err();
    assert_eq!(
        from_slice.category(),
        clerk_webhooks::ParseErrorCategory::Syntax
    );
    assert_eq!((from_slice.line(), from_slice.column()), (1, bad + 1));
    assert!(
        from_slice.to_string().contains("not valid UTF-8"),
        "{from_slice}"
    );
    assert_eq!(ClerkEvent::from_slice(&body).unwrap_err(), from_slice);
    let skipped = serde_json::from_slice::<ClerkEvent>(&body).unwrap();
    assert_eq!(skipped.resource_id(), Some("role_1"));
    // A string that is read is checked, through serde too.
    let mut read = br#"{"type":"role.created","data":{"id":"role_1","name":"?"}}"#.to_vec();
    let bad = read.iter().position(|&b| b == b'?').unwrap();
    read[bad] = 0xA1;
    assert!(serde_json::from_slice::<ClerkEvent>(&read).is_err());
    assert!(serde_json::from_slice::<WebhookEvent>(&read).is_err());

    // On a later line, the column counts from that line's start.
    let mut body = b"{\"type\":\"role.created\",\n\"data\":{\"id\":\"r\",\"name\":\"?\"}}".to_vec();
    let bad = body.iter().position(|&b| b == b'?').unwrap();
    body[bad] = 0xFF;
    let err = WebhookEvent::from_slice(&body).unwrap_err();
    let line_start = body.iter().position(|&b| b == b'\n').unwrap() + 1;
    assert_eq!((err.line(), err.column()), (2, bad - line_start + 1));
}

/// Headers that are already behind a reference verify like the container itself.
#[test]
fn headers_behind_a_reference_verify() {
    let wh = Webhook::new(SECRET).unwrap();
    let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let signature = wh.sign("msg_ref", b"{}", at);
    let owned = vec![
        ("svix-id".to_owned(), "msg_ref".to_owned()),
        ("svix-timestamp".to_owned(), "1700000000".to_owned()),
        ("svix-signature".to_owned(), signature),
    ];
    let by_ref = &owned;
    let verified = wh.verify_at(b"{}", &by_ref, at).unwrap();
    assert_eq!(verified.message_id(), "msg_ref");
    let by_ref_ref = &by_ref;
    assert_eq!(wh.verify_at(b"{}", &by_ref_ref, at).unwrap(), verified);
    let missing: &[(&str, &str)] = &[("svix-id", "msg_ref")];
    assert_eq!(
        wh.verify_at(b"{}", &missing, at).unwrap_err(),
        VerifyError::MissingHeader {
            name: "svix-timestamp"
        }
    );
}

/// `ClerkEvent` skips the envelope fields it does not keep, so a malformed one cannot fail it;
/// `WebhookEvent`, which keeps them, reports the field.
#[test]
fn clerk_event_skips_malformed_envelope_fields_unread() {
    for field in [
        r#""event_attributes":5"#,
        r#""timestamp":"soon""#,
        r#""instance_id":[1]"#,
    ] {
        let body = format!(r#"{{"type":"role.created",{field},"data":{{"id":"role_1"}}}}"#);
        let event = ClerkEvent::from_slice(body.as_bytes()).unwrap();
        assert_eq!(event.resource_id(), Some("role_1"), "{field}");
        assert_eq!(
            serde_json::from_str::<ClerkEvent>(&body).unwrap(),
            event,
            "{field}"
        );
        let err = WebhookEvent::from_slice(body.as_bytes()).unwrap_err();
        let name = field.split('"').nth(1).unwrap();
        assert_eq!(err.path(), name, "{field}");
        assert_eq!(err.event_type(), None, "{field}");
        assert!(err.to_string().contains(&format!("at `{name}`")), "{err}");
        assert!(!err.to_string().contains("soon"), "{err}");
    }
}

#[test]
fn unix_millis_converts_both_ways_and_prints_the_integer() {
    use clerk_webhooks::events::UnixMillis;
    let millis = UnixMillis::from(1_716_883_200_123_i64);
    assert_eq!(i64::from(millis), 1_716_883_200_123);
    assert_eq!(millis, UnixMillis(1_716_883_200_123));
    assert_eq!(
        millis.to_offset_date_time().unwrap().unix_timestamp(),
        1_716_883_200
    );
    assert!(UnixMillis(1) < UnixMillis(2));
    assert_eq!(millis.to_string(), "1716883200123");
    assert_eq!(format!("{millis:?}"), "UnixMillis(1716883200123)");
}

/// `Verified`'s `Debug` shows what identifies the delivery and the body's length, never its
/// bytes.
#[test]
fn verified_debug_shows_the_delivery_not_the_body() {
    let wh = Webhook::new(SECRET).unwrap();
    let at = OffsetDateTime::from_unix_timestamp(1_716_883_200).unwrap();
    let body = br#"{"type":"user.created","data":{"id":"user_secret_value"}}"#;
    let signature = wh.sign("msg_debug", body, at);
    let headers = [
        (headers::SVIX_ID, "msg_debug"),
        (headers::SVIX_TIMESTAMP, "1716883200"),
        (headers::SVIX_SIGNATURE, signature.as_str()),
    ];
    let verified = wh.verify_at(body, &headers, at).unwrap();
    let shown = format!("{verified:?}");
    assert!(shown.starts_with("Verified {"), "{shown}");
    assert!(shown.contains(r#"message_id: "msg_debug""#), "{shown}");
    assert!(shown.contains("delivered_at: 2024-05-28"), "{shown}");
    assert!(shown.contains("secret_index: 0"), "{shown}");
    assert!(
        shown.contains(&format!("body: <{} bytes>", body.len())),
        "{shown}"
    );
    assert!(!shown.contains("user_secret_value"), "{shown}");
}

/// A body that is not a JSON object is refused with the envelope's own description, and a
/// failure inside an array `data` is located by index.
#[test]
fn envelope_errors_describe_the_body_and_index_array_data() {
    for body in [&b"[1, 2]"[..], b"\"text\"", b"7"] {
        let err = WebhookEvent::from_slice(body).unwrap_err();
        assert!(
            err.message()
                .contains("a Clerk webhook body: a JSON object with `type` and `data`"),
            "{}",
            err.message()
        );
        let err = ClerkEvent::from_slice(body).unwrap_err();
        assert!(
            err.message().contains("a JSON object with `type`"),
            "{}",
            err.message()
        );
    }
    // An envelope key that is not a string cannot occur in JSON; a `type` that is not a string
    // is described as such.
    let err = ClerkEvent::from_slice(br#"{"type":5,"data":{}}"#).unwrap_err();
    assert!(err.message().contains("a string"), "{}", err.message());
    assert_eq!(err.path(), "type");

    // `data` is an array for an unknown type: kept. For a known type: the struct's visitor
    // reads it in field order, and the failure names the element.
    let err =
        ClerkEvent::from_slice(br#"{"type":"role.created","data":["role_1", 5]}"#).unwrap_err();
    assert_eq!(err.path(), "data[1]", "{err}");
    assert_eq!(err.event_type(), Some("role.created"));
}

/// Every comparison of a `MessageId` with a string says equal exactly when the text is the
/// same, in both directions, and the `String` conversion keeps the text.
#[test]
fn message_ids_compare_with_strings_both_ways() {
    let id = MessageId::new("msg_1").unwrap();
    let same = "msg_1";
    let other = "msg_2";
    assert!(id == *same && id != *other);
    assert!(id == same && id != other);
    let (same_string, other_string) = (String::from(same), String::from(other));
    assert!(id == same_string && id != other_string);
    assert!(*same == id && *other != id);
    assert!(same == id && other != id);
    assert_eq!(String::from(id), "msg_1");
    assert_eq!(String::from(MessageId::new("msg_2").unwrap()), other);
}
