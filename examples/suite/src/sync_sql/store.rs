//! The store: the synced tables and the ledger on one of the three databases, behind a sqlx
//! pool, with one transaction per delivery. One implementation serves the three databases:
//! `with_pool!` expands the same code once per pool type.

use super::tables::{write_of, Dialect, Type, Value, Write, TABLES};
use clerk_webhooks::ledger::{self, Claim};
use clerk_webhooks::VerifiedEvent;
use sqlx::mysql::{MySqlConnectOptions, MySqlPoolOptions};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{AssertSqlSafe, Row};
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use std::time::Duration;

/// Where the tables live.
#[derive(Clone, Debug)]
pub enum Target {
    /// A PostgreSQL server, with the tables in `schema` (through `search_path`), or in the
    /// default schema when `None`.
    Postgres { url: String, schema: Option<String> },
    /// A MySQL or MariaDB server, with the tables in `database`, or in the URL's database.
    MySql {
        url: String,
        database: Option<String>,
    },
    /// A SQLite database file, created when absent.
    Sqlite { path: String },
}

/// Whether a delivery goes through the ledger (the service) or is written blindly (the
/// benchmark's baseline: the same writes, without dedupe or ordering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Ledger,
    WithoutLedger,
}

/// A pool on one of the three databases. Cloning shares the pool.
#[derive(Clone, Debug)]
pub enum Store {
    Postgres(sqlx::PgPool),
    MySql(sqlx::MySqlPool),
    Sqlite(sqlx::SqlitePool),
}

/// Every synced table's rows, the ledger's message ids and its resource rows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// Table name → rows, each row its values in column order.
    pub tables: BTreeMap<&'static str, BTreeSet<Vec<Value>>>,
    /// `(svix_id, event_type)` of every message claimed.
    pub messages: BTreeSet<(String, String)>,
    /// `(kind, id, version, deleted)` of every resource.
    pub resources: BTreeSet<(String, String, i64, bool)>,
}

/// Runs `$body` with `$pool` bound to the store's pool, `$ledger` to the matching module of
/// `clerk_webhooks::ledger` and `$dialect` to its [`Dialect`]: one piece of code, compiled for
/// each database.
macro_rules! with_pool {
    ($store:expr, |$pool:ident, $ledger:ident, $dialect:ident| $body:expr) => {
        match $store {
            Store::Postgres($pool) => {
                #[allow(unused_imports)]
                use clerk_webhooks::ledger::postgres as $ledger;
                let $dialect = Dialect::Postgres;
                $body
            }
            Store::MySql($pool) => {
                #[allow(unused_imports)]
                use clerk_webhooks::ledger::mysql as $ledger;
                let $dialect = Dialect::MySql;
                $body
            }
            Store::Sqlite($pool) => {
                #[allow(unused_imports)]
                use clerk_webhooks::ledger::sqlite as $ledger;
                let $dialect = Dialect::Sqlite;
                $body
            }
        }
    };
}

impl Dialect {
    /// How a delivery's transaction begins. SQLite takes the write lock at once (see the
    /// ledger's SQLite docs); the servers use their default isolation level.
    fn begin(self) -> &'static str {
        match self {
            Self::Sqlite => "BEGIN IMMEDIATE",
            Self::Postgres | Self::MySql => "BEGIN",
        }
    }
}

