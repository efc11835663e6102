//! The typed event as a [`serde_json::Value`] in which every open-enum value that fell to
//! `Unknown` is marked, so that the drift report can tell it from a known value or a free
//! string.
//!
//! [`UnknownValue`](crate::events::UnknownValue) serializes as a newtype struct named
//! [`UNKNOWN_VALUE_TOKEN`]. `serde_json`'s own serializers write a newtype struct as its
//! content; this one writes that one name with [`UNKNOWN_MARK`] in front, and delegates
//! everything else to `serde_json::value::Serializer`, so the rendering is otherwise exactly
//! `serde_json::to_value`'s.

use serde::ser::{self, Impossible, Serialize};
use serde_json::value::Serializer as ValueSerializer;
use serde_json::{Error, Map, Value};

use crate::events::UNKNOWN_VALUE_TOKEN;

/// Precedes an unknown value. It starts with a NUL, which no JSON string from the body can
/// hold unescaped, and the value it marks never leaves the drift report.
pub(super) const UNKNOWN_MARK: &str = "\u{0}clerk-webhooks:unknown\u{0}";

/// `serde_json::to_value`, with unknown open-enum values marked.
pub(super) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value.serialize(Marking)
}

/// The marking serializer.
struct Marking;

/// A sequence, tuple or tuple struct being collected (with its variant name for a tuple
/// variant).
struct Seq(Vec<Value>, Option<&'static str>);

/// A map, struct or struct variant being collected (with its variant name for a struct
/// variant), and the key waiting for its value.
struct Object(Map<String, Value>, Option<&'static str>, Option<String>);

/// Wraps a variant's content as `{"variant": content}`, as serde_json does.
fn variant(name: &'static str, content: Value) -> Value {
    Value::Object(Map::from_iter([(name.to_owned(), content)]))
}

macro_rules! delegate {
    ($($method:ident($($arg:ident: $ty:ty),*);)+) => {
        $(
            fn $method(self, $($arg: $ty),*) -> Result<Value, Error> {
                ValueSerializer.$method($($arg),*)
            }
        )+
    };
}

impl ser::Serializer for Marking {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Object;

    delegate! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        match value.serialize(self)? {
            Value::String(unknown) if name == UNKNOWN_VALUE_TOKEN && !unknown.is_empty() => {
                Ok(Value::String(format!("{UNKNOWN_MARK}{unknown}")))
            }
            content => Ok(content),
        }
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(variant(name, value.serialize(self)?))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0)), None))
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        len: usize,
    ) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len), Some(name)))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Object, Error> {
        Ok(Object(Map::new(), None, None))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object, Error> {
        Ok(Object(Map::new(), None, None))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        _len: usize,
    ) -> Result<Object, Error> {
        Ok(Object(Map::new(), Some(name), None))
    }
}

impl Seq {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(Marking)?);
        Ok(())
    }

    fn finish(self) -> Value {
        match self.1 {
            Some(name) => variant(name, Value::Array(self.0)),
            None => Value::Array(self.0),
        }
    }
}

macro_rules! seq_impls {
    ($($trait:ident::$method:ident),+) => {
        $(
            impl ser::$trait for Seq {
                type Ok = Value;
                type Error = Error;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    self.push(value)
                }

                fn end(self) -> Result<Value, Error> {
                    Ok(self.finish())
                }
            }
        )+
    };
}

seq_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl Object {
    fn finish(self) -> Value {
        match self.1 {
            Some(name) => variant(name, Value::Object(self.0)),
            None => Value::Object(self.0),
        }
    }
}

impl ser::SerializeMap for Object {
    type Ok = Value;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.2 = Some(key.serialize(MapKey)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.2.take().ok_or_else(|| {
            <Error as ser::Error>::custom("a map value was serialized before its key")
        })?;
        self.0.insert(key, value.serialize(Marking)?);
        Ok(())
    }

    fn end(self) -> Result<Value, Error> {
        Ok(self.finish())
    }
}

macro_rules! struct_impls {
    ($($trait:ident),+) => {
        $(
            impl ser::$trait for Object {
                type Ok = Value;
                type Error = Error;

                fn serialize_field<T: Serialize + ?Sized>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), Error> {
                    self.0.insert(key.to_owned(), value.serialize(Marking)?);
                    Ok(())
                }

                fn end(self) -> Result<Value, Error> {
                    Ok(self.finish())
                }
            }
        )+
    };
}

