//! The delivery ledger on a real MariaDB (or MySQL) server (`MYSQL_URL`; `bash .ci/mariadb.sh
//! cargo test …` starts a throwaway one), on InnoDB at its default isolation level,
//! REPEATABLE READ. Each test works in a database of its own.

mod ledger_support;

use clerk_webhooks::ledger::mysql as ledger;
use sqlx::mysql::{MySqlConnectOptions, MySqlPoolOptions};
use std::str::FromStr;

type Pool = sqlx::MySqlPool;

const MIRROR_SCHEMA: &str = "CREATE TABLE mirror (
    id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,
    version BIGINT NOT NULL
) ENGINE = InnoDB";
const UPSERT: &str = "INSERT INTO mirror (id, version) VALUES (?, ?)
    ON DUPLICATE KEY UPDATE version = VALUES(version)";
const DELETE: &str = "DELETE FROM mirror WHERE id = ?";

fn url() -> Option<String> {
    ledger_support::server_url("MYSQL_URL", ".ci/mariadb.sh")
}

/// Connection options on a new database of their own.
async fn options() -> Option<MySqlConnectOptions> {
    let url = url()?;
    let database = ledger_support::unique("ledger");
    let mut admin = <sqlx::MySqlConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .execute(&mut admin)
        .await
        .unwrap();
    Some(
        MySqlConnectOptions::from_str(&url)
            .unwrap()
            .database(&database),
    )
}

async fn pool(connections: u32) -> Option<Pool> {
    Some(
        MySqlPoolOptions::new()
            .max_connections(connections)
            .connect_with(options().await?)
            .await
            .unwrap(),
    )
}

async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::MySql>, sqlx::Error> {
    pool.begin().await
}

ledger_tests!();
killed_connection_test!();

/// Ends `conn`'s session from another connection, as an operator or a failover does.
async fn kill(pool: &Pool, conn: &mut sqlx::MySqlConnection) {
    let id: u64 = sqlx::query_scalar("SELECT CONNECTION_ID()")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("KILL CONNECTION {id}")))
        .execute(pool)
        .await
        .unwrap();
}

/// The claim reads the resource statement's answer the same way whether the connection sets
/// `CLIENT_FOUND_ROWS` (sqlx's default) or not, and whatever `LAST_INSERT_ID()` the session
/// held before.
#[tokio::test]
async fn the_answer_does_not_depend_on_found_rows_or_the_session() {
    for found_rows in [true, false] {
        let Some(options) = options().await else {
            return;
        };
        let pool = MySqlPoolOptions::new()
            .max_connections(1)
            .connect_with(options.found_rows(found_rows))
            .await
            .unwrap();
        ledger::migrate(&pool).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let mut claim = async |d| ledger::claim(&mut conn, &d).await.unwrap();
        let user = ledger_support::user;
        // A stale claim leaves LAST_INSERT_ID() at 1; the next new resource still applies.
        assert_eq!(
            claim(user("m1", "user.created", "u1", 10)).await,
            Claim::Apply
        );
        assert_eq!(
            claim(user("m2", "user.created", "u1", 10)).await,
            Claim::Stale
        );
        assert_eq!(
            claim(user("m3", "user.created", "u2", 10)).await,
            Claim::Apply
        );
        assert_eq!(
            claim(user("m4", "user.updated", "u2", 11)).await,
            Claim::Apply
        );
        assert_eq!(
            claim(user("m5", "user.updated", "u2", 11)).await,
            Claim::Stale
        );
        let deleted = ledger_support::deleted;
        assert_eq!(
            claim(deleted("m6", "user.deleted", "u2", 11)).await,
            Claim::Apply
        );
        assert_eq!(
            claim(deleted("m7", "user.deleted", "u2", 12)).await,
            Claim::Stale
        );
        assert_eq!(
            claim(user("m8", "user.created", "u3", 1)).await,
            Claim::Apply
        );
        drop(conn);
        let mut conn = pool.acquire().await.unwrap();
        sqlx::query("SELECT LAST_INSERT_ID(1)")
            .execute(&mut *conn)
            .await
            .unwrap();
        let d = user("m9", "user.created", "u4", 1);
        assert_eq!(ledger::claim(&mut conn, &d).await.unwrap(), Claim::Apply);
    }
}

