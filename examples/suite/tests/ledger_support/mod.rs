//! What the ledger tests share across PostgreSQL, MariaDB and SQLite: deliveries, the server
//! URL rule, and `ledger_tests!`, which writes the same tests for each dialect.

#![allow(dead_code)]

use clerk_webhooks::time::{Duration, OffsetDateTime};
use clerk_webhooks::{MessageId, VerifiedEvent, WebhookEvent};

/// The URL of a server from `var`. Absent: a failure under CI (`CI` set and not `false`), a
/// printed notice and `None` elsewhere, so that a plain local `cargo test` still runs.
pub fn server_url(var: &str, script: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
            assert!(
                !ci,
                "{var} is not set: CI runs these tests through `bash {script} cargo test …`"
            );
            // Written to the process's stderr, past the test harness's capture, once.
            static NOTICE: std::sync::Once = std::sync::Once::new();
            NOTICE.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "notice: {var} is not set, so the tests that need it pass without running \
                     (run them through `bash {script} cargo test …`)"
                );
            });
            None
        }
    }
}

/// A delivery with the given `svix-id`, delivered `age` ago, of the body
/// `{"type": event_type, "timestamp": timestamp, "data": data}`.
pub fn delivery_aged(
    svix_id: &str,
    event_type: &str,
    timestamp: Option<i64>,
    data: serde_json::Value,
    age: Duration,
) -> VerifiedEvent {
    let mut body = serde_json::json!({ "object": "event", "type": event_type, "data": data });
    if let Some(timestamp) = timestamp {
        body["timestamp"] = timestamp.into();
    }
    let body = WebhookEvent::from_slice(body.to_string().as_bytes()).unwrap();
    VerifiedEvent::new(
        MessageId::new(svix_id).unwrap(),
        OffsetDateTime::now_utc() - age,
        body,
    )
}

/// A delivery with the given `svix-id`, delivered now.
pub fn delivery(
    svix_id: &str,
    event_type: &str,
    timestamp: Option<i64>,
    data: serde_json::Value,
) -> VerifiedEvent {
    delivery_aged(svix_id, event_type, timestamp, data, Duration::ZERO)
}

/// `user.updated` (or another upsert type) of a user at a version.
pub fn user(svix_id: &str, event_type: &str, id: &str, updated_at: i64) -> VerifiedEvent {
    delivery(
        svix_id,
        event_type,
        Some(updated_at + 1),
        serde_json::json!({ "object": "user", "id": id, "updated_at": updated_at }),
    )
}

/// `<kind>.deleted` of a resource, with the envelope timestamp.
pub fn deleted(svix_id: &str, event_type: &str, id: &str, timestamp: i64) -> VerifiedEvent {
    delivery(
        svix_id,
        event_type,
        Some(timestamp),
        serde_json::json!({ "object": "user", "id": id, "deleted": true }),
    )
}

