//! Verification: the vectors published with the Svix and Standard Webhooks libraries
//! (<https://github.com/svix/svix-webhooks>, <https://github.com/standard-webhooks/standard-webhooks>),
//! and every edge case of the procedure in README "Verification, precisely": header names and
//! values, timestamps, signature lists, secrets and rotation.

use clerk_webhooks::{SecretError, VerifyError, Webhook};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;
use time::OffsetDateTime;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const PAYLOAD: &[u8] = br#"{"test": 2432232314}"#;
const NOW: i64 = 1_614_265_330;

fn at(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap()
}

fn wh() -> Webhook {
    Webhook::new(SECRET).unwrap()
}

/// Headers for a delivery signed by `wh` at `ts`.
fn signed(wh: &Webhook, ts: i64, body: &[u8]) -> Vec<(String, String)> {
    vec![
        ("svix-id".into(), MSG_ID.into()),
        ("svix-timestamp".into(), ts.to_string()),
        ("svix-signature".into(), wh.sign(MSG_ID, body, at(ts))),
    ]
}

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/signatures/vectors.json"
    );
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn published_hmac_vectors_sign_and_verify() {
    let vectors = vectors();
    let mut checked = 0;
    for v in vectors["signing_vectors"].as_array().unwrap() {
        if v["kind"] != "hmac-sha256-v1" {
            continue;
        }
        let ts = v["timestamp"].as_i64().unwrap();
        let id = v["msg_id"].as_str().unwrap();
        let payload = v["payload"].as_str().unwrap().as_bytes();
        let header = v["signature_header"].as_str().unwrap();
        let now = at(v["verify_now"].as_i64().unwrap());
        let mut secrets = vec![v["secret"].as_str().unwrap()];
        if let Some(bare) = v["secret_also_tested_without_prefix"].as_str() {
            secrets.push(bare);
        }
        for secret in secrets {
            let wh = Webhook::new(secret).unwrap();
            assert_eq!(wh.sign(id, payload, at(ts)), header, "{}", v["id"]);
            let headers = [
                ("svix-id", id),
                ("svix-timestamp", &ts.to_string()),
                ("svix-signature", header),
            ];
            let verified = wh.verify_at(payload, &headers, now).unwrap();
            assert_eq!(verified.message_id(), id);
            assert_eq!(verified.delivered_at().unix_timestamp(), ts);
            assert_eq!(verified.body(), payload);
            checked += 1;
        }
    }
    assert_eq!(checked, 3, "g0hM with and without prefix, tZ1I");
}

#[test]
fn v1a_entries_are_skipped_not_errors() {
    // ed25519 (`v1a`) is not HMAC: an HMAC verifier skips it, whatever it contains.
    let vectors = vectors();
    let v1a = vectors["signing_vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "ed25519-v1a")
        .unwrap();
    let v1a_header = v1a["signature_header"].as_str().unwrap();
    let wh = wh();
    let ts = NOW.to_string();
    let only_v1a = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", &ts),
        ("svix-signature", v1a_header),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &only_v1a, at(NOW)).unwrap_err(),
        VerifyError::InvalidSignature
    );
    let mixed = format!("{v1a_header} {}", wh.sign(MSG_ID, PAYLOAD, at(NOW)));
    let headers = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", &ts),
        ("svix-signature", &mixed),
    ];
    assert!(wh.verify_at(PAYLOAD, &headers, at(NOW)).is_ok());
}

#[test]
fn multiple_signatures_with_decoys() {
    let wh = wh();
    let vectors = vectors();
    let decoys: Vec<&str> = vectors["multi_signature_decoys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    let valid = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    let ts = NOW.to_string();
    // The cross-library layout: two decoys, the valid one, another decoy.
    let layouts = [
        format!("{} {} {valid} {}", decoys[0], decoys[1], decoys[0]),
        format!("{} {} {valid} {}", decoys[2], decoys[3], decoys[2]),
        format!("{} {valid}", decoys[0]),
        format!("v1,invalid_signature {valid}"),
    ];
    for header in &layouts {
        let headers = [
            ("svix-id", MSG_ID),
            ("svix-timestamp", &ts),
            ("svix-signature", header),
        ];
        assert!(wh.verify_at(PAYLOAD, &headers, at(NOW)).is_ok(), "{header}");
    }
    let only_decoys = decoys.join(" ");
    let headers = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", &ts),
        ("svix-signature", &only_decoys),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::InvalidSignature
    );
}

