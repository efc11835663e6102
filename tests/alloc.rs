//! Heap allocations: `Webhook::verify_at` makes none, on success and on failure; parsing
//! allocations are measured and bounded.
//!
//! A counting global allocator counts per thread, so the test harness's own threads (and tests
//! running in parallel) never add to a measurement. Every input (bodies, headers, signatures)
//! is built before counting starts.

use clerk_webhooks::{HeaderSource, VerifyError, Webhook, WebhookEvent};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashMap;
use std::hint::black_box;
use time::OffsetDateTime;

struct CountingAllocator;

thread_local! {
    /// Allocations (`alloc`, `alloc_zeroed` and `realloc` calls) made by this thread.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn record() {
    // `try_with`: an allocation during thread teardown, after the slot is gone, is not counted
    // (and must not panic inside the allocator).
    let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// const-initialised thread-local `Cell` without a destructor, so touching it never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Runs `f` and returns how many allocations this thread made while it ran. The result of `f`
/// is dropped inside the measurement, so anything it owns would be counted too.
fn allocations<R>(f: impl FnOnce() -> R) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    drop(black_box(f()));
    ALLOCATIONS.with(Cell::get) - before
}

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER_SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TS: i64 = 1_614_265_330;

fn at(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap()
}

/// A printable body of exactly `len` bytes.
fn body(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

/// Header names and values for one delivery, owned, so either container can be built from them.
fn header_values(prefix: &str, ts: i64, signature: &str) -> Vec<(String, String)> {
    vec![
        (format!("{prefix}-id"), MSG_ID.to_owned()),
        (format!("{prefix}-timestamp"), ts.to_string()),
        (format!("{prefix}-signature"), signature.to_owned()),
    ]
}

fn as_array(values: &[(String, String)]) -> [(&str, &str); 3] {
    [0, 1, 2].map(|i| (values[i].0.as_str(), values[i].1.as_str()))
}

fn as_map(values: &[(String, String)]) -> HashMap<String, String> {
    // Extra headers too, as a real request has; and capacity reserved up front.
    let mut map = HashMap::with_capacity(16);
    map.extend(values.iter().cloned());
    map.insert("content-type".to_owned(), "application/json".to_owned());
    map.insert("user-agent".to_owned(), "Svix-Webhooks/1.0".to_owned());
    map
}

/// One `verify_at` call, counted; the outcome is checked after counting stops.
fn count_verify<H: HeaderSource + ?Sized>(
    wh: &Webhook,
    body: &[u8],
    headers: &H,
    now: OffsetDateTime,
) -> (u64, Result<usize, VerifyError>) {
    let mut outcome = None;
    let count = allocations(|| {
        let result = wh.verify_at(black_box(body), black_box(headers), black_box(now));
        outcome = Some(result.map(|verified| verified.secret_index()));
    });
    (count, outcome.unwrap())
}

#[test]
fn verify_at_never_allocates() {
    // Everything is built before any count is taken.
    let single = Webhook::new(SECRET).unwrap();
    let rotated = Webhook::with_secrets([OTHER_SECRET, SECRET]).unwrap();
    let bodies: Vec<Vec<u8>> = [0, 2 * 1024, 256 * 1024].map(body).into();

    struct Case {
        name: String,
        /// Verify with the two-secret `rotated` verifier instead of `single`.
        rotated: bool,
        body: usize,
        headers: Vec<(String, String)>,
        now: OffsetDateTime,
        expect: Result<usize, VerifyError>,
    }
    let mut cases = Vec::new();
    for (b, body) in bodies.iter().enumerate() {
        let good = single.sign(MSG_ID, body, at(TS));
        let mut tampered = good.clone();
        tampered.replace_range(3..4, if &good[3..4] == "A" { "B" } else { "A" });
        for prefix in ["svix", "webhook"] {
            let name = |what: &str| format!("{prefix}-* headers, {} B body, {what}", body.len());
            cases.push(Case {
                rotated: false,
                name: name("valid"),
                body: b,
                headers: header_values(prefix, TS, &good),
                now: at(TS),
                expect: Ok(0),
            });
            cases.push(Case {
                rotated: false,
                name: name("valid among several entries"),
                body: b,
                headers: header_values(prefix, TS, &format!("v1a,xyz {tampered} {good}")),
                now: at(TS),
                expect: Ok(0),
            });
            cases.push(Case {
                rotated: false,
                name: name("bad signature"),
                body: b,
                headers: header_values(prefix, TS, &tampered),
                now: at(TS),
                expect: Err(VerifyError::InvalidSignature),
            });
            cases.push(Case {
                rotated: false,
                name: name("too old"),
                body: b,
                headers: header_values(prefix, TS, &good),
                now: at(TS + 301),
                expect: Err(VerifyError::TimestampTooOld {
                    age_secs: 301,
                    tolerance_secs: 300,
                }),
            });
            cases.push(Case {
                rotated: false,
                name: name("too new"),
                body: b,
                headers: header_values(prefix, TS, &good),
                now: at(TS - 301),
                expect: Err(VerifyError::TimestampTooNew {
                    ahead_secs: 301,
                    tolerance_secs: 300,
                }),
            });
            cases.push(Case {
                rotated: false,
                name: name("malformed timestamp"),
                body: b,
                headers: header_values(prefix, TS, &good)
                    .into_iter()
                    .map(|(k, v)| match k.ends_with("-timestamp") {
                        true => (k, format!("{v}.5")),
                        false => (k, v),
                    })
                    .collect(),
                now: at(TS),
                expect: Err(VerifyError::InvalidTimestamp {
                    reason:
                        "expected Unix seconds as ASCII digits only (no sign, fraction or spaces)",
                }),
            });
            for missing in ["timestamp", "signature"] {
                let mut headers = header_values(prefix, TS, &good);
                headers.retain(|(k, _)| !k.ends_with(missing));
                // Keep three pairs for the array form: pad with an unrelated header.
                headers.push(("content-type".to_owned(), "application/json".to_owned()));
                let header_name: &'static str = match (prefix, missing) {
                    ("svix", "timestamp") => "svix-timestamp",
                    ("svix", _) => "svix-signature",
                    (_, "timestamp") => "webhook-timestamp",
                    _ => "webhook-signature",
                };
                cases.push(Case {
                    rotated: false,
                    name: name(&format!("missing {missing}")),
                    body: b,
                    headers,
                    now: at(TS),
                    expect: Err(VerifyError::MissingHeader { name: header_name }),
                });
            }
        }
        let mut no_id = header_values("svix", TS, &good);
        no_id[0].0 = "x-request-id".to_owned();
        cases.push(Case {
            rotated: false,
            name: format!("no id header, {} B body", body.len()),
            body: b,
            headers: no_id,
            now: at(TS),
            expect: Err(VerifyError::MissingHeader { name: "svix-id" }),
        });
    }

    // Two secrets, the delivery signed with the second; and a delivery neither signed.
    let stranger = Webhook::new("whsec_dGVzdHRlc3R0ZXN0dGVzdA==").unwrap();
    for (b, body) in bodies.iter().enumerate() {
        let by_second = single.sign(MSG_ID, body, at(TS));
        let by_neither = stranger.sign(MSG_ID, body, at(TS));
        for prefix in ["svix", "webhook"] {
            cases.push(Case {
                name: format!("2 secrets, match on second, {prefix}-*, {} B", body.len()),
                rotated: true,
                body: b,
                headers: header_values(prefix, TS, &by_second),
                now: at(TS),
                expect: Ok(1),
            });
            cases.push(Case {
                name: format!("2 secrets, no match, {prefix}-*, {} B", body.len()),
                rotated: true,
                body: b,
                headers: header_values(prefix, TS, &by_neither),
                now: at(TS),
                expect: Err(VerifyError::InvalidSignature),
            });
        }
    }

    // The counter itself works.
    assert_eq!(allocations(|| vec![0_u8; 1]), 1);

    let mut checked = 0;
    for case in &cases {
        let wh = if case.rotated { &rotated } else { &single };
        let array = as_array(&case.headers);
        let map = as_map(&case.headers);
        let body = &bodies[case.body];
        let (n, outcome) = count_verify(wh, body, &array, case.now);
        assert_eq!(outcome, case.expect, "{} (array)", case.name);
        assert_eq!(n, 0, "{} (array): {n} allocations", case.name);
        let (n, outcome) = count_verify(wh, body, &map, case.now);
        assert_eq!(outcome, case.expect, "{} (HashMap)", case.name);
        assert_eq!(n, 0, "{} (HashMap): {n} allocations", case.name);
        let (n, outcome) = count_verify(wh, body, case.headers.as_slice(), case.now);
        assert_eq!(outcome, case.expect, "{} (slice)", case.name);
        assert_eq!(n, 0, "{} (slice): {n} allocations", case.name);
        checked += 3;
    }
    println!("verify_at: 0 allocations in each of {checked} calls");
    // 3 bodies × (2 header sets × 8 single-secret cases + 1 without an id
    // + 2 header sets × 2 two-secret cases), each in 3 containers.
    assert_eq!(checked, 3 * 3 * (2 * 8 + 1 + 2 * 2));
}

