//! The ledger on MySQL and MariaDB (InnoDB): the SQL, and with feature `sqlx-mysql` the sqlx
//! functions.
//!
//! The SQL runs on MySQL 5.7 and later and MariaDB 10.2 and later. It is tested on MariaDB.
//!
//! # Tables
//!
//! Keys are `VARCHAR` with a binary collation, so that ids compare byte for byte (the default
//! collations ignore case). A resource id is at most 255 characters here, a `svix-id` at most
//! 64 bytes ([`MessageId::MAX_LEN`](crate::MessageId::MAX_LEN)).
//!
//! ```sql
//! clerk_webhook_messages  (svix_id VARCHAR(64) PRIMARY KEY, event_type TEXT NOT NULL,
//!                          delivered_at BIGINT NOT NULL)        -- index on delivered_at
//! clerk_webhook_resources (kind VARCHAR(32), id VARCHAR(255), version BIGINT NOT NULL,
//!                          deleted BOOLEAN NOT NULL, PRIMARY KEY (kind, id))
//! ```
//!
//! # Without sqlx
//!
//! Run [`MIGRATE`]'s statements in order (MySQL commits each `CREATE TABLE` on its own). To
//! claim a delivery inside the transaction that writes its effect:
//!
//! 1. Run [`CLAIM_MESSAGE`]. A duplicate-key error (error 1062, SQLSTATE `23000`) means
//!    [`Duplicate`](super::Claim::Duplicate); InnoDB rolls back only that statement, and the
//!    transaction goes on.
//! 2. When the delivery has an [`Effect`](super::Effect), run [`CLAIM_RESOURCE`] and read the
//!    affected-row count and the insert id of its answer (`mysql_affected_rows`,
//!    `mysql_insert_id`): see [`CLAIM_RESOURCE`]. Without an effect, the answer is
//!    [`Apply`](super::Claim::Apply).
//!
//! # Concurrency
//!
//! Under InnoDB's default isolation level (REPEATABLE READ), both statements lock the rows
//! they read and compare against the latest committed row, not the transaction's snapshot,
//! so two receivers claiming the same message or resource at once never both apply. InnoDB
//! may break a lock cycle between such claims (or between your own writes) by rolling one
//! transaction back with a deadlock error (1213), or time a wait out (1205): both are
//! retryable, and `is_retryable` (with a sqlx feature) says so.

/// The statements that create the ledger's tables when absent, to run in order. Idempotent,
/// and safe to run from several connections at once.
pub const MIGRATE: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS clerk_webhook_messages (
    svix_id      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    event_type   TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    delivered_at BIGINT NOT NULL,
    PRIMARY KEY (svix_id),
    KEY clerk_webhook_messages_delivered_at (delivered_at)
) ENGINE = InnoDB",
    "CREATE TABLE IF NOT EXISTS clerk_webhook_resources (
    kind    VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    version BIGINT NOT NULL,
    deleted BOOLEAN NOT NULL,
    PRIMARY KEY (kind, id)
) ENGINE = InnoDB",
];

/// Records a delivery's `svix-id`. A duplicate-key error (1062) means the message was claimed
/// before.
///
/// Parameters: the `svix-id`, the event type, the delivery time in Unix milliseconds.
pub const CLAIM_MESSAGE: &str =
    "INSERT INTO clerk_webhook_messages (svix_id, event_type, delivered_at) VALUES (?, ?, ?)";

/// Moves a resource to the delivery's version, when the delivery applies.
///
/// Parameters, from the [`Effect`](super::Effect): kind
/// ([`ResourceKind::as_str`](super::ResourceKind::as_str)), resource id, version, deletes;
/// then deletes, version, version, deletes again (`?` parameters cannot be named).
///
/// The answer: **2 rows affected**, or **1 with insert id 0** (a new resource row), means
/// [`Apply`](super::Claim::Apply); **0 rows**, or **1 with insert id 1**, means
/// [`Stale`](super::Claim::Stale). The affected-row count alone cannot tell a new row from an
/// unchanged one when the connection sets `CLIENT_FOUND_ROWS` (sqlx does by default), so the
/// update marks its outcome with `LAST_INSERT_ID(1 + applies)`; the statement therefore
/// changes the session's `LAST_INSERT_ID()`. The assignments run left to right: `version`
/// first, while `deleted` still holds the stored value.
pub const CLAIM_RESOURCE: &str = "INSERT INTO clerk_webhook_resources (kind, id, version, deleted)
VALUES (?, ?, ?, ?)
ON DUPLICATE KEY UPDATE
    version = IF(LAST_INSERT_ID(1 + (NOT deleted AND (? OR ? > version))) = 2, ?, version),
    deleted = deleted OR ?";

/// Deletes the message rows delivered before a time: the parameter is Unix milliseconds. See
/// [Pruning](super#pruning) for a safe retention.
pub const PRUNE: &str = "DELETE FROM clerk_webhook_messages WHERE delivered_at < ?";

