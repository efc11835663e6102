//! Billing payloads: subscriptions, subscription items and payment attempts. STUB.

mod stubs;
pub use stubs::{PaymentAttempt, Subscription, SubscriptionItem};
