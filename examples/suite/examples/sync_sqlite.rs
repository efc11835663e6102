//! The Clerk → SQLite sync service (see `clerk_webhooks_suite::sync_sqlite` for how it stays
//! correct under retries and reordering).
//!
//! Demo (what CI runs): an in-memory database, a scripted sequence of signed deliveries, and the
//! exact tables that must result; exits 0 only if they match.
//!
//! ```sh
//! cargo run -p clerk-webhooks-suite --example sync_sqlite -- --demo
//! ```
//!
//! Serve (secret from `CLERK_WEBHOOK_SIGNING_SECRET`, database file from `SYNC_DB`, default
//! `clerk_sync.db`, port from `PORT`, default 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example sync_sqlite
//! ```

use clerk_webhooks_suite::sync_sqlite::server::{self, AppState};
use clerk_webhooks_suite::sync_sqlite::{demo, store::Store};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "--demo") {
        return run_demo().await;
    }
    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let webhook = clerk_webhooks::Webhook::from_env()?;
    let path = std::env::var("SYNC_DB").unwrap_or_else(|_| "clerk_sync.db".into());
    let store = Arc::new(Mutex::new(Store::open(&path)?));
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}")).await?;
    println!(
        "syncing into {path}; listening on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, server::router(AppState { webhook, store })).await?;
    Ok(())
}

async fn run_demo() -> ExitCode {
    let report = match demo::run().await {
        Ok(report) => report,
        Err(err) => {
            eprintln!("demo failed to run: {err}");
            return ExitCode::FAILURE;
        }
    };
    for step in &report.steps {
        let mark = if step.ok { "ok  " } else { "FAIL" };
        println!(
            "{mark} {:<60} -> {} {}",
            step.description, step.status, step.body
        );
    }
    println!();
    print!("{}", report.snapshot);
    if report.passed() {
        println!("\ndemo passed: every answer and every table is exactly as expected");
        ExitCode::SUCCESS
    } else {
        if report.snapshot != demo::expected() {
            println!("\nthe tables differ; expected:\n{}", demo::expected());
        }
        println!("demo FAILED");
        ExitCode::FAILURE
    }
}
