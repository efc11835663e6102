//! The Clerk → SQL sync rules, written once for both stores: the `sync_sqlite` example (one
//! embedded database) and the `sync_postgres` example (several receivers on one PostgreSQL
//! server). Each store only runs the statements this module plans, in one transaction per
//! delivery.
//!
//! Four rules make the tables correct under Svix's at-least-once, unordered delivery:
//!
//! 1. **Dedupe on `svix-id`, inside the write's transaction.** Each delivery first inserts its
//!    message id into `webhook_deliveries` (`ON CONFLICT DO NOTHING`); if the row was already
//!    there, the delivery is a retry of one already applied and nothing else happens. Because the
//!    marker and the effects commit together, a crash between them cannot lose an event or apply
//!    it twice. On PostgreSQL, a retry that arrives while the first attempt is still running
//!    waits on the `svix_id` key and is skipped once the first commits (or applied, if the first
//!    rolled back).
//! 2. **Last write wins on `updated_at`.** Every upsert is `ON CONFLICT (id) DO UPDATE … WHERE
//!    excluded.updated_at > <table>.updated_at`, so an older update that arrives late changes
//!    nothing. On PostgreSQL the `WHERE` is evaluated against the row as locked, so two
//!    receivers writing the same row at once still keep the newer version.
//! 3. **Deletes are tombstones.** A `*.deleted` event sets `deleted_at` and moves `updated_at`
//!    to the time of the deletion, and upserts skip deleted rows, so a late `*.updated`, or a
//!    `*.created` replayed after the delete, cannot bring the row back. A delete that arrives
//!    before its create leaves a tombstone row that the create then cannot overwrite.
//! 4. **A second endpoint's copy changes nothing.** During a secret rotation Clerk delivers
//!    every event to two endpoints, under different `svix-id`s, so rule 1 does not catch the
//!    copy. Rules 2 and 3 do: the copy carries the same `updated_at` (not newer, so no update)
//!    and the same envelope `timestamp` (so the tombstone keeps its time).
//!
//! The SQL is plain and portable: it runs unchanged on SQLite (3.24+) and PostgreSQL (9.5+).
//! Parameters are written `$1`, `$2`, … (bound by name on SQLite, by position on Postgres),
//! types are `TEXT` and `BIGINT`, and there is no `INSERT OR IGNORE`, `MAX(a, b)` or other
//! dialect-only syntax.

pub mod events;
pub mod rows;

use clerk_webhooks::events::{DeletedObject, OrganizationMembership, UnixMillis};
use clerk_webhooks::{ClerkEvent, VerifiedEvent};
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

pub const RECORD_DELIVERY: &str = "
INSERT INTO webhook_deliveries (svix_id, event_type, delivered_at)
VALUES ($1, $2, $3)
ON CONFLICT (svix_id) DO NOTHING";

