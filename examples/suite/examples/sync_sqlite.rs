//! The Clerk → SQL sync service on the delivery ledger, on Sqlite. See
//! `clerk_webhooks_suite::sync_sql` for how it works and what it answers when the database
//! fails. The same implementation runs the `sync_postgres`, `sync_mysql` and `sync_sqlite`
//! examples.
//!
//! ```sh
//! # The load test: four receivers, 10,000+ signed deliveries, a connection killer on the
//! # servers, and the final state checked row by row against the model of the four rules.
//! cargo run -p clerk-webhooks-suite --example sync_sqlite -- --demo
//! # The ledger's cost: the same load with and without it, throughput ratio and latencies.
//! cargo run --release -p clerk-webhooks-suite --example sync_sqlite -- --bench
//! # Serve (secret from CLERK_WEBHOOK_SIGNING_SECRET, port from PORT, default 3000).
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example sync_sqlite
//! ```
//!
//! The database is the file `SYNC_DB` (default `clerk_sync.db`); the demo and the benchmark
//! use `clerk_webhooks_demo.db` in the system's temporary directory, four pools on one file.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    clerk_webhooks_suite::sync_sql::cli::main(clerk_webhooks_suite::sync_sql::cli::Database::Sqlite)
        .await
}
