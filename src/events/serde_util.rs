//! Small serde helpers shared by the payload types.
//!
//! The payload conventions (see [`crate::events`]) say that every non-identifier field defaults
//! when it is absent, and that `null` counts as absent. `#[serde(default)]` handles absence;
//! the helpers here handle `null` and the other tolerance rules:
//!
//! * [`null_default`]: `null` becomes `T::default()`, for field types that are not `Option`.
//! * [`skip_nulls`] / [`skip_nulls_opt`]: lists whose `null` elements are skipped.
//! * [`nested`], [`nested_opt`] and [`skip_nulls_nested`]: a payload type that is also an
//!   event's `data` (and so requires its `id` there) read in a nested position, where a
//!   missing or `null` `id` becomes `""` like every other nested identifier.

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Deserializes `T`, mapping JSON `null` to `T::default()`.
///
/// Use as `#[serde(default, deserialize_with = "null_default")]` on every non-`Option` field
/// that is not an identifier (strings, booleans, counts, maps, open enums, nested structs
/// whose `id` is not required).
pub(crate) fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Deserializes a list, skipping `null` elements; a `null` list is empty.
///
/// Use as `#[serde(default, deserialize_with = "skip_nulls")]` on every `Vec` field.
/// Skipping (rather than defaulting) a `null` element is the one rule for lists of structs and
/// lists of strings alike: a `null` carries no data, so nothing is lost, and the list still
/// serializes as a list of values.
pub(crate) fn skip_nulls<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(skip_nulls_opt(deserializer)?.unwrap_or_default())
}

/// Like [`skip_nulls`], for an `Option<Vec<T>>` field: a `null` list is `None`, a list is
/// `Some` of its non-`null` elements.
pub(crate) fn skip_nulls_opt<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<NonNullList<T>>::deserialize(deserializer)?.map(|list| list.0))
}

/// Like [`skip_nulls`], for a list of a payload type that requires its `id` when it is an
/// event's `data`: each element is read with [`nested`]'s rule (a missing or `null` `id` is
/// `""`).
pub(crate) fn skip_nulls_nested<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let list = Option::<NonNullList<Nested<T>>>::deserialize(deserializer)?;
    Ok(list
        .map(|list| list.0.into_iter().map(|item| item.0).collect())
        .unwrap_or_default())
}

/// Reads a payload type in a nested position: its `id` may be missing or `null` (it becomes
/// `""`), and a `null` value becomes `T::default()`.
///
/// Use as `#[serde(default, deserialize_with = "nested")]`.
pub(crate) fn nested<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(nested_opt(deserializer)?.unwrap_or_default())
}

/// Like [`nested`], for an `Option` field: a `null` value is `None`.
///
/// Use as `#[serde(default, deserialize_with = "nested_opt")]`. `T` may be a `Box`.
pub(crate) fn nested_opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Nested<T>>::deserialize(deserializer)?.map(|nested| nested.0))
}

/// A JSON list read without its `null` elements.
struct NonNullList<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NonNullList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = NonNullList<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Bounded, as serde's own `Vec` impl is: a hint is not a promise.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element::<Option<T>>()? {
                    out.extend(item);
                }
                Ok(NonNullList(out))
            }
        }

        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }
}

/// `T` read through [`DefaultId`], so that a missing or `null` `id` key reads as `""`.
struct Nested<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nested<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(DefaultId(deserializer)).map(Nested)
    }
}

