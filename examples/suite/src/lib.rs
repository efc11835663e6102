//! Everything around `clerk-webhooks` that needs a web framework, a database or a property
//! testing library: the axum, actix-web and Rocket examples, the Clerk-to-SQL sync service
//! on the delivery ledger (PostgreSQL, MySQL/MariaDB, SQLite), and their tests, plus the
//! crate's property tests.
//!
//! It is a workspace member of its own so that a plain build of the crate (`cargo run
//! --example quickstart`, `cargo test`) compiles none of these. Run it with
//! `cargo test --workspace --all-features` or `cargo run -p clerk-webhooks-suite --example …`.
//!
//! The library holds the code the examples and tests share.

pub mod http_post;
pub mod lambda;
pub mod self_test;
pub mod sync_sql;
