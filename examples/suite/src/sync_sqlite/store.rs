//! The sync logic: applies verified Clerk deliveries to SQL tables.
//!
//! Three rules make it correct under Svix's at-least-once, unordered delivery:
//!
//! 1. **Dedupe on `svix-id`, inside the write's transaction.** Each delivery first inserts its
//!    message id into `webhook_deliveries` (`ON CONFLICT DO NOTHING`); if the row was already
//!    there, the delivery is a retry of one already applied and nothing else happens. Because the
//!    marker and the effects commit together, a crash between them cannot lose an event or apply
//!    it twice.
//! 2. **Last write wins on `updated_at`.** Every upsert is `ON CONFLICT (id) DO UPDATE … WHERE
//!    excluded.updated_at > <table>.updated_at`, so an older update that arrives late changes
//!    nothing.
//! 3. **Deletes are tombstones.** A `*.deleted` event sets `deleted_at` and moves `updated_at`
//!    to the time of the deletion, and upserts skip deleted rows, so a late `*.updated`, or a
//!    `*.created` replayed after the delete, cannot bring the row back. A delete that arrives
//!    before its create leaves a tombstone row that the create then cannot overwrite.
//!
//! The SQL is plain and portable: it runs unchanged on SQLite (3.24+) and PostgreSQL (9.5+).
//! Parameters are written `$1`, `$2`, … (bound by name here, by position on Postgres), types
//! are `TEXT` and `BIGINT`, and there is no `INSERT OR IGNORE`, `MAX(a, b)` or other
//! dialect-only syntax.

use clerk_webhooks::events::{
    DeletedObject, Organization, OrganizationMembership, Session, UnixMillis, User,
};
use clerk_webhooks::{ClerkEvent, VerifiedEvent};
use rusqlite::{named_params, Connection, Transaction};
use std::fmt;

