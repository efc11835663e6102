//! [`Interval`]: how often a plan or subscription item is billed.

super::super::open_enum::open_enum! {
    /// A billing interval, as a **string**.
    ///
    /// Used by the new-shape subscription item's `interval`, the legacy item's `plan_period`
    /// and the legacy plan's `period`. (The legacy plan's own `interval` is an *integer* count,
    /// not this enum; see [`Plan::interval`](super::Plan::interval).)
    pub enum Interval {
        /// Billed every month.
        Month => "month",
        /// Billed every year.
        Annual => "annual",
    }
}
