//! Builders for the events the demos send: realistic enough for the sync rules (ids,
//! names, the primary email, `updated_at`), with everything else at its default.

use clerk_webhooks::events::{
    DeletedObject, EmailAddress, Organization, OrganizationMembership, PublicUserData, Session,
    SessionStatus, UnixMillis, User,
};
use clerk_webhooks::{ClerkEvent, WebhookEvent};

/// 2024-05-28T08:00:00Z in epoch ms: the base of every `updated_at` in the demos.
pub const T0: i64 = 1_716_883_200_000;

/// A user with one (primary) email address.
pub fn user(id: &str, first: &str, last: &str, email: &str, updated_at: i64) -> User {
    let mut address = EmailAddress::default();
    address.id = format!("idn_{id}");
    address.object = "email_address".into();
    address.email_address = email.into();
    let mut user = User::default();
    user.object = "user".into();
    user.id = id.into();
    user.first_name = Some(first.into());
    user.last_name = Some(last.into());
    user.primary_email_address_id = Some(address.id.clone());
    user.email_addresses = vec![address];
    user.created_at = UnixMillis::new(T0);
    user.updated_at = UnixMillis::new(updated_at);
    user
}

/// An organization.
pub fn organization(id: &str, name: &str, slug: &str, updated_at: i64) -> Organization {
    let mut org = Organization::default();
    org.object = "organization".into();
    org.id = id.into();
    org.name = name.into();
    org.slug = slug.into();
    org.created_at = UnixMillis::new(T0);
    org.updated_at = UnixMillis::new(updated_at);
    org
}

/// A membership of `user_id` in `org` (an organization named Acme).
pub fn membership(
    id: &str,
    org: &str,
    user_id: &str,
    role: &str,
    updated_at: i64,
) -> OrganizationMembership {
    let mut user = PublicUserData::default();
    user.user_id = user_id.into();
    let mut membership = OrganizationMembership::default();
    membership.object = "organization_membership".into();
    membership.id = id.into();
    membership.organization = organization(org, "Acme", "acme", T0);
    membership.public_user_data = Some(user);
    membership.role = role.into();
    membership.created_at = UnixMillis::new(T0);
    membership.updated_at = UnixMillis::new(updated_at);
    membership
}

/// A session of `user_id`.
pub fn session(id: &str, user_id: &str, status: SessionStatus, updated_at: i64) -> Session {
    let mut session = Session::default();
    session.object = "session".into();
    session.id = id.into();
    session.user_id = user_id.into();
    session.status = status;
    session.created_at = UnixMillis::new(T0);
    session.updated_at = UnixMillis::new(updated_at);
    session
}

/// The payload of a `*.deleted` event.
pub fn deleted(object: &str, id: &str) -> DeletedObject {
    let mut deleted = DeletedObject::default();
    deleted.object = object.into();
    deleted.id = Some(id.into());
    deleted.deleted = true;
    deleted
}

/// An event with its envelope `timestamp` (when it happened, epoch ms).
pub fn at(event: ClerkEvent, timestamp: i64) -> WebhookEvent {
    let mut event = WebhookEvent::from(event);
    event.timestamp = Some(UnixMillis(timestamp));
    event.instance_id = Some("ins_demo".into());
    event
}
