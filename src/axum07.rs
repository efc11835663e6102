//! The axum extractor for **axum 0.7** (feature `axum07`): the same [`ClerkWebhook`] and
//! [`ClerkWebhookFromExtension`], with the same behaviour and rejections as
//! [`clerk_webhooks::axum`](crate::axum) for 0.8, implementing 0.7's `FromRequest`.
//!
//! In `Cargo.toml`, next to `axum = "0.7"`:
//!
//! ```toml
//! clerk-webhooks = { version = "0.1", features = ["axum07"] }
//! ```
//!
//! ```
//! # use axum07 as axum; // this crate's name for its axum 0.7 dependency
//! use axum::{http::StatusCode, routing::post, Router};
//! use clerk_webhooks::axum07::ClerkWebhook;
//! use clerk_webhooks::Webhook;
//!
//! async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> StatusCode {
//!     println!("{} {}", delivery.message_id, delivery.event.event_type());
//!     StatusCode::NO_CONTENT
//! }
//!
//! let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! let app: Router = Router::new()
//!     .route("/webhooks/clerk", post(clerk_webhook))
//!     .with_state(webhook);
//! # Ok::<(), clerk_webhooks::SecretError>(())
//! ```
//!
//! Without router state, use [`ClerkWebhookFromExtension`] with `.layer(Extension(webhook))`.
//! `ClerkWebhookConfig` comes from an extension in both cases. Enabling both `axum` and
//! `axum07` is fine: each implements its own version's traits for the same types.

pub use crate::extractor::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookFromExtension, ClerkWebhookRejection,
    RejectionKind,
};

crate::axum_extractor::axum_extractors!(axum07, #[::axum07::async_trait]);
