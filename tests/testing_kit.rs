//! The test kit: every sample verifies once signed, and parses to its own typed variant.

use clerk_webhooks::testing::{self, HeaderNames, SignedRequest, Signer};
use clerk_webhooks::{ClerkEvent, VerifyError, Webhook, WebhookEvent};
use std::collections::BTreeSet;
use std::time::Duration;
use time::OffsetDateTime;

#[test]
fn there_is_a_sample_for_every_known_type() {
    assert_eq!(ClerkEvent::KNOWN_TYPES.len(), 51);
    assert_eq!(testing::SAMPLE_EVENT_TYPES, ClerkEvent::KNOWN_TYPES);
    let types: BTreeSet<&str> = testing::samples().map(|(ty, _)| ty).collect();
    assert_eq!(types.len(), 51, "no duplicates");
    for ty in ClerkEvent::KNOWN_TYPES {
        assert!(testing::sample_body(ty).is_some(), "{ty}");
    }
    assert_eq!(testing::sample_body("user.exploded"), None);
}

#[test]
fn every_sample_signs_verifies_and_parses_to_its_typed_variant() {
    let signer = Signer::default();
    let now = OffsetDateTime::now_utc();
    for (i, (ty, body)) in testing::samples().enumerate() {
        let message_id = format!("msg_sample_{i}");
        let request = signer.sign(&message_id, body, now);
        assert_eq!(request.body, body, "{ty}: the body is sent unchanged");
        assert_eq!(request.message_id(), message_id);

        let verified = signer
            .webhook()
            .verify_event(&request.body, &request.headers)
            .unwrap_or_else(|err| panic!("{ty}: {err}"));
        assert_eq!(verified.message_id, message_id);
        assert_eq!(verified.delivered_at.unix_timestamp(), now.unix_timestamp());
        assert!(!verified.event.is_unknown(), "{ty} parsed as Unknown");
        assert_eq!(verified.event.event_type(), ty);

        // The envelope's own `type` agrees, and so does sample_event.
        let raw: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(raw["type"], ty, "{ty}");
        assert_eq!(raw["object"], "event", "{ty}");
        assert!(
            raw["data"]["id"].is_string() || ty.ends_with(".deleted"),
            "{ty}"
        );
        assert_eq!(testing::sample_event(ty).unwrap().event, verified.event);
    }
}

#[test]
fn samples_without_published_examples_have_the_documented_shape() {
    let invitation = testing::sample_event("invitation.revoked").unwrap();
    let ClerkEvent::InvitationRevoked(inv) = invitation.event else {
        panic!("wrong variant");
    };
    assert_eq!(inv.object, "invitation");
    assert!(inv.id.starts_with("inv_"));
    assert!(inv.revoked);
    assert_eq!(inv.status.as_str(), "revoked");
    assert!(inv.expires_at.is_some());

    let expired = testing::sample_event("subscriptionItem.expired").unwrap();
    let ClerkEvent::SubscriptionItemExpired(item) = expired.event else {
        panic!("wrong variant");
    };
    assert_eq!(item.status.as_str(), "expired");

    let session = testing::sample_event("session.updated").unwrap();
    let ClerkEvent::SessionUpdated(session) = session.event else {
        panic!("wrong variant");
    };
    assert!(session.id.starts_with("sess_"));
    assert!(session.user_id.starts_with("user_"));
}

#[test]
fn signed_events_round_trip() {
    let signer = Signer::default();
    let now = OffsetDateTime::now_utc();
    for ty in ClerkEvent::KNOWN_TYPES {
        let event = testing::sample_event(ty).unwrap();
        // A WebhookEvent keeps its envelope fields…
        let request = signer.sign_event("msg_envelope", &event, now);
        let verified = signer
            .webhook()
            .verify_event(&request.body, &request.headers)
            .unwrap_or_else(|err| panic!("{ty}: {err}"));
        assert_eq!(verified.event, event.event, "{ty}");
        assert_eq!(verified.timestamp, event.timestamp, "{ty}");
        assert_eq!(verified.instance_id, event.instance_id, "{ty}");
        // …and a bare ClerkEvent is written as {"type", "data"}.
        let request = signer.sign_event("msg_bare", &event.event, now);
        let parsed = WebhookEvent::from_slice(&request.body).unwrap();
        assert_eq!(parsed.event, event.event, "{ty}");
        assert_eq!(parsed.timestamp, None);
    }
}

