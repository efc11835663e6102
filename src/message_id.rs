//! [`MessageId`]: the `svix-id` of a delivery, held inline.

use crate::headers::{self, HeaderSource, SVIX_ID, WEBHOOK_ID};
use crate::verify_error::VerifyError;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

/// The message id of a delivery (`svix-id`, or `webhook-id`): the idempotency key.
///
/// Svix gives every message one id, `msg_` followed by 27 characters, and keeps it on every
/// retry; a different event has a different id. Record it in the same transaction as the
/// delivery's effects, and skip a delivery whose id you have already seen.
///
/// It is held inline, not on the heap, so verifying a delivery allocates nothing and the
/// [`Verified`](crate::Verified) result does not borrow the request's headers. An id is
/// therefore bounded: at most [`MessageId::MAX_LEN`] bytes (more than twice a Svix id), and a
/// longer one is rejected with [`VerifyError::InvalidHeader`]. It must also be non-empty UTF-8
/// without a `.`, which the signature scheme forbids (the signed content is
/// `id.timestamp.body`).
///
/// It dereferences to `str` and compares equal to strings:
///
/// ```
/// use clerk_webhooks::MessageId;
///
/// let id = MessageId::new("msg_p5jXN8AQM9LWM0D4loKWxJek")?;
/// assert_eq!(id, "msg_p5jXN8AQM9LWM0D4loKWxJek");
/// assert!(id.starts_with("msg_"));
/// assert_eq!(id.to_string(), "msg_p5jXN8AQM9LWM0D4loKWxJek");
///
/// // A `HashSet<MessageId>` can be queried with a `&str`.
/// let seen: std::collections::HashSet<MessageId> = [id].into();
/// assert!(seen.contains("msg_p5jXN8AQM9LWM0D4loKWxJek"));
///
/// assert!(MessageId::new("msg.1").is_err());
/// assert!(MessageId::new(&"x".repeat(MessageId::MAX_LEN + 1)).is_err());
/// # Ok::<(), clerk_webhooks::VerifyError>(())
/// ```
///
/// It serializes as a plain JSON string.
#[derive(Clone, Copy)]
pub struct MessageId {
    len: u8,
    bytes: [u8; MessageId::MAX_LEN],
}

impl MessageId {
    /// The longest id accepted, in bytes: 64. A Svix id is 31.
    pub const MAX_LEN: usize = 64;

    /// Checks and stores a message id.
    ///
    /// # Errors
    ///
    /// [`VerifyError::InvalidHeader`] (naming `svix-id`) when the id is empty, longer than
    /// [`MAX_LEN`](Self::MAX_LEN) bytes, or contains `.`.
    pub fn new(id: &str) -> Result<Self, VerifyError> {
        Self::from_header(id.as_bytes(), SVIX_ID)
    }

    /// The message id in a request's headers, read as [`Webhook::verify`](crate::Webhook::verify)
    /// reads it (`svix-id`, or `webhook-id` when there is no `svix-id`; trimmed; an empty
    /// value counts as absent), or `None` when there is none or it is not a valid id.
    ///
    /// For logs and metrics about a request that failed verification, or before verifying.
    /// It proves nothing: until the signature holds, anyone can have chosen it. A verified
    /// delivery's id is [`Verified::message_id`](crate::Verified::message_id).
    ///
    /// ```
    /// use clerk_webhooks::MessageId;
    ///
    /// let headers = [("Webhook-Id", " msg_2 "), ("svix-timestamp", "1716883200")];
    /// assert_eq!(MessageId::from_headers(&headers).unwrap(), "msg_2");
    /// assert_eq!(MessageId::from_headers(&[("svix-id", "msg.1")]), None);
    /// ```
    pub fn from_headers<H: HeaderSource + ?Sized>(headers: &H) -> Option<Self> {
        let (id, name) = match headers::present(headers, SVIX_ID) {
            Some(id) => (id, SVIX_ID),
            None => (headers::present(headers, WEBHOOK_ID)?, WEBHOOK_ID),
        };
        Self::from_header(id, name).ok()
    }

