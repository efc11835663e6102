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
    [0, 1, 2, 3].map(|i| u64::from_ne_bytes(chunks[i]))
}

/// The decoded `v1` signatures in a signature header, skipping everything else, bounded by
/// [`MAX_SIGNATURE_ENTRIES`].
fn v1_signatures(header: &[u8]) -> impl Iterator<Item = [u8; 32]> + '_ {
    header
        .split(u8::is_ascii_whitespace)
        .filter(|entry| !entry.is_empty())
        .take(MAX_SIGNATURE_ENTRIES)
        .filter_map(|entry| {
            let comma = entry.iter().position(|&b| b == b',')?;
            let (version, value) = (&entry[..comma], &entry[comma + 1..]);
            if version != b"v1" || value.len() != 44 {
                return None;
            }
            decode_signature(value)
        })
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
