//! A complete Clerk → SQL sync service: users, sessions, organizations and memberships in an
//! embedded SQLite database, kept correct under Svix's retries and reordering.
//!
//! * **Dedupe on `svix-id`** in the same transaction as the write (`webhook_deliveries`).
//! * **Last write wins** on `updated_at` (`ON CONFLICT … DO UPDATE … WHERE excluded.updated_at >
//!   table.updated_at`), so late, older updates change nothing.
//! * **Soft deletes with tombstones** on `*.deleted`, so neither a late update nor a create
//!   replayed after the delete can bring a row back.
//!
//! The rules and their SQL live in [`crate::sync_sql`], shared with the `sync_postgres`
//! example (several receivers on one PostgreSQL server), which runs the very same statements;
//! [`store`] only executes them on SQLite.
//!
//! Demo (what CI runs): starts the server on a loopback port with an in-memory database, posts
//! a scripted sequence of deliveries signed with the test kit — creates, updates, a duplicate,
//! an out-of-order older update, deletes, replays after a delete, and a forged request — prints
//! the tables, and exits 0 only if they are exactly right.
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

pub mod demo;
pub mod server;
pub mod store;
