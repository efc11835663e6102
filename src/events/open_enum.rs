//! The `open_enum!` macro: string enums that never fail to parse.
//!
//! Clerk adds enum values over time (a new session status, a new billing state, a new
//! verification strategy). A closed Rust enum would turn every such addition into a failed
//! delivery, so every enum-like string in this crate is *open*: the values known today get their
//! own variant, and any other string is kept, unchanged, in `Unknown(String)`. Serializing an
//! `Unknown` value writes the original string back.

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
/// The generated enum is `#[non_exhaustive]` and derives `Clone`, `Debug`, `PartialEq`, `Eq`,
/// `Hash`. It implements `Serialize`, `Deserialize`, `Display`, `FromStr` (infallible),
/// `From<&str>`, `From<String>` and `as_str()`. `Default` is `Unknown("")`, so that a missing or
/// `null` value never fails a delivery.
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
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this version of the crate does not know. The string is kept unchanged
            /// and is written back as-is when serialized.
            Unknown(::std::string::String),
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
                Self::Unknown(::std::string::String::new())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $( $value => Self::$variant, )+
                    _ => Self::Unknown(value),
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
                serializer.serialize_str(self.as_str())
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
