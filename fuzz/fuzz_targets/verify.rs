//! `Webhook::verify_at` on hostile input.
//!
//! Two modes:
//!
//! * `Raw`: arbitrary headers (names and values as bytes), body, secrets, clock and tolerance.
//! * `Vector`: one of the published signature vectors with decoy entries, then mutated.
//! * `Signed`: a delivery correctly signed with one of 1–3 keys, with decoy entries around the
//!   valid signature, then mutated (bit flips, byte sets, inserts, removals, truncations) in its
//!   body, id, timestamp or signature header.
//!
//! In both modes the result is compared with an independent reference verifier written from
//! the scheme (HMAC-SHA256 from the `hmac` crate, header lookup, timestamp and window rules),
//! so a forgery accepted by the crate, or a valid delivery it rejects, is a crash. In the
//! signed mode it also asserts the property directly: a delivery that verifies has the signed
//! id, timestamp text and body, and its signature header still holds the exact valid entry
//! within the first `MAX_SIGNATURE_ENTRIES` entries. Nothing may panic.

#![no_main]

use arbitrary::Arbitrary;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use clerk_webhooks::{HeaderSource, VerifyError, Webhook, MAX_SIGNATURE_ENTRIES};
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;
use std::sync::OnceLock;
use std::time::Duration;
use time::OffsetDateTime;

const NAMES: [&str; 6] = [
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
];

#[derive(Arbitrary, Debug)]
enum Input {
    Raw(Raw),
    Signed(Signed),
    Vector(Vector),
}

/// One of the published HMAC vectors (`tests/fixtures/signatures/vectors.json`), with some of
/// the published decoys and the `v1a` entry around it, then mutated.
#[derive(Arbitrary, Debug)]
struct Vector {
    which: u8,
    without_prefix: bool,
    decoys: u8,
    clock_offset: i16,
    mutations: Vec<Mutation>,
}

#[derive(Arbitrary, Debug)]
struct Raw {
    headers: Vec<(Name, Vec<u8>)>,
    body: Vec<u8>,
    secrets: Vec<String>,
    clock: i64,
    tolerance: Tolerance,
}

/// A header name: one of the six the verifier reads (in an arbitrary letter case), or any bytes.
#[derive(Arbitrary, Debug)]
enum Name {
    Known { which: u8, case_mask: u32 },
    Other(Vec<u8>),
}

