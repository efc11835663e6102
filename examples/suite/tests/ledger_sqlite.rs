//! The delivery ledger on SQLite: one database file shared by several pool connections, each
//! transaction begun with `BEGIN IMMEDIATE`. Needs no server.

mod ledger_support;

use clerk_webhooks::ledger::sqlite as ledger;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

type Pool = sqlx::SqlitePool;

const MIRROR_SCHEMA: &str = "CREATE TABLE mirror (id TEXT PRIMARY KEY, version INTEGER NOT NULL)";
const UPSERT: &str = "INSERT INTO mirror (id, version) VALUES (?1, ?2)
    ON CONFLICT (id) DO UPDATE SET version = excluded.version";
const DELETE: &str = "DELETE FROM mirror WHERE id = ?1";

/// A pool on a new database file of its own under Cargo's scratch directory for tests.
async fn pool(connections: u32) -> Option<Pool> {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}.db", ledger_support::unique("ledger")));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_secs(30));
    Some(
        SqlitePoolOptions::new()
            .max_connections(connections)
            .connect_with(options)
            .await
            .unwrap(),
    )
}

async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

ledger_tests!();

/// SQLite reports a busy database as retryable, and a constraint failure as not.
#[tokio::test]
async fn busy_is_retryable_and_a_constraint_failure_is_not() {
    let pool = pool(2).await.unwrap();
    let mut holder = pool.acquire().await.unwrap();
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        .execute(&mut *holder)
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *holder)
        .await
        .unwrap();
    let options = SqliteConnectOptions::new()
        .filename(pool.connect_options().get_filename())
        .busy_timeout(std::time::Duration::ZERO);
    let mut other = sqlx::ConnectOptions::connect(&options).await.unwrap();
    let busy = sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap_err();
    assert!(clerk_webhooks::ledger::is_retryable(&busy), "{busy}");
    sqlx::query("ROLLBACK").execute(&mut *holder).await.unwrap();
    sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&mut *holder)
        .await
        .unwrap();
    let duplicate = sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&mut *holder)
        .await
        .unwrap_err();
    assert!(
        !clerk_webhooks::ledger::is_retryable(&duplicate),
        "{duplicate}"
    );
}

/// With sqlx's plain (deferred) `begin`, concurrent receivers on one file still keep the
/// newest version: a claim's first statement is a write, and a busy database is retryable.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_deferred_begin_also_keeps_the_newest() {
    use clerk_webhooks::ledger::{is_retryable, Claim};
    let pool = pool(8).await.unwrap();
    ledger::migrate(&pool).await.unwrap();
    let mut tasks = Vec::new();
    for v in (1..=16_i64).rev() {
        let d = ledger_support::user(&format!("msg_{v}"), "user.updated", "user_1", v);
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move {
            loop {
                let attempt = async {
                    let mut tx = pool.begin().await?;
                    let claim = ledger::claim(&mut tx, &d).await?;
                    tx.commit().await?;
                    Ok::<_, sqlx::Error>(claim)
                };
                match attempt.await {
                    Ok(claim) => return claim,
                    Err(error) if is_retryable(&error) => continue,
                    Err(error) => panic!("{error}"),
                }
            }
        }));
    }
    let mut applied = 0;
    for task in tasks {
        applied += usize::from(task.await.unwrap() == Claim::Apply);
    }
    assert!((1..=16).contains(&applied));
    let version: i64 = sqlx::query_scalar("SELECT version FROM clerk_webhook_resources")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(version, 16);
}
