//! The sync service on the ledger, on each database: the load (four receivers over loopback
//! HTTP, duplicates, late updates, replays after deletes, second-endpoint copies, forgeries,
//! Svix-style retries) ends in exactly the model's state, row by row; on PostgreSQL and
//! MariaDB while a separate connection kills receiver connections. The servers come from
//! `DATABASE_URL` and `MYSQL_URL` (`bash .ci/postgres.sh bash .ci/mariadb.sh cargo test …`
//! starts throwaway ones); SQLite needs none. Each test works in a schema, database or file
//! of its own.

mod ledger_support;

use clerk_webhooks::testing::Signer;
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use clerk_webhooks_suite::http_post::http_post;
use clerk_webhooks_suite::sync_sql::cli::Database;
use clerk_webhooks_suite::sync_sql::events::{at, user, T0};
use clerk_webhooks_suite::sync_sql::load::{self, LoadConfig};
use clerk_webhooks_suite::sync_sql::server::{router, AppState};
use clerk_webhooks_suite::sync_sql::store::{Mode, Store};
use clerk_webhooks_suite::sync_sql::tables::Value;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

/// A fifth of the examples' load (about 2,000 deliveries), with a killer every 25 ms.
fn small(kill: bool) -> LoadConfig {
    LoadConfig {
        users: 112,
        organizations: 30,
        memberships: 112,
        sessions: 112,
        kill_every: kill.then_some(Duration::from_millis(25)),
        ..LoadConfig::default()
    }
}

async fn load_is_exact(database: Database, kill: bool) {
    let (target, victims) = database
        .isolated(&ledger_support::unique("sync_load"))
        .unwrap();
    let report = load::run(&target, victims, &small(kill)).await.unwrap();
    let differences = report.differences(5);
    assert!(
        report.wrong_answers.is_empty() && differences.is_empty(),
        "wrong answers: {:#?}\ndifferences: {differences:#?}",
        &report.wrong_answers[..report.wrong_answers.len().min(20)]
    );
    assert!(report.passed());
    assert!(report.deliveries >= 2_000, "{}", report.deliveries);
    // Live rows only: a third of the users, a quarter of the organizations and a third of
    // the memberships were deleted.
    let users = &report.snapshot.tables["users"];
    assert_eq!(users.len(), 112 - 38);
    assert!(!users.iter().any(|row| row[0]
        .clone()
        .eq(&Value::Text(Some("user_forged_0".into())))));
    if kill {
        assert!(
            report.killed >= 20,
            "only {} connections killed",
            report.killed
        );
        assert!(report.retries > 0 && report.database_errors > 0);
    }
    if database == Database::Sqlite {
        Store::reset(&target).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_load_on_a_sqlite_file_ends_in_the_model_state() {
    load_is_exact(Database::Sqlite, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_load_on_postgres_with_connections_killed_ends_in_the_model_state() {
    if ledger_support::server_url("DATABASE_URL", ".ci/postgres.sh").is_none() {
        return;
    }
    load_is_exact(Database::Postgres, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_load_on_mariadb_with_connections_killed_ends_in_the_model_state() {
    if ledger_support::server_url("MYSQL_URL", ".ci/mariadb.sh").is_none() {
        return;
    }
    load_is_exact(Database::MySql, true).await;
}

/// A write that fails answers `503` and rolls the claim back with it, so the retry applies;
/// then the same delivery is a duplicate, and a forgery is `400` and writes nothing.
#[tokio::test]
async fn a_failed_write_answers_503_and_its_retry_applies() {
    let (target, _) = Database::Sqlite
        .isolated(&ledger_support::unique("sync_fault"))
        .unwrap();
    Store::reset(&target).await.unwrap();
    let store = Store::connect(&target, 2, "test").await.unwrap();
    store.migrate().await.unwrap();
    let signer = Signer::default();
    let state = AppState {
        webhook: signer.webhook().clone(),
        store: store.clone(),
        mode: Mode::Ledger,
        errors: Arc::new(AtomicU64::new(0)),
        log_errors: false,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let post = |request| async move {
        tokio::task::spawn_blocking(move || http_post(addr, "/webhooks/clerk", &request))
            .await
            .unwrap()
            .unwrap()
    };
    let event: WebhookEvent = at(
        ClerkEvent::UserCreated(Box::new(user("user_1", "Ada", "L", "a@example.com", T0))),
        T0,
    );
    let request = signer.sign_event(
        "msg_1",
        &event,
        clerk_webhooks::time::OffsetDateTime::now_utc(),
    );

    let Store::Sqlite(pool) = &store else {
        unreachable!()
    };
    sqlx::query("ALTER TABLE users RENAME TO users_away")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(post(request.clone()).await, (503, "database error".into()));
    let snapshot = store.snapshot().await;
    assert!(snapshot.is_err(), "the users table is away");
    let messages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clerk_webhook_messages")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(messages, 0, "the claim rolled back with the failed write");

    sqlx::query("ALTER TABLE users_away RENAME TO users")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(post(request.clone()).await, (200, "apply".into()));
    assert_eq!(post(request).await, (200, "duplicate".into()));

    let forger = Signer::from_webhook(
        clerk_webhooks::Webhook::new("whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk").unwrap(),
    );
    let forged = at(
        ClerkEvent::UserCreated(Box::new(user("user_2", "Eve", "F", "e@example.com", T0))),
        T0,
    );
    let forged = forger.sign_event(
        "msg_2",
        &forged,
        clerk_webhooks::time::OffsetDateTime::now_utc(),
    );
    assert_eq!(post(forged).await.0, 400);

    let snapshot = store.snapshot().await.unwrap();
    let users: Vec<_> = snapshot.tables["users"].iter().cloned().collect();
    assert_eq!(
        users,
        [vec![
            Value::Text(Some("user_1".into())),
            Value::Text(Some("Ada".into())),
            Value::Text(Some("L".into())),
            Value::Text(Some("a@example.com".into())),
            Value::Int(T0),
        ]]
    );
    assert_eq!(snapshot.messages.len(), 1);
    store.close().await;
    Store::reset(&target).await.unwrap();
}
