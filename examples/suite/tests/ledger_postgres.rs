//! The delivery ledger on a real PostgreSQL server (`DATABASE_URL`; `bash .ci/postgres.sh
//! cargo test …` starts a throwaway one), at its default isolation level, READ COMMITTED.
//! Each test works in a schema of its own.

mod ledger_support;

use clerk_webhooks::ledger::postgres as ledger;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;

type Pool = sqlx::PgPool;

const MIRROR_SCHEMA: &str = "CREATE TABLE mirror (id TEXT PRIMARY KEY, version BIGINT NOT NULL)";
const UPSERT: &str = "INSERT INTO mirror (id, version) VALUES ($1, $2)
    ON CONFLICT (id) DO UPDATE SET version = excluded.version";
const DELETE: &str = "DELETE FROM mirror WHERE id = $1";

fn url() -> Option<String> {
    ledger_support::server_url("DATABASE_URL", ".ci/postgres.sh")
}

/// A pool whose connections work in a new schema of their own.
async fn pool(connections: u32) -> Option<Pool> {
    let url = url()?;
    let schema = ledger_support::unique("ledger");
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let options = PgConnectOptions::from_str(&url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    Some(
        PgPoolOptions::new()
            .max_connections(connections)
            .connect_with(options)
            .await
            .unwrap(),
    )
}

async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    pool.begin().await
}

ledger_tests!();
killed_connection_test!();

/// Ends `conn`'s session from another connection, as an operator or a failover does.
async fn kill(pool: &Pool, conn: &mut sqlx::PgConnection) {
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::query("SELECT pg_terminate_backend($1)")
        .bind(pid)
        .execute(pool)
        .await
        .unwrap();
}

/// Errors PostgreSQL reports for a lost session, a deadlock and a serialization failure are
/// retryable; a constraint violation is not.
#[tokio::test]
async fn retryable_errors() {
    let Some(pool) = pool(3).await else { return };
    let is_retryable = clerk_webhooks::ledger::is_retryable;
    let mut victim = pool.acquire().await.unwrap();
    kill(&pool, &mut victim).await;
    let killed = sqlx::query("SELECT 1")
        .execute(&mut *victim)
        .await
        .unwrap_err();
    assert!(is_retryable(&killed), "{killed:?}");
    victim.close_on_drop();
    drop(victim);

    let serialization = sqlx::query("DO $$ BEGIN RAISE EXCEPTION SQLSTATE '40001'; END $$")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(is_retryable(&serialization));
    let deadlock = sqlx::query("DO $$ BEGIN RAISE EXCEPTION SQLSTATE '40P01'; END $$")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(is_retryable(&deadlock));
    let unique = sqlx::query("DO $$ BEGIN RAISE EXCEPTION SQLSTATE '23505'; END $$")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(!is_retryable(&unique));
}

/// A claim is one round trip (one statement) once sqlx has prepared it on the connection,
/// counted by a TCP proxy between sqlx and the server.
#[tokio::test]
async fn a_claim_is_one_round_trip() {
    let Some(pool) = pool(1).await else { return };
    ledger::migrate(&pool).await.unwrap();
    let options = pool.connect_options();
    let proxy =
        ledger_support::RoundTrips::proxy(format!("{}:{}", options.get_host(), options.get_port()))
            .await;
    let options = (*options).clone().host("127.0.0.1").port(proxy.addr.port());
    let mut conn: sqlx::PgConnection = sqlx::ConnectOptions::connect(&options).await.unwrap();
    use ledger_support::{deleted, delivery, user};
    let unknown = delivery("m_x", "brand.new", None, serde_json::json!({}));
    // The first claim on a connection also prepares the statement.
    ledger::claim(&mut conn, &user("m0", "user.created", "u0", 1))
        .await
        .unwrap();
    for d in [
        user("m1", "user.created", "u1", 1),
        user("m1", "user.created", "u1", 1),
        user("m2", "user.updated", "u1", 1),
        deleted("m3", "user.deleted", "u1", 2),
        unknown,
    ] {
        let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
        proxy.take();
        let claim = ledger::claim(&mut tx, &d).await.unwrap();
        assert_eq!(proxy.take(), 1, "{claim:?} of {}", d.message_id);
        tx.commit().await.unwrap();
    }
}

/// Under REPEATABLE READ, concurrent claims of one resource may fail with a serialization
/// failure, which is retryable; retried, the newest version wins and every copy is stale.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn under_repeatable_read_a_race_is_a_retryable_error() {
    use clerk_webhooks::ledger::{is_retryable, Claim};
    let Some(pool) = pool(8).await else { return };
    ledger::migrate(&pool).await.unwrap();
    let retries = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let mut tasks = Vec::new();
    for v in 1..=16_i64 {
        for copy in ["", "_copy"] {
            let d = ledger_support::user(&format!("msg_{v}{copy}"), "user.updated", "user_1", v);
            let (pool, retries) = (pool.clone(), retries.clone());
            tasks.push(tokio::spawn(async move {
                loop {
                    let attempt = async {
                        let mut tx = pool
                            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ")
                            .await?;
                        sqlx::query("SELECT 1").execute(&mut *tx).await?; // take the snapshot
                        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                        let claim = ledger::claim(&mut tx, &d).await?;
                        tx.commit().await?;
                        Ok::<_, sqlx::Error>(claim)
                    };
                    match attempt.await {
                        Ok(claim) => return claim,
                        Err(error) if is_retryable(&error) => {
                            retries.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        Err(error) => panic!("{error}"),
                    }
                }
            }));
        }
    }
    let mut applied = 0;
    for task in tasks {
        if task.await.unwrap() == Claim::Apply {
            applied += 1;
        }
    }
    assert!((1..=16).contains(&applied), "{applied}");
    let version: i64 = sqlx::query_scalar("SELECT version FROM clerk_webhook_resources")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(version, 16);
    eprintln!(
        "REPEATABLE READ, 32 claims of one resource: {} serialization failures retried",
        retries.load(std::sync::atomic::Ordering::Relaxed)
    );
}
