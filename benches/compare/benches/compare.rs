//! `clerk-webhooks` against `svix` 2.9.1, `standardwebhooks` 1.0.1, the physical floors (a
//! cached-key `Hmac<Sha256>` for verify, a `serde::de::IgnoredAny` scan for parsing), a fresh-key
//! `Hmac<Sha256>` and a `serde_json::Value` parse, in one run, on the same inputs. Run with `cargo bench --manifest-path benches/compare/Cargo.toml`; the ratio table
//! is printed at the end. See `benches/README.md`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use clerk_webhooks::headers::{SVIX_ID, SVIX_SIGNATURE, SVIX_TIMESTAMP};
use clerk_webhooks::{ClerkEvent, HeaderSource, MessageId, Webhook, WebhookEvent};
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use http::{HeaderMap, HeaderName, HeaderValue};
use sha2::Sha256;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER_SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";

/// Synthetic body sizes, with the label used in benchmark ids.
const SIZES: [(usize, &str); 4] = [
    (256, "256B"),
    (2 * 1024, "2KiB"),
    (16 * 1024, "16KiB"),
    (256 * 1024, "256KiB"),
];

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// A JSON body of exactly `len` bytes (`len >= 12`), printable ASCII so that svix and
/// standardwebhooks (which require UTF-8) accept it.
fn synthetic_body(len: usize) -> Vec<u8> {
    let mut body = b"{\"data\":\"".to_vec();
    let mut state: u32 = 0x9E37_79B9;
    while body.len() < len - 2 {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-";
        body.push(alphabet[(state >> 26) as usize]);
    }
    body.extend_from_slice(b"\"}");
    assert_eq!(body.len(), len);
    body
}

/// Every fixture body in `tests/fixtures/events`, sorted by file name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/events");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

