//! A Clerk webhook endpoint in actix-web 4, beside an API that requires authentication.
//!
//! Serve (reads the `whsec_…` secret from `CLERK_WEBHOOK_SIGNING_SECRET`; `PORT` defaults to 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example actix
//! ```
//!
//! Self-test (what CI runs): start the server on a loopback port, post one signed delivery and
//! one tampered delivery with a minimal HTTP/1.1 client, check the answers, and exit 0 or 1.
//!
//! ```sh
//! cargo run -p clerk-webhooks-suite --example actix -- --self-test
//! ```
//!
//! (The self-test signs deliveries as Svix would with the `testing` feature of clerk-webhooks.)

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, App, HttpResponse, HttpServer};
use clerk_webhooks::actix::ClerkWebhook;
use clerk_webhooks::testing::Signer;
use clerk_webhooks::{ClerkEvent, Webhook};
use clerk_webhooks_suite::self_test;
use std::process::ExitCode;

/// The webhook handler. By the time it runs, the delivery has been verified against the raw
/// body and parsed; a forged, stale or tampered request never gets here (it is answered `400`).
async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> HttpResponse {
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
    HttpResponse::NoContent().finish()
}

/// A stand-in for real authentication (a Clerk session check, say).
async fn require_auth(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .is_some_and(|value| value == "Bearer let-me-in");
    if authorized {
        Ok(next.call(request).await?.map_into_left_body())
    } else {
        Ok(request
            .into_response(HttpResponse::Unauthorized().finish())
            .map_into_right_body())
    }
}

async fn me() -> &'static str {
    "you are signed in"
}

fn configure(config: &mut web::ServiceConfig) {
    // The webhook route is registered OUTSIDE the authenticated scope, on purpose: Svix sends no
    // session cookie or bearer token, so an auth middleware would reject every delivery (Clerk
    // would show 401s and keep retrying). The signature check in `ClerkWebhook` is this route's
    // authentication.
    config.route("/webhooks/clerk", web::post().to(clerk_webhook));

    // The application's own API, behind authentication.
    config.service(
        web::scope("/api")
            .wrap(from_fn(require_auth))
            .route("/me", web::to(me)),
    );
}

fn main() -> ExitCode {
    let self_test = std::env::args().any(|arg| arg == "--self-test");
    actix_web::rt::System::new().block_on(async move {
        if self_test {
            return run_self_test().await;
        }
        let webhook = match Webhook::from_env() {
            Ok(webhook) => web::Data::new(webhook),
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::FAILURE;
            }
        };
        let port: u16 = std::env::var("PORT")
            .ok()
            .and_then(|port| port.parse().ok())
            .unwrap_or(3000);
        let server =
            HttpServer::new(move || App::new().app_data(webhook.clone()).configure(configure))
                .bind(("0.0.0.0", port));
        let server = match server {
            Ok(server) => server,
            Err(err) => {
                eprintln!("cannot listen on port {port}: {err}");
                return ExitCode::FAILURE;
            }
        };
        println!("listening on http://0.0.0.0:{port}");
        match server.run().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("server error: {err}");
                ExitCode::FAILURE
            }
        }
    })
}

async fn run_self_test() -> ExitCode {
    let signer = Signer::default();
    let webhook = web::Data::new(signer.webhook().clone());
    let server = HttpServer::new(move || App::new().app_data(webhook.clone()).configure(configure))
        .workers(1)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .expect("bind a loopback port");
    let addr = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let passed = web::block(move || self_test::run(addr, &signer))
        .await
        .unwrap_or_else(|err| {
            println!("FAIL self-test: {err}");
            false
        });
    handle.stop(true).await;
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
