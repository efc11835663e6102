//! A Clerk webhook endpoint in axum 0.8, beside an API that requires authentication.
//!
//! Serve (reads the `whsec_…` secret from `CLERK_WEBHOOK_SIGNING_SECRET`; `PORT` defaults to 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example axum
//! ```
//!
//! Self-test (what CI runs): start the server on a loopback port, post one signed delivery and
//! one tampered delivery with a minimal HTTP/1.1 client, check the answers, and exit 0 or 1.
//!
//! ```sh
//! cargo run -p clerk-webhooks-suite --example axum -- --self-test
//! ```
//!
//! (The self-test signs deliveries as Svix would with the `testing` feature of clerk-webhooks.)

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::testing::Signer;
use clerk_webhooks::{ClerkEvent, Webhook};
use clerk_webhooks_suite::self_test;
use std::process::ExitCode;

/// The webhook handler. By the time it runs, the delivery has been verified against the raw
/// body and parsed; a forged, stale or tampered request never gets here (it is answered `400`).
async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> StatusCode {
    // Deliveries are at-least-once and can arrive out of order: use `delivery.message_id`
    // (the svix-id) to skip duplicates, and `updated_at` to ignore stale updates: the crate's
    // `ledger` does both inside your transaction (see the sync_postgres, sync_mysql and
    // sync_sqlite examples).
    match &delivery.event {
        ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => {
            println!("[{}] upsert user {}", delivery.message_id, user.id);
        }
        ClerkEvent::UserDeleted(deleted) => {
            println!("[{}] delete user {:?}", delivery.message_id, deleted.id);
        }
        ClerkEvent::Unknown(unknown) => {
            println!(
                "[{}] new event type {}",
                delivery.message_id, unknown.event_type
            );
        }
        other => println!("[{}] ignoring {}", delivery.message_id, other.event_type()),
    }
    // Any 2xx tells Svix the delivery succeeded. Answer quickly (Svix waits 15 s at most):
    // hand slow work to a queue.
    StatusCode::NO_CONTENT
}

/// A stand-in for real authentication (a Clerk session check, say).
async fn require_auth(request: Request, next: Next) -> Response {
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .is_some_and(|value| value == "Bearer let-me-in");
    if authorized {
        next.run(request).await
    } else {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

async fn me() -> &'static str {
    "you are signed in"
}

fn app(webhook: Webhook) -> Router {
    // The application's own API, behind authentication.
    let api = Router::new()
        .route("/api/me", get(me).post(me))
        .route_layer(middleware::from_fn(require_auth));

    // The webhook route is mounted OUTSIDE the authentication layer, on purpose: Svix sends no
    // session cookie or bearer token, so an auth layer would reject every delivery (Clerk would
    // show 401s and keep retrying). The signature check in `ClerkWebhook` is this route's
    // authentication.
    let webhooks = Router::new()
        .route("/webhooks/clerk", post(clerk_webhook))
        .with_state(webhook);

    api.merge(webhooks)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "--self-test") {
        return run_self_test().await;
    }
    let webhook = match Webhook::from_env() {
        Ok(webhook) => webhook,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = match tokio::net::TcpListener::bind(format!("0.0.0.0:{port}")).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on port {port}: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on http://{}", listener.local_addr().unwrap());
    if let Err(err) = axum::serve(listener, app(webhook)).await {
        eprintln!("server error: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn run_self_test() -> ExitCode {
    let signer = Signer::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let webhook = signer.webhook().clone();
    tokio::spawn(async move { axum::serve(listener, app(webhook)).await });

    let passed = tokio::task::spawn_blocking(move || self_test::run(addr, &signer))
        .await
        .unwrap_or_else(|err| {
            println!("FAIL self-test: {err}");
            false
        });
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
