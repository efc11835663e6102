//! Signatures: the keyed HMAC state that computes them, and the `svix-signature` header that
//! carries them.
//!
//! A signature header holds one or more space-separated entries `v<version>,<value>`. Only
//! `v1` entries (HMAC-SHA256, standard base64) are read; `v1a` (ed25519) and anything malformed
//! are skipped, so a header that mixes schemes still verifies by its `v1` entry.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::{Choice, ConstantTimeEq};

/// The most entries of a signature header that are examined. Svix sends one entry per active
/// secret (two during a rotation); the bound keeps the work per request fixed however long a
/// hostile header is.
pub const MAX_SIGNATURE_ENTRIES: usize = 32;

/// A keyed HMAC-SHA256 state, computed once from a secret.
///
/// Cloning it is a copy of two SHA-256 states, so a verification never re-hashes the key. The
/// state is wiped on drop (`hmac`'s `zeroize` feature).
#[derive(Clone)]
pub(crate) struct SigningKey(Hmac<Sha256>);

impl SigningKey {
    pub(crate) fn new(key: &[u8]) -> Self {
        // HMAC accepts keys of any length, so this cannot fail; `new_from_slice` is used only
        // because it is the constructor that takes a slice.
        Self(Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!()))
    }

    /// HMAC-SHA256 over `id.timestamp.body`, streamed: the body is never copied.
    pub(crate) fn mac(&self, id: &[u8], timestamp: &[u8], body: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(id);
        mac.update(b".");
        mac.update(timestamp);
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().into()
    }
}

/// Constant-time equality of two MACs, with [`subtle`].
///
/// The MACs are compared as four `u64` words rather than 32 bytes: `subtle`'s slice comparison
/// puts an optimisation barrier on every element, and 32 of them were a measurable share of
/// verifying a small body (see `benches/compare/RESULTS.md`); four keep the comparison
/// constant-time with an eighth of the barriers.
fn macs_equal(a: &[u8; 32], b: &[u8; 32]) -> Choice {
    words(a)[..].ct_eq(&words(b)[..])
}

fn words(mac: &[u8; 32]) -> [u64; 4] {
    let (chunks, _) = mac.as_chunks::<8>();
    let word = |i: usize| u64::from_ne_bytes(chunks[i]);
    [word(0), word(1), word(2), word(3)]
}

/// The decoded `v1` signatures in a signature header, skipping everything else, bounded by
/// [`MAX_SIGNATURE_ENTRIES`].
fn v1_signatures(header: &[u8]) -> impl Iterator<Item = [u8; 32]> + '_ {
    Entries { rest: header }
        .take(MAX_SIGNATURE_ENTRIES)
        .filter_map(|entry| match entry {
            Entry::V1(signature) => Some(signature),
            Entry::Other(entry) => v1_entry(entry),
        })
}

/// The whitespace-separated entries of a signature header, in order.
struct Entries<'h> {
    rest: &'h [u8],
}

/// An entry of a signature header.
enum Entry<'h> {
    /// A well-formed `v1` entry, already decoded.
    V1([u8; 32]),
    /// Any other entry, as it stands (it may still be `v1`, for [`v1_entry`] to tell).
    Other(&'h [u8]),
}

/// The length of a well-formed `v1` entry: `v1,` and 44 characters of base64.
const V1_ENTRY_LEN: usize = 47;

impl<'h> Iterator for Entries<'h> {
    type Item = Entry<'h>;

    fn next(&mut self) -> Option<Entry<'h>> {
        let start = self.rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let rest = &self.rest[start..];
        // The usual entry, read without scanning for its end: `v1,`, 44 characters, then
        // whitespace or the end. If the 44 decode, none of them is whitespace, so the entry is
        // exactly these bytes, as the scan below would have found.
        if let (Some(b"v1,"), Some(value)) = (rest.get(..3), rest.get(3..V1_ENTRY_LEN)) {
            if rest.get(V1_ENTRY_LEN).is_none_or(u8::is_ascii_whitespace) {
                if let Some(signature) = decode_signature(value) {
                    self.rest = &rest[V1_ENTRY_LEN..];
                    return Some(Entry::V1(signature));
                }
            }
        }
        let len = rest
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(rest.len());
        let (entry, after) = rest.split_at(len);
        self.rest = after;
        Some(Entry::Other(entry))
    }
}

/// The signature in one entry, if the entry is `v1,` and a valid 44-character signature.
fn v1_entry(entry: &[u8]) -> Option<[u8; 32]> {
    let comma = entry.iter().position(|&b| b == b',')?;
    let (version, value) = (&entry[..comma], &entry[comma + 1..]);
    if version != b"v1" || value.len() != 44 {
        return None;
    }
    decode_signature(value)
}

