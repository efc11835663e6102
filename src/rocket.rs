//! A Rocket 0.5 data guard that verifies and parses a Clerk webhook in one step.
//!
//! [`ClerkWebhook`] implements [`FromData`]: it takes the [`Webhook`] from managed state
//! (`rocket.manage(webhook)`), reads the raw body within the `clerk-webhook` data limit
//! ([`DEFAULT_LIMIT`], 256 KiB, unless `Rocket.toml` or the figment sets
//! `limits.clerk-webhook`), verifies the signature, and only then parses the event. It is the
//! route's `data` guard:
//!
//! ```
//! use rocket::http::Status;
//! use rocket::{post, routes};
//! use clerk_webhooks::rocket::ClerkWebhook;
//! use clerk_webhooks::{ClerkEvent, Webhook};
//!
//! #[post("/webhooks/clerk", data = "<delivery>")]
//! fn clerk_webhook(delivery: ClerkWebhook) -> Status {
//!     // `delivery.message_id` (the svix-id) is the idempotency key.
//!     match &delivery.event {
//!         ClerkEvent::UserCreated(user) => println!("new user {}", user.id),
//!         other => println!("ignoring {}", other.event_type()),
//!     }
//!     Status::NoContent
//! }
//!
//! # fn main() -> Result<(), clerk_webhooks::SecretError> {
//! let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?; // or Webhook::from_env()?
//! let rocket = rocket::build()
//!     .manage(webhook)
//!     .mount("/", routes![clerk_webhook])
//!     // The rejection bodies and the abort header for this path (see below).
//!     .register("/webhooks/clerk", clerk_webhooks::rocket::catchers());
//! # let _ = rocket;
//! # Ok(()) }
//! ```
//!
//! # Rejections
//!
//! The status is the one in [`ClerkWebhook`]'s table, as for axum and actix-web (`413` for a
//! body over the data limit).
//!
//! A failing data guard hands Rocket only a status: the response comes from the catcher for
//! that status. Register [`catchers()`] at the webhook route's path and that catcher answers
//! exactly as the other extractors do (the short reason as a `text/plain` body, and
//! `webhook-delivery: abort-message` when configured); without it, Rocket's own catchers
//! answer with the right status and their own body. A catcher registered at a longer path
//! wins in Rocket, so the rest of the application keeps its catchers.
//!
//! To change the answers, or to hand only some event kinds to the handler, manage a
//! [`ClerkWebhookConfig`]:
//!
//! ```
//! use clerk_webhooks::rocket::ClerkWebhookConfig;
//!
//! let rocket = rocket::build().manage(ClerkWebhookConfig::new().with_abort_on_parse_error(true));
//! # let _ = rocket;
//! ```
//!
//! To log rejections, or answer them yourself, take `Result<ClerkWebhook, ClerkWebhookRejection>`
//! (Rocket implements `FromData` for it) and return the rejection, which is a [`Responder`]:
//!
//! ```
//! use rocket::http::Status;
//! use rocket::post;
//! use clerk_webhooks::rocket::{ClerkWebhook, ClerkWebhookRejection};
//!
//! #[post("/webhooks/clerk", data = "<delivery>")]
//! fn clerk_webhook(
//!     delivery: Result<ClerkWebhook, ClerkWebhookRejection>,
//! ) -> Result<Status, ClerkWebhookRejection> {
//!     let delivery = delivery.inspect_err(|rejection| eprintln!("rejected webhook: {rejection}"))?;
//!     println!("{}", delivery.event.event_type());
//!     Ok(Status::NoContent)
//! }
//! ```
//!
//! For handler tests, [`SignedRequest::to_rocket_request`](crate::testing::SignedRequest::to_rocket_request)
//! (features `rocket` and `testing`) builds a request for Rocket's local client.

pub use crate::extractor::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};

use crate::headers::HeaderSource;
use crate::webhook::Webhook;
use ::rocket::catcher::{BoxFuture, Catcher};
use ::rocket::data::{Data, FromData, Outcome, ToByteUnit};
use ::rocket::http::{ContentType, Header, HeaderMap, Status};
use ::rocket::request::Request;
use ::rocket::response::{self, Responder, Response};
use std::io::Cursor;

