//! A complete Clerk → SQL sync service: users, sessions, organizations and memberships in an
//! embedded SQLite database, kept correct under Svix's retries and reordering.
//!
//! * **Dedupe on `svix-id`** in the same transaction as the write (`webhook_deliveries`).
//! * **Last write wins** on `updated_at` (`ON CONFLICT … DO UPDATE … WHERE excluded.updated_at >
//!   table.updated_at`), so late, older updates change nothing.
//! * **Soft deletes with tombstones** on `*.deleted`, so neither a late update nor a create
//!   replayed after the delete can bring a row back.
//!
//! The SQL (in `store.rs`) is portable: it runs unchanged on PostgreSQL 9.5+ as well as SQLite
//! 3.24+ (`$n` parameters, `TEXT`/`BIGINT`, `ON CONFLICT`, `excluded`, `COALESCE`, `CASE`; no
//! `INSERT OR IGNORE` or two-argument `MAX`). On Postgres, run each delivery in one
//! transaction as here; a concurrent duplicate then waits on the `svix_id` primary key and is
//! skipped once the first commits.
//!
//! Demo (what CI runs): starts the server on a loopback port with an in-memory database, posts
//! a scripted sequence of deliveries signed with the test kit — creates, updates, a duplicate,
//! an out-of-order older update, deletes, replays after a delete, and a forged request — prints
//! the tables, and exits 0 only if they are exactly right.
//!
//! ```sh
//! cargo run --example sync_sqlite --features axum,testing -- --demo
//! ```
//!
//! Serve (secret from `CLERK_WEBHOOK_SIGNING_SECRET`, database file from `SYNC_DB`, default
//! `clerk_sync.db`, port from `PORT`, default 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run --example sync_sqlite --features axum,testing
//! ```

mod demo;
mod server;
mod store;

use server::AppState;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use store::Store;

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
