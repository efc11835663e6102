//! The synced tables, described once, and the SQL generated from that description for each
//! database: `CREATE TABLE`, the plain upsert, the plain delete and the `SELECT` that reads a
//! table back. What a delivery writes ([`write_of`]) is the same on every database.

use clerk_webhooks::events::OrganizationMembership;
use clerk_webhooks::{ClerkEvent, VerifiedEvent};
use std::fmt::Write as _;

/// The three databases, as far as their SQL differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// PostgreSQL: `$1` parameters, `ON CONFLICT … DO UPDATE`.
    Postgres,
    /// SQLite 3.24+: `?` parameters, `ON CONFLICT … DO UPDATE`.
    Sqlite,
    /// MySQL and MariaDB (InnoDB): `?` parameters, `ON DUPLICATE KEY UPDATE`, and a
    /// `VARCHAR` key with a binary collation (a `TEXT` column cannot be a key).
    MySql,
}

/// A column's type: every value is text or a 64-bit integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// `TEXT NOT NULL`.
    Text,
    /// `TEXT`, nullable.
    OptionalText,
    /// `BIGINT NOT NULL`.
    Int,
}

/// A synced table: its name and columns, the first being the primary key `id`.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Type)],
}

/// A column value, as written and as read back.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Text(Option<String>),
    Int(i64),
}

/// `users`: one row per live user; a deleted user has no row (the ledger keeps the tombstone).
pub const USERS: Table = Table {
    name: "users",
    columns: &[
        ("id", Type::Text),
        ("first_name", Type::OptionalText),
        ("last_name", Type::OptionalText),
        ("primary_email", Type::OptionalText),
        ("updated_at", Type::Int),
    ],
};

/// `sessions`: Clerk never deletes a session, it ends it (a status).
pub const SESSIONS: Table = Table {
    name: "sessions",
    columns: &[
        ("id", Type::Text),
        ("user_id", Type::Text),
        ("status", Type::Text),
        ("updated_at", Type::Int),
    ],
};

/// `organizations`.
pub const ORGANIZATIONS: Table = Table {
    name: "organizations",
    columns: &[
        ("id", Type::Text),
        ("name", Type::Text),
        ("slug", Type::Text),
        ("updated_at", Type::Int),
    ],
};

/// `organization_memberships`.
pub const MEMBERSHIPS: Table = Table {
    name: "organization_memberships",
    columns: &[
        ("id", Type::Text),
        ("organization_id", Type::Text),
        ("user_id", Type::OptionalText),
        ("role", Type::Text),
        ("updated_at", Type::Int),
    ],
};

/// Every synced table.
pub const TABLES: [&Table; 4] = [&USERS, &SESSIONS, &ORGANIZATIONS, &MEMBERSHIPS];

impl Dialect {
    fn parameter(self, n: usize) -> String {
        match self {
            Self::Postgres => format!("${n}"),
            Self::Sqlite | Self::MySql => "?".to_owned(),
        }
    }
}

impl Table {
    fn column_names(&self) -> String {
        let names: Vec<_> = self.columns.iter().map(|(name, _)| *name).collect();
        names.join(", ")
    }

    /// `CREATE TABLE IF NOT EXISTS …`.
    pub fn create(&self, dialect: Dialect) -> String {
        let mut sql = format!("CREATE TABLE IF NOT EXISTS {} (", self.name);
        for (n, (name, ty)) in self.columns.iter().enumerate() {
            let ty = match (dialect, ty, n) {
                (Dialect::MySql, _, 0) => {
                    "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY"
                }
                (_, _, 0) => "TEXT NOT NULL PRIMARY KEY",
                (_, Type::Text, _) => "TEXT NOT NULL",
                (_, Type::OptionalText, _) => "TEXT",
                (_, Type::Int, _) => "BIGINT NOT NULL",
            };
            let comma = if n == 0 { "" } else { ", " };
            let _ = write!(sql, "{comma}{name} {ty}");
        }
        sql.push(')');
        if dialect == Dialect::MySql {
            sql.push_str(" ENGINE = InnoDB");
        }
        sql
    }

    /// The plain, unconditional upsert of a whole row: parameters in column order.
    pub fn upsert(&self, dialect: Dialect) -> String {
        let parameters: Vec<_> = (1..=self.columns.len())
            .map(|n| dialect.parameter(n))
            .collect();
        let updates: Vec<_> = self.columns[1..]
            .iter()
            .map(|(name, _)| match dialect {
                Dialect::MySql => format!("{name} = VALUES({name})"),
                Dialect::Postgres | Dialect::Sqlite => format!("{name} = excluded.{name}"),
            })
            .collect();
        let conflict = match dialect {
            Dialect::MySql => "ON DUPLICATE KEY UPDATE".to_owned(),
            Dialect::Postgres | Dialect::Sqlite => "ON CONFLICT (id) DO UPDATE SET".to_owned(),
        };
        format!(
            "INSERT INTO {} ({}) VALUES ({}) {conflict} {}",
            self.name,
            self.column_names(),
            parameters.join(", "),
            updates.join(", ")
        )
    }