#[test]
fn each_missing_header_is_named() {
    let wh = wh();
    for (set, expected) in [
        ("svix", ["svix-id", "svix-timestamp", "svix-signature"]),
        (
            "webhook",
            ["webhook-id", "webhook-timestamp", "webhook-signature"],
        ),
    ] {
        for (skip, expected_name) in expected.iter().enumerate() {
            let mut headers: Vec<(String, String)> = signed(&wh, NOW, PAYLOAD)
                .into_iter()
                .map(|(k, v)| (k.replace("svix", set), v))
                .collect();
            headers.remove(skip);
            let err = wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err();
            // With no id at all, the error names Clerk's own header.
            let name = if skip == 0 { "svix-id" } else { *expected_name };
            assert_eq!(
                err,
                VerifyError::MissingHeader { name },
                "{set} without {skip}"
            );
            assert!(err.to_string().contains(name));
        }
    }
}

#[test]
fn empty_or_blank_header_values_count_as_missing() {
    let wh = wh();
    let sig = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    let ts = NOW.to_string();
    let headers = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", "   "),
        ("svix-signature", &sig),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::MissingHeader {
            name: "svix-timestamp"
        }
    );
    // Surrounding whitespace is trimmed.
    let padded_ts = format!(" {ts}\t");
    let padded_sig = format!("  {sig} ");
    let headers = [
        ("svix-id", " msg_p5jXN8AQM9LWM0D4loKWxJek "),
        ("svix-timestamp", padded_ts.as_str()),
        ("svix-signature", padded_sig.as_str()),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW))
            .unwrap()
            .message_id(),
        MSG_ID
    );
}

#[test]
fn svix_set_wins_when_svix_id_is_present() {
    let wh = wh();
    let sig = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    let ts = NOW.to_string();
    // svix-id present, so the svix set is used, even though webhook-* is complete.
    let headers = [
        ("svix-id", MSG_ID),
        ("webhook-id", MSG_ID),
        ("webhook-timestamp", ts.as_str()),
        ("webhook-signature", sig.as_str()),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::MissingHeader {
            name: "svix-timestamp"
        }
    );
}

#[test]
fn expired_and_future_timestamps_and_the_inclusive_edges() {
    let wh = wh();
    for (offset, expected) in [
        (
            -301,
            Err(VerifyError::TimestampTooOld {
                age_secs: 301,
                tolerance_secs: 300,
            }),
        ),
        (
            301,
            Err(VerifyError::TimestampTooNew {
                ahead_secs: 301,
                tolerance_secs: 300,
            }),
        ),
        (-300, Ok(())),
        (300, Ok(())),
        (0, Ok(())),
    ] {
        let ts = NOW + offset;
        let headers = signed(&wh, ts, PAYLOAD);
        let result = wh.verify_at(PAYLOAD, &headers, at(NOW)).map(|_| ());
        assert_eq!(result, expected, "offset {offset}");
    }
}

#[test]
fn tolerance_is_configurable_and_disabling_is_explicit() {
    let base = wh();
    for (offset, tolerance, ok) in [
        (-600, 900, true),
        (-120, 60, false),
        (600, 900, true),
        (120, 60, false),
    ] {
        let wh = base.clone().with_tolerance(Duration::from_secs(tolerance));
        let headers = signed(&wh, NOW + offset, PAYLOAD);
        assert_eq!(
            wh.verify_at(PAYLOAD, &headers, at(NOW)).is_ok(),
            ok,
            "{offset}/{tolerance}"
        );
    }
    let replay = base.clone().dangerous_disable_replay_protection();
    assert_eq!(replay.tolerance(), None);
    let headers = signed(&replay, 946_684_800, PAYLOAD);
    assert!(replay.verify_at(PAYLOAD, &headers, at(NOW)).is_ok());
    assert!(matches!(
        base.verify_at(PAYLOAD, &headers, at(NOW)),
        Err(VerifyError::TimestampTooOld { .. })
    ));
    // The fraction of a tolerance is dropped: 60.9 s means 60 s.
    let wh = base.with_tolerance(Duration::from_millis(60_900));
    assert_eq!(wh.tolerance(), Some(Duration::from_secs(60)));
    let headers = signed(&wh, NOW - 61, PAYLOAD);
    assert!(wh.verify_at(PAYLOAD, &headers, at(NOW)).is_err());
}

