//! Conversions to [`chrono`](https://docs.rs/chrono) (feature `chrono`), beside the `time`
//! ones the crate uses itself.
//!
//! * [`UnixMillis::to_chrono`]: a payload timestamp as a `DateTime<Utc>`; `None` outside
//!   chrono's range, so a hostile value cannot panic.
//! * `From<DateTime<Utc>> for UnixMillis`: the other way, which cannot fail.
//! * [`Verified::delivered_at_chrono`] and [`VerifiedEvent::delivered_at_chrono`]: the
//!   delivery time, which always fits.
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use clerk_webhooks::events::UnixMillis;
//!
//! let updated_at = UnixMillis::new(1_716_883_200_123);
//! let at: DateTime<Utc> = updated_at.to_chrono().unwrap();
//! assert_eq!(at.timestamp_millis(), 1_716_883_200_123);
//! assert_eq!(UnixMillis::from(at), updated_at);
//! assert_eq!(UnixMillis::new(i64::MAX).to_chrono(), None);
//! ```

use crate::events::UnixMillis;
use crate::verified::Verified;
use crate::verified_event::VerifiedEvent;
use ::chrono::{DateTime, Utc};
use time::OffsetDateTime;

impl UnixMillis {
    /// Converts to a chrono `DateTime<Utc>`.
    ///
    /// Returns `None` when the value lies outside chrono's range (about ±262,000 years).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn to_chrono(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.0)
    }
}

/// Every chrono `DateTime` is a whole number of milliseconds that fits an `i64`; the
/// sub-millisecond part is dropped.
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
impl From<DateTime<Utc>> for UnixMillis {
    fn from(at: DateTime<Utc>) -> Self {
        Self(at.timestamp_millis())
    }
}

impl Verified<'_> {
    /// [`delivered_at`](Self::delivered_at) as a chrono `DateTime<Utc>`.
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn delivered_at_chrono(&self) -> DateTime<Utc> {
        to_chrono(self.delivered_at())
    }
}

impl VerifiedEvent {
    /// [`delivered_at`](Self::delivered_at) as a chrono `DateTime<Utc>`.
    ///
    /// ```
    /// use clerk_webhooks::events::Role;
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent, WebhookEvent};
    ///
    /// let at = OffsetDateTime::from_unix_timestamp(1_716_883_200)?;
    /// let event = WebhookEvent::from(ClerkEvent::RoleCreated(Box::new(Role::new("role_1"))));
    /// let delivery = VerifiedEvent::new(MessageId::new("msg_1")?, at, event);
    /// assert_eq!(delivery.delivered_at_chrono().timestamp(), 1_716_883_200);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn delivered_at_chrono(&self) -> DateTime<Utc> {
        to_chrono(self.delivered_at)
    }
}

/// `time`'s range (years −9999 to 9999) lies inside chrono's, so the conversion always
/// succeeds; the fallback is never taken.
fn to_chrono(at: OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond())
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_representable_delivery_time_converts_exactly() {
        for at in [
            OffsetDateTime::UNIX_EPOCH,
            OffsetDateTime::from_unix_timestamp(1_716_883_200).unwrap(),
            OffsetDateTime::from_unix_timestamp_nanos(-1_500_000_000).unwrap(),
            time::PrimitiveDateTime::MIN.assume_utc(),
            time::PrimitiveDateTime::MAX.assume_utc(),
        ] {
            let converted = to_chrono(at);
            assert_eq!(converted.timestamp(), at.unix_timestamp(), "{at}");
            assert_eq!(converted.timestamp_subsec_nanos(), at.nanosecond(), "{at}");
        }
    }

    #[test]
    fn millis_round_trip_and_out_of_range_is_none() {
        for millis in [0, 1, -1, 1_716_883_200_123, -62_135_596_800_000] {
            let at = UnixMillis(millis).to_chrono().unwrap();
            assert_eq!(at.timestamp_millis(), millis);
            assert_eq!(UnixMillis::from(at), UnixMillis(millis));
        }
        assert_eq!(UnixMillis(i64::MAX).to_chrono(), None);
        assert_eq!(UnixMillis(i64::MIN).to_chrono(), None);
    }
}
