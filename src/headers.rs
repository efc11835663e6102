//! The signature headers: their names, and [`HeaderSource`], which reads them from any HTTP
//! framework.
//!
//! Svix sends `svix-id`, `svix-timestamp` and `svix-signature`; the Standard Webhooks
//! specification names the same headers `webhook-id`, `webhook-timestamp` and
//! `webhook-signature`. The verifier reads the `svix-*` set when `svix-id` is present, and the
//! `webhook-*` set otherwise.
//!
//! The names are public constants, for building requests in tests and for CORS or logging
//! allow-lists:
//!
//! ```
//! use clerk_webhooks::headers::{SVIX_ID, SVIX_SIGNATURE, SVIX_TIMESTAMP};
//! use clerk_webhooks::Webhook;
//!
//! let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! let at = clerk_webhooks::time::OffsetDateTime::from_unix_timestamp(1614265330)?;
//! let signature = wh.sign("msg_1", b"{}", at);
//! let headers = [(SVIX_ID, "msg_1"), (SVIX_TIMESTAMP, "1614265330"), (SVIX_SIGNATURE, &signature)];
//! assert!(wh.verify_at(b"{}", &headers, at).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// `svix-id`: the message id, the same on every retry (the idempotency key).
pub const SVIX_ID: &str = "svix-id";
/// `svix-timestamp`: when the delivery attempt was signed, in Unix seconds.
pub const SVIX_TIMESTAMP: &str = "svix-timestamp";
/// `svix-signature`: one or more space-separated `v1,<base64>` signatures.
pub const SVIX_SIGNATURE: &str = "svix-signature";
/// `webhook-id`: the Standard Webhooks name of [`SVIX_ID`].
pub const WEBHOOK_ID: &str = "webhook-id";
/// `webhook-timestamp`: the Standard Webhooks name of [`SVIX_TIMESTAMP`].
pub const WEBHOOK_TIMESTAMP: &str = "webhook-timestamp";
/// `webhook-signature`: the Standard Webhooks name of [`SVIX_SIGNATURE`].
pub const WEBHOOK_SIGNATURE: &str = "webhook-signature";

/// Anything the signature headers can be read from.
///
/// [`Webhook::verify`](crate::Webhook::verify) needs three headers (`svix-id`,
/// `svix-timestamp`, `svix-signature`, or their `webhook-*` twins). This trait is the one
/// thing it asks of a header container, so the crate works with any HTTP framework without
/// depending on it. Implementations are provided for:
///
/// * arrays, slices and `Vec`s of `(name, value)` pairs, where the name is any `AsRef<str>`
///   and the value any `AsRef<[u8]>` (so `(&str, &str)`, `(String, String)`, `(&str, &[u8])`…);
/// * `HashMap` and `BTreeMap` keyed by `String` or `&str`;
/// * `http::HeaderMap` (with the `http` feature), which axum, hyper, reqwest and tonic use;
/// * references to any of these.
///
/// Implement it for your framework's own header type in a few lines:
///
/// ```
/// use clerk_webhooks::HeaderSource;
///
/// struct MyHeaders(Vec<(String, Vec<u8>)>);
///
/// impl HeaderSource for MyHeaders {
///     fn header(&self, name: &str) -> Option<&[u8]> {
///         self.0
///             .iter()
///             .find(|(n, _)| n.eq_ignore_ascii_case(name))
///             .map(|(_, v)| v.as_slice())
///     }
/// }
/// ```
pub trait HeaderSource {
    /// Returns the value of the header called `name`, matching the name **ASCII
    /// case-insensitively**, or `None` when it is absent. When a header occurs more than once,
    /// return the first value.
    ///
    /// `name` is always lower-case ASCII. The value is returned as raw bytes, since HTTP header
    /// values need not be UTF-8; the verifier checks each value itself.
    fn header(&self, name: &str) -> Option<&[u8]>;
}

/// A header as the verifier reads it: surrounding whitespace trimmed, and an empty value
/// treated as absent.
pub(crate) fn present<'h, H: HeaderSource + ?Sized>(
    headers: &'h H,
    name: &str,
) -> Option<&'h [u8]> {
    headers
        .header(name)
        .map(<[u8]>::trim_ascii)
        .filter(|value| !value.is_empty())
}