#[test]
fn a_timestamp_changed_after_signing_fails_the_signature() {
    let wh = wh();
    let mut headers = signed(&wh, NOW, PAYLOAD);
    headers[1].1 = (NOW + 1).to_string();
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::InvalidSignature
    );
    let replay = wh.dangerous_disable_replay_protection();
    headers[1].1 = "946684800".into();
    assert_eq!(
        replay.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::InvalidSignature
    );
}

#[test]
fn partial_signatures_fail() {
    let wh = wh();
    let full = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    let ts = NOW.to_string();
    for partial in ["v1,", &full[..8], &full[..full.len() - 1], &full[3..]] {
        let headers = [
            ("svix-id", MSG_ID),
            ("svix-timestamp", ts.as_str()),
            ("svix-signature", partial),
        ];
        assert_eq!(
            wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
            VerifyError::InvalidSignature,
            "{partial}"
        );
    }
}

#[test]
fn unpadded_secrets_verify_what_the_padded_secret_signs() {
    for (unpadded, padded) in [
        (
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS=",
        ),
        (
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr==",
        ),
    ] {
        let signer = Webhook::new(padded).unwrap();
        let headers = signed(&signer, NOW, PAYLOAD);
        for secret in [unpadded.to_owned(), format!("whsec_{unpadded}")] {
            let wh = Webhook::new(&secret).unwrap();
            assert!(wh.verify_at(PAYLOAD, &headers, at(NOW)).is_ok(), "{secret}");
        }
    }
}

#[test]
fn empty_and_non_utf8_bodies_are_signed_as_raw_bytes() {
    let wh = wh();
    for body in [
        &b""[..],
        &[0xff, 0xfe, 0x00, 0x80][..],
        "héllo wörld".as_bytes(),
    ] {
        let headers = signed(&wh, NOW, body);
        let verified = wh.verify_at(body, &headers, at(NOW)).unwrap();
        assert_eq!(verified.body(), body);
        let mut tampered = body.to_vec();
        tampered.push(b' ');
        assert_eq!(
            wh.verify_at(&tampered, &headers, at(NOW)).unwrap_err(),
            VerifyError::InvalidSignature
        );
    }
}

#[test]
fn mixed_case_header_names_and_the_webhook_set() {
    let wh = wh();
    let sig = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    let ts = NOW.to_string();
    let headers = [
        ("Webhook-Id", MSG_ID),
        ("WEBHOOK-TIMESTAMP", ts.as_str()),
        ("webhook-SIGNATURE", sig.as_str()),
    ];
    assert_eq!(
        wh.verify_at(PAYLOAD, &headers, at(NOW))
            .unwrap()
            .message_id(),
        MSG_ID
    );
    let headers = [
        ("SVIX-ID", MSG_ID),
        ("Svix-Timestamp", ts.as_str()),
        ("sViX-sIgNaTuRe", sig.as_str()),
    ];
    assert!(wh.verify_at(PAYLOAD, &headers, at(NOW)).is_ok());
}

