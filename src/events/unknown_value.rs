//! [`UnknownValue`]: the string of an open-enum value this version of the crate does not know.

use std::fmt;

/// The wire string of an open-enum value that has no variant of its own in this version of
/// the crate, as held by the `Unknown` variant of every enum-like type (for example
/// [`SessionStatus::Unknown`](super::SessionStatus::Unknown)).
///
/// Its field is private, in the manner of `http::Method`'s extension methods: the only way to
/// get one is to parse a string through the enum (`From<&str>`, `From<String>`, `FromStr` or
/// `Deserialize`), which maps every known string to its own variant. So an `Unknown` never
/// holds a known value, and equality follows the wire string.
///
/// Match on the enum's `as_str()` rather than on the payload of `Unknown`, by
/// [the open-enum rule](crate#stability):
///
/// ```
/// use clerk_webhooks::events::SessionStatus;
///
/// let status = SessionStatus::from("quarantined");
/// assert!(status.is_unknown());
/// if let SessionStatus::Unknown(value) = &status {
///     assert_eq!(value.as_str(), "quarantined");
///     assert_eq!(value.to_string(), "quarantined");
/// }
/// // Robust to "quarantined" becoming a variant later:
/// let label = match status.as_str() {
///     "quarantined" => "held",
///     _ => "other",
/// };
/// assert_eq!(label, "held");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a string that the caller has checked is not a known value of its enum.
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The wire string, exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name under which an [`UnknownValue`] serializes as a newtype struct. JSON, like most
/// formats, writes a newtype struct as its content, so the value is written as the plain
/// string; the drift report's serializer recognises the name and so finds every unknown value
/// without a side channel.
pub(crate) const UNKNOWN_VALUE_TOKEN: &str = "$clerk_webhooks::UnknownValue";

/// Writes the wire string unchanged (as a newtype struct, which JSON writes as its content).
impl serde::Serialize for UnknownValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(UNKNOWN_VALUE_TOKEN, &self.0)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
