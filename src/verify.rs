//! Verification: [`Webhook::verify`] and its results, [`Verified`] and [`VerifiedEvent`].
//!
//! The procedure, in order:
//!
//! 1. **Headers.** Use the `svix-*` set when `svix-id` is present, otherwise the `webhook-*`
//!    set. Names match case-insensitively; values are trimmed, and an empty value counts as
//!    missing. When neither id header is present the error names `svix-id`, the header Clerk
//!    sends.
//! 2. **Timestamp.** ASCII digits only (no sign, fraction or inner space), parsed with checked
//!    arithmetic into Unix seconds. The window check is `|now − ts| ≤ tolerance`, inclusive at
//!    both ends, computed in `i128` so no input can overflow it.
//! 3. **Signature.** `HMAC-SHA256(key, id "." timestamp "." body)` over the raw body bytes
//!    (any bytes, UTF-8 or not, empty allowed), with the header timestamp text exactly as sent.
//!    The signature header is split on ASCII whitespace; entries that are empty, malformed, or of
//!    a version other than `v1` are skipped; each `v1` entry must decode (strict standard base64)
//!    to 32 bytes and is compared with [`subtle`] in constant time. At most
//!    [`MAX_SIGNATURE_ENTRIES`] entries are examined. The delivery verifies if any entry matches
//!    any configured secret.
//!
//! The body is never parsed before the signature holds.

use crate::error::{Error, ParseError, VerifyError};
use crate::events::{parse_body, ClerkEvent, EventAttributes};
use crate::headers::{names, HeaderSource};
use crate::webhook::Webhook;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;
use subtle::{Choice, ConstantTimeEq};
use time::OffsetDateTime;

/// The most entries of a signature header that are examined. Svix sends one entry per active
/// secret (two during a rotation); the bound keeps the work per request fixed however long a
/// hostile header is.
pub const MAX_SIGNATURE_ENTRIES: usize = 32;

struct HeaderNames {
    id: &'static str,
    timestamp: &'static str,
    signature: &'static str,
}

const SVIX_HEADERS: HeaderNames = HeaderNames {
    id: names::SVIX_ID,
    timestamp: names::SVIX_TIMESTAMP,
    signature: names::SVIX_SIGNATURE,
};

const STANDARD_HEADERS: HeaderNames = HeaderNames {
    id: names::WEBHOOK_ID,
    timestamp: names::WEBHOOK_TIMESTAMP,
    signature: names::WEBHOOK_SIGNATURE,
};

/// A delivery whose signature holds: proof that Clerk sent these exact bytes.
///
/// It borrows the body and headers it was verified from, so producing it allocates nothing.
/// [`parse`](Self::parse) turns it into a typed [`VerifiedEvent`].
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Verified<'a> {
    /// The message id (`svix-id`, `msg_…`). It is the same on every retry of a delivery, so it
    /// is the idempotency key: record it in the same transaction as the delivery's effects, and
    /// skip a delivery whose id you have seen.
    pub message_id: &'a str,
    /// When this delivery attempt was signed (`svix-timestamp`). Retries get a new timestamp.
    pub delivered_at: OffsetDateTime,
    /// The position, in the list given to [`Webhook::with_secrets`], of the secret whose
    /// signature matched; always 0 for a single-secret verifier.
    pub secret_index: usize,
    /// The verified body bytes.
    pub body: &'a [u8],
}

impl<'a> Verified<'a> {
    /// Parses the verified body into a typed event.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the event type and the JSON path of the failing field. An
    /// unrecognised event type is not an error: it becomes [`ClerkEvent::Unknown`].
    pub fn parse(&self) -> Result<VerifiedEvent, ParseError> {
        let parsed = parse_body(self.body)?;
        Ok(VerifiedEvent {
            message_id: self.message_id.to_owned(),
            delivered_at: self.delivered_at,
            secret_index: self.secret_index,
            event: parsed.event,
            timestamp: parsed.timestamp,
            instance_id: parsed.instance_id,
            event_attributes: parsed.event_attributes,
        })
    }
}

impl fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("message_id", &self.message_id)
            .field("delivered_at", &self.delivered_at)
            .field("secret_index", &self.secret_index)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// A verified and parsed delivery: the typed event, its envelope, and the delivery metadata.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct VerifiedEvent {
    /// The message id (`svix-id`): the idempotency key. See [`Verified::message_id`].
    pub message_id: String,
    /// When this delivery attempt was signed (`svix-timestamp`).
    pub delivered_at: OffsetDateTime,
    /// Which configured secret matched. See [`Verified::secret_index`].
    pub secret_index: usize,
    /// The typed event.
    pub event: ClerkEvent,
    /// The envelope `timestamp`: when the event occurred, documented as epoch milliseconds.
    /// See [`WebhookEvent::timestamp`](crate::WebhookEvent::timestamp).
    pub timestamp: Option<i64>,
    /// The Clerk instance (`ins_…`); absent in payloads from before 2025.
    pub instance_id: Option<String>,
    /// The envelope `event_attributes`.
    pub event_attributes: Option<EventAttributes>,
}