fn header_map(prefix: &str, ts: &str, signature: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in [("id", MSG_ID), ("timestamp", ts), ("signature", signature)] {
        map.insert(
            HeaderName::try_from(format!("{prefix}-{name}")).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    // A few unrelated headers, as a real request carries.
    for (name, value) in [
        ("content-type", "application/json"),
        ("user-agent", "Svix-Webhooks/1.0"),
        ("accept", "*/*"),
        ("content-length", "1234"),
    ] {
        map.insert(name, HeaderValue::from_static(value));
    }
    map
}

/// One delivery, signed with the current time (svix and standardwebhooks check it against the
/// system clock), with every form of headers the verifiers need.
struct Delivery {
    body: Vec<u8>,
    ts: String,
    now: OffsetDateTime,
    /// `svix-*` headers (used by clerk-webhooks and svix).
    svix_headers: HeaderMap,
    /// `webhook-*` headers (used by standardwebhooks).
    standard_headers: HeaderMap,
    /// The `svix-*` headers as owned `(name, value)` pairs (viewed as `[(&str, &str); 3]`).
    svix_pairs: [(String, String); 3],
    /// The decoded signature, for the limit line.
    expected: [u8; 32],
}

impl Delivery {
    /// Signs `body` with `signer` at the current time. Built right before each benchmark, so
    /// the timestamp stays inside svix's 5-minute window however long the run is.
    fn new(signer: &Webhook, body: Vec<u8>) -> Self {
        let now = OffsetDateTime::now_utc();
        let unix = now.unix_timestamp();
        let signature = signer.sign(MSG_ID, &body, now);
        let ts = unix.to_string();
        let mut expected = [0_u8; 32];
        expected.copy_from_slice(&decode_base64(&signature[3..]));
        Self {
            svix_pairs: [
                ("svix-id".to_owned(), MSG_ID.to_owned()),
                ("svix-timestamp".to_owned(), ts.clone()),
                ("svix-signature".to_owned(), signature.clone()),
            ],
            svix_headers: header_map("svix", &ts, &signature),
            standard_headers: header_map("webhook", &ts, &signature),
            body,
            ts,
            now,
            expected,
        }
    }
}

impl Delivery {
    /// The `svix-*` headers as `[(&str, &str); 3]`, the cheapest container to look up in.
    fn pairs(&self) -> [(&str, &str); 3] {
        self.svix_pairs
            .each_ref()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

/// Standard base64, only for building inputs (svix's `Webhook::new` is used for the key itself).
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64"),
        }
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0_u32, 0);
    for &c in text.as_bytes().iter().take_while(|&&c| c != b'=') {
        acc = (acc << 6) | value(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn raw_key(secret: &str) -> Vec<u8> {
    decode_base64(secret.strip_prefix("whsec_").unwrap())
}

/// The limit line: HMAC-SHA256 over `id.ts.body`, keyed afresh (no precomputed state),
/// streamed, then a constant-time compare. No header lookup, no base64, no timestamp check.
#[inline(never)]
fn limit_fresh_key(key: &[u8], id: &[u8], ts: &[u8], body: &[u8], expected: &[u8; 32]) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(id);
    mac.update(b".");
    mac.update(ts);
    mac.update(b".");
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    tag.as_slice().ct_eq(expected.as_slice()).into()
}

/// The floor of `verify`: HMAC-SHA256 over `id.ts.body` from a **pre-keyed** state, cloned per
/// call (as `Webhook` keeps its key state), then a constant-time compare. Two SHA-256
/// compressions less than [`limit_fresh_key`]; no header lookup, no base64, no timestamp check.
#[inline(never)]
fn floor_cached_key(
    keyed: &Hmac<Sha256>,
    id: &[u8],
    ts: &[u8],
    body: &[u8],
    expected: &[u8; 32],
) -> bool {
    let mut mac = keyed.clone();
    mac.update(id);
    mac.update(b".");
    mac.update(ts);
    mac.update(b".");
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    tag.as_slice().ct_eq(expected.as_slice()).into()
}

/// The same streaming shape with `hmac-sha256`, the pure-Rust primitive svix and
/// standardwebhooks use: how much of their time is the primitive rather than their wrapper.
#[inline(never)]
fn hmac_sha256_crate(key: &[u8], id: &[u8], ts: &[u8], body: &[u8], expected: &[u8; 32]) -> bool {
    let mut mac = hmac_sha256::HMAC::new(key);
    mac.update(id);
    mac.update(b".");
    mac.update(ts);
    mac.update(b".");
    mac.update(body);
    let tag = mac.finalize();
    tag.as_slice().ct_eq(expected.as_slice()).into()
}

// ---------------------------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------------------------

fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: u64) {
    // Flat sampling: every sample runs the same number of iterations, so slow inputs (256 KiB,
    // the whole corpus) fit in the measurement time instead of stretching it.
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(bytes));
}

/// Comparison 1: verify one delivery, single secret, at each size and over the fixture corpus.
fn bench_verify(c: &mut Criterion) {
    let ours = Webhook::new(SECRET).unwrap();
    let svix = svix::webhooks::Webhook::new(SECRET).unwrap();
    let standard = standardwebhooks::Webhook::new(SECRET).unwrap();
    let key = raw_key(SECRET);
    let keyed = Hmac::<Sha256>::new_from_slice(&key).unwrap();

    let mut group = c.benchmark_group("verify");
    for (len, label) in SIZES {
        configure(&mut group, len as u64);
        let d = Delivery::new(&ours, synthetic_body(len));
        assert!(ours.verify_at(&d.body, &d.svix_headers, d.now).is_ok());
        assert!(svix.verify(&d.body, &d.svix_headers).is_ok());
        assert!(standard.verify(&d.body, &d.standard_headers).is_ok());
        assert!(limit_fresh_key(
            &key,
            MSG_ID.as_bytes(),
            d.ts.as_bytes(),
            &d.body,
            &d.expected
        ));

        group.bench_function(BenchmarkId::new("clerk_webhooks", label), |b| {
            b.iter(|| {
                let verified =
                    ours.verify_at(black_box(&d.body), black_box(&d.svix_headers), d.now);
                assert!(verified.is_ok());
                verified
            })
        });
        let pairs = d.pairs();
        assert!(ours.verify_at(&d.body, &pairs, d.now).is_ok());
        group.bench_function(BenchmarkId::new("clerk_webhooks_pairs", label), |b| {
            b.iter(|| {
                let verified = ours.verify_at(black_box(&d.body), black_box(&pairs), d.now);
                assert!(verified.is_ok());
                verified
            })
        });
        group.bench_function(BenchmarkId::new("svix", label), |b| {
            b.iter(|| {
                let verified = svix.verify(black_box(&d.body), black_box(&d.svix_headers));
                assert!(verified.is_ok());
                verified
            })
        });
        group.bench_function(BenchmarkId::new("standardwebhooks", label), |b| {
            b.iter(|| {
                let verified = standard.verify(black_box(&d.body), black_box(&d.standard_headers));
                assert!(verified.is_ok());
                verified
            })
        });
        group.bench_function(BenchmarkId::new("limit_fresh_key_hmac", label), |b| {
            b.iter(|| {
                let ok = limit_fresh_key(
                    black_box(&key),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                );
                assert!(ok);
                ok
            })
        });
        group.bench_function(BenchmarkId::new("floor_cached_key_hmac", label), |b| {
            b.iter(|| {
                let ok = floor_cached_key(
                    black_box(&keyed),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                );
                assert!(ok);
                ok
            })
        });
        group.bench_function(BenchmarkId::new("hmac_sha256_crate", label), |b| {
            b.iter(|| {
                let ok = hmac_sha256_crate(
                    black_box(&key),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                );
                assert!(ok);
                ok
            })
        });
    }

    // The real bodies, one iteration = every fixture once.
    let corpus: Vec<Delivery> = fixtures()
        .into_iter()
        .map(|(_, body)| Delivery::new(&ours, body))
        .collect();
    configure(&mut group, corpus.iter().map(|d| d.body.len() as u64).sum());
    group.bench_function(BenchmarkId::new("clerk_webhooks", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(ours
                    .verify_at(black_box(&d.body), black_box(&d.svix_headers), d.now)
                    .is_ok());
            }
        })
    });
    let corpus_pairs: Vec<[(&str, &str); 3]> = corpus.iter().map(Delivery::pairs).collect();
    group.bench_function(BenchmarkId::new("clerk_webhooks_pairs", "corpus"), |b| {
        b.iter(|| {
            for (d, pairs) in corpus.iter().zip(&corpus_pairs) {
                assert!(ours
                    .verify_at(black_box(&d.body), black_box(pairs), d.now)
                    .is_ok());
            }
        })
    });
    group.bench_function(BenchmarkId::new("svix", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(svix
                    .verify(black_box(&d.body), black_box(&d.svix_headers))
                    .is_ok());
            }
        })
    });
    group.bench_function(BenchmarkId::new("standardwebhooks", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(standard
                    .verify(black_box(&d.body), black_box(&d.standard_headers))
                    .is_ok());
            }
        })
    });
    group.bench_function(BenchmarkId::new("hmac_sha256_crate", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(hmac_sha256_crate(
                    black_box(&key),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                ));
            }
        })
    });
    group.bench_function(BenchmarkId::new("floor_cached_key_hmac", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(floor_cached_key(
                    black_box(&keyed),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                ));
            }
        })
    });
    group.bench_function(BenchmarkId::new("limit_fresh_key_hmac", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                assert!(limit_fresh_key(
                    black_box(&key),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                ));
            }
        })
    });
    group.finish();
}

