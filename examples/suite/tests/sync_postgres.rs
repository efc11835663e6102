//! The sync_postgres example against a real PostgreSQL server (`DATABASE_URL`; `bash
//! .ci/postgres.sh cargo test …` starts a throwaway one). Each test works in a schema of its
//! own, so they run in parallel and leave the rest of the database alone.

use clerk_webhooks::testing::{self, SignedRequest, Signer};
use clerk_webhooks::VerifiedEvent;
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use clerk_webhooks_suite::http_post::http_post;
use clerk_webhooks_suite::sync_postgres::load::{self, LoadConfig};
use clerk_webhooks_suite::sync_postgres::server::{router, AppState};
use clerk_webhooks_suite::sync_postgres::store::Store;
use clerk_webhooks_suite::sync_sql::events::{at, deleted, user, T0};
use clerk_webhooks_suite::sync_sql::rows::Snapshot;
use clerk_webhooks_suite::sync_sql::Outcome;
use std::net::SocketAddr;

fn database_url() -> String {
    std::env::var("DATABASE_URL").expect(
        "these tests need a PostgreSQL server: set DATABASE_URL, or run them through \
         `bash .ci/postgres.sh cargo test --workspace --all-features`, which starts one",
    )
}

fn verified(signer: &Signer, message_id: &str, event: &WebhookEvent) -> VerifiedEvent {
    let request = signer.sign_event(
        message_id,
        event,
        clerk_webhooks::time::OffsetDateTime::now_utc(),
    );
    signer
        .webhook()
        .verify_event(&request.body, &request.headers)
        .unwrap()
}

