//! A Clerk webhook endpoint in Rocket 0.5, beside an API that requires authentication.
//!
//! Serve (reads the `whsec_…` secret from `CLERK_WEBHOOK_SIGNING_SECRET`; `PORT` defaults to 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example rocket
//! ```
//!
//! Self-test (what CI runs): start the server on a loopback port, post one signed delivery and
//! one tampered delivery with a minimal HTTP/1.1 client, check the answers, and exit 0 or 1.
//!
//! ```sh
//! cargo run -p clerk-webhooks-suite --example rocket -- --self-test
//! ```
//!
//! (The self-test signs deliveries as Svix would with the `testing` feature of clerk-webhooks.)

use clerk_webhooks::rocket::ClerkWebhook;
use clerk_webhooks::testing::Signer;
use clerk_webhooks::{ClerkEvent, Webhook};
use clerk_webhooks_suite::self_test;
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::http::Status;
use rocket::request::{self, FromRequest, Request};
use rocket::{catch, catchers, get, post, routes, Build, Rocket};
use std::process::ExitCode;

/// The webhook handler. By the time it runs, the delivery has been verified against the raw
/// body and parsed; a forged, stale or tampered request never gets here (it is answered `400`).
#[post("/webhooks/clerk", data = "<delivery>")]
fn clerk_webhook(delivery: ClerkWebhook) -> Status {
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
    Status::NoContent
}

/// A stand-in for real authentication (a Clerk session check, say): a request guard.
struct Authenticated;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Authenticated {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, ()> {
        match request.headers().get_one("authorization") {
            Some("Bearer let-me-in") => request::Outcome::Success(Authenticated),
            _ => request::Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

#[get("/api/me")]
fn me(_user: Authenticated) -> &'static str {
    "you are signed in"
}

#[post("/api/me")]
fn me_post(_user: Authenticated) -> &'static str {
    "you are signed in"
}

#[catch(401)]
fn unauthorized() -> &'static str {
    "sign in first"
}

/// The application. The webhook route takes no `Authenticated` guard, on purpose: Svix sends
/// no session cookie or bearer token, so an auth guard would reject every delivery (Clerk
/// would show 401s and keep retrying). The signature check in `ClerkWebhook` is this route's
/// authentication.
fn app(config: Figment, webhook: Webhook) -> Rocket<Build> {
    rocket::custom(config)
        .manage(webhook)
        .mount("/", routes![clerk_webhook, me, me_post])
        .register("/", catchers![unauthorized])
        // The same rejection bodies as the other frameworks, for the webhook path only.
        .register("/webhooks/clerk", clerk_webhooks::rocket::catchers())
}

#[rocket::main]
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
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let config = rocket::Config::figment()
        .merge(("address", "0.0.0.0"))
        .merge(("port", port));
    match app(config, webhook).launch().await {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("server error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run_self_test() -> ExitCode {
    let signer = Signer::default();
    let config = rocket::Config::figment()
        .merge(("address", "127.0.0.1"))
        .merge(("port", 0))
        .merge(("log_level", "off"))
        .merge(("shutdown.ctrlc", false));
    let (port_tx, port_rx) = tokio::sync::oneshot::channel();
    let rocket = app(config, signer.webhook().clone()).attach(AdHoc::on_liftoff(
        "report the port",
        move |rocket| {
            Box::pin(async move {
                let _ = port_tx.send(rocket.config().port);
            })
        },
    ));
    let rocket = match rocket.ignite().await {
        Ok(rocket) => rocket,
        Err(err) => {
            println!("FAIL self-test: {err}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = rocket.shutdown();
    let server = tokio::spawn(rocket.launch());

    let passed = match port_rx.await {
        Ok(port) => {
            let addr = ([127, 0, 0, 1], port).into();
            tokio::task::spawn_blocking(move || self_test::run(addr, &signer))
                .await
                .unwrap_or_else(|err| {
                    println!("FAIL self-test: {err}");
                    false
                })
        }
        Err(_) => {
            println!("FAIL self-test: the server did not start");
            false
        }
    };
    shutdown.notify();
    let stopped = matches!(server.await, Ok(Ok(_)));
    if passed && stopped {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