impl Name {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Name::Known { which, case_mask } => {
                let name = NAMES[usize::from(*which) % NAMES.len()];
                name.bytes()
                    .enumerate()
                    .map(|(i, b)| {
                        if case_mask >> (i % 32) & 1 == 1 {
                            b.to_ascii_uppercase()
                        } else {
                            b
                        }
                    })
                    .collect()
            }
            Name::Other(bytes) => bytes.clone(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Tolerance {
    Default,
    Secs(u64),
    Disabled,
}

impl Tolerance {
    fn apply(self, wh: Webhook) -> Webhook {
        match self {
            Tolerance::Default => wh,
            Tolerance::Secs(secs) => wh.with_tolerance(Duration::from_secs(secs)),
            Tolerance::Disabled => wh.dangerous_disable_replay_protection(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Signed {
    /// Raw HMAC keys; the verifier is built from their `whsec_` base64 form.
    keys: Vec<Vec<u8>>,
    signer: u8,
    id: String,
    ts: i64,
    leading_zeros: u8,
    /// The clock is `ts + clock_offset`.
    clock_offset: i32,
    body: Vec<u8>,
    webhook_names: bool,
    case_mask: u32,
    /// Entries before and after the valid one.
    before: Vec<Entry>,
    after: Vec<Entry>,
    separator: Separator,
    mutations: Vec<Mutation>,
    tolerance: Tolerance,
    /// Extra headers placed before the real ones.
    extra: Vec<(Name, Vec<u8>)>,
}

#[derive(Arbitrary, Debug)]
enum Entry {
    /// A well-formed `v1` entry with a wrong signature.
    Decoy([u8; 32]),
    /// A well-formed entry of another version carrying the valid signature.
    OtherVersion(Vec<u8>),
    /// The valid entry again.
    Valid,
    /// Anything.
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Separator {
    Space,
    Tab,
    Spaces,
    Newline,
}

impl Separator {
    fn bytes(self) -> &'static [u8] {
        match self {
            Separator::Space => b" ",
            Separator::Tab => b"\t",
            Separator::Spaces => b"   ",
            Separator::Newline => b"\r\n",
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Field {
    Body,
    Id,
    Timestamp,
    Signature,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Mutation {
    Flip { field: Field, pos: u16, bit: u8 },
    Set { field: Field, pos: u16, byte: u8 },
    Insert { field: Field, pos: u16, byte: u8 },
    Remove { field: Field, pos: u16 },
    Truncate { field: Field, len: u16 },
}

impl Mutation {
    fn field(self) -> Field {
        match self {
            Mutation::Flip { field, .. }
            | Mutation::Set { field, .. }
            | Mutation::Insert { field, .. }
            | Mutation::Remove { field, .. }
            | Mutation::Truncate { field, .. } => field,
        }
    }

    fn apply(self, bytes: &mut Vec<u8>) {
        let at = |pos: u16, len: usize| usize::from(pos) % len;
        match self {
            Mutation::Flip { pos, bit, .. } if !bytes.is_empty() => {
                let i = at(pos, bytes.len());
                bytes[i] ^= 1 << (bit % 8);
            }
            Mutation::Set { pos, byte, .. } if !bytes.is_empty() => {
                let i = at(pos, bytes.len());
                bytes[i] = byte;
            }
            Mutation::Insert { pos, byte, .. } => {
                let i = at(pos, bytes.len() + 1);
                bytes.insert(i, byte);
            }
            Mutation::Remove { pos, .. } if !bytes.is_empty() => {
                let i = at(pos, bytes.len());
                bytes.remove(i);
            }
            Mutation::Truncate { len, .. } => bytes.truncate(usize::from(len)),
            _ => {}
        }
    }
}

/// Headers as raw bytes, looked up case-insensitively, first match wins.
struct ByteHeaders(Vec<(Vec<u8>, Vec<u8>)>);

impl HeaderSource for ByteHeaders {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }
}

fn clock(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(if secs < 0 {
        OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT)
    } else {
        OffsetDateTime::new_utc(time::Date::MAX, time::Time::MAX)
    })
}

fn mac(key: &[u8], id: &[u8], ts: &[u8], body: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(id);
    mac.update(b".");
    mac.update(ts);
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

fn entry_for(mac: &[u8; 32]) -> Vec<u8> {
    format!("v1,{}", STANDARD.encode(mac)).into_bytes()
}

/// The entries the verifier may examine: non-empty, split on ASCII whitespace, bounded.
fn examined(header: &[u8]) -> Vec<&[u8]> {
    header
        .split(u8::is_ascii_whitespace)
        .filter(|e| !e.is_empty())
        .take(MAX_SIGNATURE_ENTRIES)
        .collect()
}

/// What the reference verifier concludes.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Missing(&'static str),
    InvalidHeader(&'static str),
    InvalidTimestamp,
    TooOld,
    TooNew,
    InvalidSignature,
    Ok {
        secret_index: usize,
        id: Vec<u8>,
        ts: i64,
    },
}

fn classify(result: &Result<clerk_webhooks::Verified<'_>, VerifyError>) -> Outcome {
    match result {
        Ok(v) => Outcome::Ok {
            secret_index: v.secret_index(),
            id: v.message_id().as_bytes().to_vec(),
            ts: v.delivered_at().unix_timestamp(),
        },
        Err(VerifyError::MissingHeader { name }) => Outcome::Missing(name),
        Err(VerifyError::InvalidHeader { name, .. }) => Outcome::InvalidHeader(name),
        Err(VerifyError::InvalidTimestamp { .. }) => Outcome::InvalidTimestamp,
        Err(VerifyError::TimestampTooOld { .. }) => Outcome::TooOld,
        Err(VerifyError::TimestampTooNew { .. }) => Outcome::TooNew,
        Err(VerifyError::InvalidSignature) => Outcome::InvalidSignature,
        Err(other) => panic!("unexpected error variant {other:?}"),
    }
}

/// The value the documented procedure reads for `name`: the first header of that name, any
/// case, trimmed, with an empty value counting as absent.
fn first_header<'a>(headers: &'a [(Vec<u8>, Vec<u8>)], name: &str) -> Option<&'a [u8]> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, v)| v.trim_ascii())
        .filter(|v| !v.is_empty())
}

/// An independent implementation of the documented procedure (the module docs of
/// `src/webhook.rs` and README "Verification, precisely"), used as the oracle.
fn reference(
    headers: &[(Vec<u8>, Vec<u8>)],
    body: &[u8],
    keys: &[Vec<u8>],
    now: OffsetDateTime,
    tolerance: Option<u64>,
) -> Outcome {
    let get = |name: &str| first_header(headers, name);
    let (prefix, id) = match get("svix-id") {
        Some(id) => ("svix", id),
        None => match get("webhook-id") {
            Some(id) => ("webhook", id),
            None => return Outcome::Missing("svix-id"),
        },
    };
    let (id_name, ts_name, sig_name) = if prefix == "svix" {
        ("svix-id", "svix-timestamp", "svix-signature")
    } else {
        ("webhook-id", "webhook-timestamp", "webhook-signature")
    };
    let Some(ts_text) = get(ts_name) else {
        return Outcome::Missing(ts_name);
    };
    let Some(sigs) = get(sig_name) else {
        return Outcome::Missing(sig_name);
    };
    let Ok(id_str) = std::str::from_utf8(id) else {
        return Outcome::InvalidHeader(id_name);
    };
    // A message id is at most 64 bytes (`MessageId::MAX_LEN`) and has no `.`.
    if id_str.len() > 64 || id_str.contains('.') {
        return Outcome::InvalidHeader(id_name);
    }
    // Digits only, and at most 19 significant ones (the length of `i64::MAX`); leading zeros
    // carry no magnitude and do not count.
    let significant = ts_text.iter().skip_while(|&&b| b == b'0').count();
    if !ts_text.iter().all(u8::is_ascii_digit) || significant > 19 {
        return Outcome::InvalidTimestamp;
    }
    let Some(ts) = std::str::from_utf8(ts_text)
        .ok()
        .and_then(|t| t.parse::<u64>().ok())
        .and_then(|t| i64::try_from(t).ok())
    else {
        return Outcome::InvalidTimestamp;
    };
    if let Some(tol) = tolerance {
        let delta = i128::from(ts) - i128::from(now.unix_timestamp());
        if delta.unsigned_abs() > u128::from(tol) {
            return if delta < 0 {
                Outcome::TooOld
            } else {
                Outcome::TooNew
            };
        }
    }
    if OffsetDateTime::from_unix_timestamp(ts).is_err() {
        return Outcome::InvalidTimestamp;
    }
    let entries = examined(sigs);
    for (index, key) in keys.iter().enumerate() {
        let wanted = entry_for(&mac(key, id, ts_text, body));
        if entries.contains(&wanted.as_slice()) {
            return Outcome::Ok {
                secret_index: index,
                id: id.to_vec(),
                ts,
            };
        }
    }
    Outcome::InvalidSignature
}

/// Decodes a secret the way the scheme describes (optional `whsec_`, standard alphabet,
/// padding optional, trailing bits allowed). Only used for secrets the crate accepted.
fn decode_secret(secret: &str) -> Vec<u8> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let secret = secret.trim();
    let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
    LENIENT
        .decode(encoded)
        .expect("the crate accepted this secret")
}

/// Runs the crate on both header containers and checks them against the reference.
fn check(
    wh: &Webhook,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: &[u8],
    keys: &[Vec<u8>],
    now: OffsetDateTime,
) -> Outcome {
    let tolerance = wh.tolerance().map(|t| t.as_secs());
    let expected = reference(&headers, body, keys, now, tolerance);

    let lossy: Vec<(String, Vec<u8>)> = headers
        .iter()
        .map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), v.clone()))
        .collect();
    let headers = ByteHeaders(headers);
    let result = wh.verify_at(body, &headers, now);
    let got = classify(&result);
    assert_eq!(got, expected, "crate and reference disagree");
    if let Ok(verified) = &result {
        assert_eq!(verified.body(), body);
        // Debug shows the length, never the body.
        let _ = format!("{verified:?}");
    } else if let Err(err) = &result {
        let _ = format!("{err} {err:?}");
    }
    let again = classify(&wh.verify_at(body, &lossy, now));
    assert_eq!(again, got, "header containers disagree");
    got
}

fn raw(input: Raw) {
    let secrets: Vec<&str> = input.secrets.iter().map(String::as_str).collect();
    let built = match secrets.as_slice() {
        [one] => Webhook::new(one),
        many => Webhook::with_secrets(many),
    };
    let Ok(wh) = built else { return };
    let wh = input.tolerance.apply(wh);
    let keys: Vec<Vec<u8>> = secrets.iter().map(|s| decode_secret(s)).collect();
    let headers = input
        .headers
        .iter()
        .map(|(n, v)| (n.bytes(), v.clone()))
        .collect();
    check(&wh, headers, &input.body, &keys, clock(input.clock));
}

fn signed(input: Signed) {
    let mut keys: Vec<Vec<u8>> = input.keys.into_iter().take(3).collect();
    if keys.is_empty() {
        keys.push(b"default fuzz key".to_vec());
    }
    for key in &mut keys {
        key.truncate(64);
        if key.is_empty() {
            key.push(0);
        }
    }
    let secrets: Vec<String> = keys
        .iter()
        .map(|k| format!("whsec_{}", STANDARD.encode(k)))
        .collect();
    let wh = input
        .tolerance
        .apply(Webhook::with_secrets(&secrets).expect("base64 of a non-empty key"));
    let signer = usize::from(input.signer) % keys.len();

    let id = input.id.into_bytes();
    let ts = format!(
        "{}{}",
        "0".repeat(usize::from(input.leading_zeros % 3)),
        input.ts
    )
    .into_bytes();
    let body = input.body;
    let valid = entry_for(&mac(&keys[signer], &id, &ts, &body));

    let mut sig = Vec::new();
    let sep = input.separator.bytes();
    let entries = input
        .before
        .iter()
        .map(Some)
        .chain(std::iter::once(None))
        .chain(input.after.iter().map(Some));
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            sig.extend_from_slice(sep);
        }
        match entry {
            None | Some(Entry::Valid) => sig.extend_from_slice(&valid),
            Some(Entry::Decoy(bytes)) => sig.extend_from_slice(&entry_for(bytes)),
            Some(Entry::OtherVersion(version)) => {
                if version.as_slice() == b"v1" {
                    sig.extend_from_slice(b"v2");
                } else {
                    sig.extend_from_slice(version);
                }
                sig.extend_from_slice(&valid[2..]);
            }
            Some(Entry::Bytes(bytes)) => sig.extend_from_slice(bytes),
        }
    }

    let delivery = Delivery {
        id,
        ts,
        body,
        sig,
        valid,
    };
    let now = clock(input.ts.saturating_add(i64::from(input.clock_offset)));
    let base = if input.webhook_names { 3 } else { 0 };
    let extra: Vec<(Vec<u8>, Vec<u8>)> = input
        .extra
        .iter()
        .take(4)
        .map(|(n, v)| (n.bytes(), v.clone()))
        .collect();
    mutate_and_check(
        &wh,
        &keys,
        &delivery,
        &input.mutations,
        extra,
        base,
        input.case_mask,
        now,
    );
}

/// A signed delivery: what was signed, the signature header built around the valid entry,
/// and that entry.
struct Delivery {
    id: Vec<u8>,
    ts: Vec<u8>,
    body: Vec<u8>,
    sig: Vec<u8>,
    valid: Vec<u8>,
}

#[allow(clippy::too_many_arguments)]
fn mutate_and_check(
    wh: &Webhook,
    keys: &[Vec<u8>],
    delivery: &Delivery,
    mutations: &[Mutation],
    mut headers: Vec<(Vec<u8>, Vec<u8>)>,
    base: u8,
    case_mask: u32,
    now: OffsetDateTime,
) {
    let Delivery {
        id,
        ts,
        body,
        sig,
        valid,
    } = delivery;
    let (mut m_id, mut m_ts, mut m_body, mut m_sig) =
        (id.clone(), ts.clone(), body.clone(), sig.clone());
    for mutation in mutations.iter().take(8) {
        let target = match mutation.field() {
            Field::Body => &mut m_body,
            Field::Id => &mut m_id,
            Field::Timestamp => &mut m_ts,
            Field::Signature => &mut m_sig,
        };
        mutation.apply(target);
    }
    for (offset, value) in [m_id, m_ts, m_sig].into_iter().enumerate() {
        let name = Name::Known {
            which: base + offset as u8,
            case_mask,
        };
        headers.push((name.bytes(), value));
    }
    let outcome = check(wh, headers.clone(), &m_body, keys, now);

    // The property stated directly: whatever the mutation, a delivery that verifies carries
    // the signed content and still holds the exact valid entry within the examined bound.
    // "Carries" means in the headers the verifier reads: the first of each name, so an extra
    // header placed before the delivery's own (say, a padded copy of the signed id) is the one
    // that counts, not the mutated one behind it.
    if let Outcome::Ok { secret_index, .. } = outcome {
        let names = if first_header(&headers, NAMES[0]).is_some() {
            &NAMES[..3]
        } else {
            &NAMES[3..]
        };
        let read = |name: &str| first_header(&headers, name).unwrap_or_default();
        assert_eq!(read(names[0]), id.as_slice(), "id changed but verified");
        assert_eq!(
            read(names[1]),
            ts.as_slice(),
            "timestamp changed but verified"
        );
        assert_eq!(&m_body, body, "body changed but verified");
        assert!(
            examined(read(names[2])).contains(&valid.as_slice()),
            "valid entry gone but verified"
        );
        // Another configured key can match only if it is the same HMAC key (HMAC pads short
        // keys with zeros, so `[1]` and `[1, 0]` are the same key).
        assert_eq!(
            &entry_for(&mac(&keys[secret_index], id, ts, body)),
            valid,
            "a different key matched"
        );
    }
}

struct PublishedVector {
    secret: String,
    key: Vec<u8>,
    id: String,
    ts: i64,
    payload: String,
    header: String,
    now: i64,
}

struct Published {
    vectors: Vec<PublishedVector>,
    decoys: Vec<String>,
}

fn published() -> &'static Published {
    static PUBLISHED: OnceLock<Published> = OnceLock::new();
    PUBLISHED.get_or_init(|| {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/signatures/vectors.json"))
                .expect("vectors.json parses");
        let mut decoys: Vec<String> = json["multi_signature_decoys"]
            .as_array()
            .expect("decoys")
            .iter()
            .map(|d| d.as_str().expect("decoy").to_owned())
            .collect();
        let mut vectors = Vec::new();
        for v in json["signing_vectors"].as_array().expect("vectors") {
            let header = v["signature_header"].as_str().expect("header").to_owned();
            if v["kind"] != "hmac-sha256-v1" {
                decoys.push(header);
                continue;
            }
            let secret = v["secret"].as_str().expect("secret").to_owned();
            let vector = PublishedVector {
                key: decode_secret(&secret),
                secret,
                id: v["msg_id"].as_str().expect("id").to_owned(),
                ts: v["timestamp"].as_i64().expect("ts"),
                payload: v["payload"].as_str().expect("payload").to_owned(),
                header,
                now: v["verify_now"].as_i64().expect("now"),
            };
            // The oracle itself agrees with the published vectors.
            assert_eq!(
                entry_for(&mac(
                    &vector.key,
                    vector.id.as_bytes(),
                    vector.ts.to_string().as_bytes(),
                    vector.payload.as_bytes()
                )),
                vector.header.as_bytes()
            );
            vectors.push(vector);
        }
        Published { vectors, decoys }
    })
}

