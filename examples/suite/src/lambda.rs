//! A Clerk webhook receiver as an AWS Lambda function (`lambda_http`, behind a Function URL or
//! API Gateway), using only the core API and the `http` feature: no framework extractor.
//!
//! [`handle`] is a plain async function of a [`lambda_http::Request`], so a test calls it with
//! a request signed by the test kit, without AWS. The binary (`examples/lambda.rs`) hands it to
//! `lambda_http::run`.
//!
//! Answers: **204** for a verified, parsed delivery; otherwise [`Error::http_status`] (400 for
//! a delivery that fails verification, 422 for a verified body that does not parse) with
//! [`Error::public_reason`] as the body, which never holds a secret or a payload value. Lambda
//! delivers the body already read; API Gateway may base64-encode it, and `lambda_http` decodes
//! it into the exact bytes Svix signed before it reaches here.
//!
//! [`Error::http_status`]: clerk_webhooks::Error::http_status
//! [`Error::public_reason`]: clerk_webhooks::Error::public_reason

use clerk_webhooks::{ClerkEvent, Webhook};
use lambda_http::{Body, Request, Response};

/// Verifies and parses one delivery, acts on it, and builds the answer.
///
/// # Errors
///
/// Only when the response cannot be built, which a fixed status and body never cause; every
/// bad delivery is an answer, not an error, so Lambda does not retry it as a crash.
pub async fn handle(
    webhook: &Webhook,
    request: Request,
) -> Result<Response<Body>, lambda_http::Error> {
    let (parts, body) = request.into_parts();
    let response = match webhook.verify_event(&body, &parts.headers) {
        Ok(delivery) => {
            // `delivery.message_id` (the svix-id) is the idempotency key: record it in the
            // same transaction as the effect (see the sync examples).
            match &delivery.event {
                ClerkEvent::UserCreated(user) => println!("user created: {}", user.id),
                other => println!("{} {}", other.event_type(), delivery.message_id),
            }
            Response::builder().status(204).body(Body::Empty)?
        }
        Err(err) => {
            eprintln!("rejected webhook: {err}");
            Response::builder()
                .status(err.http_status())
                .header("content-type", "text/plain; charset=utf-8")
                .body(Body::from(err.public_reason()))?
        }
    };
    Ok(response)
}