pub const UPSERT_USER: &str = "
INSERT INTO users (id, first_name, last_name, primary_email, updated_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET
    first_name    = excluded.first_name,
    last_name     = excluded.last_name,
    primary_email = excluded.primary_email,
    updated_at    = excluded.updated_at
WHERE excluded.updated_at > users.updated_at
  AND users.deleted_at IS NULL";

pub const DELETE_USER: &str = "
INSERT INTO users (id, updated_at, deleted_at)
VALUES ($1, $2, $2)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(users.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > users.updated_at
                      THEN excluded.updated_at ELSE users.updated_at END";

pub const UPSERT_SESSION: &str = "
INSERT INTO sessions (id, user_id, status, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET
    user_id    = excluded.user_id,
    status     = excluded.status,
    updated_at = excluded.updated_at
WHERE excluded.updated_at > sessions.updated_at";

pub const UPSERT_ORGANIZATION: &str = "
INSERT INTO organizations (id, name, slug, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET
    name       = excluded.name,
    slug       = excluded.slug,
    updated_at = excluded.updated_at
WHERE excluded.updated_at > organizations.updated_at
  AND organizations.deleted_at IS NULL";

pub const DELETE_ORGANIZATION: &str = "
INSERT INTO organizations (id, updated_at, deleted_at)
VALUES ($1, $2, $2)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(organizations.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > organizations.updated_at
                      THEN excluded.updated_at ELSE organizations.updated_at END";

pub const UPSERT_MEMBERSHIP: &str = "
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
pub const DELETE_MEMBERSHIP: &str = "
INSERT INTO organization_memberships (id, organization_id, user_id, role, updated_at, deleted_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (id) DO UPDATE SET
    deleted_at = COALESCE(organization_memberships.deleted_at, excluded.deleted_at),
    updated_at = CASE WHEN excluded.updated_at > organization_memberships.updated_at
                      THEN excluded.updated_at ELSE organization_memberships.updated_at END";

/// One statement parameter: every column is `TEXT` or `BIGINT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param<'a> {
    /// A `TEXT` value, or `NULL`.
    Text(Option<&'a str>),
    /// A `BIGINT` value.
    Int(i64),
}

/// A statement and its parameters, `$1` first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write<'a> {
    pub sql: &'static str,
    pub params: Vec<Param<'a>>,
}

/// What a delivery asks of the tables, after its dedupe marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan<'a> {
    /// An event type this service does not sync: only the marker is written.
    Ignored,
    /// An event this service syncs, but with nothing to write (a delete without an id).
    Nothing,
    /// One upsert or tombstone.
    Write(Write<'a>),
}

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

impl Outcome {
    /// The outcome of a first-time delivery whose plan changed `rows` rows (`None` when the
    /// plan had nothing to run).
    pub fn of(plan: &Plan<'_>, rows: u64) -> Self {
        match plan {
            Plan::Ignored => Self::Ignored,
            Plan::Nothing => Self::Stale,
            Plan::Write(_) if rows == 0 => Self::Stale,
            Plan::Write(_) => Self::Applied,
        }
    }
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

/// The dedupe marker: inserts the delivery's `svix-id` unless it is there already (then it
/// changes no row, and the delivery is a [`Outcome::Duplicate`]).
pub fn record_delivery(delivery: &VerifiedEvent) -> Write<'_> {
    Write {
        sql: RECORD_DELIVERY,
        params: vec![
            Param::Text(Some(delivery.message_id.as_str())),
            Param::Text(Some(delivery.event.event_type())),
            Param::Int(delivery.delivered_at.unix_timestamp()),
        ],
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

/// The statement that applies the delivery's event.
pub fn plan(delivery: &VerifiedEvent) -> Plan<'_> {
    use Param::{Int, Text};
    let write = |sql, params| Plan::Write(Write { sql, params });
    match &delivery.event {
        ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => {
            let primary_email = user
                .email_addresses
                .iter()
                .find(|email| Some(&email.id) == user.primary_email_address_id.as_ref())
                .map(|email| email.email_address.as_str());
            write(
                UPSERT_USER,
                vec![
                    Text(Some(&user.id)),
                    Text(user.first_name.as_deref()),
                    Text(user.last_name.as_deref()),
                    Text(primary_email),
                    Int(user.updated_at.as_millis()),
                ],
            )
        }
        ClerkEvent::UserDeleted(deleted) => tombstone(DELETE_USER, deleted, delivery),
        ClerkEvent::SessionCreated(session)
        | ClerkEvent::SessionUpdated(session)
        | ClerkEvent::SessionPending(session)
        | ClerkEvent::SessionEnded(session)
        | ClerkEvent::SessionRemoved(session)
        | ClerkEvent::SessionRevoked(session) => write(
            UPSERT_SESSION,
            vec![
                Text(Some(&session.id)),
                Text(Some(&session.user_id)),
                Text(Some(session.status.as_str())),
                Int(session.updated_at.as_millis()),
            ],
        ),
        ClerkEvent::OrganizationCreated(org) | ClerkEvent::OrganizationUpdated(org) => write(
            UPSERT_ORGANIZATION,
            vec![
                Text(Some(&org.id)),
                Text(Some(&org.name)),
                Text(Some(&org.slug)),
                Int(org.updated_at.as_millis()),
            ],
        ),
        ClerkEvent::OrganizationDeleted(deleted) => {
            tombstone(DELETE_ORGANIZATION, deleted, delivery)
        }
        ClerkEvent::OrganizationMembershipCreated(membership)
        | ClerkEvent::OrganizationMembershipUpdated(membership) => write(
            UPSERT_MEMBERSHIP,
            membership_params(membership, membership.updated_at.as_millis()),
        ),
        ClerkEvent::OrganizationMembershipDeleted(membership) => {
            let at = event_time_ms(delivery).max(membership.updated_at.as_millis());
            write(DELETE_MEMBERSHIP, membership_params(membership, at))
        }
        _ => Plan::Ignored,
    }
}

fn membership_params(membership: &OrganizationMembership, updated_at: i64) -> Vec<Param<'_>> {
    vec![
        Param::Text(Some(&membership.id)),
        Param::Text(Some(&membership.organization.id)),
        Param::Text(
            membership
                .public_user_data
                .as_ref()
                .map(|user| user.user_id.as_str()),
        ),
        Param::Text(Some(&membership.role)),
        Param::Int(updated_at),
    ]
}

fn tombstone<'a>(
    sql: &'static str,
    deleted: &'a DeletedObject,
    delivery: &VerifiedEvent,
) -> Plan<'a> {
    match &deleted.id {
        Some(id) => Plan::Write(Write {
            sql,
            params: vec![Param::Text(Some(id)), Param::Int(event_time_ms(delivery))],
        }),
        None => Plan::Nothing,
    }
}
