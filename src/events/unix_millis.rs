//! [`UnixMillis`]: an epoch-millisecond timestamp.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;

/// A point in time as Clerk sends it: milliseconds since the Unix epoch, UTC.
///
/// Every `*_at` field in a Clerk payload (`created_at`, `updated_at`, `expire_at`,
/// `last_sign_in_at`, `period_end`, …) is epoch **milliseconds**. A bare `i64` invites mixing it
/// up with the seconds-based `svix-timestamp`, so this newtype carries the unit in its name.
///
/// It serializes back to exactly the integer it was read from, and it is ordered, so
/// last-write-wins on `updated_at` is a plain comparison:
///
/// ```
/// use clerk_webhooks::events::UnixMillis;
///
/// let stored = UnixMillis::new(1_716_883_200_000);
/// let incoming = UnixMillis::new(1_716_883_260_000);
/// assert!(incoming > stored); // apply the update
/// let at = incoming.to_offset_date_time().unwrap();
/// assert_eq!(at.unix_timestamp(), 1_716_883_260);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixMillis(pub i64);

impl UnixMillis {
    /// Wraps a count of milliseconds since the Unix epoch.
    pub const fn new(millis: i64) -> Self {
        Self(millis)
    }

    /// The raw count of milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Converts to a UTC [`OffsetDateTime`].
    ///
    /// Returns `None` when the value lies outside the range `time` can represent (years −9999 to
    /// 9999); a hostile or corrupt payload cannot make this panic.
    pub fn to_offset_date_time(self) -> Option<OffsetDateTime> {
        let nanos = i128::from(self.0).checked_mul(1_000_000)?;
        OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
    }
}

impl From<i64> for UnixMillis {
    fn from(millis: i64) -> Self {
        Self(millis)
    }
}

impl From<UnixMillis> for i64 {
    fn from(value: UnixMillis) -> Self {
        value.0
    }
}

impl fmt::Debug for UnixMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnixMillis({})", self.0)
    }
}

impl fmt::Display for UnixMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