impl<T: HeaderSource + ?Sized> HeaderSource for &T {
    fn header(&self, name: &str) -> Option<&[u8]> {
        (**self).header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for [(K, V)] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(key, _)| name_matches(key.as_ref(), name))
            .map(|(_, value)| value.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> HeaderSource for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

/// An exact (lower-case) lookup first, then a case-insensitive scan. A map cannot say which of
/// two keys differing only in case came "first", so with such duplicates the exact lower-case
/// key wins.
impl<K, V, S> HeaderSource for HashMap<K, V, S>
where
    K: Borrow<str> + AsRef<str> + Hash + Eq,
    V: AsRef<[u8]>,
    S: BuildHasher,
{
    fn header(&self, name: &str) -> Option<&[u8]> {
        exact_or_scan(self.get(name), self.iter(), name)
    }
}

/// An exact (lower-case) lookup first, then a case-insensitive scan.
impl<K, V> HeaderSource for BTreeMap<K, V>
where
    K: Borrow<str> + AsRef<str> + Ord,
    V: AsRef<[u8]>,
{
    fn header(&self, name: &str) -> Option<&[u8]> {
        exact_or_scan(self.get(name), self.iter(), name)
    }
}

/// Whether a header name read from a request is `name` (always lower-case ASCII), ignoring
/// ASCII case.
///
/// The byte-for-byte comparison first is only a shortcut: HTTP/2 and most HTTP/1 clients send
/// lower-case names, and `memcmp` is several times cheaper than a case-folding loop. Names of a
/// different length are rejected at once by both.
fn name_matches(key: &str, name: &str) -> bool {
    key.len() == name.len() && (key == name || key.eq_ignore_ascii_case(name))
}

/// The map lookup both map impls share: the exact hit if there is one, else the first entry
/// whose key matches case-insensitively.
fn exact_or_scan<'a, K, V>(
    exact: Option<&'a V>,
    mut entries: impl Iterator<Item = (&'a K, &'a V)>,
    name: &str,
) -> Option<&'a [u8]>
where
    K: AsRef<str> + 'a,
    V: AsRef<[u8]> + 'a,
{
    exact
        .or_else(|| {
            entries
                .find(|(key, _)| name_matches(key.as_ref(), name))
                .map(|(_, value)| value)
        })
        .map(AsRef::as_ref)
}

/// The most distinct names an `http::HeaderMap` may hold for [`HeaderSource::header`] to
/// compare names in order rather than look the name up by its hash.
#[cfg(feature = "http")]
const SCAN_LIMIT: usize = 16;

/// Header names in an `http::HeaderMap` are already case-insensitive.
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl HeaderSource for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&[u8]> {
        use http::header::HeaderName;
        // A request carries a dozen headers or so. In a map that small, comparing the names in
        // order costs less than hashing the one asked for (FNV, a dependent multiply per byte),
        // and finds the same value: `iter` yields each name's first value before its others.
        if self.keys_len() <= SCAN_LIMIT {
            return self
                .iter()
                .find(|(key, _)| name_matches(key.as_str(), name))
                .map(|(_, value)| value.as_bytes());
        }
        // `HeaderMap::get(&str)` parses and validates the name on every call; the six names
        // the verifier asks for are parsed once, at compile time.
        static NAMES: [HeaderName; 6] = [
            HeaderName::from_static(SVIX_ID),
            HeaderName::from_static(SVIX_TIMESTAMP),
            HeaderName::from_static(SVIX_SIGNATURE),
            HeaderName::from_static(WEBHOOK_ID),
            HeaderName::from_static(WEBHOOK_TIMESTAMP),
            HeaderName::from_static(WEBHOOK_SIGNATURE),
        ];
        let value = match name {
            SVIX_ID => self.get(&NAMES[0]),
            SVIX_TIMESTAMP => self.get(&NAMES[1]),
            SVIX_SIGNATURE => self.get(&NAMES[2]),
            WEBHOOK_ID => self.get(&NAMES[3]),
            WEBHOOK_TIMESTAMP => self.get(&NAMES[4]),
            WEBHOOK_SIGNATURE => self.get(&NAMES[5]),
            other => self.get(other),
        };
        value.map(http::HeaderValue::as_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_match_case_insensitively_and_return_the_first_value() {
        let headers = [("Svix-Id", "first"), ("svix-id", "second")];
        assert_eq!(headers.header("svix-id"), Some(&b"first"[..]));
        assert_eq!(headers.header("svix-timestamp"), None);
    }

    #[test]
    fn maps_fall_back_to_a_case_insensitive_scan() {
        let mut map = HashMap::new();
        map.insert("SVIX-ID".to_owned(), "x".to_owned());
        assert_eq!(map.header("svix-id"), Some(&b"x"[..]));
        let mut tree = BTreeMap::new();
        tree.insert("Webhook-Id", "y");
        assert_eq!(tree.header("webhook-id"), Some(&b"y"[..]));
    }
}