/// A name unique to this process and call, for schemas, databases and files.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The tests every dialect passes. The caller's file defines:
///
/// * `async fn pool(connections: u32) -> Option<Pool>`: a pool on a fresh, empty database
///   (schema, database or file) of its own, or `None` when the server is absent;
/// * `async fn begin(pool: &Pool) -> Transaction`: a transaction for one delivery;
/// * `MIRROR_SCHEMA`, `UPSERT`, `DELETE`, the caller's own table (`mirror (id, version)`)
///   and its plain, unconditional writes (`UPSERT` binds id and version, `DELETE` the id);
/// * `ledger`: the dialect's module of `clerk_webhooks::ledger`.
#[macro_export]
macro_rules! ledger_tests {
    () => {
        use clerk_webhooks::ledger::{is_retryable, Claim, Effect};
        use clerk_webhooks::time::Duration;
        use clerk_webhooks::VerifiedEvent;
        use ledger_support::{deleted, delivery, delivery_aged, user};
        use std::collections::BTreeMap;
        use std::sync::atomic::{AtomicU32, Ordering};
        use std::sync::Arc;

        /// One receiver's handling of one delivery: claim, write the mirror on Apply, commit.
        /// Retries the whole transaction on a retryable error, and counts the retries.
        async fn receive(pool: &Pool, d: &VerifiedEvent, retries: &AtomicU32) -> Claim {
            loop {
                match try_receive(pool, d).await {
                    Ok(claim) => return claim,
                    Err(error) if is_retryable(&error) => {
                        retries.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(error) => panic!("claim of {} failed: {error}", d.message_id),
                }
            }
        }

        async fn try_receive(pool: &Pool, d: &VerifiedEvent) -> Result<Claim, sqlx::Error> {
            let mut tx = begin(pool).await?;
            let claim = ledger::claim(&mut *tx, d).await?;
            // Hold the claim a moment, as a handler writing its tables does, so that
            // concurrent receivers overlap.
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            if claim == Claim::Apply {
                if let Some(effect) = Effect::of(d) {
                    if effect.deletes {
                        sqlx::query(DELETE).bind(effect.id).execute(&mut *tx).await?;
                    } else {
                        sqlx::query(UPSERT)
                            .bind(effect.id)
                            .bind(effect.version)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
            tx.commit().await?;
            Ok(claim)
        }

        async fn claim_once(pool: &Pool, d: &VerifiedEvent) -> Claim {
            receive(pool, d, &AtomicU32::new(0)).await
        }

        async fn mirror(pool: &Pool) -> BTreeMap<String, i64> {
            sqlx::query_as::<_, (String, i64)>("SELECT id, version FROM mirror")
                .fetch_all(pool)
                .await
                .unwrap()
                .into_iter()
                .collect()
        }

        async fn resources(pool: &Pool) -> Vec<(String, String, i64, bool)> {
            sqlx::query_as::<_, (String, String, i64, bool)>(
                "SELECT kind, id, version, deleted FROM clerk_webhook_resources ORDER BY kind, id",
            )
            .fetch_all(pool)
            .await
            .unwrap()
        }

        async fn count(pool: &Pool, table: &str) -> i64 {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {table}"
            )))
            .fetch_one(pool)
            .await
            .unwrap()
        }

        async fn ready(connections: u32) -> Option<Pool> {
            let pool = pool(connections).await?;
            ledger::migrate(&pool).await.unwrap();
            sqlx::query(MIRROR_SCHEMA).execute(&pool).await.unwrap();
            Some(pool)
        }

        #[tokio::test]
        async fn each_answer_and_the_four_rules() {
            let Some(pool) = ready(2).await else { return };
            let c = |d| {
                let pool = pool.clone();
                async move { claim_once(&pool, &d).await }
            };
            // Rule 1: a retry under the same svix-id is a duplicate.
            assert_eq!(c(user("msg_a", "user.created", "user_1", 100)).await, Claim::Apply);
            assert_eq!(c(user("msg_a", "user.created", "user_1", 100)).await, Claim::Duplicate);
            // Rule 2: a late, older update is stale; a newer one applies.
            assert_eq!(c(user("msg_b", "user.updated", "user_1", 90)).await, Claim::Stale);
            assert_eq!(c(user("msg_c", "user.updated", "user_1", 200)).await, Claim::Apply);
            // Rule 4: a second endpoint's copy (new svix-id, same version) changes nothing.
            assert_eq!(c(user("msg_c2", "user.updated", "user_1", 200)).await, Claim::Stale);
            assert_eq!(mirror(&pool).await, BTreeMap::from([("user_1".into(), 200)]));
            // Rule 3: a deletion applies whatever its version, and is final.
            assert_eq!(c(deleted("msg_d", "user.deleted", "user_1", 150)).await, Claim::Apply);
            assert_eq!(c(user("msg_e", "user.updated", "user_1", 300)).await, Claim::Stale);
            assert_eq!(c(user("msg_f", "user.created", "user_1", 100)).await, Claim::Stale);
            assert_eq!(c(deleted("msg_g", "user.deleted", "user_1", 400)).await, Claim::Stale);
            assert_eq!(c(deleted("msg_d", "user.deleted", "user_1", 150)).await, Claim::Duplicate);
            assert!(mirror(&pool).await.is_empty());
            // A deletion that arrives before the creation leaves a tombstone.
            assert_eq!(c(deleted("msg_h", "organization.deleted", "org_1", 10)).await, Claim::Apply);
            assert_eq!(c(user("msg_i", "organization.created", "org_1", 5)).await, Claim::Stale);
            // Kinds are separate: the same id under another kind is another resource.
            assert_eq!(c(user("msg_j", "role.created", "org_1", 5)).await, Claim::Apply);
            // Announced once: the first claim applies, any later copy is stale.
            let email = |id: &str| {
                delivery(id, "email.created", Some(7), serde_json::json!({"object": "email", "id": "ema_1"}))
            };
            assert_eq!(c(email("msg_k")).await, Claim::Apply);
            assert_eq!(c(email("msg_k2")).await, Claim::Stale);
            assert_eq!(c(email("msg_k")).await, Claim::Duplicate);
            // No resource: an unknown type, or a body without an id, dedupes on svix-id only.
            let unknown = |id: &str| delivery(id, "brand.new", None, serde_json::json!({"id": "x_1"}));
            assert_eq!(c(unknown("msg_l")).await, Claim::Apply);
            assert_eq!(c(unknown("msg_l")).await, Claim::Duplicate);
            assert_eq!(c(unknown("msg_l2")).await, Claim::Apply);
            let no_id = |id: &str| delivery(id, "user.deleted", Some(1), serde_json::json!({"deleted": true}));
            assert_eq!(c(no_id("msg_m")).await, Claim::Apply);
            assert_eq!(c(no_id("msg_m")).await, Claim::Duplicate);
            // Ids compare byte for byte.
            assert_eq!(c(user("msg_n", "user.created", "USER_1", 1)).await, Claim::Apply);

            assert_eq!(
                resources(&pool).await,
                vec![
                    ("email".into(), "ema_1".into(), 0, false),
                    ("organization".into(), "org_1".into(), 10, true),
                    ("role".into(), "org_1".into(), 5, false),
                    ("user".into(), "USER_1".into(), 1, false),
                    ("user".into(), "user_1".into(), 150, true),
                ]
            );
            assert_eq!(count(&pool, "clerk_webhook_messages").await, 17);
        }

        #[tokio::test]
        async fn a_claim_in_a_rolled_back_transaction_leaves_nothing() {
            let Some(pool) = ready(1).await else { return };
            let d = user("msg_1", "user.created", "user_1", 100);
            let mut tx = begin(&pool).await.unwrap();
            assert_eq!(ledger::claim(&mut *tx, &d).await.unwrap(), Claim::Apply);
            tx.rollback().await.unwrap();
            assert_eq!(count(&pool, "clerk_webhook_messages").await, 0);
            assert_eq!(count(&pool, "clerk_webhook_resources").await, 0);
            // Dropped without commit (a connection lost mid-transaction): the same.
            {
                let mut tx = begin(&pool).await.unwrap();
                assert_eq!(ledger::claim(&mut *tx, &d).await.unwrap(), Claim::Apply);
            }
            assert_eq!(count(&pool, "clerk_webhook_messages").await, 0);
            assert_eq!(claim_once(&pool, &d).await, Claim::Apply);
            assert_eq!(claim_once(&pool, &d).await, Claim::Duplicate);
        }

        #[tokio::test]
        async fn prune_deletes_old_messages_and_versions_still_hold() {
            let Some(pool) = ready(1).await else { return };
            let old = |id: &str, event_type: &str, data: serde_json::Value| {
                delivery_aged(id, event_type, Some(50), data, Duration::days(10))
            };
            let user_data = serde_json::json!({"object": "user", "id": "user_1", "updated_at": 50});
            let unknown_data = serde_json::json!({"id": "x_1"});
            assert_eq!(claim_once(&pool, &old("msg_old_user", "user.created", user_data.clone())).await, Claim::Apply);
            assert_eq!(claim_once(&pool, &old("msg_old_unknown", "brand.new", unknown_data.clone())).await, Claim::Apply);
            assert_eq!(claim_once(&pool, &user("msg_new", "user.updated", "user_2", 60)).await, Claim::Apply);

            let mut conn = pool.acquire().await.unwrap();
            let before = clerk_webhooks::time::OffsetDateTime::now_utc() - Duration::days(7);
            assert_eq!(ledger::prune(&mut *conn, before).await.unwrap(), 2);
            assert_eq!(ledger::prune(&mut *conn, before).await.unwrap(), 0);
            drop(conn);
            assert_eq!(count(&pool, "clerk_webhook_messages").await, 1);
            // A replay after pruning: stale by version for an event with a resource…
            assert_eq!(claim_once(&pool, &old("msg_old_user", "user.created", user_data)).await, Claim::Stale);
            // …while an event without a resource relied on its message row alone.
            assert_eq!(claim_once(&pool, &old("msg_old_unknown", "brand.new", unknown_data)).await, Claim::Apply);
            assert_eq!(claim_once(&pool, &user("msg_new", "user.updated", "user_2", 60)).await, Claim::Duplicate);
        }

        #[tokio::test]
        async fn migrate_is_idempotent_and_safe_when_receivers_start_at_once() {
            let Some(pool) = pool(16).await else { return };
            for _round in 0..2 {
                let tasks: Vec<_> = (0..12)
                    .map(|_| {
                        let pool = pool.clone();
                        tokio::spawn(async move { ledger::migrate(&pool).await })
                    })
                    .collect();
                for task in tasks {
                    task.await.unwrap().expect("a concurrent migrate succeeds");
                }
            }
            ledger::migrate(&pool).await.unwrap();
            assert_eq!(count(&pool, "clerk_webhook_messages").await, 0);
            assert_eq!(count(&pool, "clerk_webhook_resources").await, 0);
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn concurrent_claims_of_one_message_apply_once() {
            let Some(pool) = ready(8).await else { return };
            let retries = Arc::new(AtomicU32::new(0));
            for round in 0..20 {
                let d = Arc::new(user(&format!("msg_{round}"), "user.updated", &format!("user_{round}"), 10));
                let tasks: Vec<_> = (0..8)
                    .map(|_| {
                        let (pool, d, retries) = (pool.clone(), d.clone(), retries.clone());
                        tokio::spawn(async move { receive(&pool, &d, &retries).await })
                    })
                    .collect();
                let mut answers = Vec::new();
                for task in tasks {
                    answers.push(task.await.unwrap());
                }
                let applied = answers.iter().filter(|c| **c == Claim::Apply).count();
                assert_eq!(applied, 1, "round {round}: {answers:?}");
                assert!(answers.iter().all(|c| *c != Claim::Stale), "round {round}: {answers:?}");
            }
            assert_eq!(mirror(&pool).await.len(), 20);
            eprintln!("one message, 8 receivers x 20 rounds: {} retries", retries.load(Ordering::Relaxed));
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn concurrent_claims_of_one_resource_keep_the_newest_and_the_tombstone() {
            let Some(pool) = ready(8).await else { return };
            let retries = Arc::new(AtomicU32::new(0));
            for round in 0..20_i64 {
                let id = format!("user_{round}");
                // Versions 1..=12 under distinct svix-ids, each also sent by a second endpoint,
                // in an order that changes every round; in odd rounds a deletion joins them.
                let mut deliveries: Vec<VerifiedEvent> = (1..=12_i64)
                    .flat_map(|v| {
                        [
                            user(&format!("msg_{round}_{v}"), "user.updated", &id, v * 10),
                            user(&format!("msg_{round}_{v}_copy"), "user.updated", &id, v * 10),
                        ]
                    })
                    .collect();
                if round % 2 == 1 {
                    deliveries.push(deleted(&format!("msg_{round}_del"), "user.deleted", &id, 55));
                }
                let n = deliveries.len();
                deliveries.rotate_left((round as usize * 7) % n);
                if round % 3 == 0 {
                    deliveries.reverse();
                }
                let tasks: Vec<_> = deliveries
                    .into_iter()
                    .map(|d| {
                        let (pool, retries) = (pool.clone(), retries.clone());
                        tokio::spawn(async move { receive(&pool, &d, &retries).await })
                    })
                    .collect();
                let mut applied = 0;
                for task in tasks {
                    if task.await.unwrap() == Claim::Apply {
                        applied += 1;
                    }
                }
                assert!(applied >= 1);
                let row: (i64, bool) = sqlx::query_as(
                    sqlx::AssertSqlSafe(format!(
                        "SELECT version, deleted FROM clerk_webhook_resources WHERE id = '{id}'"
                    )),
                )
                .fetch_one(&pool)
                .await
                .unwrap();
                let mirrored = mirror(&pool).await.get(&id).copied();
                if round % 2 == 1 {
                    assert!(row.1, "round {round}: the deletion is final");
                    assert_eq!(mirrored, None, "round {round}: a late update revived the row");
                } else {
                    assert_eq!(row, (120, false), "round {round}");
                    assert_eq!(mirrored, Some(120), "round {round}: an older write won");
                    assert!(applied <= 12, "round {round}: a copy applied ({applied})");
                }
            }
            eprintln!("one resource, 24-25 deliveries x 20 rounds: {} retries", retries.load(Ordering::Relaxed));
        }
    };
}

/// A loopback TCP proxy that counts round trips: the times the client starts sending after
/// the server last spoke (or for the first time). Protocol-agnostic, and an upper bound: a
/// pipelined request that the server starts answering early counts twice.
pub struct RoundTrips {
    pub addr: std::net::SocketAddr,
    turns: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

impl RoundTrips {
    /// Starts a proxy to `server` (`host:port`).
    pub async fn proxy(server: String) -> Self {
        use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
        use std::sync::Arc;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let turns = Arc::new(AtomicU32::new(0));
        let counted = turns.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let upstream = tokio::net::TcpStream::connect(&server).await.unwrap();
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = upstream.into_split();
                // `true` while the server spoke last.
                let server_spoke = Arc::new(AtomicBool::new(true));
                let (turns, spoke) = (counted.clone(), server_spoke.clone());
                tokio::spawn(async move {
                    let mut buf = vec![0; 64 * 1024];
                    while let Ok(n @ 1..) = client_read.read(&mut buf).await {
                        if spoke.swap(false, Ordering::SeqCst) {
                            turns.fetch_add(1, Ordering::SeqCst);
                        }
                        if server_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
                tokio::spawn(async move {
                    let mut buf = vec![0; 64 * 1024];
                    while let Ok(n @ 1..) = server_read.read(&mut buf).await {
                        server_spoke.store(true, Ordering::SeqCst);
                        if client_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        Self { addr, turns }
    }

    /// The round trips since the last call.
    pub fn take(&self) -> u32 {
        self.turns.swap(0, std::sync::atomic::Ordering::SeqCst)
    }
}

/// The test that a connection killed between the claim and the commit loses nothing, for a
/// server dialect. Besides what `ledger_tests!` needs, the test file defines
/// `async fn kill(pool: &Pool, conn: &mut <the dialect's connection>)`, which ends `conn`'s
/// session from another connection of `pool`.
#[macro_export]
macro_rules! killed_connection_test {
    () => {
        /// A connection killed between the claim and the commit loses nothing: the claim goes
        /// with the transaction, and the retry (Svix's, or the handler's) applies.
        #[tokio::test]
        async fn a_connection_killed_after_the_claim_loses_nothing() {
            use clerk_webhooks::ledger::{is_retryable, Claim};
            let Some(pool) = pool(3).await else { return };
            ledger::migrate(&pool).await.unwrap();
            let d = ledger_support::user("msg_1", "user.created", "user_1", 10);
            let mut tx = pool.begin().await.unwrap();
            assert_eq!(ledger::claim(&mut tx, &d).await.unwrap(), Claim::Apply);
            kill(&pool, &mut tx).await;
            let lost = tx.commit().await.unwrap_err();
            assert!(is_retryable(&lost), "{lost:?}");
            let mut tx = pool.begin().await.unwrap();
            assert_eq!(ledger::claim(&mut tx, &d).await.unwrap(), Claim::Apply);
            tx.commit().await.unwrap();
            let mut tx = pool.begin().await.unwrap();
            assert_eq!(ledger::claim(&mut tx, &d).await.unwrap(), Claim::Duplicate);
        }
    };
}
