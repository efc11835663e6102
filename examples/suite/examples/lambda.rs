//! A Clerk webhook endpoint as an AWS Lambda function (`lambda_http`). The handler is
//! `clerk_webhooks_suite::lambda::handle`; its tests call it with signed requests, without AWS.
//!
//! Build and deploy with [cargo-lambda](https://www.cargo-lambda.info/), with the
//! `whsec_…` secret in the function's `CLERK_WEBHOOK_SIGNING_SECRET` environment variable:
//!
//! ```sh
//! cargo lambda build --release -p clerk-webhooks-suite --example lambda
//! ```

use clerk_webhooks::Webhook;
use lambda_http::{run, service_fn, Request};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    // Read once per cold start; a bad secret stops the function before it answers anything.
    let webhook = Webhook::from_env()?;
    let webhook = &webhook;
    run(service_fn(move |request: Request| async move {
        clerk_webhooks_suite::lambda::handle(webhook, request).await
    }))
    .await
}
