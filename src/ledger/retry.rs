//! [`is_retryable`]: which database errors a claim's caller retries.

/// `true` when a transaction that failed with this error may succeed if run again from the
/// start, on a fresh connection from the pool: a lost connection, a serialization failure, a
/// deadlock, a lock wait timeout, a busy SQLite database.
///
/// | Database | Errors |
/// | --- | --- |
/// | any | I/O errors, a pool timed out waiting for a connection, a protocol error (a connection cut mid-answer), a crashed SQLite worker |
/// | PostgreSQL | SQLSTATE class `40` (`40001` serialization failure, `40P01` deadlock), class `08` (connection exception), `57P01`–`57P03` (the server ended the session: `pg_terminate_backend`, shutdown), `55P03` (lock not available) |
/// | MySQL, MariaDB | `1213` deadlock, `1205` lock wait timeout, `1053` server shutdown, `1927` connection killed, `1317` query interrupted, `2006`/`2013` server gone or connection lost, `4031` disconnected by the server, SQLSTATE class `08` and `40` |
/// | SQLite | `SQLITE_BUSY` and `SQLITE_LOCKED` with their extended codes |
///
/// A handler that meets any database error, retryable or not, answers a non-`2xx` status
/// (say `503`), so that Svix delivers the message again later. The claim and the effect commit
/// together, so a retry (in the handler, or Svix's) applies exactly what the failed attempt
/// did not. This function only tells whether retrying *now*, in the handler, is worthwhile.
///
/// ```
/// use clerk_webhooks::ledger::is_retryable;
///
/// let lost = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
/// assert!(is_retryable(&lost));
/// assert!(!is_retryable(&sqlx::Error::RowNotFound));
/// ```
pub fn is_retryable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(database) => database_is_retryable(database.as_ref()),
        _ => false,
    }
}

fn database_is_retryable(error: &dyn sqlx::error::DatabaseError) -> bool {
    #[cfg(feature = "sqlx-mysql")]
    if let Some(mysql) = error.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return matches!(
            mysql.number(),
            1053 | 1205 | 1213 | 1317 | 1927 | 2006 | 2013 | 4031
        ) || mysql
            .code()
            .is_some_and(|state| state.starts_with("08") || state.starts_with("40"));
    }
    #[cfg(feature = "sqlx-sqlite")]
    if error
        .try_downcast_ref::<sqlx::sqlite::SqliteError>()
        .is_some()
    {
        // The extended result code; the primary one is its low byte.
        return error
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED));
    }
    #[cfg(feature = "sqlx-postgres")]
    if let Some(postgres) = error.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        let state = postgres.code();
        return state.starts_with("40")
            || state.starts_with("08")
            || matches!(state, "57P01" | "57P02" | "57P03" | "55P03");
    }
    let _ = error;
    false
}

#[cfg(feature = "sqlx-sqlite")]
const SQLITE_BUSY: i32 = 5;
#[cfg(feature = "sqlx-sqlite")]
const SQLITE_LOCKED: i32 = 6;
