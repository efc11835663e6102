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

/// Errors PostgreSQL reports for a lost session, a deadlock and a serialization failure are
/// retryable; a constraint violation is not.
#[tokio::test]
async fn retryable_errors() {
    let Some(pool) = pool(3).await else { return };
    let is_retryable = clerk_webhooks::ledger::is_retryable;
    let mut victim = pool.acquire().await.unwrap();
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *victim)
        .await
        .unwrap();
    sqlx::query("SELECT pg_terminate_backend($1)")
        .bind(pid)
        .execute(&pool)
        .await
        .unwrap();
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
