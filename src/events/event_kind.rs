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
        /// **Forward compatibility.** A type that is [`Unknown`](Self::Unknown) today may get its
        /// own variant in a later release (the enum is `#[non_exhaustive]` for that reason), so
        /// code that must see a type this version does not know should compare
        /// [`ClerkEvent::event_type`](super::ClerkEvent::event_type) with the wire string rather
        /// than rely on it being `Unknown`.
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