    /// The plain delete of a row by id.
    pub fn delete(&self, dialect: Dialect) -> String {
        format!(
            "DELETE FROM {} WHERE id = {}",
            self.name,
            dialect.parameter(1)
        )
    }

    /// Every row, every column, in column order (unsorted).
    pub fn select(&self) -> String {
        format!("SELECT {} FROM {}", self.column_names(), self.name)
    }
}

/// What a delivery writes to the synced tables once the ledger answered `Apply`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Write {
    /// Insert or overwrite the whole row.
    Upsert(&'static Table, Vec<Value>),
    /// Delete the row with this id.
    Delete(&'static Table, String),
}

/// The write of a delivery: `None` for event types these tables do not mirror, and for a
/// deletion without an id.
pub fn write_of(delivery: &VerifiedEvent) -> Option<Write> {
    use Value::{Int, Text};
    let text = |s: &str| Text(Some(s.to_owned()));
    Some(match &delivery.event {
        ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => {
            let primary_email = user
                .email_addresses
                .iter()
                .find(|email| Some(&email.id) == user.primary_email_address_id.as_ref())
                .map(|email| email.email_address.clone());
            Write::Upsert(
                &USERS,
                vec![
                    text(&user.id),
                    Text(user.first_name.clone()),
                    Text(user.last_name.clone()),
                    Text(primary_email),
                    Int(user.updated_at.as_millis()),
                ],
            )
        }
        ClerkEvent::SessionCreated(session)
        | ClerkEvent::SessionUpdated(session)
        | ClerkEvent::SessionPending(session)
        | ClerkEvent::SessionEnded(session)
        | ClerkEvent::SessionRemoved(session)
        | ClerkEvent::SessionRevoked(session) => Write::Upsert(
            &SESSIONS,
            vec![
                text(&session.id),
                text(&session.user_id),
                text(session.status.as_str()),
                Int(session.updated_at.as_millis()),
            ],
        ),
        ClerkEvent::OrganizationCreated(org) | ClerkEvent::OrganizationUpdated(org) => {
            Write::Upsert(
                &ORGANIZATIONS,
                vec![
                    text(&org.id),
                    text(&org.name),
                    text(&org.slug),
                    Int(org.updated_at.as_millis()),
                ],
            )
        }
        ClerkEvent::OrganizationMembershipCreated(membership)
        | ClerkEvent::OrganizationMembershipUpdated(membership) => {
            Write::Upsert(&MEMBERSHIPS, membership_row(membership))
        }
        ClerkEvent::UserDeleted(deleted) => Write::Delete(&USERS, deleted.id.clone()?),
        ClerkEvent::OrganizationDeleted(deleted) => {
            Write::Delete(&ORGANIZATIONS, deleted.id.clone()?)
        }
        ClerkEvent::OrganizationMembershipDeleted(membership) => {
            Write::Delete(&MEMBERSHIPS, membership.id.clone())
        }
        _ => return None,
    })
}

fn membership_row(membership: &OrganizationMembership) -> Vec<Value> {
    vec![
        Value::Text(Some(membership.id.clone())),
        Value::Text(Some(membership.organization.id.clone())),
        Value::Text(
            membership
                .public_user_data
                .as_ref()
                .map(|user| user.user_id.clone()),
        ),
        Value::Text(Some(membership.role.clone())),
        Value::Int(membership.updated_at.as_millis()),
    ]
}

#[cfg(test)]
mod tests {
    use super::{Dialect, USERS};

    #[test]
    fn the_generated_sql_per_dialect() {
        assert_eq!(
            USERS.upsert(Dialect::Postgres),
            "INSERT INTO users (id, first_name, last_name, primary_email, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET \
             first_name = excluded.first_name, last_name = excluded.last_name, \
             primary_email = excluded.primary_email, updated_at = excluded.updated_at"
        );
        assert_eq!(
            USERS.upsert(Dialect::MySql),
            "INSERT INTO users (id, first_name, last_name, primary_email, updated_at) \
             VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE \
             first_name = VALUES(first_name), last_name = VALUES(last_name), \
             primary_email = VALUES(primary_email), updated_at = VALUES(updated_at)"
        );
        assert_eq!(
            USERS.delete(Dialect::Sqlite),
            "DELETE FROM users WHERE id = ?"
        );
        assert!(USERS
            .create(Dialect::MySql)
            .contains("id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
    }
}
