//! The synced tables' rows, read back for the demos and tests, with the statements that read
//! them (the same on both stores).

use std::fmt;

/// The columns of each table, as `SELECT` statements (no `ORDER BY`: the two databases sort
/// text differently, so [`Snapshot::sorted`] sorts in Rust).
pub const SELECT_USERS: &str =
    "SELECT id, first_name, last_name, primary_email, updated_at, deleted_at FROM users";
pub const SELECT_SESSIONS: &str = "SELECT id, user_id, status, updated_at FROM sessions";
pub const SELECT_ORGANIZATIONS: &str =
    "SELECT id, name, slug, updated_at, deleted_at FROM organizations";
pub const SELECT_MEMBERSHIPS: &str = "SELECT id, organization_id, user_id, role, updated_at, \
     deleted_at FROM organization_memberships";
pub const SELECT_DELIVERIES: &str = "SELECT svix_id, event_type FROM webhook_deliveries";

/// A result row of either driver, read by column index. Columns declared `NOT NULL` are read
/// with [`text`](Self::text) and [`int`](Self::int) too and default when `NULL`, which the
/// schema rules out.
pub trait RowSource {
    type Error;
    fn text(&self, column: usize) -> Result<Option<String>, Self::Error>;
    fn int(&self, column: usize) -> Result<Option<i64>, Self::Error>;
}

impl UserRow {
    pub fn read<R: RowSource>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            id: row.text(0)?.unwrap_or_default(),
            first_name: row.text(1)?,
            last_name: row.text(2)?,
            primary_email: row.text(3)?,
            updated_at: row.int(4)?.unwrap_or_default(),
            deleted_at: row.int(5)?,
        })
    }
}

impl SessionRow {
    pub fn read<R: RowSource>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            id: row.text(0)?.unwrap_or_default(),
            user_id: row.text(1)?.unwrap_or_default(),
            status: row.text(2)?.unwrap_or_default(),
            updated_at: row.int(3)?.unwrap_or_default(),
        })
    }
}

impl OrganizationRow {
    pub fn read<R: RowSource>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            id: row.text(0)?.unwrap_or_default(),
            name: row.text(1)?,
            slug: row.text(2)?,
            updated_at: row.int(3)?.unwrap_or_default(),
            deleted_at: row.int(4)?,
        })
    }
}

impl MembershipRow {
    pub fn read<R: RowSource>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            id: row.text(0)?.unwrap_or_default(),
            organization_id: row.text(1)?.unwrap_or_default(),
            user_id: row.text(2)?,
            role: row.text(3)?.unwrap_or_default(),
            updated_at: row.int(4)?.unwrap_or_default(),
            deleted_at: row.int(5)?,
        })
    }
}

/// Reads a `(svix_id, event_type)` row of `webhook_deliveries`.
pub fn read_delivery<R: RowSource>(row: &R) -> Result<(String, String), R::Error> {
    Ok((
        row.text(0)?.unwrap_or_default(),
        row.text(1)?.unwrap_or_default(),
    ))
}

impl Snapshot {
    /// Every table sorted by id (byte order), so that snapshots compare equal across
    /// databases.
    pub fn sorted(mut self) -> Self {
        self.users.sort_by(|a, b| a.id.cmp(&b.id));
        self.sessions.sort_by(|a, b| a.id.cmp(&b.id));
        self.organizations.sort_by(|a, b| a.id.cmp(&b.id));
        self.memberships.sort_by(|a, b| a.id.cmp(&b.id));
        self.deliveries.sort();
        self
    }
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
