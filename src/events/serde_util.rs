//! Small serde helpers shared by the payload types.
//!
//! The payload conventions (see [`crate::events`]) say that every non-identifier field defaults
//! when it is absent, and that `null` counts as absent. `#[serde(default)]` handles absence;
//! [`null_default`] handles `null` for field types that are not already `Option`.

use serde::{Deserialize, Deserializer};

/// Deserializes `T`, mapping JSON `null` to `T::default()`.
///
/// Use as `#[serde(default, deserialize_with = "null_default")]` on every non-`Option` field
/// that is not an identifier (strings, booleans, counts, vectors, maps, open enums).
pub(crate) fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
