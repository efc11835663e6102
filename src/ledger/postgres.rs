//! The ledger on PostgreSQL: the SQL, and with feature `sqlx-postgres` the sqlx functions.
//!
//! The SQL runs on PostgreSQL 9.5 and later (`ON CONFLICT`, data-modifying `WITH`).
//!
//! # Tables
//!
//! ```sql
//! clerk_webhook_messages  (svix_id TEXT PRIMARY KEY, event_type TEXT NOT NULL,
//!                          delivered_at BIGINT NOT NULL)        -- index on delivered_at
//! clerk_webhook_resources (kind TEXT, id TEXT, version BIGINT NOT NULL,
//!                          deleted BOOLEAN NOT NULL, PRIMARY KEY (kind, id))
//! ```
//!
//! # Without sqlx
//!
//! Run the statements of [`MIGRATE`] in order, in one transaction (the first takes a
//! transaction-level advisory lock, so that receivers starting at once do not race on the
//! catalog). Then claim each delivery with [`CLAIM`], inside the transaction that writes its
//! effect, with the parameters listed there, and read the one row it returns. With
//! tokio-postgres (a stand-in with its signatures here, so that the example runs without a
//! server):
//!
//! ```
//! # mod tokio_postgres { // A stand-in with tokio-postgres's signatures, answering "apply".
//! #     pub type Error = std::io::Error;
//! #     pub struct Row;
//! #     impl Row { pub fn get(&self, _: usize) -> &str { "apply" } }
//! #     pub struct Transaction;
//! #     impl Transaction {
//! #         pub async fn query_one(&self, _: &str, _: &[&(dyn std::fmt::Debug + Sync)]) -> Result<Row, Error> { Ok(Row) }
//! #         pub async fn commit(self) -> Result<(), Error> { Ok(()) }
//! #     }
//! # }
//! use clerk_webhooks::ledger::{delivered_at_millis, postgres, Claim, Effect};
//! use clerk_webhooks::VerifiedEvent;
//!
//! async fn handle(
//!     tx: tokio_postgres::Transaction,
//!     delivery: &VerifiedEvent,
//! ) -> Result<bool, tokio_postgres::Error> {
//!     let effect = Effect::of(delivery);
//!     let row = tx
//!         .query_one(
//!             postgres::CLAIM,
//!             &[
//!                 &delivery.message_id.as_str(),
//!                 &delivery.body.event.event_type(),
//!                 &delivered_at_millis(delivery),
//!                 &effect.map(|e| e.kind.as_str()),
//!                 &effect.map(|e| e.id),
//!                 &effect.map(|e| e.version),
//!                 &effect.map(|e| e.deletes),
//!             ],
//!         )
//!         .await?;
//!     let apply = Claim::parse(row.get(0)) == Some(Claim::Apply);
//!     if apply {
//!         // Your own plain upsert or delete, on `tx`.
//!     }
//!     tx.commit().await?;
//!     Ok(apply)
//! }
//! # let delivery = VerifiedEvent::new(
//! #     clerk_webhooks::MessageId::new("msg_1").unwrap(),
//! #     clerk_webhooks::time::OffsetDateTime::UNIX_EPOCH,
//! #     clerk_webhooks::ClerkEvent::from_slice(br#"{"type":"user.created","data":{"id":"user_1"}}"#).unwrap().into(),
//! # );
//! # use std::future::Future;
//! # let waker = std::task::Waker::noop();
//! # let mut fut = std::pin::pin!(handle(tokio_postgres::Transaction, &delivery));
//! # assert!(matches!(fut.as_mut().poll(&mut std::task::Context::from_waker(&waker)), std::task::Poll::Ready(Ok(true))));
//! ```
//!
//!
//! # Concurrency
//!
//! [`CLAIM`] is one statement, so one round trip. Under PostgreSQL's default isolation level
//! (READ COMMITTED) it needs no retry loop of its own: a second claim of the same `svix-id`
//! waits on the first transaction's key and answers `Duplicate` once it commits (or claims
//! afresh if it rolled back), and `INSERT … ON CONFLICT DO UPDATE … WHERE` compares versions
//! against the latest committed resource row, under its row lock (see PostgreSQL's
//! [`INSERT`](https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT) docs).
//! Under REPEATABLE READ or SERIALIZABLE, PostgreSQL reports such a race as a serialization
//! failure (`40001`) instead, which `is_retryable` (with a sqlx feature) accepts.

/// The statements that create the ledger's tables when absent, to run in order in one
/// transaction. Idempotent; the first statement serializes concurrent runs with a
/// transaction-level advisory lock (key `0x636c65726b5f6c67`, "clerk_lg" in ASCII).
pub const MIGRATE: &[&str] = &[
    "SELECT pg_advisory_xact_lock(7164212649341709415)",
    "CREATE TABLE IF NOT EXISTS clerk_webhook_messages (
    svix_id      TEXT PRIMARY KEY,
    event_type   TEXT NOT NULL,
    delivered_at BIGINT NOT NULL
)",
    "CREATE INDEX IF NOT EXISTS clerk_webhook_messages_delivered_at
    ON clerk_webhook_messages (delivered_at)",
    "CREATE TABLE IF NOT EXISTS clerk_webhook_resources (
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    version BIGINT NOT NULL,
    deleted BOOLEAN NOT NULL,
    PRIMARY KEY (kind, id)
)",
];