/// A resource id too long for the `id` column is refused, not cut.
#[tokio::test]
async fn a_too_long_resource_id_is_an_error() {
    let Some(pool) = pool(1).await else { return };
    ledger::migrate(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let long = "u".repeat(256);
    let d = ledger_support::user("m1", "user.created", &long, 1);
    let error = ledger::claim(&mut conn, &d).await.unwrap_err();
    assert!(matches!(error, sqlx::Error::Encode(_)), "{error:?}");
    let fits = "é".repeat(255);
    let d = ledger_support::user("m2", "user.created", &fits, 1);
    assert_eq!(ledger::claim(&mut conn, &d).await.unwrap(), Claim::Apply);
}

/// A killed connection and InnoDB's deadlock and lock-wait errors are retryable; a
/// constraint violation is not.
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

    sqlx::query("CREATE TABLE t (id INT PRIMARY KEY) ENGINE = InnoDB")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO t VALUES (1), (2)")
        .execute(&pool)
        .await
        .unwrap();
    // A deadlock: each transaction locks one row, then wants the other's.
    let mut a = pool.begin().await.unwrap();
    let mut b = pool.begin().await.unwrap();
    sqlx::query("SELECT id FROM t WHERE id = 1 FOR UPDATE")
        .execute(&mut *a)
        .await
        .unwrap();
    sqlx::query("SELECT id FROM t WHERE id = 2 FOR UPDATE")
        .execute(&mut *b)
        .await
        .unwrap();
    let a_wants = sqlx::query("SELECT id FROM t WHERE id = 2 FOR UPDATE").execute(&mut *a);
    let b_wants = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        sqlx::query("SELECT id FROM t WHERE id = 1 FOR UPDATE")
            .execute(&mut *b)
            .await
    };
    let (a_result, b_result) = tokio::join!(a_wants, b_wants);
    let deadlock = a_result
        .err()
        .or(b_result.err())
        .expect("InnoDB breaks the cycle");
    assert!(is_retryable(&deadlock), "{deadlock:?}");
    drop((a, b));

    let duplicate = sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(!is_retryable(&duplicate), "{duplicate:?}");
}

/// A claim is at most two round trips once sqlx has prepared its statements on the
/// connection: one for a duplicate or an event without a resource, two otherwise. Counted by
/// a TCP proxy between sqlx and the server.
#[tokio::test]
async fn a_claim_is_at_most_two_round_trips() {
    let Some(options) = options().await else {
        return;
    };
    let pool = MySqlPoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await
        .unwrap();
    ledger::migrate(&pool).await.unwrap();
    let proxy =
        ledger_support::RoundTrips::proxy(format!("{}:{}", options.get_host(), options.get_port()))
            .await;
    let options = options.host("127.0.0.1").port(proxy.addr.port());
    let mut conn: sqlx::MySqlConnection = sqlx::ConnectOptions::connect(&options).await.unwrap();
    use ledger_support::{deleted, delivery, user};
    // The first claims on a connection also prepare the statements.
    ledger::claim(&mut conn, &user("m0", "user.created", "u0", 1))
        .await
        .unwrap();
    ledger::claim(&mut conn, &user("m0", "user.created", "u0", 1))
        .await
        .unwrap();
    for (d, trips) in [
        (user("m1", "user.created", "u1", 1), 2),
        (user("m1", "user.created", "u1", 1), 1),
        (user("m2", "user.updated", "u1", 1), 2),
        (deleted("m3", "user.deleted", "u1", 2), 2),
        (delivery("m_x", "brand.new", None, serde_json::json!({})), 1),
    ] {
        let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
        proxy.take();
        let claim = ledger::claim(&mut tx, &d).await.unwrap();
        assert_eq!(proxy.take(), trips, "{claim:?} of {}", d.message_id);
        tx.commit().await.unwrap();
    }
}