#[test]
fn rotation_accepts_old_and_new_and_says_which() {
    let new = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    let old = SECRET;
    let wh = Webhook::with_secrets([new, old]).unwrap();
    for (index, secret) in [(0, new), (1, old)] {
        let signer = Webhook::new(secret).unwrap();
        let headers = signed(&signer, NOW, PAYLOAD);
        assert_eq!(
            wh.verify_at(PAYLOAD, &headers, at(NOW))
                .unwrap()
                .secret_index(),
            index
        );
    }
    // During a rotation Svix sends one entry per key; either order verifies.
    let both = format!(
        "{} {}",
        Webhook::new(old).unwrap().sign(MSG_ID, PAYLOAD, at(NOW)),
        Webhook::new(new).unwrap().sign(MSG_ID, PAYLOAD, at(NOW))
    );
    let ts = NOW.to_string();
    let headers = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", ts.as_str()),
        ("svix-signature", both.as_str()),
    ];
    assert_eq!(
        Webhook::new(new)
            .unwrap()
            .verify_at(PAYLOAD, &headers, at(NOW))
            .unwrap()
            .secret_index(),
        0
    );
    assert!(Webhook::new(old)
        .unwrap()
        .verify_at(PAYLOAD, &headers, at(NOW))
        .is_ok());
    let stranger = Webhook::new("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    assert_eq!(
        stranger.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
        VerifyError::InvalidSignature
    );
    assert_eq!(
        Webhook::with_secrets(Vec::<String>::new()).unwrap_err(),
        SecretError::NoSecrets
    );
    let err = Webhook::with_secrets([new, "whsec_!!"]).unwrap_err();
    assert!(
        matches!(err, SecretError::InList { index: 1, .. }),
        "{err:?}"
    );
}

#[test]
fn every_header_container_works() {
    let wh = wh();
    let owned = signed(&wh, NOW, PAYLOAD);
    let borrowed: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let map: HashMap<String, String> = owned.iter().cloned().collect();
    let upper: HashMap<String, String> = owned
        .iter()
        .map(|(k, v)| (k.to_uppercase(), v.clone()))
        .collect();
    let tree: std::collections::BTreeMap<&str, &str> = borrowed.iter().copied().collect();
    assert!(wh.verify_at(PAYLOAD, &owned, at(NOW)).is_ok());
    assert!(wh.verify_at(PAYLOAD, &borrowed, at(NOW)).is_ok());
    assert!(wh.verify_at(PAYLOAD, borrowed.as_slice(), at(NOW)).is_ok());
    assert!(wh.verify_at(PAYLOAD, &map, at(NOW)).is_ok());
    assert!(wh.verify_at(PAYLOAD, &upper, at(NOW)).is_ok());
    assert!(wh.verify_at(PAYLOAD, &tree, at(NOW)).is_ok());
}

#[test]
fn malformed_headers_get_typed_errors() {
    let wh = wh();
    let sig = wh.sign(MSG_ID, PAYLOAD, at(NOW));
    for bad_ts in [
        "-1",
        "+1614265330",
        "1614265330.5",
        "1614265330abc",
        "16142 65330",
        "99999999999999999999",
        "-9223372036854775808",
    ] {
        let headers = [
            ("svix-id", MSG_ID),
            ("svix-timestamp", bad_ts),
            ("svix-signature", sig.as_str()),
        ];
        assert!(
            matches!(
                wh.verify_at(PAYLOAD, &headers, at(NOW)),
                Err(VerifyError::InvalidTimestamp { .. })
            ),
            "{bad_ts}"
        );
    }
    let ts = NOW.to_string();
    let dotted = [
        ("svix-id", "msg.1"),
        ("svix-timestamp", ts.as_str()),
        ("svix-signature", sig.as_str()),
    ];
    assert!(matches!(
        wh.verify_at(PAYLOAD, &dotted, at(NOW)),
        Err(VerifyError::InvalidHeader {
            name: "svix-id",
            ..
        })
    ));
    let binary: [(&str, &[u8]); 3] = [
        ("svix-id", &[0xff, 0xfe]),
        ("svix-timestamp", ts.as_bytes()),
        ("svix-signature", sig.as_bytes()),
    ];
    assert!(matches!(
        wh.verify_at(PAYLOAD, &binary, at(NOW)),
        Err(VerifyError::InvalidHeader {
            name: "svix-id",
            ..
        })
    ));
    // A timestamp beyond year 9999 with the window disabled: out of range, not a panic.
    let far = [
        ("svix-id", MSG_ID),
        ("svix-timestamp", "9223372036854775807"),
        ("svix-signature", sig.as_str()),
    ];
    assert!(matches!(
        wh.clone()
            .dangerous_disable_replay_protection()
            .verify_at(PAYLOAD, &far, at(NOW)),
        Err(VerifyError::InvalidTimestamp { .. })
    ));
    // Extreme clocks do not overflow the window arithmetic.
    for now in [
        OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT),
        OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT),
    ] {
        assert!(matches!(
            wh.verify_at(PAYLOAD, &far, now),
            Err(VerifyError::TimestampTooNew { .. } | VerifyError::TimestampTooOld { .. })
        ));
    }
}

