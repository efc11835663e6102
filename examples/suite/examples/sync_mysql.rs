//! The Clerk → SQL sync service on the delivery ledger, on MySQL or MariaDB. See
//! `clerk_webhooks_suite::sync_sql` for how it works and what it answers when the database
//! fails. The same implementation runs the `sync_postgres`, `sync_mysql` and `sync_sqlite`
//! examples.
//!
//! ```sh
//! # The load test: four receivers, 10,000+ signed deliveries, a connection killer on the
//! # servers, and the final state checked row by row against the model of the four rules.
//! cargo run -p clerk-webhooks-suite --example sync_mysql -- --demo
//! # The ledger's cost: the same load with and without it, throughput ratio and latencies.
//! cargo run --release -p clerk-webhooks-suite --example sync_mysql -- --bench
//! # Serve (secret from CLERK_WEBHOOK_SIGNING_SECRET, port from PORT, default 3000).
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… cargo run -p clerk-webhooks-suite --example sync_mysql
//! ```
//!
//! The server is `MYSQL_URL` (`bash .ci/mariadb.sh …` starts a throwaway MariaDB); the demo
//! and the benchmark work in the database `clerk_webhooks_demo`, which they drop and create.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    clerk_webhooks_suite::sync_sql::cli::main(clerk_webhooks_suite::sync_sql::cli::Database::MySql)
        .await
}
