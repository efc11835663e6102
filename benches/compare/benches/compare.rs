//! `clerk-webhooks` against `svix` 2.9.1, `standardwebhooks` 1.0.1, the physical floors (a
//! cached-key `Hmac<Sha256>` for verify, a `serde::de::IgnoredAny` scan for parsing), a fresh-key
//! `Hmac<Sha256>` and a `serde_json::Value` parse, in one run, on the same inputs. Run with `cargo bench --manifest-path benches/compare/Cargo.toml`; the ratio table
//! is printed at the end. See `benches/README.md`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use clerk_webhooks::headers::{SVIX_ID, SVIX_SIGNATURE, SVIX_TIMESTAMP};
use clerk_webhooks::{ClerkEvent, HeaderSource, MessageId, VerifiedEvent, Webhook, WebhookEvent};
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

/// Synthetic body sizes, with the label used in benchmark ids. 2.5 KiB is the size of a real
/// `user.*` body.
const SIZES: [(usize, &str); 5] = [
    (256, "256B"),
    (2 * 1024, "2KiB"),
    (2560, "2.5KiB"),
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
                .secret_index(),
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

/// Every fixture as a queue holds it: a `VerifiedEvent` serialized by `serde_json`, with the
/// body inside it (`WebhookEvent`'s `Serialize`: `type` before `data`, compact) on its own.
fn queued(corpus: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    corpus
        .iter()
        .map(|(_, body)| {
            let event = WebhookEvent::from_slice(body).unwrap();
            let compact = serde_json::to_vec(&event).unwrap();
            let delivery = VerifiedEvent::new(
                MessageId::new(MSG_ID).unwrap(),
                OffsetDateTime::from_unix_timestamp(1_614_265_330).unwrap(),
                event,
            );
            let job = serde_json::to_string(&delivery).unwrap();
            assert!(job.contains(std::str::from_utf8(&compact).unwrap()));
            (job, compact)
        })
        .collect()
}

/// The fixtures in the key order of live deliveries (alphabetical: `data` first, `type`
/// last), where the parser cannot know the type when it reaches `data`.
fn live_order(corpus: &[(String, Vec<u8>)]) -> Vec<Vec<u8>> {
    corpus
        .iter()
        .map(|(_, body)| {
            let value: serde_json::Value = serde_json::from_slice(body).unwrap();
            let live = serde_json::to_vec(&value).unwrap();
            assert!(live.starts_with(br#"{"data":"#) && live.ends_with(b"\"}"));
            live
        })
        .collect()
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
    // The same bodies through the generic `Deserialize` impls.
    group.bench_function(BenchmarkId::new("serde_clerk_event", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(serde_json::from_slice::<ClerkEvent>(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("serde_webhook_event", "corpus"), |b| {
        b.iter(|| {
            for (_, body) in &corpus {
                black_box(serde_json::from_slice::<WebhookEvent>(black_box(body)).unwrap());
            }
        })
    });
    // A queue worker: `serde_json::from_str::<VerifiedEvent>` of each delivery as
    // `Serialize` wrote it, against `WebhookEvent::from_slice` of the same body text.
    let queue = queued(&corpus);
    configure(
        &mut group,
        queue.iter().map(|(_, body)| body.len() as u64).sum(),
    );
    group.bench_function(BenchmarkId::new("serde_verified_event", "queued"), |b| {
        b.iter(|| {
            for (job, _) in &queue {
                black_box(serde_json::from_str::<VerifiedEvent>(black_box(job)).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("webhook_event", "queued"), |b| {
        b.iter(|| {
            for (_, body) in &queue {
                black_box(WebhookEvent::from_slice(black_box(body)).unwrap());
            }
        })
    });
    configure(&mut group, corpus.iter().map(|(_, b)| b.len() as u64).sum());
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
    let live = live_order(&corpus);
    group.bench_function(BenchmarkId::new("clerk_event", "corpus_live_order"), |b| {
        b.iter(|| {
            for body in &live {
                black_box(ClerkEvent::from_slice(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function(
        BenchmarkId::new("serde_clerk_event", "corpus_live_order"),
        |b| {
            b.iter(|| {
                for body in &live {
                    black_box(serde_json::from_slice::<ClerkEvent>(black_box(body)).unwrap());
                }
            })
        },
    );
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
            if matches!(*label, "2KiB" | "2.5KiB" | "16KiB") {
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
        let bar = match *label {
            "256B" => "ratio ≤ 1.40",
            "2.5KiB" | "16KiB" | "256KiB" => "ratio ≤ 1.10",
            _ => "",
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
    for (serde, plain) in [
        ("serde_clerk_event", "clerk_event"),
        ("serde_webhook_event", "webhook_event"),
    ] {
        compare(
            format!("parse corpus: {serde} vs {plain} (from_slice)"),
            format!("parse/{serde}/corpus"),
            format!("parse/{plain}/corpus"),
            "ratio ≤ 1.25",
        );
    }
    compare(
        "parse corpus as queued: serde VerifiedEvent vs WebhookEvent::from_slice of the same bodies"
            .to_owned(),
        "parse/serde_verified_event/queued".to_owned(),
        "parse/webhook_event/queued".to_owned(),
        "ratio ≤ 1.25",
    );
    compare(
        "parse corpus in live key order: serde_clerk_event vs clerk_event (from_slice)".to_owned(),
        "parse/serde_clerk_event/corpus_live_order".to_owned(),
        "parse/clerk_event/corpus_live_order".to_owned(),
        "",
    );
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
    let times = interleaved_times(variants, rounds, per_timing);
    (0..times.len())
        .map(|i| (median_of(times[i].clone()), ratio(&times, i, 0)))
        .collect()
}

/// The median of `values`.
fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The median over rounds of the ratio of variant `a`'s time to variant `b`'s.
fn ratio(times: &[Vec<f64>], a: usize, b: usize) -> f64 {
    median_of(times[a].iter().zip(&times[b]).map(|(x, y)| x / y).collect())
}

/// The timings of [`interleaved`]: per variant, the time per call in each round (ns).
fn interleaved_times(
    variants: &mut [Variant<'_>],
    rounds: usize,
    per_timing: Duration,
) -> Vec<Vec<f64>> {
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
    times
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
    let queue = queued(&corpus);
    let texts: Vec<&str> = corpus
        .iter()
        .map(|(_, body)| std::str::from_utf8(body).unwrap())
        .collect();
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
    variants.push((
        "serde_clerk_event",
        Box::new(|| {
            for (_, body) in &corpus {
                black_box(serde_json::from_slice::<ClerkEvent>(black_box(body)).unwrap());
            }
        }),
    ));
    variants.push((
        "serde_webhook_event",
        Box::new(|| {
            for (_, body) in &corpus {
                black_box(serde_json::from_slice::<WebhookEvent>(black_box(body)).unwrap());
            }
        }),
    ));
    variants.push((
        "serde_verified_event, queued",
        Box::new(|| {
            for (job, _) in &queue {
                black_box(serde_json::from_str::<VerifiedEvent>(black_box(job)).unwrap());
            }
        }),
    ));
    variants.push((
        "webhook_event, queued bodies",
        Box::new(|| {
            for (_, body) in &queue {
                black_box(WebhookEvent::from_slice(black_box(body)).unwrap());
            }
        }),
    ));
    variants.push((
        "serde_clerk_event from_str",
        Box::new(|| {
            for text in &texts {
                black_box(serde_json::from_str::<ClerkEvent>(black_box(text)).unwrap());
            }
        }),
    ));
    // About ten passes over the corpus per timing, so that each timing is mostly warm.
    let t = interleaved_times(&mut variants, 150, Duration::from_millis(2));
    println!(
        "\n| parse, corpus | ClerkEvent / IgnoredAny | WebhookEvent::from_slice / IgnoredAny | ClerkEvent / Value | WebhookEvent::from_slice / Value |\n|---|---|---|---|---|\n| {} fixtures | {:.3} | {:.3} | {:.3} | {:.3} |",
        corpus.len(),
        ratio(&t, 2, 0),
        ratio(&t, 3, 0),
        ratio(&t, 2, 1),
        ratio(&t, 3, 1),
    );
    println!(
        "\n| serde route ÷ `from_slice` (bar ≤ 1.25) | ratio |\n|---|---|\n| `serde_json::from_slice::<ClerkEvent>` ÷ `ClerkEvent::from_slice`, fixtures | {:.3} |\n| `serde_json::from_slice::<WebhookEvent>` ÷ `WebhookEvent::from_slice`, fixtures | {:.3} |\n| `serde_json::from_str::<VerifiedEvent>` of the queued deliveries ÷ `WebhookEvent::from_slice` of their bodies | {:.3} |\n| `serde_json::from_str::<ClerkEvent>` ÷ `ClerkEvent::from_slice`, fixtures (no per-string UTF-8 check) | {:.3} |",
        ratio(&t, 4, 2),
        ratio(&t, 5, 3),
        ratio(&t, 6, 7),
        ratio(&t, 8, 2),
    );
}

/// The fixtures' top-level members in the order given by `first` (then the others, in
/// alphabetical order), written as compact JSON.
fn reordered(body: &[u8], first: &[&str]) -> Vec<u8> {
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(body).unwrap();
    let mut keys: Vec<&str> = first.to_vec();
    keys.extend(
        object
            .keys()
            .map(String::as_str)
            .filter(|k| !first.contains(k)),
    );
    let members: Vec<String> = keys
        .iter()
        .filter_map(|key| {
            let value = object.get(*key)?;
            Some(format!("{}:{value}", serde_json::Value::from(*key)))
        })
        .collect();
    format!("{{{}}}", members.join(",")).into_bytes()
}

/// A variant that parses every body into a `ClerkEvent`: with `from_slice`, or through serde.
fn parse_each(bodies: &[Vec<u8>], serde: bool) -> Box<dyn FnMut() + '_> {
    Box::new(move || {
        for body in bodies {
            let event = if serde {
                serde_json::from_slice::<ClerkEvent>(black_box(body)).unwrap()
            } else {
                ClerkEvent::from_slice(black_box(body)).unwrap()
            };
            black_box(event);
        }
    })
}

/// What the parser's shortcuts save over the corpus, each as a fraction of the path it sits
/// in, timed interleaved. The same compact bodies in three key orders: `type` before `data`
/// (`data` is parsed in place), `data` first and `type` last as live deliveries send them
/// (`data` is parsed in place by the guess read from the end of the body), and `data` first
/// with `type` not last (no guess: `data` is read raw, then parsed, the plain two-step form).
/// Skipped with the rest of the cross-check.
fn parse_steps() {
    let corpus = fixtures();
    let type_first: Vec<Vec<u8>> = corpus
        .iter()
        .map(|(_, body)| reordered(body, &["type", "object"]))
        .collect();
    let live = live_order(&corpus);
    let no_guess: Vec<Vec<u8>> = corpus
        .iter()
        .map(|(_, body)| reordered(body, &["data", "type"]))
        .collect();
    for body in type_first.iter().chain(&live).chain(&no_guess) {
        assert!(!ClerkEvent::from_slice(body).unwrap().is_unknown());
    }
    let mut variants: Vec<Variant<'_>> = vec![
        (
            "`ClerkEvent::from_slice`, `data` first, `type` not last (two steps)",
            parse_each(&no_guess, false),
        ),
        (
            "`ClerkEvent::from_slice`, `type` before `data` (in place)",
            parse_each(&type_first, false),
        ),
        (
            "`ClerkEvent::from_slice`, live order (in place, by the trailing guess)",
            parse_each(&live, false),
        ),
        (
            "`serde_json::from_slice::<ClerkEvent>`, `type` before `data` (in place)",
            parse_each(&type_first, true),
        ),
        (
            "`serde_json::from_slice::<ClerkEvent>`, live order (two steps)",
            parse_each(&live, true),
        ),
    ];
    let t = interleaved_times(&mut variants, 150, Duration::from_millis(2));
    println!("\nThe parser's shortcuts over the corpus (compact bodies, interleaved; ÷ the two-step parse of the same bodies):\n");
    println!("| variant | ÷ two steps |\n|---|---|");
    for (i, (name, _)) in variants.iter().enumerate() {
        println!("| {name} | {:.3} |", ratio(&t, i, 0));
    }
    println!(
        "\nsaved by parsing `data` in place when `type` comes first: {:.1}% of the parse; by the trailing guess on live-order bodies: {:.1}%; serde ÷ `from_slice` in live order: {:.3}",
        100.0 * (1.0 - ratio(&t, 1, 0)),
        100.0 * (1.0 - ratio(&t, 2, 0)),
        ratio(&t, 4, 2),
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

// ---------------------------------------------------------------------------------------------
// Verify's hand-written shortcuts against their plain forms
// ---------------------------------------------------------------------------------------------

/// Copies of the shortcuts verify has used (or uses) beside the plain forms that replace them,
/// so that what each saves can be timed on whatever CPU runs the bench. The copies follow the
/// crate's code at the commit where the shortcut was last present; `benches/compare/RESULTS.md`
/// records which are in the crate and why.
mod shortcuts {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use subtle::{Choice, ConstantTimeEq};

    const MAX_SIGNATURE_ENTRIES: usize = 32;
    const V1_ENTRY_LEN: usize = 47;

    fn decode_signature(value: &[u8]) -> Option<[u8; 32]> {
        let mut decoded = [0_u8; 33];
        match STANDARD.decode_slice(value, &mut decoded) {
            Ok(32) => decoded[..32].try_into().ok(),
            _ => None,
        }
    }

    fn v1_entry(entry: &[u8]) -> Option<[u8; 32]> {
        let comma = entry.iter().position(|&b| b == b',')?;
        let (version, value) = (&entry[..comma], &entry[comma + 1..]);
        if version != b"v1" || value.len() != 44 {
            return None;
        }
        decode_signature(value)
    }

    /// The plain form: split on whitespace, then read each entry.
    pub fn signatures_by_splitting(header: &[u8]) -> impl Iterator<Item = [u8; 32]> + '_ {
        header
            .split(u8::is_ascii_whitespace)
            .filter(|entry| !entry.is_empty())
            .take(MAX_SIGNATURE_ENTRIES)
            .filter_map(v1_entry)
    }

    /// The shortcut: a well-formed `v1,` + 44 entry read without scanning for its end.
    pub fn signatures_direct(header: &[u8]) -> impl Iterator<Item = [u8; 32]> + '_ {
        let mut rest = header;
        std::iter::from_fn(move || {
            let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            let here = &rest[start..];
            if let (Some(b"v1,"), Some(value)) = (here.get(..3), here.get(3..V1_ENTRY_LEN)) {
                if here.get(V1_ENTRY_LEN).is_none_or(u8::is_ascii_whitespace) {
                    if let Some(signature) = decode_signature(value) {
                        rest = &here[V1_ENTRY_LEN..];
                        return Some(Some(signature));
                    }
                }
            }
            let len = here
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(here.len());
            let (entry, after) = here.split_at(len);
            rest = after;
            Some(v1_entry(entry))
        })
        .take(MAX_SIGNATURE_ENTRIES)
        .flatten()
    }

    /// The plain form: `subtle` on the two 32-byte slices.
    pub fn macs_equal_slices(a: &[u8; 32], b: &[u8; 32]) -> Choice {
        a[..].ct_eq(&b[..])
    }

    /// The shortcut: `subtle` on four `u64` words.
    pub fn macs_equal_words(a: &[u8; 32], b: &[u8; 32]) -> Choice {
        let words = |mac: &[u8; 32]| {
            let (chunks, _) = mac.as_chunks::<8>();
            [0, 1, 2, 3].map(|i| u64::from_ne_bytes(chunks[i]))
        };
        words(a)[..].ct_eq(&words(b)[..])
    }

    /// The plain form: `HeaderMap::get` with the name as a `&str`.
    pub fn header_get<'h>(map: &'h http::HeaderMap, name: &str) -> Option<&'h [u8]> {
        map.get(name).map(http::HeaderValue::as_bytes)
    }

    /// The scan limit: names compared in order in a map of at most 16 names, else
    /// [`header_static`].
    pub fn header_scan<'h>(map: &'h http::HeaderMap, name: &str) -> Option<&'h [u8]> {
        if map.keys_len() <= 16 {
            return map
                .iter()
                .find(|(key, _)| key.as_str().len() == name.len() && key.as_str() == name)
                .map(|(_, value)| value.as_bytes());
        }
        header_static(map, name)
    }

    /// The ordered name table: `get` with a name parsed at compile time.
    pub fn header_static<'h>(map: &'h http::HeaderMap, name: &str) -> Option<&'h [u8]> {
        use http::header::HeaderName;
        static NAMES: [HeaderName; 3] = [
            HeaderName::from_static("svix-id"),
            HeaderName::from_static("svix-timestamp"),
            HeaderName::from_static("svix-signature"),
        ];
        let value = match name {
            "svix-id" => map.get(&NAMES[0]),
            "svix-timestamp" => map.get(&NAMES[1]),
            "svix-signature" => map.get(&NAMES[2]),
            other => map.get(other),
        };
        value.map(http::HeaderValue::as_bytes)
    }

    /// The plain form of the id checks: UTF-8, then no `.`, after the copy into 64 bytes.
    pub fn id_plain(id: &[u8]) -> Option<[u8; 64]> {
        let mut bytes = [0_u8; 64];
        bytes.get_mut(..id.len())?.copy_from_slice(id);
        (std::str::from_utf8(id).is_ok() && !id.contains(&b'.')).then_some(bytes)
    }

    /// The shortcut: one branch-free pass over the 64 bytes tells the usual id apart.
    pub fn id_is_plain(id: &[u8]) -> Option<[u8; 64]> {
        let mut bytes = [0_u8; 64];
        bytes.get_mut(..id.len())?.copy_from_slice(id);
        let flags = bytes
            .iter()
            .fold(0_u8, |acc, &b| acc | (b & 0x80).max(u8::from(b == b'.')));
        let unusual = flags != 0;
        if unusual && (std::str::from_utf8(id).is_err() || id.contains(&b'.')) {
            return None;
        }
        Some(bytes)
    }

    /// The plain form: a digits check, then `parse::<i64>`.
    pub fn timestamp_parse(text: &[u8]) -> Option<i64> {
        if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(text).ok()?.parse().ok()
    }

    /// The shortcut: one loop, checked arithmetic.
    pub fn timestamp_loop(text: &[u8]) -> Option<i64> {
        let mut value = Some(0_i64);
        for &byte in text {
            if !byte.is_ascii_digit() {
                return None;
            }
            value = value.and_then(|acc| acc.checked_mul(10)?.checked_add(i64::from(byte - b'0')));
        }
        value
    }
}

/// Each of verify's hand-written shortcuts against its plain form at 256 B, timed interleaved
/// with verify itself: what the shortcut saves, as a percentage of verify. A shortcut earns
/// its place in the crate only by saving at least 3%. Skipped with the rest of the
/// cross-check.
fn shortcut_steps() {
    let ours = Webhook::new(SECRET).unwrap();
    let d = Delivery::new(&ours, synthetic_body(256));
    let signature = d.svix_pairs[2].1.clone();
    let expected = d.expected;
    let mut other = expected;
    other[31] ^= 1;
    let headers = &d.svix_headers;
    let names = [SVIX_ID, SVIX_TIMESTAMP, SVIX_SIGNATURE];
    let ts = d.ts.clone();
    let mut variants: Vec<Variant<'_>> = vec![(
        "verify_at, `http::HeaderMap` (7 headers)",
        Box::new(|| {
            assert!(ours
                .verify_at(black_box(&d.body), black_box(headers), d.now)
                .is_ok())
        }),
    )];
    let pairs: [(&str, Variant<'_>, Variant<'_>); 6] = [
        (
            "`v1,`+44 entry reader (plain: split on whitespace)",
            (
                "direct",
                Box::new(|| {
                    let header = black_box(signature.as_bytes());
                    assert_eq!(shortcuts::signatures_direct(header).count(), 1);
                }),
            ),
            (
                "split",
                Box::new(|| {
                    let header = black_box(signature.as_bytes());
                    assert_eq!(shortcuts::signatures_by_splitting(header).count(), 1);
                }),
            ),
        ),
        (
            "MAC comparison in `u64` words (plain: `subtle` on the 32-byte slices)",
            (
                "words",
                Box::new(|| {
                    let (a, b) = (black_box(&expected), black_box(&other));
                    assert!(!bool::from(shortcuts::macs_equal_words(a, b)));
                }),
            ),
            (
                "slices",
                Box::new(|| {
                    let (a, b) = (black_box(&expected), black_box(&other));
                    assert!(!bool::from(shortcuts::macs_equal_slices(a, b)));
                }),
            ),
        ),
        (
            "three `HeaderMap` lookups, names compared in order up to 16 names (plain: the static name table)",
            (
                "scan",
                Box::new(|| {
                    for name in names {
                        assert!(shortcuts::header_scan(black_box(headers), name).is_some());
                    }
                }),
            ),
            (
                "static",
                Box::new(|| {
                    for name in names {
                        assert!(shortcuts::header_static(black_box(headers), name).is_some());
                    }
                }),
            ),
        ),
        (
            "three `HeaderMap` lookups with the static name table (plain: `HeaderMap::get(&str)`)",
            (
                "static",
                Box::new(|| {
                    for name in names {
                        assert!(shortcuts::header_static(black_box(headers), name).is_some());
                    }
                }),
            ),
            (
                "get",
                Box::new(|| {
                    for name in names {
                        assert!(shortcuts::header_get(black_box(headers), name).is_some());
                    }
                }),
            ),
        ),
        (
            "`is_plain` message id pass (plain: `from_utf8`, then no `.`)",
            (
                "is_plain",
                Box::new(|| {
                    assert!(shortcuts::id_is_plain(black_box(MSG_ID.as_bytes())).is_some());
                }),
            ),
            (
                "utf8",
                Box::new(|| {
                    assert!(shortcuts::id_plain(black_box(MSG_ID.as_bytes())).is_some());
                }),
            ),
        ),
        (
            "timestamp digit loop (plain: digits check, then `parse::<i64>`)",
            (
                "loop",
                Box::new(|| {
                    assert!(shortcuts::timestamp_loop(black_box(ts.as_bytes())).is_some());
                }),
            ),
            (
                "parse",
                Box::new(|| {
                    assert!(shortcuts::timestamp_parse(black_box(ts.as_bytes())).is_some());
                }),
            ),
        ),
    ];
    let mut labels = Vec::new();
    for (label, shortcut, plain) in pairs {
        labels.push(label);
        variants.push(shortcut);
        variants.push(plain);
    }
    let t = interleaved_times(&mut variants, 300, Duration::from_micros(200));
    println!("\nVerify's shortcuts at 256 B against their plain forms (interleaved; each ÷ verify_at with a `HeaderMap`):\n");
    println!("| shortcut | shortcut ÷ verify | plain ÷ verify | saved, % of verify (bar ≥ 3%) |\n|---|---|---|---|");
    for (i, label) in labels.iter().enumerate() {
        let (fast, plain) = (ratio(&t, 1 + 2 * i, 0), ratio(&t, 2 + 2 * i, 0));
        println!(
            "| {label} | {fast:.3} | {plain:.3} | {:.1}% |",
            100.0 * (plain - fast)
        );
    }
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
        shortcut_steps();
        parse_steps();
    }
}
