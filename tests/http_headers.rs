//! `HeaderSource` for `http::HeaderMap` (feature `http`), and the delivery-control helpers.

use clerk_webhooks::{delivery, HeaderSource, VerifyError, Webhook};
use http::{HeaderMap, HeaderName, HeaderValue};
use time::OffsetDateTime;

/// Unix seconds as the `OffsetDateTime` that `Webhook::sign` takes.
fn at(secs: i64) -> clerk_webhooks::time::OffsetDateTime {
    clerk_webhooks::time::OffsetDateTime::from_unix_timestamp(secs).expect("a representable time")
}

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn header_map(pairs: &[(&str, &[u8])]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_bytes(value).unwrap(),
        );
    }
    map
}

#[test]
fn header_map_lookup_is_case_insensitive_and_returns_the_first_value() {
    let map = header_map(&[
        ("Svix-Id", b"msg_first"),
        ("svix-id", b"msg_second"),
        ("SVIX-TIMESTAMP", b"1614265330"),
    ]);
    assert_eq!(map.header("svix-id"), Some(&b"msg_first"[..]));
    assert_eq!(map.header("svix-timestamp"), Some(&b"1614265330"[..]));
    assert_eq!(map.header("svix-signature"), None);
}

#[test]
fn header_map_lookup_covers_both_sets_and_any_other_name() {
    let names = [
        "svix-id",
        "svix-timestamp",
        "svix-signature",
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
        "x-request-id",
    ];
    let upper: Vec<String> = names.iter().map(|name| name.to_uppercase()).collect();
    let pairs: Vec<(&str, &[u8])> = upper
        .iter()
        .map(|name| (name.as_str(), name.as_bytes()))
        .collect();
    let map = header_map(&pairs);
    for (name, upper) in names.iter().zip(&upper) {
        assert_eq!(map.header(name), Some(upper.as_bytes()), "{name}");
    }
    // A name that is not a valid header name is simply absent.
    assert_eq!(map.header("not a header name"), None);
}

/// Small maps are searched name by name and large ones by hash; both must give what
/// `HeaderMap::get` gives, for every size, for names with several values, and after removals.
#[test]
fn header_map_lookup_agrees_with_get_at_every_size() {
    let standard = [
        "host",
        "content-type",
        "user-agent",
        "accept",
        "content-length",
    ];
    let asked = [
        "svix-id",
        "svix-timestamp",
        "svix-signature",
        "webhook-id",
        "x-header-3",
        "x-header-17",
        "x-header-39",
        "host",
        "accept",
        "Svix-Id",
        "absent",
    ];
    let mut sizes_seen = [false; 2];
    for size in 0..40 {
        let mut map = HeaderMap::new();
        for i in 0..size {
            let name = match i {
                0 => "svix-signature".to_owned(),
                i if i < 6 => standard[i - 1].to_owned(),
                7 => "svix-id".to_owned(),
                9 => "svix-timestamp".to_owned(),
                i => format!("x-header-{i}"),
            };
            let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
            map.append(&name, HeaderValue::from_str(&format!("first-{i}")).unwrap());
            if i % 3 == 0 {
                // A second value, after other names were inserted.
                map.append(
                    &name,
                    HeaderValue::from_str(&format!("second-{i}")).unwrap(),
                );
            }
        }
        if size > 12 {
            map.remove("x-header-11");
            map.append("x-header-11", HeaderValue::from_static("re-added"));
        }
        sizes_seen[usize::from(map.keys_len() > 16)] = true;
        for name in asked {
            let expected = map
                .get(name.to_ascii_lowercase())
                .map(HeaderValue::as_bytes);
            assert_eq!(map.header(name), expected, "{name} in a map of {size}");
        }
        if size > 12 {
            assert_eq!(map.header("x-header-11"), Some(&b"re-added"[..]));
        }
    }
    assert_eq!(sizes_seen, [true, true]);
}

#[test]
fn header_map_values_are_raw_bytes() {
    let map = header_map(&[("svix-id", b"msg_\xff")]);
    assert_eq!(map.header("svix-id"), Some(&b"msg_\xff"[..]));
}

#[test]
fn a_delivery_verifies_from_a_header_map() {
    let wh = Webhook::new(SECRET).unwrap();
    let body = br#"{"test": 2432232314}"#;
    let ts = 1_614_265_330;
    let signature = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", body, at(ts));
    assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    let now = OffsetDateTime::from_unix_timestamp(ts).unwrap();

    let map = header_map(&[
        ("Svix-Id", b"msg_p5jXN8AQM9LWM0D4loKWxJek"),
        ("Svix-Timestamp", b"1614265330"),
        ("Svix-Signature", signature.as_bytes()),
    ]);
    let verified = wh.verify_at(body, &map, now).unwrap();
    assert_eq!(verified.message_id(), "msg_p5jXN8AQM9LWM0D4loKWxJek");

    // The `webhook-*` names work too.
    let map = header_map(&[
        ("webhook-id", b"msg_p5jXN8AQM9LWM0D4loKWxJek"),
        ("webhook-timestamp", b"1614265330"),
        ("webhook-signature", signature.as_bytes()),
    ]);
    assert!(wh.verify_at(body, &map, now).is_ok());

    // A missing header is named.
    let map = header_map(&[("svix-id", b"msg_1"), ("svix-timestamp", b"1614265330")]);
    assert_eq!(
        wh.verify_at(body, &map, now).unwrap_err(),
        VerifyError::MissingHeader {
            name: "svix-signature"
        }
    );
}

#[test]
fn abort_helpers() {
    assert_eq!(
        delivery::ABORT_HEADER,
        ("webhook-delivery", "abort-message")
    );
    let (name, value) = delivery::abort_header();
    assert_eq!(name.as_str(), delivery::HEADER_NAME);
    assert_eq!(value, delivery::ABORT_MESSAGE);

    let response: http::Response<String> =
        delivery::abort_response(http::StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["webhook-delivery"], "abort-message");
    assert!(response.body().is_empty());
}
