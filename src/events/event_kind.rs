//! [`EventKind`]: which event a delivery carries, as a plain `Copy` value.

use std::fmt;

macro_rules! event_kinds {
    ( $( $(#[$doc:meta])* $variant:ident($payload:ty) => $wire:literal, )+ ) => {
        /// The kind of a [`ClerkEvent`](super::ClerkEvent), without its payload: one unit variant
        /// per event type this crate knows, and [`Unknown`](Self::Unknown).
        ///
        /// Use it to route, count and log events without matching on strings or listing the
        /// variants of a resource one by one. [`ClerkEvent::kind`](super::ClerkEvent::kind) gives
        /// it; `From<&str>` reads a wire type string.
        ///
        /// ```
        /// use clerk_webhooks::EventKind;
        ///
        /// assert_eq!(EventKind::from("user.created"), EventKind::UserCreated);
        /// assert_eq!(EventKind::UserCreated.as_str(), "user.created");
        /// assert_eq!(EventKind::UserCreated.to_string(), "user.created");
        /// assert_eq!(EventKind::from("brand.new"), EventKind::Unknown);
        /// assert_eq!(EventKind::ALL.len(), 51);
        /// assert!(EventKind::ALL.iter().all(|kind| EventKind::from(kind.as_str()) == *kind));
        /// ```
        ///
        /// The order (`Ord`) is the declaration order, which groups kinds by resource; it is
        /// stable within a release but not a wire format.
        ///
        /// **Forward compatibility.** [The open-enum rule](crate#stability) holds: compare
        /// [`ClerkEvent::event_type`](super::ClerkEvent::event_type) with the wire string to
        /// see a type this version does not know.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum EventKind {
            $(
                #[doc = concat!("`", $wire, "`.")]
                $variant,
            )+
            /// An event type this version of the crate does not know.
            Unknown,
        }

        impl EventKind {
            /// Every kind this version of the crate knows, [`Unknown`](Self::Unknown) excluded,
            /// in declaration order.
            pub const ALL: [EventKind; 51] = [ $( Self::$variant, )+ ];

            /// The wire type string, for example `"user.created"`; `"unknown"` for
            /// [`Unknown`](Self::Unknown), which stands for any type string this version does
            /// not know (use [`ClerkEvent::event_type`](super::ClerkEvent::event_type) for that
            /// string).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown => "unknown",
                }
            }

            /// `true` for [`Unknown`](Self::Unknown).
            pub fn is_unknown(self) -> bool {
                self == Self::Unknown
            }

            /// The name of the payload type in [`crate::events`] that this kind's
            /// [`ClerkEvent`](super::ClerkEvent) variant carries, for tools and logs:
            /// `"User"` for [`UserCreated`](Self::UserCreated), `"DeletedObject"` for
            /// [`UserDeleted`](Self::UserDeleted), `"UnknownEvent"` for
            /// [`Unknown`](Self::Unknown).
            ///
            /// ```
            /// use clerk_webhooks::EventKind;
            ///
            /// assert_eq!(EventKind::SessionRevoked.payload_type(), "Session");
            /// assert_eq!(EventKind::from("organization.deleted").payload_type(), "DeletedObject");
            /// ```
            pub fn payload_type(self) -> &'static str {
                match self {
                    $( Self::$variant => stringify!($payload), )+
                    Self::Unknown => "UnknownEvent",
                }
            }
        }

        /// Reads a wire type string; any string this version does not know (including
        /// `"unknown"`) gives [`EventKind::Unknown`]. Matching is exact, as Clerk's types are.
        impl From<&str> for EventKind {
            fn from(event_type: &str) -> Self {
                match event_type {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown,
                }
            }
        }
    };
}

with_events!(event_kinds);

/// Writes [`EventKind::as_str`].
impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl EventKind {
    /// The kind of a webhook body, read from its `type` with a skipping scan that builds
    /// nothing but the type string: [`Unknown`](Self::Unknown) when the type is one this
    /// version does not know, or when the body is not a JSON object with a string `type`.
    pub(crate) fn of_body(body: &[u8]) -> Self {
        /// The envelope with every field but `type` skipped unread.
        #[derive(serde::Deserialize)]
        struct TypeOnly<'a> {
            #[serde(rename = "type", borrow)]
            event_type: Option<std::borrow::Cow<'a, str>>,
        }
        match serde_json::from_slice::<TypeOnly<'_>>(body) {
            Ok(TypeOnly {
                event_type: Some(event_type),
            }) => Self::from(&*event_type),
            _ => Self::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_a_body_is_read_without_a_typed_parse() {
        let cases: &[(&[u8], EventKind)] = &[
            (
                br#"{"type":"user.created","data":{"id":7}}"#,
                EventKind::UserCreated,
            ),
            (
                br#"{"data":{"id":"x","first_name":[]},"type":"user.updated"}"#,
                EventKind::UserUpdated,
            ),
            (
                br#"{"type":"session\u002eended","data":{}}"#,
                EventKind::SessionEnded,
            ),
            (br#"{"type":"brand.new","data":{}}"#, EventKind::Unknown),
            (br#"{"type":7}"#, EventKind::Unknown),
            (br#"{"data":{}}"#, EventKind::Unknown),
            (
                br#"{"type":"user.created","type":"user.deleted"}"#,
                EventKind::Unknown,
            ),
            (b"[1]", EventKind::Unknown),
            (b"", EventKind::Unknown),
            (b"{\"type\":\"user.created\"", EventKind::Unknown),
        ];
        for (body, kind) in cases {
            assert_eq!(
                EventKind::of_body(body),
                *kind,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
