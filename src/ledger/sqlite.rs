//! The ledger on SQLite: the SQL, and with feature `sqlx-sqlite` the sqlx functions.
//!
//! The SQL runs on SQLite 3.24 and later (`ON CONFLICT … DO UPDATE`).
//!
//! # Tables
//!
//! ```sql
//! clerk_webhook_messages  (svix_id TEXT PRIMARY KEY, event_type TEXT NOT NULL,
//!                          delivered_at INTEGER NOT NULL)       -- index on delivered_at
//! clerk_webhook_resources (kind TEXT, id TEXT, version INTEGER NOT NULL,
//!                          deleted INTEGER NOT NULL, PRIMARY KEY (kind, id))
//! ```
//!
//! # Without sqlx
//!
//! Run [`MIGRATE`]'s statements in order in one transaction. To claim a delivery inside the
//! transaction that writes its effect, run [`CLAIM_MESSAGE`]: no row changed means
//! [`Duplicate`](super::Claim::Duplicate). Otherwise, when the delivery has an
//! [`Effect`](super::Effect), run [`CLAIM_RESOURCE`]: one row changed means
//! [`Apply`](super::Claim::Apply), none [`Stale`](super::Claim::Stale). Without an effect, the
//! answer is `Apply`. At most two statements.
//!
//! # Concurrency
//!
//! SQLite runs one write transaction at a time. Begin the transaction with `BEGIN IMMEDIATE`
//! (sqlx: `conn.begin_with("BEGIN IMMEDIATE")`), so that it takes the write lock before it
//! reads, and set a busy timeout (sqlx's default is 5 s): a plain deferred `BEGIN` that reads
//! before it writes can fail with `SQLITE_BUSY` when another connection wrote in between,
//! which `is_retryable` (with a sqlx feature) accepts.

/// The statements that create the ledger's tables when absent, to run in order in one
/// transaction. Idempotent.
pub const MIGRATE: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS clerk_webhook_messages (
    svix_id      TEXT PRIMARY KEY NOT NULL,
    event_type   TEXT NOT NULL,
    delivered_at INTEGER NOT NULL
)",
    "CREATE INDEX IF NOT EXISTS clerk_webhook_messages_delivered_at
    ON clerk_webhook_messages (delivered_at)",
    "CREATE TABLE IF NOT EXISTS clerk_webhook_resources (
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
)",
];

/// Records a delivery's `svix-id`: one row changed for a new one, none for a duplicate.
///
/// Parameters: `?1` the `svix-id`, `?2` the event type, `?3` the delivery time in Unix
/// milliseconds.
pub const CLAIM_MESSAGE: &str =
    "INSERT INTO clerk_webhook_messages (svix_id, event_type, delivered_at)
VALUES (?1, ?2, ?3)
ON CONFLICT (svix_id) DO NOTHING";

/// Moves a resource to the delivery's version: one row changed when the delivery applies,
/// none when it is stale.
///
/// Parameters, from the [`Effect`](super::Effect): `?1` kind
/// ([`ResourceKind::as_str`](super::ResourceKind::as_str)), `?2` resource id, `?3` version,
/// `?4` deletes (`0` or `1`).
pub const CLAIM_RESOURCE: &str = "INSERT INTO clerk_webhook_resources (kind, id, version, deleted)
VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (kind, id) DO UPDATE
    SET version = excluded.version, deleted = excluded.deleted
    WHERE NOT clerk_webhook_resources.deleted
      AND (excluded.deleted OR excluded.version > clerk_webhook_resources.version)";

/// Deletes the message rows delivered before a time: `?1`, Unix milliseconds. See
/// [Pruning](super#pruning) for a safe retention.
pub const PRUNE: &str = "DELETE FROM clerk_webhook_messages WHERE delivered_at < ?1";

#[cfg(feature = "sqlx-sqlite")]
mod with_sqlx {
    use super::{CLAIM_MESSAGE, CLAIM_RESOURCE, MIGRATE, PRUNE};
    use crate::ledger::effect::millis;
    use crate::ledger::{delivered_at_millis, Claim, Effect};
    use crate::VerifiedEvent;
    use sqlx::{Connection, SqliteConnection, SqlitePool};

    /// Creates the ledger's tables when they are absent ([`MIGRATE`], in one `BEGIN
    /// IMMEDIATE` transaction). Idempotent, and safe when several connections call it at the
    /// same moment: they take turns on SQLite's write lock.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sqlx::Error> {
    /// let pool = sqlx::SqlitePool::connect("sqlite:app.db?mode=rwc").await?;
    /// clerk_webhooks::ledger::sqlite::migrate(&pool).await?;
    /// clerk_webhooks::ledger::sqlite::migrate(&pool).await?; // idempotent
    /// # Ok(())
    /// # }
    /// ```
    pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::Error> {
        let mut conn = pool.acquire().await?;
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        for statement in MIGRATE {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// Claims a delivery inside the caller's transaction: at most two statements
    /// ([`CLAIM_MESSAGE`], then [`CLAIM_RESOURCE`] when the delivery has a resource).
    ///
    /// On [`Claim::Apply`], write the delivery's effect on the same transaction, then commit;
    /// otherwise write nothing. Begin the transaction with `BEGIN IMMEDIATE` (see
    /// [Concurrency](crate::ledger::sqlite#concurrency)).
    ///
    /// ```no_run
    /// use clerk_webhooks::ledger::{sqlite, Claim};
    /// use sqlx::Connection;
    /// # async fn handle(pool: &sqlx::SqlitePool, delivery: &clerk_webhooks::VerifiedEvent) -> Result<(), sqlx::Error> {
    /// let mut conn = pool.acquire().await?;
    /// let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    /// if sqlite::claim(&mut *tx, delivery).await? == Claim::Apply {
    ///     // sqlx::query("INSERT INTO users … ON CONFLICT (id) DO UPDATE …").execute(&mut *tx).await?;
    /// }
    /// tx.commit().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn claim(
        conn: &mut SqliteConnection,
        delivery: &VerifiedEvent,
    ) -> Result<Claim, sqlx::Error> {
        let recorded = sqlx::query(CLAIM_MESSAGE)
            .bind(delivery.message_id.as_str())
            .bind(delivery.body.event.event_type())
            .bind(delivered_at_millis(delivery))
            .execute(&mut *conn)
            .await?;
        if recorded.rows_affected() == 0 {
            return Ok(Claim::Duplicate);
        }
        let Some(effect) = Effect::of(delivery) else {
            return Ok(Claim::Apply);
        };
        let moved = sqlx::query(CLAIM_RESOURCE)
            .bind(effect.kind.as_str())
            .bind(effect.id)
            .bind(effect.version)
            .bind(effect.deletes)
            .execute(&mut *conn)
            .await?;
        Ok(if moved.rows_affected() == 0 {
            Claim::Stale
        } else {
            Claim::Apply
        })
    }

    /// Deletes the message rows delivered before `before` ([`PRUNE`]) and returns how many it
    /// deleted. See [Pruning](crate::ledger#pruning) for a safe retention.
    pub async fn prune(
        conn: &mut SqliteConnection,
        before: time::OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let result = sqlx::query(PRUNE)
            .bind(millis(before))
            .execute(&mut *conn)
            .await?;
        Ok(result.rows_affected())
    }
}

#[cfg(feature = "sqlx-sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-sqlite")))]
pub use with_sqlx::{claim, migrate, prune};