struct_impls!(SerializeStruct, SerializeStructVariant);

/// A map key: a string, as in JSON. The crate's maps are keyed by strings; anything else is
/// an error rather than a guess.
struct MapKey;

fn key_must_be_a_string() -> Error {
    <Error as ser::Error>::custom("a map key must be a string")
}

macro_rules! refuse {
    ($($method:ident($($ty:ty),*) -> $ok:ty;)+) => {
        $(
            fn $method(self, $(_: $ty),*) -> Result<$ok, Error> {
                Err(key_must_be_a_string())
            }
        )+
    };
}

impl ser::Serializer for MapKey {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }

    refuse! {
        serialize_bool(bool) -> String;
        serialize_i8(i8) -> String;
        serialize_i16(i16) -> String;
        serialize_i32(i32) -> String;
        serialize_i64(i64) -> String;
        serialize_u8(u8) -> String;
        serialize_u16(u16) -> String;
        serialize_u32(u32) -> String;
        serialize_u64(u64) -> String;
        serialize_f32(f32) -> String;
        serialize_f64(f64) -> String;
        serialize_char(char) -> String;
        serialize_bytes(&[u8]) -> String;
        serialize_none() -> String;
        serialize_unit() -> String;
        serialize_unit_struct(&'static str) -> String;
        serialize_unit_variant(&'static str, u32, &'static str) -> String;
        serialize_seq(Option<usize>) -> Impossible<String, Error>;
        serialize_tuple(usize) -> Impossible<String, Error>;
        serialize_tuple_struct(&'static str, usize) -> Impossible<String, Error>;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<String, Error>;
        serialize_map(Option<usize>) -> Impossible<String, Error>;
        serialize_struct(&'static str, usize) -> Impossible<String, Error>;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<String, Error>;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Session, SessionStatus};

    #[test]
    fn renders_as_serde_json_does_but_marks_unknown_values() {
        let mut session = Session::new("sess_1");
        session.status = SessionStatus::from("paused");
        let plain = serde_json::to_value(&session).unwrap();
        assert_eq!(plain["status"], "paused");
        let marked = to_value(&session).unwrap();
        assert_eq!(marked["status"], format!("{UNKNOWN_MARK}paused"));
        // Known values and everything else are exactly serde_json's rendering.
        session.status = SessionStatus::from("active");
        assert_eq!(
            to_value(&session).unwrap(),
            serde_json::to_value(&session).unwrap()
        );
        // The empty unknown value (a missing status) is not drift.
        session.status = SessionStatus::default();
        assert_eq!(to_value(&session).unwrap()["status"], "");
    }

    #[test]
    fn every_serde_shape_matches_serde_json() {
        #[derive(serde::Serialize)]
        enum Shapes {
            Unit,
            Newtype(u8),
            Tuple(u8, bool),
            Struct { a: Option<i64>, b: Vec<char> },
        }
        #[derive(serde::Serialize)]
        struct TupleStruct(u8, f64);
        #[derive(serde::Serialize)]
        struct UnitStruct;
        let values = (
            [Shapes::Unit, Shapes::Newtype(1), Shapes::Tuple(2, true)],
            Shapes::Struct {
                a: Some(-3),
                b: vec!['x'],
            },
            TupleStruct(4, 0.5),
            UnitStruct,
            (
                u128::from(u64::MAX),
                i128::from(i64::MIN),
                1_u16,
                2_u32,
                3_i8,
                4_i16,
                5_i32,
                1.5_f32,
            ),
            std::collections::BTreeMap::from([("k", ())]),
            serde_json::json!({"nested": [null, {"x": "y"}]}),
            serde_bytes_like(),
        );
        assert_eq!(
            to_value(&values).unwrap(),
            serde_json::to_value(&values).unwrap()
        );
    }

    fn serde_bytes_like() -> &'static [u8] {
        b"ab"
    }

    #[test]
    fn a_map_key_must_be_a_string() {
        let by_number = std::collections::BTreeMap::from([(1, 2)]);
        assert!(to_value(&by_number).is_err());
        let by_newtype_string =
            std::collections::HashMap::from([(crate::events::SessionStatus::from("x"), 1)]);
        assert_eq!(
            to_value(&by_newtype_string).unwrap(),
            serde_json::json!({"x": 1})
        );
    }
}