impl Store {
    /// A pool of at most `connections` connections to `target`. On PostgreSQL its sessions
    /// carry `application_name` (what the fault injector looks for).
    pub async fn connect(
        target: &Target,
        connections: u32,
        application_name: &str,
    ) -> Result<Self, sqlx::Error> {
        let acquire = Duration::from_secs(10);
        Ok(match target {
            Target::Postgres { url, schema } => {
                let mut options =
                    PgConnectOptions::from_str(url)?.application_name(application_name);
                if let Some(schema) = schema {
                    options = options.options([("search_path", schema.as_str())]);
                }
                Self::Postgres(
                    PgPoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(acquire)
                        .connect_with(options)
                        .await?,
                )
            }
            Target::MySql { url, database } => {
                let mut options = MySqlConnectOptions::from_str(url)?;
                if let Some(database) = database {
                    options = options.database(database);
                }
                Self::MySql(
                    MySqlPoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(acquire)
                        .connect_with(options)
                        .await?,
                )
            }
            Target::Sqlite { path } => {
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(30));
                Self::Sqlite(
                    SqlitePoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(Duration::from_secs(60))
                        .connect_with(options)
                        .await?,
                )
            }
        })
    }

    /// Empties the target's space (drops and creates the schema or database, removes the
    /// file), for a run that must start from nothing and touch nothing else. `schema` and
    /// `database` names must be plain identifiers (ASCII letters, digits, `_`).
    pub async fn reset(target: &Target) -> Result<(), sqlx::Error> {
        fn plain(name: &str) -> Result<&str, sqlx::Error> {
            let ok =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            ok.then_some(name)
                .ok_or_else(|| sqlx::Error::Configuration("not a plain identifier".into()))
        }
        match target {
            Target::Postgres {
                url,
                schema: Some(schema),
            } => {
                let schema = plain(schema)?;
                let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(url).await?;
                for sql in [
                    format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
                    format!("CREATE SCHEMA {schema}"),
                ] {
                    sqlx::query(AssertSqlSafe(sql)).execute(&mut admin).await?;
                }
            }
            Target::MySql {
                url,
                database: Some(database),
            } => {
                let database = plain(database)?;
                let mut admin = <sqlx::MySqlConnection as sqlx::Connection>::connect(url).await?;
                for sql in [
                    format!("DROP DATABASE IF EXISTS {database}"),
                    format!("CREATE DATABASE {database}"),
                ] {
                    sqlx::query(AssertSqlSafe(sql)).execute(&mut admin).await?;
                }
            }
            Target::Sqlite { path } => {
                for suffix in ["", "-wal", "-shm"] {
                    match std::fs::remove_file(format!("{path}{suffix}")) {
                        Ok(()) => {}
                        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                        Err(err) => return Err(sqlx::Error::Io(err)),
                    }
                }
            }
            Target::Postgres { schema: None, .. } | Target::MySql { database: None, .. } => {}
        }
        Ok(())
    }

    /// Creates the ledger's tables and the synced tables when absent.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        with_pool!(self, |pool, ledger, dialect| {
            ledger::migrate(pool).await?;
            for table in TABLES {
                sqlx::query(AssertSqlSafe(table.create(dialect)))
                    .execute(pool)
                    .await?;
            }
            Ok(())
        })
    }

    /// Applies one verified delivery in one transaction: the claim, and on
    /// [`Claim::Apply`] the plain write, commit together or not at all. On any error the
    /// transaction rolls back (dropping it does), and the caller answers non-`2xx`.
    pub async fn apply(&self, delivery: &VerifiedEvent, mode: Mode) -> Result<Claim, sqlx::Error> {
        with_pool!(self, |pool, ledger, dialect| {
            let mut tx = pool.begin_with(dialect.begin()).await?;
            let claim = match mode {
                Mode::Ledger => ledger::claim(&mut tx, delivery).await?,
                Mode::WithoutLedger => Claim::Apply,
            };
            if claim.is_apply() {
                match write_of(delivery) {
                    Some(Write::Upsert(table, values)) => {
                        let mut query = sqlx::query(AssertSqlSafe(table.upsert(dialect)));
                        for value in values {
                            query = match value {
                                Value::Text(text) => query.bind(text),
                                Value::Int(int) => query.bind(int),
                            };
                        }
                        query.execute(&mut *tx).await?;
                    }
                    Some(Write::Delete(table, id)) => {
                        sqlx::query(AssertSqlSafe(table.delete(dialect)))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    None => {}
                }
            }
            tx.commit().await?;
            Ok(claim)
        })
    }

    /// Every table's rows, and the ledger's.
    pub async fn snapshot(&self) -> Result<Snapshot, sqlx::Error> {
        with_pool!(self, |pool, _ledger, _dialect| {
            let mut snapshot = Snapshot::default();
            for table in TABLES {
                let rows = snapshot.tables.entry(table.name).or_default();
                for row in sqlx::query(AssertSqlSafe(table.select()))
                    .fetch_all(pool)
                    .await?
                {
                    let mut values = Vec::with_capacity(table.columns.len());
                    for (n, (_, ty)) in table.columns.iter().enumerate() {
                        values.push(match ty {
                            Type::Int => Value::Int(row.try_get(n)?),
                            Type::Text | Type::OptionalText => Value::Text(row.try_get(n)?),
                        });
                    }
                    rows.insert(values);
                }
            }
            for row in sqlx::query("SELECT svix_id, event_type FROM clerk_webhook_messages")
                .fetch_all(pool)
                .await?
            {
                snapshot.messages.insert((row.try_get(0)?, row.try_get(1)?));
            }
            for row in sqlx::query("SELECT kind, id, version, deleted FROM clerk_webhook_resources")
                .fetch_all(pool)
                .await?
            {
                snapshot.resources.insert((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                ));
            }
            Ok(snapshot)
        })
    }

    /// Closes the pool's connections.
    pub async fn close(&self) {
        with_pool!(self, |pool, _ledger, _dialect| pool.close().await)
    }
}

/// Whether running the transaction again at once is worthwhile (re-exported from the ledger
/// for the docs' sake).
pub fn is_retryable(error: &sqlx::Error) -> bool {
    ledger::is_retryable(error)
}