impl Webhook {
    /// Verifies a delivery against the current time.
    ///
    /// `body` must be the raw request bytes exactly as received: a body that was parsed and
    /// re-serialized will not verify. `headers` is anything that implements [`HeaderSource`].
    ///
    /// ```
    /// use clerk_webhooks::{VerifyError, Webhook};
    ///
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let headers = [("svix-id", "msg_1"), ("svix-timestamp", "1"), ("svix-signature", "v1,AAAA")];
    /// assert!(matches!(
    ///     wh.verify(b"{}", &headers),
    ///     Err(VerifyError::TimestampTooOld { .. })
    /// ));
    /// # Ok::<(), clerk_webhooks::SecretError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`VerifyError`] saying which check failed.
    pub fn verify<'a, H>(&self, body: &'a [u8], headers: &'a H) -> Result<Verified<'a>, VerifyError>
    where
        H: HeaderSource + ?Sized,
    {
        self.verify_at(body, headers, OffsetDateTime::now_utc())
    }

    /// Verifies a delivery against the given time instead of the system clock (for tests,
    /// replays, and platforms without a clock).
    ///
    /// # Errors
    ///
    /// A [`VerifyError`] saying which check failed.
    pub fn verify_at<'a, H>(
        &self,
        body: &'a [u8],
        headers: &'a H,
        now: OffsetDateTime,
    ) -> Result<Verified<'a>, VerifyError>
    where
        H: HeaderSource + ?Sized,
    {
        let (names, id) = match header(headers, SVIX_HEADERS.id) {
            Some(id) => (&SVIX_HEADERS, id),
            None => match header(headers, STANDARD_HEADERS.id) {
                Some(id) => (&STANDARD_HEADERS, id),
                None => {
                    return Err(VerifyError::MissingHeader {
                        name: SVIX_HEADERS.id,
                    })
                }
            },
        };
        let timestamp_text =
            header(headers, names.timestamp).ok_or(VerifyError::MissingHeader {
                name: names.timestamp,
            })?;
        let signatures = header(headers, names.signature).ok_or(VerifyError::MissingHeader {
            name: names.signature,
        })?;

        let message_id = std::str::from_utf8(id).map_err(|_| VerifyError::InvalidHeader {
            name: names.id,
            reason: "the message id is not valid UTF-8",
        })?;
        if message_id.contains('.') {
            // The signed content is `id.timestamp.body`; a `.` in the id would make the split
            // between id, timestamp and body ambiguous. The Standard Webhooks spec forbids it.
            return Err(VerifyError::InvalidHeader {
                name: names.id,
                reason: "the message id contains `.`, which the signature scheme forbids",
            });
        }

        let timestamp = parse_timestamp(timestamp_text)?;
        self.check_window(timestamp, now)?;
        let delivered_at = OffsetDateTime::from_unix_timestamp(timestamp).map_err(|_| {
            VerifyError::InvalidTimestamp {
                reason: "the value is outside the representable range of dates",
            }
        })?;

        let secret_index = self
            .matching_secret(id, timestamp_text, body, signatures)
            .ok_or(VerifyError::InvalidSignature)?;
        Ok(Verified {
            message_id,
            delivered_at,
            secret_index,
            body,
        })
    }

    /// Verifies a delivery and parses it into a typed event, in one call.
    ///
    /// ```
    /// use clerk_webhooks::{ClerkEvent, Webhook};
    ///
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let body = br#"{"data":{"object":"role","id":"role_1","deleted":true},"object":"event","type":"role.deleted"}"#;
    /// let now = time::OffsetDateTime::now_utc().unix_timestamp();
    /// let signature = wh.sign("msg_1", now, body);
    /// let timestamp = now.to_string();
    /// let headers = [
    ///     ("svix-id", "msg_1"),
    ///     ("svix-timestamp", timestamp.as_str()),
    ///     ("svix-signature", signature.as_str()),
    /// ];
    /// let verified = wh.verify_event(body, &headers)?;
    /// assert_eq!(verified.message_id, "msg_1");
    /// assert!(matches!(verified.event, ClerkEvent::RoleDeleted(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Verify`] when the delivery does not verify (the body is then not parsed at
    /// all), [`Error::Parse`] when it verifies but cannot be parsed.
    pub fn verify_event<H>(&self, body: &[u8], headers: &H) -> Result<VerifiedEvent, Error>
    where
        H: HeaderSource + ?Sized,
    {
        Ok(self.verify(body, headers)?.parse()?)
    }

    /// [`verify_event`](Self::verify_event) against the given time instead of the system clock.
    ///
    /// # Errors
    ///
    /// As for [`verify_event`](Self::verify_event).
    pub fn verify_event_at<H>(
        &self,
        body: &[u8],
        headers: &H,
        now: OffsetDateTime,
    ) -> Result<VerifiedEvent, Error>
    where
        H: HeaderSource + ?Sized,
    {
        Ok(self.verify_at(body, headers, now)?.parse()?)
    }

    fn check_window(&self, timestamp: i64, now: OffsetDateTime) -> Result<(), VerifyError> {
        let Some(tolerance) = self.tolerance else {
            return Ok(());
        };
        let tolerance_secs = tolerance.as_secs();
        let delta = i128::from(timestamp) - i128::from(now.unix_timestamp());
        let distance = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
        if distance <= tolerance_secs {
            Ok(())
        } else if delta < 0 {
            Err(VerifyError::TimestampTooOld {
                age_secs: distance,
                tolerance_secs,
            })
        } else {
            Err(VerifyError::TimestampTooNew {
                ahead_secs: distance,
                tolerance_secs,
            })
        }
    }

    /// The index of the first secret with a matching `v1` entry, if any.
    fn matching_secret(
        &self,
        id: &[u8],
        timestamp: &[u8],
        body: &[u8],
        signatures: &[u8],
    ) -> Option<usize> {
        self.keys.iter().position(|key| {
            let expected = key.mac(id, timestamp, body);
            let mut matched = Choice::from(0);
            for candidate in v1_signatures(signatures) {
                matched |= macs_equal(&candidate, &expected);
            }
            bool::from(matched)
        })
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

/// Looks a header up, trims it, and treats an empty value as absent.
fn header<'a, H: HeaderSource + ?Sized>(headers: &'a H, name: &str) -> Option<&'a [u8]> {
    headers
        .header(name)
        .map(<[u8]>::trim_ascii)
        .filter(|value| !value.is_empty())
}

