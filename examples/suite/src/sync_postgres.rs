//! A Clerk → PostgreSQL sync service for several receivers on one database: the rules of
//! [`crate::sync_sql`] (dedupe on `svix-id`, last write wins, tombstones, and second-endpoint
//! copies that change nothing), the very statements the SQLite example runs, on a
//! [`tokio-postgres`](https://docs.rs/tokio-postgres) connection pool with one transaction per
//! delivery.
//!
//! Why tokio-postgres (with deadpool-postgres) rather than sqlx: every statement here is a
//! constant shared with the SQLite store, so sqlx's compile-time checked queries would add
//! nothing but a database (or an offline cache) at build time; tokio-postgres is the driver
//! sqlx's own Postgres support grew beside, with a smaller dependency tree, and deadpool's
//! `prepare_cached` keeps each statement prepared once per connection.
//!
//! What makes it correct with several receivers (each with its own pool) behind a load
//! balancer, under PostgreSQL's default `READ COMMITTED` isolation:
//!
//! * the same `svix-id` at two receivers at once: the second `INSERT … ON CONFLICT DO NOTHING`
//!   into `webhook_deliveries` waits for the first transaction, then inserts nothing and
//!   answers `duplicate` (or, if the first rolled back, applies the delivery itself);
//! * two deliveries for the same row at once: `ON CONFLICT DO UPDATE … WHERE` locks the row and
//!   evaluates the `WHERE` against its latest committed version, so the newer `updated_at`
//!   wins whatever the order;
//! * each transaction locks its own marker row first and then one data row, so two deliveries
//!   never wait on each other in a cycle: no deadlocks, and no serialization retries needed.
//!
//! Demo (what CI runs, against a throwaway server): four receivers in one process, each with
//! its own loopback listener and pool, and a seeded load of more than 2,000 signed deliveries
//! with simultaneous duplicates, late older updates, creates replayed after deletes,
//! second-endpoint copies and forgeries; it exits 0 only if every answer and every row is
//! exactly right, and prints the throughput and latency.
//!
//! ```sh
//! DATABASE_URL=postgres://… cargo run --release -p clerk-webhooks-suite --example sync_postgres -- --demo
//! ```
//!
//! Serve (secret from `CLERK_WEBHOOK_SIGNING_SECRET`, database from `DATABASE_URL`, port from
//! `PORT`, default 3000):
//!
//! ```sh
//! CLERK_WEBHOOK_SIGNING_SECRET=whsec_… DATABASE_URL=postgres://… cargo run -p clerk-webhooks-suite --example sync_postgres
//! ```

pub mod load;
pub mod server;
pub mod store;
