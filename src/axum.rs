//! An axum 0.8 extractor that verifies and parses a Clerk webhook in one step.
//!
//! [`ClerkWebhook`] implements [`FromRequest<S>`](::axum::extract::FromRequest) for any state
//! `S` from which a [`Webhook`] can be had through [`FromRef`] (in
//! particular, a `Webhook` itself as the router state). It reads the raw body as [`Bytes`],
//! verifies the signature, and only then parses the event. Because it consumes the body it must
//! be the **last** argument of the handler.
//!
//! ```no_run
//! use axum::{http::StatusCode, routing::post, Router};
//! use clerk_webhooks::axum::ClerkWebhook;
//! use clerk_webhooks::{ClerkEvent, Webhook};
//!
//! async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> StatusCode {
//!     // `delivery.message_id` (the svix-id) is the idempotency key.
//!     match &delivery.event {
//!         ClerkEvent::UserCreated(user) => println!("new user {}", user.id),
//!         other => println!("ignoring {}", other.event_type()),
//!     }
//!     StatusCode::NO_CONTENT
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let webhook = Webhook::from_env()?; // CLERK_WEBHOOK_SIGNING_SECRET
//! // Mount the webhook route outside any authentication layer: Svix sends no session or
//! // token, the signature is the authentication.
//! let app = Router::new()
//!     .route("/webhooks/clerk", post(clerk_webhook))
//!     .with_state(webhook);
//! // Then serve it as any axum app (with axum's `tokio` feature):
//! // axum::serve(tokio::net::TcpListener::bind("0.0.0.0:3000").await?, app).await?;
//! # let _: Router = app;
//! # Ok(()) }
//! ```
//!
//! With an application state of your own, implement `FromRef` for `Webhook`:
//!
//! ```
//! use axum::extract::FromRef;
//! use clerk_webhooks::Webhook;
//!
//! #[derive(Clone)]
//! struct AppState {
//!     webhook: Webhook,
//!     // database pool, …
//! }
//!
//! impl FromRef<AppState> for Webhook {
//!     fn from_ref(state: &AppState) -> Webhook {
//!         state.webhook.clone()
//!     }
//! }
//! ```
//!
//! # Rejections
//!
//! [`ClerkWebhook`] has the table of answers (axum's `DefaultBodyLimit`, 2 MB unless changed,
//! applies to the body). To change them, or to hand only some event kinds to the handler, add
//! a [`ClerkWebhookConfig`] as a request extension:
//!
//! ```
//! use axum::{routing::post, Extension, Router};
//! use clerk_webhooks::axum::{ClerkWebhook, ClerkWebhookConfig};
//! use clerk_webhooks::Webhook;
//!
//! # async fn handler(_: ClerkWebhook) {}
//! # let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! let app: Router = Router::new()
//!     .route("/webhooks/clerk", post(handler))
//!     .layer(Extension(ClerkWebhookConfig::new().with_abort_on_parse_error(true)))
//!     .with_state(webhook);
//! ```
//!
//! To log rejections, or answer them yourself, take `Result<ClerkWebhook, ClerkWebhookRejection>`:
//!
//! ```
//! use axum::response::{IntoResponse, Response};
//! use clerk_webhooks::axum::{ClerkWebhook, ClerkWebhookRejection};
//!
//! async fn clerk_webhook(delivery: Result<ClerkWebhook, ClerkWebhookRejection>) -> Response {
//!     match delivery {
//!         Ok(ClerkWebhook(delivery)) => {
//!             println!("{}", delivery.event.event_type());
//!             axum::http::StatusCode::NO_CONTENT.into_response()
//!         }
//!         Err(rejection) => {
//!             eprintln!("rejected webhook: {rejection}"); // detailed, no secrets
//!             rejection.into_response() // short reason only
//!         }
//!     }
//! }
//! ```

pub use crate::extractor::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookFromExtension, ClerkWebhookRejection,
    RejectionKind,
};

#[cfg(doc)]
use {crate::Webhook, ::axum::body::Bytes, ::axum::extract::FromRef};

crate::axum_extractor::axum_extractors!(axum);