/// Decodes a 44-character signature with strict standard base64 (canonical padding, no
/// trailing bits), which has exactly one encoding per MAC.
fn decode_signature(value: &[u8]) -> Option<[u8; 32]> {
    let mut decoded = [0_u8; 33];
    match STANDARD.decode_slice(value, &mut decoded) {
        Ok(32) => decoded[..32].try_into().ok(),
        _ => None,
    }
}

/// The index of the first key with a matching `v1` entry in the signature header, if any.
///
/// Every entry is compared against each key's MAC in constant time; the loop over a key's
/// entries does not stop at a match.
pub(crate) fn matching_key(
    keys: &[SigningKey],
    id: &[u8],
    timestamp: &[u8],
    body: &[u8],
    header: &[u8],
) -> Option<usize> {
    keys.iter().position(|key| {
        let expected = key.mac(id, timestamp, body);
        let mut matched = Choice::from(0);
        for candidate in v1_signatures(header) {
            matched |= macs_equal(&candidate, &expected);
        }
        bool::from(matched)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_list_skips_malformed_and_foreign_entries() {
        let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        let header = format!(
            "  v1 junk v1, v2,{v} v1a,{v} v1,{v}x v1,{short} v1,{v},extra\t{good}  ",
            v = &good[3..],
            short = &good[3..40],
        );
        let found: Vec<[u8; 32]> = v1_signatures(header.as_bytes()).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(STANDARD.encode(found[0]), &good[3..]);
    }

    /// The iterator, restated as a plain split: every entry separated by ASCII whitespace,
    /// the first `MAX_SIGNATURE_ENTRIES` non-empty ones examined, each `v1,` + 44 characters.
    fn by_splitting(header: &[u8]) -> Vec<[u8; 32]> {
        header
            .split(u8::is_ascii_whitespace)
            .filter(|entry| !entry.is_empty())
            .take(MAX_SIGNATURE_ENTRIES)
            .filter_map(v1_entry)
            .collect()
    }

    #[test]
    fn the_direct_read_of_an_entry_agrees_with_splitting() {
        let v = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        let other = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=";
        let parts = [
            format!("v1,{v}"),
            format!("v1,{other}"),
            format!("v1,{v}x"),
            format!("v1,{v},"),
            format!("v1,{}", &v[..43]),
            format!("v1,{} {}", &v[..20], &v[21..]),
            format!("v1,{}\t{}", &v[..43], &other[..1]),
            format!("v1a,{v}"),
            format!("v2,{v}"),
            "v1,".to_owned(),
            "v1".to_owned(),
            String::new(),
        ];
        let separators = [" ", "\t", "  ", "\r\n", ""];
        let mut headers = Vec::new();
        for a in &parts {
            for sep in separators {
                for b in &parts {
                    headers.push(format!("{a}{sep}{b}"));
                    headers.push(format!(" {a}{sep}{b}\n"));
                }
            }
        }
        headers.push(format!("v1,{v} ").repeat(MAX_SIGNATURE_ENTRIES + 3));
        headers.push(format!(
            "x {}v1,{v}",
            "y ".repeat(MAX_SIGNATURE_ENTRIES - 2)
        ));
        headers.push(format!(
            "x {}v1,{v}",
            "y ".repeat(MAX_SIGNATURE_ENTRIES - 1)
        ));
        let (mut one, mut two) = (0, 0);
        for header in &headers {
            let direct: Vec<[u8; 32]> = v1_signatures(header.as_bytes()).collect();
            assert_eq!(direct, by_splitting(header.as_bytes()), "{header:?}");
            one += usize::from(direct.len() == 1);
            two += usize::from(direct.len() == 2);
        }
        // The cases are not vacuous: many headers hold one signature, some two.
        assert!(one > 100 && two > 10, "{one} with one, {two} with two");
        let bound = format!("x {}v1,{v}", "y ".repeat(MAX_SIGNATURE_ENTRIES - 2));
        assert_eq!(v1_signatures(bound.as_bytes()).count(), 1);
        let past = format!("x {}v1,{v}", "y ".repeat(MAX_SIGNATURE_ENTRIES - 1));
        assert_eq!(v1_signatures(past.as_bytes()).count(), 0);
    }

    #[test]
    fn non_canonical_base64_is_rejected() {
        // `…1OF=` decodes to the same bytes as `…1OE=` under a lenient decoder.
        let header = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=";
        assert_eq!(v1_signatures(header.as_bytes()).count(), 0);
    }

    #[test]
    fn entry_count_is_bounded() {
        let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= ";
        assert_eq!(
            v1_signatures(good.repeat(1000).as_bytes()).count(),
            MAX_SIGNATURE_ENTRIES
        );
    }

    #[test]
    fn macs_compare_equal_only_when_every_word_matches() {
        let mac = [7_u8; 32];
        assert!(bool::from(macs_equal(&mac, &mac)));
        for byte in [0, 7, 8, 15, 16, 23, 24, 31] {
            let mut other = mac;
            other[byte] ^= 0x80;
            assert!(!bool::from(macs_equal(&mac, &other)), "byte {byte}");
        }
    }
}
