//! The `open_enum!` macro: string enums that never fail to parse.
//!
//! Clerk adds enum values over time (a new session status, a new billing state, a new
//! verification strategy). A closed Rust enum would turn every such addition into a failed
//! delivery, so every enum-like string in this crate is *open*: the values known today get their
//! own variant, and any other string is kept, unchanged, in `Unknown(UnknownValue)`.
//! Serializing an `Unknown` value writes the original string back.
//!
//! [`UnknownValue`](super::UnknownValue) has a private field, so an `Unknown` can only come
//! from parsing a string through its enum, which maps every known string to its variant.
//! Equality and hashing compare the wire strings (`as_str()`), so they agree with the JSON
//! whatever the value.

/// Declares an open string enum.
///
/// ```text
/// open_enum! {
///     /// The status of a session.
///     pub enum SessionStatus {
///         /// The session is active.
///         Active => "active",
///     }
/// }
/// ```
///
/// The generated enum is `#[non_exhaustive]` and derives `Clone` and `Debug`. It implements
/// `PartialEq`, `Eq` and `Hash` on the wire string, `Serialize`, `Deserialize`, `Display`,
/// `FromStr` (infallible), `From<&str>`, `From<String>`, `AsRef<str>` and `as_str()`. `Default`
/// is the unknown empty string, so that a missing or `null` value never fails a delivery.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// # Forward compatibility
        ///
        /// This is an *open* enum: a string this version of the crate does not know parses as
        #[doc = concat!("[`", stringify!($name), "::Unknown`], never as an error, and serializes")]
        /// back unchanged. Match on [`as_str`](Self::as_str) to see such a value: see
        /// [the open-enum rule](crate#stability).
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this version of the crate does not know. The string is kept unchanged
            /// and is written back as-is when serialized.
            ///
            /// Only parsing creates this variant, and never for a known string; see
            /// [the open-enum rule](crate#stability).
            Unknown($crate::events::UnknownValue),
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl $name {
            /// The wire string for this value, exactly as Clerk sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Unknown(other) => other.as_str(),
                }
            }

            /// `true` when the value is not one this version of the crate knows.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::default::Default for $name {
            fn default() -> Self {
                Self::Unknown($crate::events::UnknownValue::new(::std::string::String::new()))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )+
                    other => Self::Unknown($crate::events::UnknownValue::new(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $( $value => Self::$variant, )+
                    _ => Self::Unknown($crate::events::UnknownValue::new(value)),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    Self::Unknown(other) => ::serde::Serialize::serialize(other, serializer),
                    known => serializer.serialize_str(known.as_str()),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<$name, E> {
                        Ok($name::from(value))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<$name, E> {
                        Ok($name::from(value))
                    }
                    fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<$name, E> {
                        Ok($name::default())
                    }
                    fn visit_none<E: ::serde::de::Error>(self) -> ::std::result::Result<$name, E> {
                        Ok($name::default())
                    }
                    fn visit_some<D: ::serde::Deserializer<'de>>(self, d: D) -> ::std::result::Result<$name, D::Error> {
                        d.deserialize_any(self)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

pub(crate) use open_enum;
