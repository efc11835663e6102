//! Delivery control: response headers that tell Svix what to do with a delivery.
//!
//! Svix, which delivers Clerk's webhooks, retries every delivery that is not answered with a
//! `2xx` status, on a schedule that spans about 27 hours (immediately, then after 5 s, 5 min,
//! 30 min, 2 h, 5 h, 10 h and 10 h). Its documented *delivery control* header changes that from
//! the receiving end:
//!
//! * `webhook-delivery: abort-message` stops the retries of the message just sent. The attempt
//!   still counts as failed (it is shown as such in the Clerk Dashboard and can be replayed from
//!   there), but Svix does not try it again. It has no effect on a `2xx` answer, which is not
//!   retried anyway.
//! * `webhook-delivery: disable` disables the whole endpoint. It is listed here for completeness;
//!   nothing in this crate sends it.
//!
//! Use [`ABORT_HEADER`] for a message your handler will never accept however often it is sent
//! (a verified body your code cannot use, say), so that it does not occupy a day of retries.
//! Do not send it for a transient failure (a database outage), which a retry can fix.
//!
//! ```
//! use clerk_webhooks::delivery;
//!
//! // With any framework: add the pair to a non-2xx response.
//! let (name, value) = delivery::ABORT_HEADER;
//! assert_eq!(format!("{name}: {value}"), "webhook-delivery: abort-message");
//! ```
//!
//! The extractors (features `axum`, `axum07`, `actix-web`, `rocket`) add this header to their
//! answer to a verified body that cannot be parsed when their `ClerkWebhookConfig` says
//! `with_abort_on_parse_error(true)`; it is off by default.

/// The name of Svix's delivery-control response header.
pub const HEADER_NAME: &str = "webhook-delivery";

/// The value of [`HEADER_NAME`] that stops the retries of the message just sent.
pub const ABORT_MESSAGE: &str = "abort-message";

/// The value of [`HEADER_NAME`] that disables the whole endpoint: no further message is
/// delivered to it until it is re-enabled in the dashboard. Rarely what you want.
pub const DISABLE_ENDPOINT: &str = "disable";

/// The `(name, value)` pair that stops Svix retrying a message: `webhook-delivery:
/// abort-message`. Send it with a non-2xx status.
pub const ABORT_HEADER: (&str, &str) = (HEADER_NAME, ABORT_MESSAGE);

/// [`ABORT_HEADER`] as typed `http` values, ready for
/// `HeaderMap::insert` or a response builder.
///
/// ```
/// let (name, value) = clerk_webhooks::delivery::abort_header();
/// let mut headers = http::HeaderMap::new();
/// headers.insert(name, value);
/// assert_eq!(headers["webhook-delivery"], "abort-message");
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn abort_header() -> (http::HeaderName, http::HeaderValue) {
    (
        http::HeaderName::from_static(HEADER_NAME),
        http::HeaderValue::from_static(ABORT_MESSAGE),
    )
}

/// An empty-bodied `http::Response` with the given status and [`ABORT_HEADER`]: "this failed,
/// and retrying will not help".
///
/// The status should not be `2xx`: Svix does not retry a successful delivery, so the header
/// would mean nothing, and the message would show as delivered.
///
/// ```
/// use http::StatusCode;
///
/// let response: http::Response<()> =
///     clerk_webhooks::delivery::abort_response(StatusCode::UNPROCESSABLE_ENTITY);
/// assert_eq!(response.status(), 422);
/// assert_eq!(response.headers()["webhook-delivery"], "abort-message");
/// ```
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub fn abort_response<B: Default>(status: http::StatusCode) -> http::Response<B> {
    let mut response = http::Response::new(B::default());
    *response.status_mut() = status;
    let (name, value) = abort_header();
    response.headers_mut().insert(name, value);
    response
}