/// A deserializer that presents every JSON object it reads with an `id` key holding a string:
/// a `null` `id` is read as `""`, and a missing one is supplied as `""` after the object's
/// own keys. Everything else passes through unchanged.
///
/// This lets one derived `Deserialize` serve a payload type both as an event's `data` (where
/// `id` stays required) and nested in another payload (where it defaults), without a second
/// copy of the struct or a detour through `serde_json::Value`.
struct DefaultId<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for DefaultId<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(DefaultIdVisitor(visitor))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(DefaultIdVisitor(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_struct(name, fields, DefaultIdVisitor(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct enum identifier
        ignored_any
    }
}

/// Wraps the visitor of a struct so that its map gets the `id` rule of [`DefaultId`].
struct DefaultIdVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for DefaultIdVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(DefaultIdMap {
            map,
            state: IdState::NotSeen,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IdState {
    /// No `id` key yet.
    NotSeen,
    /// The key just returned was the object's own `id`; its value is next.
    ValueNext,
    /// The object had no `id`; one was supplied and its value (`""`) is next.
    SuppliedValueNext,
    /// Done with `id`.
    Done,
}

struct DefaultIdMap<A> {
    map: A,
    state: IdState,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for DefaultIdMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.map.next_key::<Key<'de>>()? {
            Some(Key(key)) => {
                if key == "id" {
                    self.state = IdState::ValueNext;
                }
                let value = match key {
                    Cow::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::new(key)),
                    Cow::Owned(key) => seed.deserialize(StringDeserializer::new(key)),
                };
                value.map(Some)
            }
            None if self.state == IdState::NotSeen => {
                self.state = IdState::SuppliedValueNext;
                seed.deserialize(StrDeserializer::new("id")).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.state {
            IdState::ValueNext => {
                self.state = IdState::Done;
                let id = self.map.next_value::<Option<String>>()?.unwrap_or_default();
                seed.deserialize(StringDeserializer::new(id))
            }
            IdState::SuppliedValueNext => {
                self.state = IdState::Done;
                seed.deserialize(StrDeserializer::new(""))
            }
            IdState::NotSeen | IdState::Done => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
    struct Strict {
        id: String,
        #[serde(default, deserialize_with = "null_default")]
        name: String,
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "nested")]
        one: Strict,
        #[serde(default, deserialize_with = "nested_opt")]
        maybe: Option<Box<Strict>>,
        #[serde(default, deserialize_with = "skip_nulls_nested")]
        many: Vec<Strict>,
        #[serde(default, deserialize_with = "skip_nulls")]
        names: Vec<String>,
        #[serde(default, deserialize_with = "skip_nulls_opt")]
        codes: Option<Vec<String>>,
    }

    #[test]
    fn the_struct_itself_still_requires_id() {
        assert!(serde_json::from_str::<Strict>(r#"{"name":"a"}"#).is_err());
        assert!(serde_json::from_str::<Strict>(r#"{"id":null}"#).is_err());
    }

    #[test]
    fn nested_ids_default_when_missing_or_null() {
        let h: Holder = serde_json::from_str(
            r#"{"one":{"name":"a"},"maybe":{"id":null,"name":"b"},
                "many":[null,{"name":"c"},{"id":"x"},null]}"#,
        )
        .unwrap();
        assert_eq!(
            h.one,
            Strict {
                id: String::new(),
                name: "a".into()
            }
        );
        assert_eq!(h.maybe.unwrap().name, "b");
        assert_eq!(h.many.len(), 2);
        assert_eq!(h.many[0].id, "");
        assert_eq!(h.many[1].id, "x");
    }

    #[test]
    fn nested_keeps_a_present_id_and_rejects_a_wrong_type() {
        let h: Holder = serde_json::from_str(r#"{"one":{"name":"a","id":"s_1"}}"#).unwrap();
        assert_eq!(h.one.id, "s_1");
        assert!(serde_json::from_str::<Holder>(r#"{"one":{"id":5}}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"one":{"id":"a","id":"b"}}"#).is_err());
    }

    #[test]
    fn null_values_and_lists() {
        let h: Holder = serde_json::from_str(
            r#"{"one":null,"maybe":null,"many":null,"names":["a",null,"b"],"codes":[null]}"#,
        )
        .unwrap();
        assert_eq!(h.one, Strict::default());
        assert_eq!(h.maybe, None);
        assert!(h.many.is_empty());
        assert_eq!(h.names, ["a", "b"]);
        assert_eq!(h.codes, Some(Vec::new()));
        let h: Holder = serde_json::from_str(r#"{"codes":null,"names":null}"#).unwrap();
        assert_eq!(h.codes, None);
        assert!(h.names.is_empty());
        assert!(serde_json::from_str::<Holder>(r#"{"names":[1]}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"names":"a"}"#).is_err());
    }

    #[test]
    fn works_through_a_value_deserializer_too() {
        let value = serde_json::json!({"one": {"name": "v"}, "many": [{"name": "w"}, null]});
        let h = Holder::deserialize(value).unwrap();
        assert_eq!(h.one.id, "");
        assert_eq!(h.many[0].name, "w");
    }
}
