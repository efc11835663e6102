//! The SQLite store: runs the plans of [`crate::sync_sql`] on one connection, one
//! transaction per delivery.

use crate::sync_sql::rows::{self, RowSource};
pub use crate::sync_sql::rows::{MembershipRow, OrganizationRow, SessionRow, Snapshot, UserRow};
pub use crate::sync_sql::Outcome;
use crate::sync_sql::{self, Param, Plan, Write, SCHEMA};
use clerk_webhooks::VerifiedEvent;
use rusqlite::{Connection, ToSql, Transaction};

/// The synced tables, behind one connection.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (and if needed creates) a database file.
    pub fn open(path: &str) -> rusqlite::Result<Self> {
        Self::with_connection(Connection::open(path)?)
    }

    /// An in-memory database, for the demo and tests.
    pub fn in_memory() -> rusqlite::Result<Self> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(conn: Connection) -> rusqlite::Result<Self> {
        conn.execute_batch(SCHEMA)?;
        Ok(Self { conn })
    }

    /// Direct access, for tests that need to break things.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Applies one verified delivery in one transaction: the dedupe marker and the effects
    /// commit together or not at all.
    pub fn apply(&mut self, delivery: &VerifiedEvent) -> rusqlite::Result<Outcome> {
        let tx = self.conn.transaction()?;
        if execute(&tx, &sync_sql::record_delivery(delivery))? == 0 {
            // A retry. Dropping `tx` rolls back; there is nothing to roll back.
            return Ok(Outcome::Duplicate);
        }
        let plan = sync_sql::plan(delivery);
        let rows = match &plan {
            Plan::Write(write) => execute(&tx, write)?,
            Plan::Ignored | Plan::Nothing => 0,
        };
        tx.commit()?;
        Ok(Outcome::of(&plan, rows))
    }

    /// The current contents of every table, sorted by id.
    pub fn snapshot(&self) -> rusqlite::Result<Snapshot> {
        Ok(Snapshot {
            users: self.select(rows::SELECT_USERS, |row| UserRow::read(row))?,
            sessions: self.select(rows::SELECT_SESSIONS, |row| SessionRow::read(row))?,
            organizations: self
                .select(rows::SELECT_ORGANIZATIONS, |row| OrganizationRow::read(row))?,
            memberships: self.select(rows::SELECT_MEMBERSHIPS, |row| MembershipRow::read(row))?,
            deliveries: self.select(rows::SELECT_DELIVERIES, |row| rows::read_delivery(row))?,
        }
        .sorted())
    }

    fn select<T>(
        &self,
        sql: &str,
        read: impl Fn(&SqliteRow<'_, '_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        self.conn
            .prepare(sql)?
            .query_map([], |row| read(&SqliteRow(row)))?
            .collect()
    }
}

/// The placeholders' names: SQLite binds `$1`, `$2`, … by name.
const NAMES: [&str; 6] = ["$1", "$2", "$3", "$4", "$5", "$6"];

fn execute(tx: &Transaction<'_>, write: &Write<'_>) -> rusqlite::Result<u64> {
    let params: Vec<(&str, &dyn ToSql)> = NAMES
        .iter()
        .zip(&write.params)
        .map(|(name, param)| {
            let value: &dyn ToSql = match param {
                Param::Text(text) => text,
                Param::Int(int) => int,
            };
            (*name, value)
        })
        .collect();
    let rows = tx.execute(write.sql, params.as_slice())?;
    Ok(u64::try_from(rows).unwrap_or(u64::MAX))
}

struct SqliteRow<'a, 'r>(&'a rusqlite::Row<'r>);

impl RowSource for SqliteRow<'_, '_> {
    type Error = rusqlite::Error;

    fn text(&self, column: usize) -> rusqlite::Result<Option<String>> {
        self.0.get(column)
    }

    fn int(&self, column: usize) -> rusqlite::Result<Option<i64>> {
        self.0.get(column)
    }
}
