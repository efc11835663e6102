//! The delivery ledger: apply each Clerk event to your database exactly once, in order.
//!
//! Svix delivers Clerk's webhooks **at least once**, **in no fixed order**, and during a secret
//! rotation **to two endpoints under different `svix-id`s**. A mirror of Clerk's users,
//! organizations, memberships, … stays exact when it follows four rules:
//!
//! 1. **Dedupe on `svix-id` in the same transaction as the write.** A retry of a message already
//!    applied changes nothing; a crash between the dedupe and the write loses nothing.
//! 2. **Last write wins on `updated_at`.** A late, older update does not overwrite a newer one.
//! 3. **Deletes are tombstones.** A late update, or a `*.created` replayed after the delete,
//!    does not bring a deleted row back.
//! 4. **A second endpoint's copy changes nothing.** It has a new `svix-id`, so rule 1 misses
//!    it; it has the same version, so rule 2 catches it.
//!
//! The ledger keeps these rules in two tables of its own, so your tables need no `updated_at`
//! column and no conditional SQL. Its one operation, **claim**, runs inside your transaction
//! and answers [`Claim::Apply`] (write the effect now, in the same transaction, with a plain
//! upsert or delete), [`Claim::Duplicate`] (this `svix-id` was claimed before) or
//! [`Claim::Stale`] (an upsert whose version is not newer than the one applied, or any claim on
//! a deleted resource). A deletion applies whenever its resource is not yet deleted, whatever
//! its version. The claim and your write commit or roll back together, which is what makes
//! rules 1–4 hold under retries, crashes and concurrent receivers.
//!
//! # Example
//!
//! With feature `sqlx-postgres` (`sqlx-sqlite` and `sqlx-mysql` are alike), a handler is
//! verify → begin → claim → write → commit → `204`:
//!
#![cfg_attr(feature = "sqlx-postgres", doc = "```no_run")]
#![cfg_attr(not(feature = "sqlx-postgres"), doc = "```text")]
//! use clerk_webhooks::ledger::{self, postgres, Claim};
//! use clerk_webhooks::{ClerkEvent, VerifiedEvent};
//!
//! async fn apply(pool: &sqlx::PgPool, delivery: &VerifiedEvent) -> Result<u16, sqlx::Error> {
//!     let mut tx = pool.begin().await?;
//!     if postgres::claim(&mut *tx, delivery).await? == Claim::Apply {
//!         match &delivery.body.event {
//!             ClerkEvent::UserCreated(user) | ClerkEvent::UserUpdated(user) => {
//!                 sqlx::query(
//!                     "INSERT INTO users (id, first_name) VALUES ($1, $2)
//!                      ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name",
//!                 )
//!                 .bind(&user.id)
//!                 .bind(&user.first_name)
//!                 .execute(&mut *tx)
//!                 .await?;
//!             }
//!             ClerkEvent::UserDeleted(deleted) => {
//!                 sqlx::query("DELETE FROM users WHERE id = $1")
//!                     .bind(&deleted.id)
//!                     .execute(&mut *tx)
//!                     .await?;
//!             }
//!             _ => {}
//!         }
//!     }
//!     tx.commit().await?;
//!     Ok(204)
//! }
//!
//! // Run once at start-up: creates the two tables when absent.
//! # async fn start(pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
//! postgres::migrate(pool).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # When the database fails
//!
//! Answer a non-`2xx` status (say `503`) on any database error, so that Svix delivers the
//! message again. Nothing is lost: the claim and the effect commit together, so the retry
//! claims and applies exactly what the failed attempt did not. Errors for which running the
//! transaction again at once is worthwhile (a lost connection, a deadlock, a serialization
//! failure, a busy SQLite file) are those `is_retryable` accepts (with a sqlx feature).
//!
//! # The tables
//!
//! | Table | Columns | Key |
//! | --- | --- | --- |
//! | `clerk_webhook_messages` | `svix_id`, `event_type`, `delivered_at` (Unix ms, the `svix-timestamp` of the attempt) | `svix_id` |
//! | `clerk_webhook_resources` | `kind` ([`ResourceKind::as_str`]), `id`, `version` (ms, see [`Effect::of`]), `deleted` | `(kind, id)` |
//!
//! The column types per dialect are in [`postgres`], [`sqlite`] and [`mysql`], with the SQL as
//! public constants (`MIGRATE`, the claim statements, `PRUNE`): with diesel, SeaORM or
//! tokio-postgres, run the same ledger in a few lines (see [`postgres`] for an example).
//!
//! # Pruning
//!
//! The message table grows by one row per delivery. Svix retries a failed message for up to
//! about three days ([Svix's retry schedule](https://docs.svix.com/retries)), and a message can
//! also be replayed by hand from Clerk's dashboard. Keep message rows for at least **seven
//! days** and delete older ones with `prune` (or the `PRUNE` statement) from a periodic job.
//!
//! After pruning, a replay of an event that has a resource is still answered `Stale`, by its
//! version (or the tombstone): only the events without a resource (unknown event types,
//! bodies without an id) rely on the message row alone, and would apply again. Resource rows
//! are never pruned: a tombstone must outlive every late update.
//!
//! # The rule of each event
//!
//! [`Effect::of`] reads each delivery by its event type's rule: the kind of resource, whose id
//! is the event's `data.id`; where its version comes from; and whether it deletes the resource.
//! The rule is generated from the same event list as [`ClerkEvent`](crate::ClerkEvent), so a
//! new event type cannot miss it.
//!
//! * `updated_at`: the payload's `updated_at`, or when it is absent or zero the envelope
//!   `timestamp`, or else the delivery time.
//! * event time: the envelope `timestamp`, or else the delivery time (a deletion applies
//!   whatever its version).
//! * once: the resource is announced once (version `0`): the first claim applies, every later
//!   claim is `Stale` whatever its `svix-id`. An application that sends Clerk's e-mails or SMS
//!   itself sends each one once, even when a second endpoint's copy arrives.
//!
//! An event type this version does not know, or a body without an id, has no resource: its
//! claim dedupes on `svix-id` only and answers `Apply` or `Duplicate`.
//!
//! | Event type | Resource | Version | Deletes |
//! | --- | --- | --- | --- |
//! | `user.created` | `user` | `updated_at` | no |
//! | `user.updated` | `user` | `updated_at` | no |
//! | `user.deleted` | `user` | event time | yes |
//! | `session.created` | `session` | `updated_at` | no |
//! | `session.updated` | `session` | `updated_at` | no |
//! | `session.pending` | `session` | `updated_at` | no |
//! | `session.ended` | `session` | `updated_at` | no |
//! | `session.removed` | `session` | `updated_at` | no |
//! | `session.revoked` | `session` | `updated_at` | no |
//! | `organization.created` | `organization` | `updated_at` | no |
//! | `organization.updated` | `organization` | `updated_at` | no |
//! | `organization.deleted` | `organization` | event time | yes |
//! | `organizationDomain.created` | `organization_domain` | `updated_at` | no |
//! | `organizationDomain.updated` | `organization_domain` | `updated_at` | no |
//! | `organizationDomain.deleted` | `organization_domain` | event time | yes |
//! | `organizationInvitation.created` | `organization_invitation` | `updated_at` | no |
//! | `organizationInvitation.accepted` | `organization_invitation` | `updated_at` | no |
//! | `organizationInvitation.revoked` | `organization_invitation` | `updated_at` | no |
//! | `organizationMembership.created` | `organization_membership` | `updated_at` | no |
//! | `organizationMembership.updated` | `organization_membership` | `updated_at` | no |
//! | `organizationMembership.deleted` | `organization_membership` | event time | yes |
//! | `role.created` | `role` | `updated_at` | no |
//! | `role.updated` | `role` | `updated_at` | no |
//! | `role.deleted` | `role` | event time | yes |
//! | `permission.created` | `permission` | `updated_at` | no |
//! | `permission.updated` | `permission` | `updated_at` | no |
//! | `permission.deleted` | `permission` | event time | yes |
//! | `email.created` | `email` | once | no |
//! | `sms.created` | `sms` | once | no |
//! | `invitation.created` | `invitation` | `updated_at` | no |
//! | `invitation.accepted` | `invitation` | `updated_at` | no |
//! | `invitation.revoked` | `invitation` | `updated_at` | no |
//! | `waitlistEntry.created` | `waitlist_entry` | `updated_at` | no |
//! | `waitlistEntry.updated` | `waitlist_entry` | `updated_at` | no |
//! | `subscription.created` | `subscription` | `updated_at` | no |
//! | `subscription.updated` | `subscription` | `updated_at` | no |
//! | `subscription.active` | `subscription` | `updated_at` | no |
//! | `subscription.pastDue` | `subscription` | `updated_at` | no |
//! | `subscriptionItem.created` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.updated` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.active` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.canceled` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.upcoming` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.ended` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.abandoned` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.incomplete` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.pastDue` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.freeTrialEnding` | `subscription_item` | `updated_at` | no |
//! | `subscriptionItem.expired` | `subscription_item` | `updated_at` | no |
//! | `paymentAttempt.created` | `payment_attempt` | `updated_at` | no |
//! | `paymentAttempt.updated` | `payment_attempt` | `updated_at` | no |
//!
//! # Features
//!
//! The SQL constants, [`Claim`], [`Effect`] and [`ResourceKind`] are always there, with no
//! dependency. Features `sqlx-postgres`, `sqlx-sqlite` and `sqlx-mysql` add `migrate`, `claim`
//! and `prune` on sqlx 0.9 (MSRV 1.94), and `is_retryable`. They enable only sqlx's driver:
//! your own sqlx dependency picks the runtime and TLS.