/// The schema. Times are epoch milliseconds, as Clerk sends them.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    svix_id      TEXT PRIMARY KEY,
    event_type   TEXT NOT NULL,
    delivered_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id            TEXT PRIMARY KEY,
    first_name    TEXT,
    last_name     TEXT,
    primary_email TEXT,
    updated_at    BIGINT NOT NULL,
    deleted_at    BIGINT
);
CREATE TABLE IF NOT EXISTS sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    status     TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS organizations (
    id         TEXT PRIMARY KEY,
    name       TEXT,
    slug       TEXT,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE TABLE IF NOT EXISTS organization_memberships (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    user_id         TEXT,
    role            TEXT NOT NULL,
    updated_at      BIGINT NOT NULL,
    deleted_at      BIGINT
);
";

const RECORD_DELIVERY: &str = "
INSERT INTO webhook_deliveries (svix_id, event_type, delivered_at)
VALUES ($1, $2, $3)
ON CONFLICT (svix_id) DO NOTHING";

const UPSERT_USER: &str = "
INSERT INTO users (id, first_name, last_name, primary_email, updated_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET
    first_name    = excluded.first_name,
    last_name     = excluded.last_name,
    primary_email = excluded.primary_email,
    updated_at    = excluded.updated_at
WHERE excluded.updated_at > users.updated_at
  AND users.deleted_at IS NULL";

const DELETE_USER: &str = "
INSERT INTO users (id, updated_at, deleted_at)
VALUES ($1, $2, $2)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(users.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > users.updated_at
                      THEN excluded.updated_at ELSE users.updated_at END";

const UPSERT_SESSION: &str = "
INSERT INTO sessions (id, user_id, status, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET
    user_id    = excluded.user_id,
    status     = excluded.status,
    updated_at = excluded.updated_at
WHERE excluded.updated_at > sessions.updated_at";

const UPSERT_ORGANIZATION: &str = "
INSERT INTO organizations (id, name, slug, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET
    name       = excluded.name,
    slug       = excluded.slug,
    updated_at = excluded.updated_at
WHERE excluded.updated_at > organizations.updated_at
  AND organizations.deleted_at IS NULL";

const DELETE_ORGANIZATION: &str = "
INSERT INTO organizations (id, updated_at, deleted_at)
VALUES ($1, $2, $2)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(organizations.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > organizations.updated_at
                      THEN excluded.updated_at ELSE organizations.updated_at END";

const UPSERT_MEMBERSHIP: &str = "
INSERT INTO organization_memberships (id, organization_id, user_id, role, updated_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET
    organization_id = excluded.organization_id,
    user_id         = excluded.user_id,
    role            = excluded.role,
    updated_at      = excluded.updated_at
WHERE excluded.updated_at > organization_memberships.updated_at
  AND organization_memberships.deleted_at IS NULL";

/// `organizationMembership.deleted` carries the whole membership, so the tombstone keeps it.
const DELETE_MEMBERSHIP: &str = "
INSERT INTO organization_memberships (id, organization_id, user_id, role, updated_at, deleted_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(organization_memberships.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > organization_memberships.updated_at
                      THEN excluded.updated_at ELSE organization_memberships.updated_at END";

/// What applying one delivery did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The delivery changed a row.
    Applied,
    /// The delivery's `svix-id` was seen before: a retry. Nothing was done.
    Duplicate,
    /// The delivery is older than what is stored (or targets a deleted row): recorded, no change.
    Stale,
    /// An event type this service does not sync: recorded, no change.
    Ignored,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Applied => "applied",
            Self::Duplicate => "duplicate",
            Self::Stale => "stale",
            Self::Ignored => "ignored",
        })
    }
}

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
        let first_time = tx.execute(
            RECORD_DELIVERY,
            named_params! {
                "$1": delivery.message_id.as_str(),
                "$2": delivery.event.event_type(),
                "$3": delivery.delivered_at.unix_timestamp(),
            },
        )? == 1;
        if !first_time {
            // Dropping `tx` rolls back; there is nothing to roll back.
            return Ok(Outcome::Duplicate);
        }
        let outcome = match apply_event(&tx, delivery)? {
            None => Outcome::Ignored,
            Some(0) => Outcome::Stale,
            Some(_) => Outcome::Applied,
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// The current contents of every table, sorted by id.
    pub fn snapshot(&self) -> rusqlite::Result<Snapshot> {
        let conn = &self.conn;
        let users = conn
            .prepare(
                "SELECT id, first_name, last_name, primary_email, updated_at, deleted_at
                 FROM users ORDER BY id",
            )?
            .query_map([], |row| {
                Ok(UserRow {
                    id: row.get(0)?,
                    first_name: row.get(1)?,
                    last_name: row.get(2)?,
                    primary_email: row.get(3)?,
                    updated_at: row.get(4)?,
                    deleted_at: row.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let sessions = conn
            .prepare("SELECT id, user_id, status, updated_at FROM sessions ORDER BY id")?
            .query_map([], |row| {
                Ok(SessionRow {
                    id: row.get(0)?,
                    user_id: row.get(1)?,
                    status: row.get(2)?,
                    updated_at: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let organizations = conn
            .prepare(
                "SELECT id, name, slug, updated_at, deleted_at FROM organizations ORDER BY id",
            )?
            .query_map([], |row| {
                Ok(OrganizationRow {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    slug: row.get(2)?,
                    updated_at: row.get(3)?,
                    deleted_at: row.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let memberships = conn
            .prepare(
                "SELECT id, organization_id, user_id, role, updated_at, deleted_at
                 FROM organization_memberships ORDER BY id",
            )?
            .query_map([], |row| {
                Ok(MembershipRow {
                    id: row.get(0)?,
                    organization_id: row.get(1)?,
                    user_id: row.get(2)?,
                    role: row.get(3)?,
                    updated_at: row.get(4)?,
                    deleted_at: row.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let deliveries = conn
            .prepare("SELECT svix_id, event_type FROM webhook_deliveries ORDER BY svix_id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Snapshot {
            users,
            sessions,
            organizations,
            memberships,
            deliveries,
        })
    }
}

/// When the event happened, in epoch ms: the envelope `timestamp` (documented as
/// milliseconds), or, in payloads without one, the delivery time. Used for tombstones.
fn event_time_ms(delivery: &VerifiedEvent) -> i64 {
    match delivery.timestamp {
        Some(UnixMillis(ms)) => ms,
        None => delivery.delivered_at.unix_timestamp().saturating_mul(1000),
    }
}

/// Applies the event; `None` for a type this service does not sync, otherwise the number of
/// rows changed.
fn apply_event(tx: &Transaction<'_>, delivery: &VerifiedEvent) -> rusqlite::Result<Option<usize>> {
    let changed = match &delivery.event {
        ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => upsert_user(tx, user)?,
        ClerkEvent::UserDeleted(deleted) => {
            tombstone(tx, DELETE_USER, deleted, event_time_ms(delivery))?
        }
        ClerkEvent::SessionCreated(session)
        | ClerkEvent::SessionUpdated(session)
        | ClerkEvent::SessionPending(session)
        | ClerkEvent::SessionEnded(session)
        | ClerkEvent::SessionRemoved(session)
        | ClerkEvent::SessionRevoked(session) => upsert_session(tx, session)?,
        ClerkEvent::OrganizationCreated(org) | ClerkEvent::OrganizationUpdated(org) => {
            upsert_organization(tx, org)?
        }
        ClerkEvent::OrganizationDeleted(deleted) => {
            tombstone(tx, DELETE_ORGANIZATION, deleted, event_time_ms(delivery))?
        }
        ClerkEvent::OrganizationMembershipCreated(membership)
        | ClerkEvent::OrganizationMembershipUpdated(membership) => membership_row(
            tx,
            UPSERT_MEMBERSHIP,
            membership,
            membership.updated_at.as_millis(),
        )?,
        ClerkEvent::OrganizationMembershipDeleted(membership) => {
            let at = event_time_ms(delivery).max(membership.updated_at.as_millis());
            membership_row(tx, DELETE_MEMBERSHIP, membership, at)?
        }
        _ => return Ok(None),
    };
    Ok(Some(changed))
}

fn upsert_user(tx: &Transaction<'_>, user: &User) -> rusqlite::Result<usize> {
    let primary_email = user
        .email_addresses
        .iter()
        .find(|email| Some(&email.id) == user.primary_email_address_id.as_ref())
        .map(|email| email.email_address.as_str());
    tx.execute(
        UPSERT_USER,
        named_params! {
            "$1": user.id,
            "$2": user.first_name,
            "$3": user.last_name,
            "$4": primary_email,
            "$5": user.updated_at.as_millis(),
        },
    )
}

fn upsert_session(tx: &Transaction<'_>, session: &Session) -> rusqlite::Result<usize> {
    tx.execute(
        UPSERT_SESSION,
        named_params! {
            "$1": session.id,
            "$2": session.user_id,
            "$3": session.status.as_str(),
            "$4": session.updated_at.as_millis(),
        },
    )
}

fn upsert_organization(tx: &Transaction<'_>, org: &Organization) -> rusqlite::Result<usize> {
    tx.execute(
        UPSERT_ORGANIZATION,
        named_params! {
            "$1": org.id,
            "$2": org.name,
            "$3": org.slug,
            "$4": org.updated_at.as_millis(),
        },
    )
}

fn membership_row(
    tx: &Transaction<'_>,
    sql: &str,
    membership: &OrganizationMembership,
    updated_at: i64,
) -> rusqlite::Result<usize> {
    tx.execute(
        sql,
        named_params! {
            "$1": membership.id,
            "$2": membership.organization.id,
            "$3": membership.public_user_data.as_ref().map(|user| user.user_id.as_str()),
            "$4": membership.role,
            "$5": updated_at,
        },
    )
}

fn tombstone(
    tx: &Transaction<'_>,
    sql: &str,
    deleted: &DeletedObject,
    at: i64,
) -> rusqlite::Result<usize> {
    let Some(id) = &deleted.id else {
        return Ok(0);
    };
    tx.execute(sql, named_params! { "$1": id, "$2": at })
}

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub primary_email: Option<String>,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// A row of `sessions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub status: String,
    pub updated_at: i64,
}

/// A row of `organizations`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganizationRow {
    pub id: String,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// A row of `organization_memberships`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipRow {
    pub id: String,
    pub organization_id: String,
    pub user_id: Option<String>,
    pub role: String,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// Every table's rows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub users: Vec<UserRow>,
    pub sessions: Vec<SessionRow>,
    pub organizations: Vec<OrganizationRow>,
    pub memberships: Vec<MembershipRow>,
    /// `(svix_id, event_type)` of every delivery applied.
    pub deliveries: Vec<(String, String)>,
}

fn opt<T: fmt::Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map_or_else(|| "NULL".to_owned(), ToString::to_string)
}

impl fmt::Display for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "users")?;
        for u in &self.users {
            writeln!(
                f,
                "  {:<12} {:<14} {:<10} {:<20} updated_at={} deleted_at={}",
                u.id,
                opt(&u.first_name),
                opt(&u.last_name),
                opt(&u.primary_email),
                u.updated_at,
                opt(&u.deleted_at)
            )?;
        }
        writeln!(f, "sessions")?;
        for s in &self.sessions {
            writeln!(
                f,
                "  {:<12} {:<12} {:<8} updated_at={}",
                s.id, s.user_id, s.status, s.updated_at
            )?;
        }
        writeln!(f, "organizations")?;
        for o in &self.organizations {
            writeln!(
                f,
                "  {:<12} {:<10} {:<8} updated_at={} deleted_at={}",
                o.id,
                opt(&o.name),
                opt(&o.slug),
                o.updated_at,
                opt(&o.deleted_at)
            )?;
        }
        writeln!(f, "organization_memberships")?;
        for m in &self.memberships {
            writeln!(
                f,
                "  {:<14} {:<10} {:<12} {:<10} updated_at={} deleted_at={}",
                m.id,
                m.organization_id,
                opt(&m.user_id),
                m.role,
                m.updated_at,
                opt(&m.deleted_at)
            )?;
        }
        writeln!(f, "webhook_deliveries ({})", self.deliveries.len())?;
        for (id, event_type) in &self.deliveries {
            writeln!(f, "  {id:<8} {event_type}")?;
        }
        Ok(())
    }
}
