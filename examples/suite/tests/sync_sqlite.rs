//! The sync_sqlite example: its demo ends in exactly the expected tables, and its store
//! dedupes inside the write's transaction.

use clerk_webhooks::testing::{self, Signer};
use clerk_webhooks::VerifiedEvent;
use clerk_webhooks_suite::sync_sqlite::{demo, store};
use store::{Outcome, Store};

#[tokio::test]
async fn the_demo_ends_in_exactly_the_expected_tables() {
    let report = demo::run().await.unwrap();
    for step in &report.steps {
        assert!(step.ok, "{step:?}");
    }
    assert_eq!(report.steps.len(), 22);
    let snapshot = &report.snapshot;
    assert_eq!(snapshot, &demo::expected(), "\n{snapshot}");
    assert!(report.passed());

    // The points of the exercise, spelled out.
    let user = |id: &str| snapshot.users.iter().find(|u| u.id == id).unwrap();
    let ada = user("user_ada");
    assert_eq!(
        ada.first_name.as_deref(),
        Some("Augusta Ada"),
        "the late, older update lost"
    );
    assert_eq!(ada.updated_at, demo::T0 + 60_000);
    assert_eq!(ada.deleted_at, None);
    let grace = user("user_grace");
    assert_eq!(grace.deleted_at, Some(demo::T0 + 240_000), "soft-deleted");
    assert_eq!(
        grace.first_name.as_deref(),
        Some("Grace"),
        "the row is kept"
    );
    let linus = user("user_linus");
    assert!(
        linus.deleted_at.is_some() && linus.first_name.is_none(),
        "create after delete ignored"
    );
    assert!(
        !snapshot.users.iter().any(|u| u.id == "user_eve"),
        "the forged delivery wrote nothing"
    );
    assert!(!snapshot.deliveries.iter().any(|(id, _)| id == "msg_17"));
    assert_eq!(
        snapshot.deliveries.len(),
        19,
        "one row per distinct verified svix-id"
    );
    assert_eq!(snapshot.sessions[0].status, "ended");
}

fn delivery(signer: &Signer, message_id: &str, event_type: &str) -> VerifiedEvent {
    let request = signer.sign_now(message_id, testing::sample_body(event_type).unwrap());
    signer
        .webhook()
        .verify_event(&request.body, &request.headers)
        .unwrap()
}

#[test]
fn a_retry_is_skipped_and_a_failed_write_leaves_no_dedupe_marker() {
    let signer = Signer::default();
    let mut store = Store::in_memory().unwrap();

    let created = delivery(&signer, "msg_a", "user.created");
    assert_eq!(store.apply(&created).unwrap(), Outcome::Applied);
    assert_eq!(store.apply(&created).unwrap(), Outcome::Duplicate);

    // Make the next write fail: the dedupe marker must roll back with it, so that Svix's retry
    // is applied rather than skipped.
    store
        .connection()
        .execute_batch("ALTER TABLE sessions RENAME TO sessions_gone")
        .unwrap();
    let session = delivery(&signer, "msg_b", "session.created");
    assert!(store.apply(&session).is_err());
    let marked: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE svix_id = 'msg_b'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(marked, 0, "the marker rolled back with the failed write");

    store
        .connection()
        .execute_batch("ALTER TABLE sessions_gone RENAME TO sessions")
        .unwrap();
    assert_eq!(
        store.apply(&session).unwrap(),
        Outcome::Applied,
        "the retry applies"
    );
    assert_eq!(store.apply(&session).unwrap(), Outcome::Duplicate);
}

#[test]
fn every_sample_event_is_handled() {
    let signer = Signer::default();
    let mut store = Store::in_memory().unwrap();
    for (i, ty) in testing::SAMPLE_EVENT_TYPES.iter().enumerate() {
        let outcome = store
            .apply(&delivery(&signer, &format!("msg_{i}"), ty))
            .unwrap();
        let synced = ty.starts_with("user.")
            || ty.starts_with("session.")
            || ty.starts_with("organization.")
            || ty.starts_with("organizationMembership.");
        if synced {
            assert_ne!(outcome, Outcome::Ignored, "{ty}");
        } else {
            assert_eq!(outcome, Outcome::Ignored, "{ty}");
        }
    }
    assert_eq!(
        store.snapshot().unwrap().deliveries.len(),
        testing::SAMPLE_EVENT_TYPES.len()
    );
}