/// Claims a delivery: one statement that returns one row with one `TEXT` column, `claim`:
/// `'apply'`, `'duplicate'` or `'stale'` (read it with [`Claim::parse`](super::Claim::parse)).
///
/// Parameters: `$1` the `svix-id` (`TEXT`), `$2` the event type (`TEXT`), `$3` the delivery
/// time in Unix milliseconds (`BIGINT`), then the [`Effect`](super::Effect), all `NULL` when the
/// delivery has none: `$4` kind ([`ResourceKind::as_str`](super::ResourceKind::as_str), `TEXT`),
/// `$5` resource id (`TEXT`), `$6` version (`BIGINT`), `$7` deletes (`BOOLEAN`).
pub const CLAIM: &str = "WITH message AS (
    INSERT INTO clerk_webhook_messages (svix_id, event_type, delivered_at)
    VALUES ($1, $2, $3)
    ON CONFLICT (svix_id) DO NOTHING
    RETURNING 1
), resource AS (
    INSERT INTO clerk_webhook_resources AS r (kind, id, version, deleted)
    SELECT $4::text, $5::text, $6::bigint, $7::boolean FROM message
    WHERE $4::text IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE
        SET version = excluded.version, deleted = excluded.deleted
        WHERE NOT r.deleted AND (excluded.deleted OR excluded.version > r.version)
    RETURNING 1
)
SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM message) THEN 'duplicate'
    WHEN $4::text IS NULL OR EXISTS (SELECT 1 FROM resource) THEN 'apply'
    ELSE 'stale'
END AS claim";

/// Deletes the message rows delivered before a time: `$1`, Unix milliseconds (`BIGINT`). See
/// [Pruning](super#pruning) for a safe retention.
pub const PRUNE: &str = "DELETE FROM clerk_webhook_messages WHERE delivered_at < $1";

#[cfg(feature = "sqlx-postgres")]
mod with_sqlx {
    use super::{CLAIM, MIGRATE, PRUNE};
    use crate::ledger::{delivered_at_millis, Claim, Effect};
    use crate::VerifiedEvent;
    use sqlx::{PgConnection, PgPool};

    /// Creates the ledger's tables when they are absent ([`MIGRATE`], in one transaction).
    ///
    /// Idempotent, and safe when several receivers call it at the same moment: an advisory
    /// lock makes them take turns, so that PostgreSQL's catalog does not see two
    /// `CREATE TABLE IF NOT EXISTS` of one table at once (which can fail on a unique
    /// violation in `pg_type`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sqlx::Error> {
    /// let pool = sqlx::PgPool::connect("postgres://localhost/app").await?;
    /// clerk_webhooks::ledger::postgres::migrate(&pool).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::Error> {
        let mut tx = pool.begin().await?;
        for statement in MIGRATE {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// Claims a delivery inside the caller's transaction: one statement ([`CLAIM`]), one
    /// round trip once sqlx has prepared it on the connection.
    ///
    /// On [`Claim::Apply`], write the delivery's effect on the same transaction, then commit;
    /// otherwise write nothing. Nothing is kept outside the transaction: if it rolls back, or
    /// its connection dies before `COMMIT` is answered, the claim is undone with it (or
    /// committed with the effect), and Svix's retry claims again.
    ///
    /// ```no_run
    /// use clerk_webhooks::ledger::{postgres, Claim};
    /// # async fn handle(pool: &sqlx::PgPool, delivery: &clerk_webhooks::VerifiedEvent) -> Result<(), sqlx::Error> {
    /// let mut tx = pool.begin().await?;
    /// if postgres::claim(&mut *tx, delivery).await? == Claim::Apply {
    ///     // sqlx::query("INSERT INTO users … ON CONFLICT (id) DO UPDATE …").execute(&mut *tx).await?;
    /// }
    /// tx.commit().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn claim(
        conn: &mut PgConnection,
        delivery: &VerifiedEvent,
    ) -> Result<Claim, sqlx::Error> {
        let effect = Effect::of(delivery);
        let answer: String = sqlx::query_scalar(CLAIM)
            .bind(delivery.message_id.as_str())
            .bind(delivery.body.event.event_type())
            .bind(delivered_at_millis(delivery))
            .bind(effect.map(|e| e.kind.as_str()))
            .bind(effect.map(|e| e.id))
            .bind(effect.map(|e| e.version))
            .bind(effect.map(|e| e.deletes))
            .fetch_one(&mut *conn)
            .await?;
        Claim::parse(&answer).ok_or_else(|| {
            sqlx::Error::Protocol("the ledger's claim statement returned an unknown answer".into())
        })
    }

    /// Deletes the message rows delivered before `before` ([`PRUNE`]) and returns how many it
    /// deleted. See [Pruning](crate::ledger#pruning) for a safe retention.
    ///
    /// ```no_run
    /// # async fn run(pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
    /// use clerk_webhooks::time::{Duration, OffsetDateTime};
    ///
    /// let before = OffsetDateTime::now_utc() - Duration::days(7);
    /// let mut conn = pool.acquire().await?;
    /// clerk_webhooks::ledger::postgres::prune(&mut conn, before).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn prune(
        conn: &mut PgConnection,
        before: time::OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let result = sqlx::query(PRUNE)
            .bind(crate::ledger::effect::millis(before))
            .execute(&mut *conn)
            .await?;
        Ok(result.rows_affected())
    }
}

#[cfg(feature = "sqlx-postgres")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-postgres")))]
pub use with_sqlx::{claim, migrate, prune};