#[test]
fn tampered_stale_and_unsigned_requests_fail() {
    let signer = Signer::default();
    let body = testing::sample_body("user.created").unwrap();
    let good = signer.sign_now("msg_1", body);
    let wh = signer.webhook();

    let tampered = good.clone().tampered();
    assert_eq!(
        wh.verify(&tampered.body, &tampered.headers).unwrap_err(),
        VerifyError::InvalidSignature
    );

    let stale = signer.sign(
        "msg_1",
        body,
        OffsetDateTime::now_utc() - Duration::from_secs(600),
    );
    assert!(matches!(
        wh.verify(&stale.body, &stale.headers).unwrap_err(),
        VerifyError::TimestampTooOld { .. }
    ));

    let unsigned = good.clone().without_header("svix-signature");
    assert_eq!(
        wh.verify(&unsigned.body, &unsigned.headers).unwrap_err(),
        VerifyError::MissingHeader {
            name: "svix-signature"
        }
    );

    let renamed = good.clone().with_header("svix-id", "msg_other");
    assert_eq!(renamed.message_id(), "msg_other");
    assert_eq!(
        wh.verify(&renamed.body, &renamed.headers).unwrap_err(),
        VerifyError::InvalidSignature
    );

    // A verifier with a different secret rejects it.
    let other = Webhook::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
    assert_eq!(
        other.verify(&good.body, &good.headers).unwrap_err(),
        VerifyError::InvalidSignature
    );
}

#[test]
fn signing_is_deterministic_and_matches_the_published_vector() {
    let signer = Signer::new(testing::TEST_SECRET).unwrap();
    let at = OffsetDateTime::from_unix_timestamp(1_614_265_330).unwrap();
    let request = signer.sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        &br#"{"test": 2432232314}"#[..],
        at,
    );
    assert_eq!(request, request.clone());
    let _: &SignedRequest = &request;
    assert_eq!(request.header("svix-timestamp"), Some("1614265330"));
    assert_eq!(
        request.header("SVIX-SIGNATURE"),
        Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    );

    let standard = Signer::default().with_header_names(HeaderNames::Standard);
    let request = standard.sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        &br#"{"test": 2432232314}"#[..],
        at,
    );
    assert_eq!(request.header("svix-id"), None);
    assert_eq!(
        request.header("webhook-signature"),
        Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    );
}

#[cfg(feature = "http")]
#[test]
fn into_http_request_carries_everything() {
    let signed =
        Signer::default().sign_now("msg_http", testing::sample_body("role.created").unwrap());
    let request: http::Request<Vec<u8>> = signed.clone().into_http_request("/webhooks/clerk");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "/webhooks/clerk");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body(), &signed.body);
    let verified = Signer::default()
        .webhook()
        .verify_event(request.body(), request.headers())
        .unwrap();
    assert_eq!(verified.message_id, "msg_http");
}

#[test]
fn every_kind_names_the_payload_type_its_variant_carries() {
    // The derived `Debug` of a `ClerkEvent` starts `Variant(Type {`: an independent reading
    // of the type each variant holds.
    let from_debug = |event: &clerk_webhooks::ClerkEvent| {
        let debug = format!("{event:?}");
        let (_, rest) = debug.split_once('(').expect("a tuple variant");
        rest.split([' ', '(', ')']).next().unwrap_or("").to_owned()
    };
    for kind in clerk_webhooks::EventKind::ALL {
        let event = testing::sample_event(kind.as_str()).expect("a sample");
        assert_eq!(kind.payload_type(), from_debug(&event.event), "{kind}");
    }
    let unknown =
        clerk_webhooks::ClerkEvent::from_slice(br#"{"type":"brand.new","data":{}}"#).unwrap();
    assert_eq!(unknown.kind().payload_type(), from_debug(&unknown));
    assert_eq!(unknown.kind().payload_type(), "UnknownEvent");
}