/// The name of the data limit the guard reads the body within: `limits.clerk-webhook` in
/// `Rocket.toml` (or `ROCKET_LIMITS={clerk-webhook="1 MiB"}`).
pub const LIMIT_NAME: &str = "clerk-webhook";

/// The body limit when [`LIMIT_NAME`] is not configured: 256 KiB, as actix-web's default.
/// Clerk's bodies are a few KiB; a user with large metadata stays far below this.
pub const DEFAULT_LIMIT: u64 = 256 * 1024;

/// Rocket's header map. Names are case-insensitive; Rocket keeps only header values that are
/// valid UTF-8, which every valid Svix header is.
#[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
impl HeaderSource for HeaderMap<'_> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.get_one(name).map(str::as_bytes)
    }
}

/// The rejection of the request being handled, kept for [`catchers()`]: a data guard's error
/// value does not reach Rocket's catchers, the request-local cache does.
struct CachedRejection(Option<ClerkWebhookRejection>);

/// Logs (through `crate::extractor::rejected`) a rejection made here, then fails with it.
fn fail<'r>(req: &'r Request<'_>, rejection: ClerkWebhookRejection) -> Outcome<'r, ClerkWebhook> {
    failed(req, crate::extractor::rejected(rejection, req.headers()))
}

/// Fails with a rejection that has already been logged, keeping it for the catcher.
fn failed<'r>(req: &'r Request<'_>, rejection: ClerkWebhookRejection) -> Outcome<'r, ClerkWebhook> {
    req.local_cache(|| CachedRejection(Some(rejection.clone())));
    Outcome::Error((status(&rejection), rejection))
}

fn status(rejection: &ClerkWebhookRejection) -> Status {
    Status::new(rejection.status())
}

#[::rocket::async_trait]
impl<'r> FromData<'r> for ClerkWebhook {
    type Error = ClerkWebhookRejection;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        let config = req
            .rocket()
            .state::<ClerkWebhookConfig>()
            .copied()
            .unwrap_or_default();
        let Some(webhook) = req.rocket().state::<Webhook>() else {
            return fail(req, ClerkWebhookRejection::not_configured(config));
        };
        let limit = req
            .limits()
            .get(LIMIT_NAME)
            .unwrap_or_else(|| DEFAULT_LIMIT.bytes());
        let body = match data.open(limit).into_bytes().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            Ok(_) => {
                let detail = format!("the body exceeds the {LIMIT_NAME} data limit of {limit}");
                return fail(req, ClerkWebhookRejection::read_body(413, detail));
            }
            Err(error) => {
                return fail(
                    req,
                    ClerkWebhookRejection::read_body(400, error.to_string()),
                )
            }
        };
        match crate::extractor::extract(webhook, config, &body, req.headers()) {
            Ok(delivery) => Outcome::Success(ClerkWebhook(delivery)),
            Err(rejection) => failed(req, rejection),
        }
    }
}

/// The answer of the other extractors: the status, the short reason as a `text/plain` body,
/// and `webhook-delivery: abort-message` when the configuration asks for it.
impl<'r, 'o: 'r> Responder<'r, 'o> for ClerkWebhookRejection {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'o> {
        let reason = self.reason();
        let mut response = Response::build();
        response.status(status(&self));
        if !reason.is_empty() {
            response
                .header(ContentType::Plain)
                .sized_body(reason.len(), Cursor::new(reason));
        }
        if self.aborts_delivery() {
            let (name, value) = crate::delivery::ABORT_HEADER;
            response.header(Header::new(name, value));
        }
        response.ok()
    }
}

/// A default catcher that answers a request rejected by [`ClerkWebhook`] with the
/// rejection's own response (see [`ClerkWebhookRejection`]'s `Responder`). Register it at
/// the webhook route's path: `.register("/webhooks/clerk", clerk_webhooks::rocket::catchers())`.
///
/// Any other error under that path (a `404`, a rejection by another guard) is answered with
/// its status and the status's reason phrase as plain text.
pub fn catchers() -> Vec<Catcher> {
    vec![Catcher::new(None, catch)]
}

fn catch<'r>(status: Status, req: &'r Request<'_>) -> BoxFuture<'r> {
    Box::pin(async move {
        match &req.local_cache(|| CachedRejection(None)).0 {
            Some(rejection) => rejection.clone().respond_to(req),
            None => (status, status.reason().unwrap_or("error")).respond_to(req),
        }
    })
}