/// Comparison 2: two configured secrets; the delivery is signed with the second. svix and
/// standardwebhooks take one secret each, so their users try one verifier, then the other.
fn bench_verify_two_secrets(c: &mut Criterion) {
    let ours = Webhook::with_secrets([OTHER_SECRET, SECRET]).unwrap();
    let signer = Webhook::new(SECRET).unwrap();
    let svix = [OTHER_SECRET, SECRET].map(|s| svix::webhooks::Webhook::new(s).unwrap());
    let standard = [OTHER_SECRET, SECRET].map(|s| standardwebhooks::Webhook::new(s).unwrap());
    let keys = [raw_key(OTHER_SECRET), raw_key(SECRET)];

    let mut group = c.benchmark_group("verify_2_secrets");
    for (len, label) in &SIZES[..2] {
        configure(&mut group, *len as u64);
        let d = Delivery::new(&signer, synthetic_body(*len));
        assert_eq!(
            ours.verify_at(&d.body, &d.svix_headers, d.now)
                .unwrap()
                .secret_index,
            1
        );
        assert!(svix[0].verify(&d.body, &d.svix_headers).is_err());
        assert!(svix[1].verify(&d.body, &d.svix_headers).is_ok());

        group.bench_function(BenchmarkId::new("clerk_webhooks", label), |b| {
            b.iter(|| {
                let verified =
                    ours.verify_at(black_box(&d.body), black_box(&d.svix_headers), d.now);
                assert!(verified.is_ok());
                verified
            })
        });
        group.bench_function(BenchmarkId::new("svix", label), |b| {
            b.iter(|| {
                let ok = svix.iter().any(|wh| {
                    wh.verify(black_box(&d.body), black_box(&d.svix_headers))
                        .is_ok()
                });
                assert!(ok);
                ok
            })
        });
        group.bench_function(BenchmarkId::new("standardwebhooks", label), |b| {
            b.iter(|| {
                let ok = standard.iter().any(|wh| {
                    wh.verify(black_box(&d.body), black_box(&d.standard_headers))
                        .is_ok()
                });
                assert!(ok);
                ok
            })
        });
        group.bench_function(BenchmarkId::new("limit_fresh_key_hmac", label), |b| {
            b.iter(|| {
                let ok = keys.iter().any(|key| {
                    limit_fresh_key(
                        black_box(key),
                        black_box(MSG_ID.as_bytes()),
                        black_box(d.ts.as_bytes()),
                        black_box(&d.body),
                        black_box(&d.expected),
                    )
                });
                assert!(ok);
                ok
            })
        });
    }
    group.finish();
}