#[test]
fn verify_against_the_system_clock_never_allocates() {
    let wh = Webhook::new(SECRET).unwrap();
    let body = body(2 * 1024);
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let headers = header_values("svix", now, &wh.sign(MSG_ID, &body, at(now)));
    let array = as_array(&headers);
    let mut ok = false;
    let n = allocations(|| ok = wh.verify(black_box(&body), black_box(&array)).is_ok());
    assert!(ok);
    assert_eq!(n, 0, "verify: {n} allocations");
}

/// What every framework extractor does per request: clone the shared verifier, then verify
/// against a header array built on the spot. The clone shares the key states, so neither step
/// allocates, with one secret or with several.
#[test]
fn cloning_a_webhook_then_verifying_never_allocates() {
    let rotated = Webhook::with_secrets([OTHER_SECRET, SECRET]).unwrap();
    let single = Webhook::new(SECRET).unwrap();
    let body = body(2 * 1024);
    let signature = single.sign(MSG_ID, &body, at(TS));
    let ts = TS.to_string();
    for (wh, index) in [(&single, 0), (&rotated, 1)] {
        let mut outcome = None;
        let n = allocations(|| {
            let per_request = black_box(wh).clone();
            let verified = per_request.verify_at(
                black_box(&body),
                &[
                    ("svix-id", MSG_ID),
                    ("svix-timestamp", ts.as_str()),
                    ("svix-signature", signature.as_str()),
                ],
                at(TS),
            );
            outcome = Some(verified.map(|v| (v.message_id(), v.secret_index())));
        });
        let (id, secret_index) = outcome.unwrap().unwrap();
        assert_eq!((id.as_str(), secret_index), (MSG_ID, index));
        assert_eq!(
            n,
            0,
            "clone + verify_at with {} secrets: {n} allocations",
            wh.secret_count()
        );
    }
}