    /// Checks an id header value (already trimmed and non-empty) and stores it; errors name
    /// `header`.
    pub(crate) fn from_header(id: &[u8], header: &'static str) -> Result<Self, VerifyError> {
        let invalid = |reason| VerifyError::InvalidHeader {
            name: header,
            reason,
        };
        if id.is_empty() {
            return Err(invalid("the message id is empty"));
        }
        if id.len() > Self::MAX_LEN {
            return Err(invalid("the message id is longer than 64 bytes"));
        }
        if std::str::from_utf8(id).is_err() {
            return Err(invalid("the message id is not valid UTF-8"));
        }
        if id.contains(&b'.') {
            // A `.` would make the split between id, timestamp and body ambiguous; the
            // Standard Webhooks specification forbids it.
            return Err(invalid(
                "the message id contains `.`, which the signature scheme forbids",
            ));
        }
        let mut bytes = [0_u8; Self::MAX_LEN];
        bytes[..id.len()].copy_from_slice(id);
        Ok(Self {
            // In range: at most MAX_LEN (64).
            len: id.len() as u8,
            bytes,
        })
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        // Only valid UTF-8 is ever stored (checked in `from_header`); the fallback is never
        // taken, and keeps this free of `unsafe` and panics.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl Deref for MessageId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for MessageId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for MessageId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for MessageId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for MessageId {}

impl PartialOrd for MessageId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MessageId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// Hashes as the `str` does, so that `Borrow<str>` lookups work.
impl Hash for MessageId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for MessageId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for MessageId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for MessageId {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<MessageId> for str {
    fn eq(&self, other: &MessageId) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<MessageId> for &str {
    fn eq(&self, other: &MessageId) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Debug for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MessageId {
    type Err = VerifyError;

    fn from_str(id: &str) -> Result<Self, VerifyError> {
        Self::new(id)
    }
}

impl TryFrom<&str> for MessageId {
    type Error = VerifyError;

    fn try_from(id: &str) -> Result<Self, VerifyError> {
        Self::new(id)
    }
}

impl From<MessageId> for String {
    fn from(id: MessageId) -> Self {
        id.as_str().to_owned()
    }
}

impl serde::Serialize for MessageId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for MessageId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = MessageId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a webhook message id of at most 64 bytes, without `.`")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<MessageId, E> {
                MessageId::new(id).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_headers_reads_the_id_as_verify_does() {
        let id =
            |headers: &[(&str, &str)]| MessageId::from_headers(headers).map(|id| id.to_string());
        assert_eq!(
            id(&[("svix-id", "msg_1"), ("webhook-id", "msg_2")]),
            Some("msg_1".into())
        );
        assert_eq!(
            id(&[("webhook-id", "msg_2"), ("svix-id", "msg_1")]),
            Some("msg_1".into())
        );
        assert_eq!(id(&[("WEBHOOK-ID", "\tmsg_2 ")]), Some("msg_2".into()));
        // An empty `svix-id` is absent, as for `verify`; an invalid one is not replaced.
        assert_eq!(
            id(&[("svix-id", "  "), ("webhook-id", "msg_2")]),
            Some("msg_2".into())
        );
        assert_eq!(id(&[("svix-id", "msg.1"), ("webhook-id", "msg_2")]), None);
        assert_eq!(id(&[("svix-id", &"x".repeat(65))]), None);
        assert_eq!(id(&[("svix-timestamp", "1")]), None);
        assert_eq!(id(&[]), None);
    }
    #[test]
    fn bounds_are_checked() {
        let longest = "m".repeat(MessageId::MAX_LEN);
        assert_eq!(MessageId::new(&longest).unwrap(), longest.as_str());
        for bad in ["", "a.b", &"m".repeat(MessageId::MAX_LEN + 1)] {
            assert!(
                matches!(
                    MessageId::new(bad),
                    Err(VerifyError::InvalidHeader {
                        name: "svix-id",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
        let err = MessageId::from_header(b"\xff", "webhook-id").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid webhook header `webhook-id`: the message id is not valid UTF-8"
        );
    }

    #[test]
    fn every_bad_byte_is_rejected_with_its_reason() {
        let reason = |id: &[u8]| match MessageId::from_header(id, "svix-id") {
            Ok(id) => Ok(id.to_string()),
            Err(VerifyError::InvalidHeader { reason, .. }) => Err(reason),
            Err(other) => panic!("{other:?}"),
        };
        let not_utf8 = Err("the message id is not valid UTF-8");
        let dot = Err("the message id contains `.`, which the signature scheme forbids");
        assert_eq!(reason(b"msg_2fQ\x7f~"), Ok("msg_2fQ\u{7f}~".to_owned()));
        assert_eq!(reason("msg_é".as_bytes()), Ok("msg_é".to_owned()));
        // Two bytes with the high bit set, and a `.` with one: no pair may cancel out.
        assert_eq!(reason(b"\xff\xff"), not_utf8);
        assert_eq!(reason(b"ab\x80\x80"), not_utf8);
        assert_eq!(reason(b"a\xffcd\xff"), not_utf8);
        assert_eq!(reason(b"."), dot);
        assert_eq!(reason(b"msg..1"), dot);
        assert_eq!(reason("msg_é.1".as_bytes()), dot);
        assert_eq!(reason(&[b'.'; 64]), dot);
        assert_eq!(reason(&[0x80; 64]), not_utf8);
    }

    #[test]
    fn equality_ordering_and_hash_follow_the_string() {
        use std::collections::hash_map::DefaultHasher;
        let a = MessageId::new("msg_a").unwrap();
        let b = MessageId::new("msg_b").unwrap();
        assert!(a < b && a != b && a == MessageId::new("msg_a").unwrap());
        let hash = |value: &dyn Fn(&mut DefaultHasher)| {
            let mut hasher = DefaultHasher::new();
            value(&mut hasher);
            hasher.finish()
        };
        assert_eq!(hash(&|h| a.hash(h)), hash(&|h| "msg_a".hash(h)));
        assert_eq!(format!("{a:?}"), "\"msg_a\"");
        assert_eq!(&*a, "msg_a");
        assert_eq!(AsRef::<str>::as_ref(&a), "msg_a");
        assert_eq!(a.len(), 5);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"msg_a\"");
        assert_eq!(serde_json::from_str::<MessageId>("\"msg_a\"").unwrap(), a);
        assert!(serde_json::from_str::<MessageId>("\"a.b\"").is_err());
        let not_text = serde_json::from_str::<MessageId>("42").unwrap_err();
        assert_eq!(
            not_text.to_string(),
            "invalid type: integer `42`, expected a webhook message id of at most 64 bytes, \
             without `.` at line 1 column 2"
        );
    }
}