/// Parses a timestamp header: ASCII digits only, at most `i64::MAX`, with checked arithmetic.
///
/// One pass: every byte must be a digit, and the value accumulates with `checked_mul` /
/// `checked_add`. Overflow is remembered rather than returned at once, so that a value that is
/// both too long and not all digits reports the non-digit. Since `i64::MAX` has 19 digits and
/// any number with 20 significant digits exceeds it, this is exactly the rule "at most 19
/// significant digits and at most `i64::MAX`"; leading zeros carry no magnitude.
fn parse_timestamp(text: &[u8]) -> Result<i64, VerifyError> {
    let mut value = Some(0_i64);
    for &byte in text {
        if !byte.is_ascii_digit() {
            return Err(VerifyError::InvalidTimestamp {
                reason: "expected Unix seconds as ASCII digits only (no sign, fraction or spaces)",
            });
        }
        value = value.and_then(|acc| acc.checked_mul(10)?.checked_add(i64::from(byte - b'0')));
    }
    value.ok_or(VerifyError::InvalidTimestamp {
        reason: "the value is too large",
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_strict_digits_with_checked_overflow() {
        assert_eq!(parse_timestamp(b"1614265330"), Ok(1_614_265_330));
        assert_eq!(parse_timestamp(b"01614265330"), Ok(1_614_265_330));
        assert_eq!(parse_timestamp(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            parse_timestamp(b"0000000000000000000001614265330"),
            Ok(1_614_265_330)
        );
        assert_eq!(parse_timestamp(b"0"), Ok(0));
        for bad in [
            &b"9223372036854775808"[..],
            b"99999999999999999999",
            b"-1",
            b"+1",
            b"1.5",
            b"1e9",
            b"12 3",
            b"123abc",
            b"-9223372036854775808",
        ] {
            assert!(
                matches!(
                    parse_timestamp(bad),
                    Err(VerifyError::InvalidTimestamp { .. })
                ),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn timestamp_errors_say_which_rule_failed() {
        let reason = |text: &[u8]| match parse_timestamp(text) {
            Err(VerifyError::InvalidTimestamp { reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(b"9223372036854775808"), "the value is too large");
        assert_eq!(
            reason(b"00000000000000000000000000099999999999999999999"),
            "the value is too large"
        );
        // A non-digit anywhere wins over an overflow earlier in the text.
        assert!(reason(b"99999999999999999999999x").starts_with("expected Unix seconds"));
    }

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