fn vector(input: Vector) {
    let published = published();
    let v = &published.vectors[usize::from(input.which) % published.vectors.len()];
    let secret = if input.without_prefix {
        v.secret.trim_start_matches("whsec_")
    } else {
        v.secret.as_str()
    };
    let wh = Webhook::new(secret).expect("published secret");
    let mut sig = Vec::new();
    for (i, decoy) in published.decoys.iter().enumerate() {
        if input.decoys >> (i % 8) & 1 == 1 {
            sig.extend_from_slice(decoy.as_bytes());
            sig.push(b' ');
        }
    }
    sig.extend_from_slice(v.header.as_bytes());
    let delivery = Delivery {
        id: v.id.clone().into_bytes(),
        ts: v.ts.to_string().into_bytes(),
        body: v.payload.clone().into_bytes(),
        sig,
        valid: v.header.clone().into_bytes(),
    };
    let now = clock(v.now + i64::from(input.clock_offset));
    mutate_and_check(
        &wh,
        std::slice::from_ref(&v.key),
        &delivery,
        &input.mutations,
        Vec::new(),
        0,
        0,
        now,
    );
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(raw_input) => raw(raw_input),
        Input::Signed(signed_input) => signed(signed_input),
        Input::Vector(vector_input) => vector(vector_input),
    }
});