/// A receiver on a loopback port, on the store's schema.
async fn receiver(schema: &'static str, signer: &Signer) -> SocketAddr {
    let store = Store::connect_in(&database_url(), schema, 2).unwrap();
    let state = AppState {
        webhook: signer.webhook().clone(),
        store,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    addr
}

async fn post(addr: SocketAddr, request: SignedRequest) -> (u16, String) {
    tokio::task::spawn_blocking(move || http_post(addr, "/webhooks/clerk", &request))
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_load_of_four_receivers_ends_in_exactly_the_expected_tables() {
    let config = LoadConfig {
        schema: "test_load",
        ..LoadConfig::default()
    };
    let report = load::run(&database_url(), &config).await.unwrap();
    assert!(
        report.wrong_answers.is_empty(),
        "{:#?}",
        report.wrong_answers
    );
    assert!(report.requests >= 2_000, "{}", report.requests);
    assert_eq!(report.snapshot, report.expected);
    assert!(report.passed());
    // The expected tables are not trivially empty: every kind of row is there, deleted ones
    // included, and the forgeries are not.
    let snapshot = &report.snapshot;
    assert_eq!(snapshot.users.len(), config.users);
    assert_eq!(snapshot.sessions.len(), config.sessions);
    assert_eq!(snapshot.organizations.len(), config.organizations);
    assert_eq!(snapshot.memberships.len(), config.memberships);
    assert_eq!(
        snapshot
            .users
            .iter()
            .filter(|u| u.deleted_at.is_some())
            .count(),
        config.users.div_ceil(3)
    );
    assert!(snapshot
        .users
        .iter()
        .all(|u| u.first_name.as_deref() == Some("First2")));
    assert!(!snapshot.users.iter().any(|u| u.id.contains("forged")));
    assert!(snapshot.deliveries.len() > report.requests / 2);
    assert!(report.percentile(99.0) >= report.percentile(50.0));
}

#[tokio::test]
async fn a_second_endpoint_copy_changes_nothing_for_creates_updates_and_deletes() {
    let store = Store::isolated(&database_url(), "test_second_endpoint", 2)
        .await
        .unwrap();
    let signer = Signer::default();
    let v1 = at(
        ClerkEvent::UserCreated(Box::new(user(
            "user_1",
            "Ada",
            "Lovelace",
            "ada@example.com",
            T0,
        ))),
        T0,
    );
    let v2 = at(
        ClerkEvent::UserUpdated(Box::new(user(
            "user_1",
            "Augusta",
            "Lovelace",
            "ada@example.com",
            T0 + 1_000,
        ))),
        T0 + 1_000,
    );
    let gone = at(
        ClerkEvent::UserDeleted(Box::new(deleted("user", "user_1"))),
        T0 + 2_000,
    );

    // Without the dedupe marker's `svix-id` to catch it, the copy must be a no-op by itself.
    let without_deliveries = |snapshot: Snapshot| Snapshot {
        deliveries: Vec::new(),
        ..snapshot
    };
    for (n, event) in [&v1, &v2, &gone].into_iter().enumerate() {
        let primary = verified(&signer, &format!("msg_{n}"), event);
        let copy = verified(&signer, &format!("msg_{n}_ep2"), event);
        assert_eq!(store.apply(&primary).await.unwrap(), Outcome::Applied);
        let before = without_deliveries(store.snapshot().await.unwrap());
        assert_ne!(
            store.apply(&copy).await.unwrap(),
            Outcome::Duplicate,
            "a new svix-id"
        );
        let after = without_deliveries(store.snapshot().await.unwrap());
        assert_eq!(
            before,
            after,
            "the copy of {} changed a row",
            event.event.event_type()
        );
    }
    let snapshot = store.snapshot().await.unwrap();
    let row = &snapshot.users[0];
    assert_eq!(row.first_name.as_deref(), Some("Augusta"));
    assert_eq!(row.deleted_at, Some(T0 + 2_000));
    assert_eq!(snapshot.deliveries.len(), 6);

    // A copy that arrives first and its primary after it: the same end state.
    let store = Store::isolated(&database_url(), "test_second_endpoint_reversed", 2)
        .await
        .unwrap();
    for (n, event) in [&v2, &v1, &gone].into_iter().enumerate() {
        store
            .apply(&verified(&signer, &format!("msg_{n}_ep2"), event))
            .await
            .unwrap();
        store
            .apply(&verified(&signer, &format!("msg_{n}"), event))
            .await
            .unwrap();
    }
    assert_eq!(
        without_deliveries(store.snapshot().await.unwrap()),
        without_deliveries(snapshot)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_delivery_at_eight_receivers_at_once_is_applied_once() {
    let url = database_url();
    let first = Store::isolated(&url, "test_concurrent_duplicates", 1)
        .await
        .unwrap();
    let signer = Signer::default();
    let event = testing::sample_event("user.created").unwrap();
    let delivery = verified(&signer, "msg_concurrent", &event);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        // A pool each, as separate receiver instances have.
        let store = Store::connect_in(&url, "test_concurrent_duplicates", 1).unwrap();
        let delivery = delivery.clone();
        tasks.spawn(async move { store.apply(&delivery).await.unwrap() });
    }
    let mut outcomes = Vec::new();
    while let Some(outcome) = tasks.join_next().await {
        outcomes.push(outcome.unwrap());
    }
    assert_eq!(
        outcomes.iter().filter(|o| **o == Outcome::Applied).count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| **o == Outcome::Duplicate)
            .count(),
        7,
        "{outcomes:?}"
    );
    assert_eq!(first.snapshot().await.unwrap().deliveries.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_unparseable_requests_are_answered_and_write_nothing() {
    let store = Store::isolated(&database_url(), "test_bad_input", 1)
        .await
        .unwrap();
    let signer = Signer::default();
    let addr = receiver("test_bad_input", &signer).await;

    let body = testing::sample_body("user.created").unwrap();
    let forged = signer.sign_now("msg_forged", body).tampered();
    assert_eq!(
        post(addr, forged).await,
        (400, "invalid webhook signature".into())
    );

    let unparseable = br#"{"type":"user.created","object":"event","data":{"id":42}}"#;
    let request = signer.sign_now("msg_unparseable", &unparseable[..]);
    assert_eq!(
        post(addr, request).await,
        (422, "unprocessable webhook payload".into())
    );

    assert_eq!(store.snapshot().await.unwrap(), Snapshot::default());

    let good = signer.sign_now("msg_good", body);
    assert_eq!(post(addr, good).await, (200, "applied".into()));
    assert_eq!(store.snapshot().await.unwrap().users.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_error_rolls_back_answers_500_and_the_retry_succeeds() {
    let store = Store::isolated(&database_url(), "test_failing_write", 1)
        .await
        .unwrap();
    // A trigger that refuses the first write to `users`, once: a sequence is not rolled back
    // with the failing transaction, so the retry passes.
    store
        .pool()
        .get()
        .await
        .unwrap()
        .batch_execute(
            "CREATE SEQUENCE fail_once;
             CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               IF nextval('fail_once') = 1 THEN
                 RAISE EXCEPTION 'injected failure';
               END IF;
               RETURN NEW;
             END $$;
             CREATE TRIGGER fail_once BEFORE INSERT OR UPDATE ON users
               FOR EACH ROW EXECUTE FUNCTION fail_once();",
        )
        .await
        .unwrap();
    let signer = Signer::default();
    let addr = receiver("test_failing_write", &signer).await;
    let request = signer.sign_now("msg_retry", testing::sample_body("user.created").unwrap());

    assert_eq!(
        post(addr, request.clone()).await,
        (500, "database error".into())
    );
    let snapshot = store.snapshot().await.unwrap();
    assert!(snapshot.users.is_empty(), "the write rolled back");
    assert!(
        snapshot.deliveries.is_empty(),
        "and the dedupe marker with it"
    );

    // Svix retries the same delivery: it is applied, not skipped as a duplicate.
    assert_eq!(post(addr, request.clone()).await, (200, "applied".into()));
    assert_eq!(post(addr, request).await, (200, "duplicate".into()));
    let snapshot = store.snapshot().await.unwrap();
    assert_eq!(snapshot.users.len(), 1);
    assert_eq!(
        snapshot.deliveries,
        vec![("msg_retry".to_owned(), "user.created".to_owned())]
    );
}

#[tokio::test]
async fn every_sample_event_is_handled_and_the_tables_match_sqlite() {
    use clerk_webhooks_suite::sync_sqlite::store::Store as SqliteStore;
    let store = Store::isolated(&database_url(), "test_samples", 1)
        .await
        .unwrap();
    let mut sqlite = SqliteStore::in_memory().unwrap();
    let signer = Signer::default();
    for (i, ty) in testing::SAMPLE_EVENT_TYPES.iter().enumerate() {
        let event = testing::sample_event(ty).unwrap();
        let delivery = verified(&signer, &format!("msg_{i:02}"), &event);
        let outcome = store.apply(&delivery).await.unwrap();
        assert_eq!(outcome, sqlite.apply(&delivery).unwrap(), "{ty}");
        let synced = ty.starts_with("user.")
            || ty.starts_with("session.")
            || ty.starts_with("organization.")
            || ty.starts_with("organizationMembership.");
        assert_eq!(outcome == Outcome::Ignored, !synced, "{ty}");
    }
    // The same statements, the same rows, on both databases.
    assert_eq!(store.snapshot().await.unwrap(), sqlite.snapshot().unwrap());
    assert_eq!(
        store.snapshot().await.unwrap().deliveries.len(),
        testing::SAMPLE_EVENT_TYPES.len()
    );
}
