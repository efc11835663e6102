//! The PostgreSQL store: runs the plans of [`crate::sync_sql`] on a connection pool, one
//! transaction per delivery.

use crate::sync_sql::rows::{
    self, MembershipRow, OrganizationRow, RowSource, SessionRow, Snapshot, UserRow,
};
use crate::sync_sql::{self, Outcome, Param, Plan, Write, SCHEMA};
use clerk_webhooks::VerifiedEvent;
use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod};
use std::fmt;
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

/// Why the store failed. `Display` names the failure and the SQLSTATE only: a database error's
/// message and detail can quote the row's values, so they stay behind [`source`].
///
/// [`source`]: std::error::Error::source
#[derive(Debug)]
pub enum StoreError {
    /// The database refused or failed a statement.
    Database(tokio_postgres::Error),
    /// No connection could be had from the pool.
    Pool(PoolError),
    /// `DATABASE_URL` is not a valid connection string.
    Config(tokio_postgres::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Database(error) => match error.code() {
                Some(code) => write!(f, "database error (SQLSTATE {})", code.code()),
                None => f.write_str("database connection error"),
            },
            Self::Pool(_) => f.write_str("no database connection available"),
            Self::Config(_) => f.write_str("invalid database connection string"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Database(error) | Self::Config(error) => Some(error),
            Self::Pool(error) => Some(error),
        }
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        Self::Database(error)
    }
}

impl From<PoolError> for StoreError {
    fn from(error: PoolError) -> Self {
        Self::Pool(error)
    }
}

/// The synced tables, behind a pool of connections. Cloning shares the pool.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
}

impl Store {
    /// A pool of at most `max_connections` connections to `database_url` (a `postgres://` URL
    /// or a `key=value` string). Connections are opened when first needed.
    pub fn connect(database_url: &str, max_connections: usize) -> Result<Self, StoreError> {
        let config: tokio_postgres::Config = database_url.parse().map_err(StoreError::Config)?;
        Ok(Self::with_config(config, max_connections))
    }

    fn with_config(config: tokio_postgres::Config, max_connections: usize) -> Self {
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(max_connections)
            .build()
            .expect("a pool without timeouts needs no runtime");
        Self { pool }
    }

    /// Like [`connect`](Self::connect), with the tables in the PostgreSQL schema `schema`
    /// (through the connections' `search_path`) instead of the default `public`.
    pub fn connect_in(
        database_url: &str,
        schema: &str,
        max_connections: usize,
    ) -> Result<Self, StoreError> {
        let mut config: tokio_postgres::Config =
            database_url.parse().map_err(StoreError::Config)?;
        config.options(format!("-c search_path={}", identifier(schema)));
        Ok(Self::with_config(config, max_connections))
    }

    /// A store in a schema of its own, dropped (with everything in it) and created afresh,
    /// with the tables created: for the demo and the tests, which must start empty and must
    /// not touch anything else in the database.
    pub async fn isolated(
        database_url: &str,
        schema: &str,
        max_connections: usize,
    ) -> Result<Self, StoreError> {
        let admin = Self::connect(database_url, 1)?;
        let schema_name = identifier(schema);
        admin
            .pool
            .get()
            .await?
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema_name} CASCADE; CREATE SCHEMA {schema_name};"
            ))
            .await?;
        let store = Self::connect_in(database_url, schema, max_connections)?;
        store.migrate().await?;
        Ok(store)
    }

    /// Creates the tables if they do not exist. Run it once, before the receivers start:
    /// `CREATE TABLE IF NOT EXISTS` is not safe to race.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.pool.get().await?.batch_execute(SCHEMA).await?;
        Ok(())
    }

    /// The pool, for tests that need to break things.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Applies one verified delivery in one transaction: the dedupe marker and the effects
    /// commit together or not at all. Any error rolls the transaction back (dropping it does),
    /// so Svix's retry starts from scratch.
    pub async fn apply(&self, delivery: &VerifiedEvent) -> Result<Outcome, StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if execute(&tx, &sync_sql::record_delivery(delivery)).await? == 0 {
            return Ok(Outcome::Duplicate);
        }
        let plan = sync_sql::plan(delivery);
        let rows = match &plan {
            Plan::Write(write) => execute(&tx, write).await?,
            Plan::Ignored | Plan::Nothing => 0,
        };
        tx.commit().await?;
        Ok(Outcome::of(&plan, rows))
    }

    /// The current contents of every table, sorted by id.
    pub async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let client = self.pool.get().await?;
        Ok(Snapshot {
            users: select(&client, rows::SELECT_USERS, UserRow::read).await?,
            sessions: select(&client, rows::SELECT_SESSIONS, SessionRow::read).await?,
            organizations: select(&client, rows::SELECT_ORGANIZATIONS, OrganizationRow::read)
                .await?,
            memberships: select(&client, rows::SELECT_MEMBERSHIPS, MembershipRow::read).await?,
            deliveries: select(&client, rows::SELECT_DELIVERIES, rows::read_delivery).await?,
        }
        .sorted())
    }
}

/// Runs a `SELECT` and reads each row with `read`.
async fn select<T>(
    client: &deadpool_postgres::Client,
    sql: &str,
    read: fn(&PgRow) -> Result<T, tokio_postgres::Error>,
) -> Result<Vec<T>, tokio_postgres::Error> {
    let rows = client.query(sql, &[]).await?;
    rows.into_iter().map(|row| read(&PgRow(row))).collect()
}

async fn execute(
    tx: &deadpool_postgres::Transaction<'_>,
    write: &Write<'_>,
) -> Result<u64, tokio_postgres::Error> {
    let statement = tx.prepare_cached(write.sql).await?;
    let params: Vec<&(dyn ToSql + Sync)> = write
        .params
        .iter()
        .map(|param| -> &(dyn ToSql + Sync) {
            match param {
                Param::Text(text) => text,
                Param::Int(int) => int,
            }
        })
        .collect();
    tx.execute(&statement, &params).await
}

/// `schema` as a quoted SQL identifier. Only ASCII letters, digits and `_` are accepted: the
/// names come from the demo and the tests, never from a request.
fn identifier(schema: &str) -> String {
    assert!(
        !schema.is_empty()
            && schema
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
        "a plain schema name"
    );
    format!("\"{schema}\"")
}

struct PgRow(tokio_postgres::Row);

impl RowSource for PgRow {
    type Error = tokio_postgres::Error;

    fn text(&self, column: usize) -> Result<Option<String>, Self::Error> {
        self.0.try_get(column)
    }

    fn int(&self, column: usize) -> Result<Option<i64>, Self::Error> {
        self.0.try_get(column)
    }
}
