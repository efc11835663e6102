//! An actix-web 4 extractor that verifies and parses a Clerk webhook in one step.
//!
//! [`ClerkWebhook`] implements [`FromRequest`]: it takes the
//! [`Webhook`] from the app data (`web::Data<Webhook>`, or a plain `Webhook` registered with
//! `app_data`), reads the raw body as `web::Bytes` (so actix-web's `PayloadConfig` limit,
//! 256 KiB unless changed, applies), verifies the signature, and only then parses the event.
//! [`ClerkWebhookRejection`] implements [`ResponseError`].
//!
//! ```no_run
//! use actix_web::{web, App, HttpResponse, HttpServer};
//! use clerk_webhooks::actix::ClerkWebhook;
//! use clerk_webhooks::{ClerkEvent, Webhook};
//!
//! async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> HttpResponse {
//!     // `delivery.message_id` (the svix-id) is the idempotency key.
//!     match &delivery.event {
//!         ClerkEvent::UserCreated(user) => println!("new user {}", user.id),
//!         other => println!("ignoring {}", other.event_type()),
//!     }
//!     HttpResponse::NoContent().finish()
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let webhook = web::Data::new(Webhook::from_env()?); // CLERK_WEBHOOK_SIGNING_SECRET
//! actix_web::rt::System::new().block_on(async move {
//!     HttpServer::new(move || {
//!         App::new()
//!             .app_data(webhook.clone())
//!             // Outside any authentication middleware: the signature is the authentication.
//!             .route("/webhooks/clerk", web::post().to(clerk_webhook))
//!     })
//!     .bind(("0.0.0.0", 3000))?
//!     .run()
//!     .await
//! })?;
//! # Ok(()) }
//! ```
//!
//! # Rejections
//!
//! [`ClerkWebhook`] has the table of answers. To change them, or to hand only some event kinds
//! to the handler, register a [`ClerkWebhookConfig`] (plain or in `web::Data`):
//!
//! ```
//! use actix_web::{web, App};
//! use clerk_webhooks::actix::ClerkWebhookConfig;
//!
//! let app = App::new().app_data(ClerkWebhookConfig::new().with_abort_on_parse_error(true));
//! ```
//!
//! To log rejections, or answer them yourself, take `Result<ClerkWebhook, ClerkWebhookRejection>`.

pub use crate::extractor::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};

use crate::headers::HeaderSource;
use crate::webhook::Webhook;
use ::actix_web::dev::Payload;
use ::actix_web::http::header::{self, HeaderMap, HeaderValue};
use ::actix_web::http::StatusCode;
use ::actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;

/// actix-web's own header map (actix-web 4 uses `http` 0.2 types, not the `http` 1.x
/// `HeaderMap`). Names are case-insensitive.
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
impl HeaderSource for HeaderMap {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(HeaderValue::as_bytes)
    }
}

fn webhook(req: &HttpRequest) -> Option<Webhook> {
    req.app_data::<web::Data<Webhook>>()
        .map(|data| data.get_ref().clone())
        .or_else(|| req.app_data::<Webhook>().cloned())
}

fn config(req: &HttpRequest) -> ClerkWebhookConfig {
    req.app_data::<ClerkWebhookConfig>()
        .copied()
        .or_else(|| {
            req.app_data::<web::Data<ClerkWebhookConfig>>()
                .map(|data| *data.get_ref())
        })
        .unwrap_or_default()
}

impl FromRequest for ClerkWebhook {
    type Error = ClerkWebhookRejection;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let config = config(req);
        let Some(webhook) = webhook(req) else {
            return Box::pin(std::future::ready(Err(crate::extractor::rejected(
                ClerkWebhookRejection::not_configured(config),
                req.headers(),
            ))));
        };
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|error| {
                let status = error.as_response_error().status_code().as_u16();
                crate::extractor::rejected(
                    ClerkWebhookRejection::read_body(status, error.to_string()),
                    req.headers(),
                )
            })?;
            crate::extractor::extract(&webhook, config, &body, req.headers()).map(ClerkWebhook)
        })
    }
}

impl ResponseError for ClerkWebhookRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if !self.reason().is_empty() {
            response.insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ));
        }
        if self.aborts_delivery() {
            response.insert_header(crate::delivery::ABORT_HEADER);
        }
        response.body(self.reason())
    }
}