/// Comparison 3a: parse every fixture body (one iteration = the whole corpus), typed against
/// `serde_json::Value` and against the floor of any serde_json parse, a `serde::de::IgnoredAny`
/// scan (every byte read and validated, nothing built).
fn bench_parse(c: &mut Criterion) {
    let corpus = fixtures();
    for (name, body) in &corpus {
        let event: ClerkEvent = serde_json::from_slice(body).unwrap();
        assert!(!event.is_unknown(), "{name} parsed as Unknown");
        WebhookEvent::from_slice(body).unwrap();
    }
    let mut group = c.benchmark_group("parse");
    configure(&mut group, corpus.iter().map(|(_, b)| b.len() as u64).sum());
    group.bench_function(BenchmarkId::new("clerk_event", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(ClerkEvent::from_slice(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("webhook_event", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(WebhookEvent::from_slice(black_box(body)).unwrap());
            }
        })
    });
    // The drift report re-parses the body as a `Value` and typed, and compares the two: its
    // cost beside the plain typed parse above is what calling it on every delivery adds.
    group.bench_function(BenchmarkId::new("drift_report", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(clerk_webhooks::drift::DriftReport::from_slice(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("serde_json_value", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("floor_ignored_any", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap(),
                );
            }
        })
    });
    // The same bodies in the key order of live deliveries (alphabetical: `data` first, `type`
    // last), where the parser cannot know the type when it reaches `data`.
    let live: Vec<Vec<u8>> = corpus
        .iter()
        .map(|(_, body)| {
            let value: serde_json::Value = serde_json::from_slice(body).unwrap();
            let live = serde_json::to_vec(&value).unwrap();
            assert!(live.starts_with(br#"{"data":"#) && live.ends_with(b"\"}"));
            live
        })
        .collect();
    group.bench_function(BenchmarkId::new("clerk_event", "corpus_live_order"), |b| {
        b.iter(|| {
            for body in &live {
                black_box(ClerkEvent::from_slice(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(
        BenchmarkId::new("floor_ignored_any", "corpus_live_order"),
        |b| {
            b.iter(|| {
                for body in &live {
                    black_box(
                        serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap(),
                    );
                }
            })
        },
    );
    group.finish();
}

/// Comparison 3b: verify and parse in one go, over the corpus: `verify_event_at` against svix
/// `verify` followed by a `Value` parse.
fn bench_verify_event(c: &mut Criterion) {
    let ours = Webhook::new(SECRET).unwrap();
    let svix = svix::webhooks::Webhook::new(SECRET).unwrap();
    let corpus: Vec<Delivery> = fixtures()
        .into_iter()
        .map(|(_, body)| Delivery::new(&ours, body))
        .collect();
    let mut group = c.benchmark_group("verify_event");
    configure(&mut group, corpus.iter().map(|d| d.body.len() as u64).sum());
    group.bench_function(BenchmarkId::new("clerk_webhooks", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                black_box(
                    ours.verify_event_at(black_box(&d.body), black_box(&d.svix_headers), d.now)
                        .unwrap(),
                );
            }
        })
    });
    group.bench_function(BenchmarkId::new("svix_then_value", "corpus"), |b| {
        b.iter(|| {
            for d in &corpus {
                svix.verify(black_box(&d.body), black_box(&d.svix_headers))
                    .unwrap();
                black_box(serde_json::from_slice::<serde_json::Value>(&d.body).unwrap());
            }
        })
    });
    group.finish();
}

/// Comparison 4: sign (produce the `v1,<base64>` header value).
fn bench_sign(c: &mut Criterion) {
    let ours = Webhook::new(SECRET).unwrap();
    let svix = svix::webhooks::Webhook::new(SECRET).unwrap();
    let ts = 1_614_265_330;
    let at = OffsetDateTime::from_unix_timestamp(ts).unwrap();
    let mut group = c.benchmark_group("sign");
    for (len, label) in &SIZES[..2] {
        configure(&mut group, *len as u64);
        let body = synthetic_body(*len);
        assert_eq!(
            ours.sign(MSG_ID, &body, at),
            svix.sign(MSG_ID, ts, &body).unwrap()
        );
        group.bench_function(BenchmarkId::new("clerk_webhooks", label), |b| {
            b.iter(|| ours.sign(black_box(MSG_ID), black_box(&body), black_box(at)))
        });
        group.bench_function(BenchmarkId::new("svix", label), |b| {
            b.iter(|| {
                svix.sign(black_box(MSG_ID), black_box(ts), black_box(&body))
                    .unwrap()
            })
        });
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// The ratio table
// ---------------------------------------------------------------------------------------------

/// Where criterion writes its results (the same order of preference criterion uses).
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("criterion")
}

/// The median (ns) of `group/function/param` from this run, if it was measured in this run.
fn median(dir: &Path, started: SystemTime, id: &str) -> Option<f64> {
    let path = dir.join(id).join("new/estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < started {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn format_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Prints `ours / theirs` for every comparison measured in this run, as a Markdown table.
fn print_ratios(started: SystemTime) {
    let dir = criterion_dir();
    let mut rows = Vec::new();
    let mut labels: Vec<&str> = SIZES.iter().map(|(_, label)| *label).collect();
    labels.push("corpus");
    let mut compare = |what: String, ours: String, theirs: String, bar: &str| {
        if let (Some(a), Some(b)) = (median(&dir, started, &ours), median(&dir, started, &theirs)) {
            rows.push(format!(
                "| {what} | {} | {} | {:.3} | {:.2}× | {bar} |",
                format_ns(a),
                format_ns(b),
                a / b,
                b / a
            ));
        }
    };
    for label in &labels {
        compare(
            format!("verify {label}: clerk_webhooks vs svix"),
            format!("verify/clerk_webhooks/{label}"),
            format!("verify/svix/{label}"),
            if matches!(*label, "2KiB" | "16KiB") {
                "speedup ≥ 5×"
            } else {
                ""
            },
        );
    }
    for label in &labels {
        compare(
            format!("verify {label}: clerk_webhooks vs standardwebhooks"),
            format!("verify/clerk_webhooks/{label}"),
            format!("verify/standardwebhooks/{label}"),
            "",
        );
    }
    for label in &labels {
        let bar = if *label == "256B" {
            "ratio ≤ 1.10"
        } else {
            "ratio ≤ 1.05"
        };
        compare(
            format!("verify {label}: clerk_webhooks vs floor (cached-key HMAC)"),
            format!("verify/clerk_webhooks/{label}"),
            format!("verify/floor_cached_key_hmac/{label}"),
            bar,
        );
        compare(
            format!("verify {label}: clerk_webhooks with [(&str, &str); 3] vs floor"),
            format!("verify/clerk_webhooks_pairs/{label}"),
            format!("verify/floor_cached_key_hmac/{label}"),
            bar,
        );
    }
    for label in &labels {
        compare(
            format!("verify {label}: clerk_webhooks vs limit (fresh-key HMAC)"),
            format!("verify/clerk_webhooks/{label}"),
            format!("verify/limit_fresh_key_hmac/{label}"),
            "",
        );
    }
    for label in &labels {
        compare(
            format!("verify {label}: clerk_webhooks vs hmac-sha256 crate alone (svix's primitive)"),
            format!("verify/clerk_webhooks/{label}"),
            format!("verify/hmac_sha256_crate/{label}"),
            "",
        );
    }
    for label in &labels {
        compare(
            format!("verify {label}: clerk_webhooks with [(&str, &str); 3] vs limit"),
            format!("verify/clerk_webhooks_pairs/{label}"),
            format!("verify/limit_fresh_key_hmac/{label}"),
            "",
        );
    }
    for (_, label) in &SIZES[..2] {
        for other in ["svix", "standardwebhooks", "limit_fresh_key_hmac"] {
            compare(
                format!("verify, 2 secrets, {label}: clerk_webhooks vs {other}"),
                format!("verify_2_secrets/clerk_webhooks/{label}"),
                format!("verify_2_secrets/{other}/{label}"),
                "",
            );
        }
    }
    for typed in ["clerk_event", "webhook_event"] {
        compare(
            format!("parse corpus: {typed} vs serde_json::Value"),
            format!("parse/{typed}/corpus"),
            "parse/serde_json_value/corpus".to_owned(),
            "ratio ≤ 0.5",
        );
        compare(
            format!("parse corpus: {typed} vs floor (IgnoredAny scan)"),
            format!("parse/{typed}/corpus"),
            "parse/floor_ignored_any/corpus".to_owned(),
            "ratio ≤ 2.5",
        );
    }
    compare(
        "parse corpus in live key order: clerk_event vs floor (IgnoredAny scan)".to_owned(),
        "parse/clerk_event/corpus_live_order".to_owned(),
        "parse/floor_ignored_any/corpus_live_order".to_owned(),
        "ratio ≤ 2.5",
    );
    compare(
        "verify_event_at corpus vs svix verify + Value".to_owned(),
        "verify_event/clerk_webhooks/corpus".to_owned(),
        "verify_event/svix_then_value/corpus".to_owned(),
        "",
    );
    for (_, label) in &SIZES[..2] {
        compare(
            format!("sign {label}: clerk_webhooks vs svix"),
            format!("sign/clerk_webhooks/{label}"),
            format!("sign/svix/{label}"),
            "",
        );
    }
    if rows.is_empty() {
        return;
    }
    println!("\nRatios of medians from this run (ours / theirs; below 1 means clerk-webhooks is faster):\n");
    println!("| comparison | ours (median) | theirs (median) | ours/theirs | speedup | bar |");
    println!("|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    println!("\n(criterion results in {})", dir.display());
}

// ---------------------------------------------------------------------------------------------
// Interleaved cross-check
// ---------------------------------------------------------------------------------------------

/// A variant for [`interleaved`]: a name and one call of the operation.
type Variant<'a> = (&'static str, Box<dyn FnMut() + 'a>);

/// Times the variants in interleaved rounds (each round times every variant for the same
/// number of calls, one after the other), so that a change in machine load during the run
/// hits all of them alike. The first timing of each variant in a round starts with caches and
/// branch predictors trained on the previous variant, which `per_timing` amortises. Returns, per variant, the median time per call and the median of the
/// per-round ratios to variant 0.
fn interleaved(
    variants: &mut [Variant<'_>],
    rounds: usize,
    per_timing: Duration,
) -> Vec<(f64, f64)> {
    // Calls per timing: about `per_timing` of variant 0.
    let start = std::time::Instant::now();
    let mut calls = 0_u32;
    while start.elapsed() < per_timing {
        (variants[0].1)();
        calls += 1;
    }
    let mut times = vec![Vec::with_capacity(rounds); variants.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in variants.iter_mut().enumerate() {
            let start = std::time::Instant::now();
            for _ in 0..calls {
                f();
            }
            times[i].push(start.elapsed().as_secs_f64() * 1e9 / f64::from(calls));
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    times
        .iter()
        .map(|t| {
            let ratios = t.iter().zip(&times[0]).map(|(a, b)| a / b).collect();
            (median(t.clone()), median(ratios))
        })
        .collect()
}

/// The three variants every verify cross-check starts with, in this order: the cached-key
/// floor, `verify_at` with an `http::HeaderMap`, and `verify_at` with `[(&str, &str); 3]`.
fn verify_variants<'a>(
    ours: &'a Webhook,
    keyed: &'a Hmac<Sha256>,
    d: &'a Delivery,
    pairs: &'a [(&'a str, &'a str); 3],
) -> Vec<Variant<'a>> {
    vec![
        (
            "floor: cached-key HMAC over id.ts.body",
            Box::new(move || {
                assert!(floor_cached_key(
                    black_box(keyed),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                ))
            }),
        ),
        (
            "verify_at, `http::HeaderMap` (7 headers)",
            Box::new(move || {
                assert!(ours
                    .verify_at(black_box(&d.body), black_box(&d.svix_headers), d.now)
                    .is_ok())
            }),
        ),
        (
            "verify_at, `[(&str, &str); 3]`",
            Box::new(move || {
                assert!(ours
                    .verify_at(black_box(&d.body), black_box(pairs), d.now)
                    .is_ok())
            }),
        ),
    ]
}

/// The bars again, measured interleaved (see [`interleaved`]), as a cross-check of the
/// criterion medians on a noisy machine. Skipped under `--test`/`--list`, or with
/// `CLERK_BENCH_INTERLEAVED=0`.
fn interleaved_checks() {
    let ours = Webhook::new(SECRET).unwrap();
    let svix = svix::webhooks::Webhook::new(SECRET).unwrap();
    let key = raw_key(SECRET);
    let keyed = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    println!("\nInterleaved cross-check (medians of per-round ratios):\n");
    println!("| input | clerk_webhooks (HeaderMap) / floor | clerk_webhooks ([(&str, &str); 3]) / floor | clerk_webhooks (HeaderMap) / fresh-key limit | svix / clerk_webhooks (speedup) |");
    println!("|---|---|---|---|---|");
    for (len, label) in SIZES {
        let d = Delivery::new(&ours, synthetic_body(len));
        let pairs = d.pairs();
        let mut variants = verify_variants(&ours, &keyed, &d, &pairs);
        variants.push((
            "limit",
            Box::new(|| {
                assert!(limit_fresh_key(
                    black_box(&key),
                    black_box(MSG_ID.as_bytes()),
                    black_box(d.ts.as_bytes()),
                    black_box(&d.body),
                    black_box(&d.expected),
                ))
            }),
        ));
        variants.push((
            "svix",
            Box::new(|| {
                assert!(svix
                    .verify(black_box(&d.body), black_box(&d.svix_headers))
                    .is_ok())
            }),
        ));
        let r = interleaved(&mut variants, 300, Duration::from_micros(200));
        println!(
            "| verify {label} | {:.3} | {:.3} | {:.3} | {:.2}× |",
            r[1].1,
            r[2].1,
            r[1].1 / r[3].1,
            r[4].1 / r[1].1
        );
    }
    let corpus = fixtures();
    let mut variants: Vec<Variant<'_>> = vec![
        (
            "ignored_any",
            Box::new(|| {
                for (_, body) in &corpus {
                    black_box(
                        serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap(),
                    );
                }
            }),
        ),
        (
            "value",
            Box::new(|| {
                for (_, body) in &corpus {
                    black_box(
                        serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap(),
                    );
                }
            }),
        ),
        (
            "clerk_event",
            Box::new(|| {
                for (_, body) in &corpus {
                    black_box(ClerkEvent::from_slice(black_box(body)).unwrap());
                }
            }),
        ),
        (
            "webhook_event",
            Box::new(|| {
                for (_, body) in &corpus {
                    black_box(WebhookEvent::from_slice(black_box(body)).unwrap());
                }
            }),
        ),
    ];
    // About ten passes over the corpus per timing, so that each timing is mostly warm.
    let r = interleaved(&mut variants, 150, Duration::from_millis(2));
    println!(
        "\n| parse, corpus | ClerkEvent / IgnoredAny | WebhookEvent::from_slice / IgnoredAny | ClerkEvent / Value | WebhookEvent::from_slice / Value |\n|---|---|---|---|---|\n| {} fixtures | {:.3} | {:.3} | {:.3} | {:.3} |",
        corpus.len(),
        r[2].1,
        r[3].1,
        r[2].1 / r[1].1,
        r[3].1 / r[1].1
    );
}

/// Verify's fixed cost at 256 B, step by step: each step verify takes besides the HMAC, timed
/// alone and interleaved with the floor and with verify itself, as a fraction of the floor.
/// The steps call what verify calls (the `base64` crate's `STANDARD` engine on the 44
/// signature characters, `HeaderSource::header`, `MessageId::new`, the `time` conversions);
/// timed alone, each also pays a call and a `black_box`, so their sum overstates the cost
/// inside verify a little. Skipped with the rest of the cross-check.
fn fixed_cost_steps() {
    let ours = Webhook::new(SECRET).unwrap();
    let key = raw_key(SECRET);
    let keyed = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    let d = Delivery::new(&ours, synthetic_body(256));
    let pairs = d.pairs();
    let unix = d.now.unix_timestamp();
    let mut variants = verify_variants(&ours, &keyed, &d, &pairs);
    variants.extend::<[Variant<'_>; 5]>([
        (
            "base64 decode of the 44-character signature (`base64` 0.23, `STANDARD`)",
            Box::new(|| {
                let mut out = [0_u8; 33];
                let value = &black_box(pairs[2].1.as_bytes())[3..];
                assert_eq!(STANDARD.decode_slice(value, &mut out), Ok(32));
                black_box(out);
            }),
        ),
        (
            "three header lookups, `[(&str, &str); 3]`",
            Box::new(|| {
                let headers = black_box(&pairs);
                for name in [SVIX_ID, SVIX_TIMESTAMP, SVIX_SIGNATURE] {
                    assert!(black_box(headers.header(name)).is_some());
                }
            }),
        ),
        (
            "three header lookups, `http::HeaderMap`",
            Box::new(|| {
                let headers = black_box(&d.svix_headers);
                for name in [SVIX_ID, SVIX_TIMESTAMP, SVIX_SIGNATURE] {
                    assert!(black_box(headers.header(name)).is_some());
                }
            }),
        ),
        (
            "message id check and copy (`MessageId::new`)",
            Box::new(|| {
                black_box(MessageId::new(black_box(MSG_ID)).unwrap());
            }),
        ),
        (
            "timestamp conversions (`OffsetDateTime::from_unix_timestamp`, `unix_timestamp`)",
            Box::new(|| {
                let at = OffsetDateTime::from_unix_timestamp(black_box(unix)).unwrap();
                black_box(black_box(d.now).unix_timestamp() - at.unix_timestamp());
            }),
        ),
    ]);
    let r = interleaved(&mut variants, 300, Duration::from_micros(200));
    println!("\nVerify's fixed cost at 256 B, step by step (each ÷ the floor, interleaved):\n");
    println!("| step | ÷ floor |\n|---|---|");
    for ((name, _), (_, ratio)) in variants.iter().zip(&r).skip(1) {
        println!("| {name} | {ratio:.3} |");
    }
    let steps: f64 = [3, 4, 6, 7].iter().map(|&i| r[i].1).sum();
    println!(
        "\nverify − floor: {:.3} (pairs), {:.3} (HeaderMap); the steps summed, with pairs: {steps:.3}",
        r[2].1 - 1.0,
        r[1].1 - 1.0,
    );
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
        .without_plots()
        .configure_from_args();
    bench_verify(&mut c);
    bench_verify_two_secrets(&mut c);
    bench_parse(&mut c);
    bench_verify_event(&mut c);
    bench_sign(&mut c);
    c.final_summary();
    print_ratios(started);
    let quick = std::env::args().any(|arg| arg == "--test" || arg == "--list");
    if !quick && std::env::var_os("CLERK_BENCH_INTERLEAVED").is_none_or(|v| v != "0") {
        interleaved_checks();
        fixed_cost_steps();
    }
}