/// Parsing allocates (strings, boxes, maps): the counts are printed and bounded, so that a
/// change which multiplies them is noticed. The bounds are the counts measured when this test
/// was written plus a margin of about 25%.
#[test]
fn parse_allocations_are_bounded() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events");
    // (fixture, measured when written, bound)
    let expectations: [(&str, u64, u64); 4] = [
        ("user.created.json", 12, 15),
        ("session.created.json", 26, 33),
        ("organizationMembership.created.json", 24, 30),
        ("subscriptionItem.active.json", 24, 30),
    ];
    let bodies: Vec<Vec<u8>> = expectations
        .iter()
        .map(|(name, _, _)| std::fs::read(format!("{dir}/{name}")).unwrap())
        .collect();
    let mut report = Vec::new();
    for ((name, _, bound), body) in expectations.iter().zip(&bodies) {
        let typed = allocations(|| WebhookEvent::from_slice(black_box(body)).unwrap());
        let value =
            allocations(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap());
        report.push(format!(
            "{name} ({} B): WebhookEvent::from_slice {typed} allocations, serde_json::Value {value}",
            body.len()
        ));
        assert!(
            typed <= *bound,
            "{name}: {typed} allocations, bound {bound}"
        );
    }
    println!("{}", report.join("\n"));

    // The whole fixture corpus, for the benchmark report.
    let mut corpus: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    corpus.sort();
    let (mut typed, mut value) = (0, 0);
    for body in &corpus {
        typed += allocations(|| WebhookEvent::from_slice(black_box(body)).unwrap());
        value +=
            allocations(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap());
    }
    println!(
        "corpus of {} fixtures: WebhookEvent::from_slice {typed} allocations, serde_json::Value {value}",
        corpus.len()
    );
}

/// The axum extractor's verify step exactly: clone the verifier out of the application state,
/// then verify against the request's `http::HeaderMap` (the headers are already parsed by the
/// framework; building the map is the framework's allocation, not ours).
#[cfg(feature = "http")]
#[test]
fn an_extractors_verify_step_on_a_header_map_never_allocates() {
    use http::{HeaderMap, HeaderValue};
    let rotated = Webhook::with_secrets([OTHER_SECRET, SECRET]).unwrap();
    let single = Webhook::new(SECRET).unwrap();
    let body = body(2 * 1024);
    let signature = single.sign(MSG_ID, &body, at(TS));
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("svix-id", HeaderValue::from_static(MSG_ID));
    headers.insert(
        "svix-timestamp",
        HeaderValue::from_str(&TS.to_string()).unwrap(),
    );
    headers.insert("svix-signature", HeaderValue::from_str(&signature).unwrap());
    for (wh, index) in [(&single, 0), (&rotated, 1)] {
        let mut outcome = None;
        let n = allocations(|| {
            let per_request = black_box(wh).clone();
            let verified = per_request.verify_at(black_box(&body), black_box(&headers), at(TS));
            outcome = Some(verified.map(|v| (v.message_id(), v.secret_index())));
        });
        let (id, secret_index) = outcome.unwrap().unwrap();
        assert_eq!((id.as_str(), secret_index), (MSG_ID, index));
        assert_eq!(n, 0, "clone + verify_at(HeaderMap): {n} allocations");
    }
}