mod claim;
mod effect;
pub mod mysql;
pub mod postgres;
mod resource_kind;
#[cfg(any(
    feature = "sqlx-postgres",
    feature = "sqlx-sqlite",
    feature = "sqlx-mysql"
))]
mod retry;
pub mod sqlite;

pub use claim::Claim;
pub use effect::Effect;
pub use resource_kind::ResourceKind;
#[cfg(any(
    feature = "sqlx-postgres",
    feature = "sqlx-sqlite",
    feature = "sqlx-mysql"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "sqlx-postgres",
        feature = "sqlx-sqlite",
        feature = "sqlx-mysql"
    )))
)]
pub use retry::is_retryable;

use crate::VerifiedEvent;

/// The delivery time of a delivery in Unix milliseconds: the value of the claim statements'
/// `delivered_at` parameter (the column that [`Pruning`](self#pruning) compares).
///
/// ```
/// use clerk_webhooks::time::OffsetDateTime;
/// use clerk_webhooks::{ClerkEvent, MessageId, VerifiedEvent};
///
/// let event = ClerkEvent::from_slice(br#"{"type":"user.created","data":{"id":"user_1"}}"#)?;
/// let at = OffsetDateTime::from_unix_timestamp(1_700_000_000)?;
/// let delivery = VerifiedEvent::new(MessageId::new("msg_1")?, at, event.into());
/// assert_eq!(clerk_webhooks::ledger::delivered_at_millis(&delivery), 1_700_000_000_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn delivered_at_millis(delivery: &VerifiedEvent) -> i64 {
    effect::millis(delivery.delivered_at)
}

#[cfg(test)]
mod tests {
    use super::effect::RULES;

    /// The table in the module docs, row by row, is the generated rule.
    #[test]
    fn the_documented_table_is_the_generated_rule() {
        let source = include_str!("ledger.rs");
        let documented: Vec<&str> = source
            .lines()
            .skip_while(|line| !line.starts_with("//! | Event type |"))
            .skip(2)
            .map_while(|line| line.strip_prefix("//! ").filter(|row| row.starts_with('|')))
            .collect();
        let generated: Vec<String> = RULES
            .iter()
            .map(|rule| {
                format!(
                    "| `{}` | `{}` | {} | {} |",
                    rule.event_type,
                    rule.kind.as_str(),
                    rule.version.doc_name(),
                    if rule.deletes { "yes" } else { "no" }
                )
            })
            .collect();
        assert_eq!(documented, generated);
    }
}