/// The longest resource id the `id` column holds, in characters.
pub const MAX_RESOURCE_ID_CHARS: usize = 255;

#[cfg(feature = "sqlx-mysql")]
mod with_sqlx {
    use super::{CLAIM_MESSAGE, CLAIM_RESOURCE, MAX_RESOURCE_ID_CHARS, MIGRATE, PRUNE};
    use crate::ledger::effect::millis;
    use crate::ledger::{delivered_at_millis, Claim, Effect};
    use crate::VerifiedEvent;
    use sqlx::mysql::MySqlDatabaseError;
    use sqlx::{MySqlConnection, MySqlPool};

    /// MySQL's duplicate-key error number.
    const ER_DUP_ENTRY: u16 = 1062;

    /// Creates the ledger's tables when they are absent ([`MIGRATE`]). Idempotent, and safe
    /// when several receivers call it at the same moment (MySQL's metadata locks serialize
    /// `CREATE TABLE IF NOT EXISTS`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sqlx::Error> {
    /// let pool = sqlx::MySqlPool::connect("mysql://app@localhost/app").await?;
    /// clerk_webhooks::ledger::mysql::migrate(&pool).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn migrate(pool: &MySqlPool) -> Result<(), sqlx::Error> {
        let mut conn = pool.acquire().await?;
        for statement in MIGRATE {
            sqlx::query(*statement).execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Claims a delivery inside the caller's transaction: at most two statements
    /// ([`CLAIM_MESSAGE`], then [`CLAIM_RESOURCE`] when the delivery has a resource).
    ///
    /// On [`Claim::Apply`], write the delivery's effect on the same transaction, then commit;
    /// otherwise write nothing. A resource id longer than
    /// [`MAX_RESOURCE_ID_CHARS`](super::MAX_RESOURCE_ID_CHARS) is refused with
    /// [`sqlx::Error::Encode`] rather than cut.
    ///
    /// ```no_run
    /// use clerk_webhooks::ledger::{mysql, Claim};
    /// # async fn handle(pool: &sqlx::MySqlPool, delivery: &clerk_webhooks::VerifiedEvent) -> Result<(), sqlx::Error> {
    /// let mut tx = pool.begin().await?;
    /// if mysql::claim(&mut *tx, delivery).await? == Claim::Apply {
    ///     // sqlx::query("INSERT INTO users … ON DUPLICATE KEY UPDATE …").execute(&mut *tx).await?;
    /// }
    /// tx.commit().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn claim(
        conn: &mut MySqlConnection,
        delivery: &VerifiedEvent,
    ) -> Result<Claim, sqlx::Error> {
        let effect = Effect::of(delivery);
        if let Some(effect) = effect {
            if effect.id.chars().count() > MAX_RESOURCE_ID_CHARS {
                return Err(sqlx::Error::Encode(
                    "a resource id is longer than the ledger's id column (255 characters)".into(),
                ));
            }
        }
        let recorded = sqlx::query(CLAIM_MESSAGE)
            .bind(delivery.message_id.as_str())
            .bind(delivery.body.event.event_type())
            .bind(delivered_at_millis(delivery))
            .execute(&mut *conn)
            .await;
        match recorded {
            Ok(_) => {}
            Err(sqlx::Error::Database(error))
                if error
                    .try_downcast_ref::<MySqlDatabaseError>()
                    .is_some_and(|e| e.number() == ER_DUP_ENTRY) =>
            {
                return Ok(Claim::Duplicate);
            }
            Err(error) => return Err(error),
        }
        let Some(effect) = effect else {
            return Ok(Claim::Apply);
        };
        let moved = sqlx::query(CLAIM_RESOURCE)
            .bind(effect.kind.as_str())
            .bind(effect.id)
            .bind(effect.version)
            .bind(effect.deletes)
            .bind(effect.deletes)
            .bind(effect.version)
            .bind(effect.version)
            .bind(effect.deletes)
            .execute(&mut *conn)
            .await?;
        // See CLAIM_RESOURCE: 0 rows, or 1 row marked 1 by the update, is an unchanged row.
        Ok(match (moved.rows_affected(), moved.last_insert_id()) {
            (0, _) | (1, 1) => Claim::Stale,
            _ => Claim::Apply,
        })
    }

    /// Deletes the message rows delivered before `before` ([`PRUNE`]) and returns how many it
    /// deleted. See [Pruning](crate::ledger#pruning) for a safe retention.
    pub async fn prune(
        conn: &mut MySqlConnection,
        before: time::OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let result = sqlx::query(PRUNE)
            .bind(millis(before))
            .execute(&mut *conn)
            .await?;
        Ok(result.rows_affected())
    }
}

#[cfg(feature = "sqlx-mysql")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlx-mysql")))]
pub use with_sqlx::{claim, migrate, prune};
