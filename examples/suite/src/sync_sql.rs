//! A Clerk → SQL sync service on the crate's delivery ledger, one implementation for
//! PostgreSQL, MySQL/MariaDB and SQLite (the `sync_postgres`, `sync_mysql` and `sync_sqlite`
//! examples), on sqlx.
//!
//! Each delivery runs in one transaction: verify → begin → `ledger::<db>::claim` → on
//! `Claim::Apply`, a plain unconditional upsert or delete of the synced row → commit → `200`.
//! The four rules (dedupe on `svix-id`, last write wins on `updated_at`, deletes are
//! tombstones, a second endpoint's copy changes nothing) are the ledger's: the synced tables
//! have no conditional SQL and a deleted row is simply gone. See the `clerk_webhooks::ledger`
//! docs for the rules and the ledger's tables.
//!
//! * [`tables`]: the synced tables described once; the `CREATE TABLE`, upsert, delete and
//!   `SELECT` of each database are generated from that description.
//! * [`store`]: the transaction per delivery, written once and compiled for each pool type.
//! * [`server`]: the axum receiver.
//! * [`load`], [`kill`]: the load test, with a connection killer.
//! * [`cli`]: what the three examples run.
//!
//! # When the database fails
//!
//! The handler answers **`503`** on *any* database error, so that Svix delivers the message
//! again; the transaction rolled back, claim included, so the retry applies exactly what the
//! failed attempt did not. A killed connection can also fail *after* `COMMIT` reached the
//! server: the retry is then answered `duplicate`, and nothing is applied twice. The errors
//! worth retrying at once, inside the handler, are those `clerk_webhooks::ledger::is_retryable`
//! accepts: a lost or killed connection (I/O, protocol, PostgreSQL SQLSTATE class `08` and
//! `57P01`–`57P03`, MySQL `2006`/`2013`/`1927`/`4031`), a pool timeout, a deadlock or
//! serialization failure (PostgreSQL class `40`, MySQL `1213`), a lock wait timeout (MySQL
//! `1205`, PostgreSQL `55P03`) and a busy SQLite file (`SQLITE_BUSY`, `SQLITE_LOCKED`); its
//! docs have the full table. This service does not retry inside the handler: Svix's retries
//! (and the load test's) suffice.
//!
//! # The load test
//!
//! `--demo` ([`load`]) starts four receivers, each an axum server with its own pool, on one
//! database, and sends over loopback HTTP a little over 10,000 signed deliveries: simultaneous
//! duplicates, late (older) updates, replays after deletes, second-endpoint copies (another
//! `svix-id` and secret) and forgeries (`400`, nothing written). Every delivery not answered
//! `2xx` is retried until it is. On PostgreSQL and MariaDB a separate connection meanwhile
//! kills receiver connections at random, preferring those inside a transaction ([`kill`]).
//! The run passes only when every final answer is right and the tables, the ledger's
//! included, equal the model of the four rules row by row.
//!
//! `--bench` runs the same load with and without the ledger and prints the throughput ratio
//! and the p50 and p99 latency per delivery; `benches/ledger.md`, at the repository's root,
//! has the method and the figures measured.

pub mod cli;
pub mod events;
pub mod kill;
pub mod load;
pub mod server;
pub mod store;
pub mod tables;
