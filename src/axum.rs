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
//! See [`ClerkWebhook`] for the table: `400` for anything that fails verification, `413`/`400`
//! when the body cannot be read (axum's `DefaultBodyLimit`, 2 MB unless changed, applies), and
//! [`ClerkWebhookConfig::parse_error_status`] (default `422`) for a verified body that cannot
//! be parsed. To change the latter, add the configuration as a request extension:
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
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};

use crate::webhook::Webhook;
use crate::VerifiedEvent;
use ::axum::body::Bytes;
use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::http::{header, HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};

impl<S> FromRequest<S> for ClerkWebhook
where
    Webhook: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ClerkWebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let webhook = Webhook::from_ref(state);
        verify_and_parse(&webhook, req, state).await
    }
}

/// [`ClerkWebhook`] for routers without state: the [`Webhook`] comes from a request extension
/// (`.layer(Extension(webhook))`) instead of [`FromRef`].
///
/// axum cannot pick between the two at compile time (a `FromRef` bound cannot be optional),
/// so this is a second extractor with the same behaviour, the same
/// [`ClerkWebhookConfig`] (also from an extension) and the same rejections. When no `Webhook`
/// extension is present, it answers **500** `webhook verifier not configured`, as the
/// actix-web extractor does without app data.
///
/// ```
/// use axum::{http::StatusCode, routing::post, Extension, Router};
/// use clerk_webhooks::axum::ClerkWebhookFromExtension;
/// use clerk_webhooks::Webhook;
///
/// async fn clerk_webhook(ClerkWebhookFromExtension(delivery): ClerkWebhookFromExtension) -> StatusCode {
///     println!("{} {}", delivery.message_id, delivery.event.event_type());
///     StatusCode::NO_CONTENT
/// }
///
/// let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let app: Router = Router::new()
///     .route("/webhooks/clerk", post(clerk_webhook))
///     .layer(Extension(webhook));
/// # Ok::<(), clerk_webhooks::SecretError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClerkWebhookFromExtension(pub VerifiedEvent);

impl ClerkWebhookFromExtension {
    /// The verified, parsed delivery.
    pub fn into_inner(self) -> VerifiedEvent {
        self.0
    }
}

impl std::ops::Deref for ClerkWebhookFromExtension {
    type Target = VerifiedEvent;

    fn deref(&self) -> &VerifiedEvent {
        &self.0
    }
}

impl<S: Send + Sync> FromRequest<S> for ClerkWebhookFromExtension {
    type Rejection = ClerkWebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // `Webhook` is an `Arc` of the keys: the clone allocates nothing.
        let Some(webhook) = req.extensions().get::<Webhook>().cloned() else {
            return Err(crate::extractor::rejected(
                ClerkWebhookRejection::not_configured(),
                req.headers(),
            ));
        };
        let ClerkWebhook(delivery) = verify_and_parse(&webhook, req, state).await?;
        Ok(Self(delivery))
    }
}

/// Reads the body and runs the shared extractor steps: what both extractors do once they
/// hold a `Webhook`.
async fn verify_and_parse<S: Send + Sync>(
    webhook: &Webhook,
    mut req: Request,
    state: &S,
) -> Result<ClerkWebhook, ClerkWebhookRejection> {
    let config = req
        .extensions()
        .get::<ClerkWebhookConfig>()
        .copied()
        .unwrap_or_default();
    // The body extractor does not look at the headers, so they are moved out, not cloned.
    let headers = std::mem::take(req.headers_mut());
    let body = Bytes::from_request(req, state).await.map_err(|rejection| {
        crate::extractor::rejected(
            ClerkWebhookRejection::read_body(rejection.status().as_u16(), rejection.body_text()),
            &headers,
        )
    })?;
    crate::extractor::extract(webhook, config, &body, &headers)
}

impl IntoResponse for ClerkWebhookRejection {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.reason()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if self.aborts_delivery() {
            let (name, value) = crate::delivery::abort_header();
            headers.insert(name, value);
        }
        response
    }
}