#[test]
fn sign_produces_a_v1_header_value() {
    let sig = wh().sign(MSG_ID, PAYLOAD, at(NOW));
    assert!(sig.starts_with("v1,"));
    assert_eq!(sig.len(), 47);
    assert!(sig.ends_with('='));
}

#[test]
fn secrets_never_appear_in_debug_or_errors() {
    let wh = Webhook::with_secrets([SECRET, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"]).unwrap();
    let shown = format!("{wh:?} {wh:#?}");
    assert!(shown.contains("[redacted; 2]"), "{shown}");
    assert!(!shown.contains("MfKQ") && !shown.contains("C2FV"));
    for bad in [
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa!w",
        "sk_live_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ] {
        let err = Webhook::new(bad).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("MfKQ9r8G"), "{shown}");
    }
    let headers = signed(&wh, NOW, PAYLOAD);
    let verified = wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap();
    assert!(!format!("{verified:?}").contains("MfKQ"));
}

#[test]
fn verify_event_separates_verification_and_parse_failures() {
    use clerk_webhooks::{ClerkEvent, Error};
    let wh = wh();
    let body = br#"{"data":{"object":"role","id":"role_1","name":"Admin","created_at":"sekrit-value"},"object":"event","type":"role.created","instance_id":"ins_1"}"#;
    let headers = signed(&wh, NOW, body);
    let err = wh.verify_event_at(body, &headers, at(NOW)).unwrap_err();
    let Error::Parse(parse) = err else {
        panic!("expected a parse error, got {err:?}")
    };
    assert_eq!(parse.event_type(), Some("role.created"));
    assert_eq!(parse.path(), "data.created_at");
    let shown = format!("{parse} {parse:?}");
    assert!(!shown.contains("sekrit"), "{shown}");
    assert!(
        shown.contains("data.created_at") && shown.contains("role.created"),
        "{shown}"
    );

    let good = br#"{"data":{"object":"role","id":"role_1","permissions":[]},"object":"event","type":"role.created","instance_id":"ins_1"}"#;
    let headers = signed(&wh, NOW, good);
    let verified = wh.verify_event_at(good, &headers, at(NOW)).unwrap();
    assert_eq!(verified.message_id, MSG_ID);
    assert_eq!(verified.instance_id.as_deref(), Some("ins_1"));
    assert!(matches!(verified.event, ClerkEvent::RoleCreated(ref role) if role.id == "role_1"));

    // A bad signature is a verification error, and the body is not looked at.
    let err = wh
        .verify_event_at(b"not json", &headers, at(NOW))
        .unwrap_err();
    assert_eq!(err, Error::Verify(VerifyError::InvalidSignature));
}

#[test]
fn a_correct_mac_under_another_version_is_not_accepted() {
    // Only `v1` is HMAC-SHA256. The right MAC labelled `v2`, `v1a`, `V1` or with no version must
    // not verify: a verifier that ignored the label could be steered by a future scheme.
    let wh = wh();
    let mac = wh.sign(MSG_ID, PAYLOAD, at(NOW))[3..].to_owned();
    let ts = NOW.to_string();
    for header in [
        format!("v2,{mac}"),
        format!("v1a,{mac}"),
        format!("V1,{mac}"),
        format!(",{mac}"),
        mac.clone(),
        format!("v1,{mac},extra"),
    ] {
        let headers = [
            ("svix-id", MSG_ID),
            ("svix-timestamp", ts.as_str()),
            ("svix-signature", header.as_str()),
        ];
        assert_eq!(
            wh.verify_at(PAYLOAD, &headers, at(NOW)).unwrap_err(),
            VerifyError::InvalidSignature,
            "{header}"
        );
    }
}
