//! The `--demo` load: several receivers on one database, a seeded script of signed
//! deliveries sent concurrently, and the exact tables that must result.
//!
//! The script runs in four phases; within a phase, requests are concurrent and in a shuffled
//! order, and a phase starts when the previous one has been answered:
//!
//! 1. **Every create and update**, in random order, so that older versions often arrive after
//!    newer ones. One delivery in five is sent to two receivers at the same moment (the
//!    retry-while-running case: exactly one of the two must answer `duplicate`), one in seven
//!    also comes from the second endpoint (same event, new `svix-id`, the second secret), and
//!    a few forged requests are mixed in.
//! 2. **Late arrivals**: updates held back until a newer version was applied (`stale`), Svix
//!    retries of deliveries already applied (`duplicate`), and more second-endpoint copies
//!    (`stale`).
//! 3. **Deletes**, some sent to two receivers at once and some with a second-endpoint copy.
//! 4. **After the deletes**: creates replayed under new `svix-id`s and late updates (`stale`:
//!    the tombstone holds), original deliveries retried (`duplicate`), and more forgeries.
//!
//! The expected tables are computed from the script alone: every entity ends at its newest
//! version, and deleted ones keep that version under a tombstone.

use super::server::{router, AppState};
use super::store::Store;
use crate::http_post::http_post;
use crate::sync_sql::events::{at, deleted, membership, organization, session, user, T0};
use crate::sync_sql::rows::{MembershipRow, OrganizationRow, SessionRow, Snapshot, UserRow};
use clerk_webhooks::events::{Session, SessionStatus};
use clerk_webhooks::testing::{SignedRequest, Signer, TEST_SECRET};
use clerk_webhooks::time::OffsetDateTime;
use clerk_webhooks::{ClerkEvent, Webhook, WebhookEvent};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The second endpoint's signing secret. During a rotation both endpoints receive every
/// event; the receivers here serve both, so they accept either secret.
pub const SECOND_ENDPOINT_SECRET: &str = "whsec_c3luYy1wb3N0Z3Jlcy1lbmRwb2ludC0y";

/// The PostgreSQL schema the demo creates (and first drops) for its tables, so that it never
/// touches tables of the same names elsewhere in the database.
pub const DEMO_SCHEMA: &str = "clerk_webhooks_demo";

/// The size and shape of the load.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// Receivers, each with its own loopback listener and pool.
    pub receivers: usize,
    /// Connections per receiver's pool.
    pub pool_size: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    pub users: usize,
    pub organizations: usize,
    pub memberships: usize,
    pub sessions: usize,
    /// The seed of the shuffles and of which deliveries are doubled, copied or held back.
    pub seed: u64,
    /// The PostgreSQL schema for the tables, dropped and created afresh.
    pub schema: &'static str,
}

impl Default for LoadConfig {
    /// Four receivers and about 2,700 requests.
    fn default() -> Self {
        Self {
            receivers: 4,
            pool_size: 4,
            concurrency: 16,
            users: 150,
            organizations: 40,
            memberships: 150,
            sessions: 150,
            seed: 0x5eed_c1e4,
            schema: DEMO_SCHEMA,
        }
    }
}

/// What a request must be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// `200` with one of these outcomes: in a concurrent phase, which version lands first is
    /// up to the scheduler.
    Handled(&'static [&'static str]),
    /// `400 invalid webhook signature`, and nothing written.
    Forged,
}

const APPLIED_OR_STALE: &[&str] = &["applied", "stale"];
const APPLIED: &[&str] = &["applied"];
const STALE: &[&str] = &["stale"];
const DUPLICATE: &[&str] = &["duplicate"];

/// One unit of load.
enum Job {
    /// One request to one receiver.
    One {
        what: &'static str,
        request: SignedRequest,
        expect: Expect,
    },
    /// The same request to two receivers at the same moment: both `200`, exactly one
    /// `duplicate`, the other one of `first`.
    Pair {
        what: &'static str,
        request: SignedRequest,
        first: &'static [&'static str],
    },
}

/// The script: the phases' jobs, the tables they must produce, and the deliveries the
/// dedupe table must hold.
struct Script {
    phases: Vec<(&'static str, Vec<Job>)>,
    expected: Snapshot,
}

/// An event of the script and its primary delivery.
struct Delivery {
    message_id: String,
    event: WebhookEvent,
}

/// Builds the script. Deterministic for a given seed, but for the signatures' time.
struct Builder {
    rng: fastrand::Rng,
    primary: Signer,
    second: Signer,
    forger: Signer,
    now: OffsetDateTime,
    next_id: usize,
    delivered: BTreeSet<(String, String)>,
}

impl Builder {
    fn delivery(&mut self, event: WebhookEvent) -> Delivery {
        self.next_id += 1;
        Delivery {
            message_id: format!("msg_{:05}", self.next_id),
            event,
        }
    }

    /// The primary endpoint's request for a delivery, recorded as expected in the dedupe table.
    fn primary(&mut self, delivery: &Delivery) -> SignedRequest {
        self.record(&delivery.message_id, &delivery.event);
        self.primary
            .sign_event(&delivery.message_id, &delivery.event, self.now)
    }

    /// The second endpoint's copy: the same event under another `svix-id` and secret.
    fn copy(&mut self, delivery: &Delivery, suffix: &str) -> SignedRequest {
        let message_id = format!("{}_{suffix}", delivery.message_id);
        self.record(&message_id, &delivery.event);
        self.second
            .sign_event(&message_id, &delivery.event, self.now)
    }

    fn forged(&mut self, event: WebhookEvent) -> SignedRequest {
        self.next_id += 1;
        let message_id = format!("msg_{:05}_forged", self.next_id);
        self.forger.sign_event(&message_id, &event, self.now)
    }

    /// An entity's three versions, `created` then `updated` twice, each sent with its own
    /// `updated_at` as the event time.
    fn versions<T>(
        &mut self,
        i: usize,
        created: fn(Box<T>) -> ClerkEvent,
        updated: fn(Box<T>) -> ClerkEvent,
        version: impl Fn(usize) -> T,
    ) -> Vec<Delivery> {
        (0..3)
            .map(|k| {
                let event = if k == 0 { created } else { updated };
                self.delivery(at(event(Box::new(version(k))), version_time(i, k)))
            })
            .collect()
    }

    /// A forged `user.created` for a user that must never appear.
    fn forged_create(&mut self, user_id: &str) -> Job {
        let fake = user(user_id, "Eve", "Forger", "eve@example.com", T0);
        Job::One {
            what: "forged create",
            request: self.forged(at(ClerkEvent::UserCreated(Box::new(fake)), T0)),
            expect: Expect::Forged,
        }
    }

    fn record(&mut self, message_id: &str, event: &WebhookEvent) {
        self.delivered
            .insert((message_id.to_owned(), event.event.event_type().to_owned()));
    }

    fn chance(&mut self, one_in: u32) -> bool {
        self.rng.u32(..one_in) == 0
    }
}

/// The versions of one entity, oldest first, and its delete, if any.
struct Entity {
    versions: Vec<Delivery>,
    delete: Option<Delivery>,
}

/// `updated_at` of version `k` of entity `i`, and the time of its deletion.
fn version_time(i: usize, k: usize) -> i64 {
    T0 + (i as i64) * 10_000 + (k as i64) * 1_000
}

fn delete_time(i: usize) -> i64 {
    T0 + (i as i64) * 10_000 + 5_000
}

/// The `updated_at` entity `i` ends with: its last version's, or, when it was deleted, the
/// tombstone's (which is later).
fn last_updated_at(i: usize, is_deleted: bool) -> i64 {
    if is_deleted {
        delete_time(i)
    } else {
        version_time(i, 2)
    }
}

/// A session event's constructor (`ClerkEvent::SessionCreated`, …).
type SessionEvent = fn(Box<Session>) -> ClerkEvent;

fn script(config: &LoadConfig) -> Script {
    use ClerkEvent as E;
    let second = Webhook::new(SECOND_ENDPOINT_SECRET).expect("a valid secret");
    let forger =
        Webhook::new("whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk").expect("a valid secret");
    let mut b = Builder {
        rng: fastrand::Rng::with_seed(config.seed),
        primary: Signer::default(),
        second: Signer::from_webhook(second),
        forger: Signer::from_webhook(forger),
        now: OffsetDateTime::now_utc(),
        next_id: 0,
        delivered: BTreeSet::new(),
    };
    let mut expected = Snapshot::default();
    let mut entities = Vec::new();

    for i in 0..config.users {
        let id = format!("user_{i:04}");
        let version = |k: usize| {
            let first = format!("First{k}");
            let email = format!("u{i}.v{k}@example.com");
            user(&id, &first, &format!("Last{i}"), &email, version_time(i, k))
        };
        let versions = b.versions(i, E::UserCreated, E::UserUpdated, version);
        let is_deleted = i % 3 == 0;
        let delete = is_deleted.then(|| {
            let event = E::UserDeleted(Box::new(deleted("user", &id)));
            b.delivery(at(event, delete_time(i)))
        });
        let last = version(2);
        expected.users.push(UserRow {
            id: id.clone(),
            first_name: last.first_name,
            last_name: last.last_name,
            primary_email: Some(format!("u{i}.v2@example.com")),
            updated_at: last_updated_at(i, is_deleted),
            deleted_at: is_deleted.then(|| delete_time(i)),
        });
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.organizations {
        let id = format!("org_{i:04}");
        let version = |k: usize| {
            organization(
                &id,
                &format!("Org {i} v{k}"),
                &format!("org-{i}-v{k}"),
                version_time(i, k),
            )
        };
        let versions = b.versions(i, E::OrganizationCreated, E::OrganizationUpdated, version);
        let is_deleted = i % 4 == 0;
        let delete = is_deleted.then(|| {
            let event = E::OrganizationDeleted(Box::new(deleted("organization", &id)));
            b.delivery(at(event, delete_time(i)))
        });
        expected.organizations.push(OrganizationRow {
            id: id.clone(),
            name: Some(format!("Org {i} v2")),
            slug: Some(format!("org-{i}-v2")),
            updated_at: last_updated_at(i, is_deleted),
            deleted_at: is_deleted.then(|| delete_time(i)),
        });
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.memberships {
        let id = format!("orgmem_{i:04}");
        let org_id = format!("org_{:04}", i % config.organizations.max(1));
        let user_id = format!("user_{:04}", i % config.users.max(1));
        let role = |k: usize| {
            if k.is_multiple_of(2) {
                "org:member"
            } else {
                "org:admin"
            }
        };
        let version = |k: usize| membership(&id, &org_id, &user_id, role(k), version_time(i, k));
        let versions = b.versions(
            i,
            E::OrganizationMembershipCreated,
            E::OrganizationMembershipUpdated,
            version,
        );
        // `organizationMembership.deleted` carries the whole, last membership.
        let is_deleted = i % 3 == 1;
        let delete = is_deleted.then(|| {
            let event = E::OrganizationMembershipDeleted(Box::new(version(2)));
            b.delivery(at(event, delete_time(i)))
        });
        expected.memberships.push(MembershipRow {
            id: id.clone(),
            organization_id: org_id.clone(),
            user_id: Some(user_id.clone()),
            role: role(2).into(),
            updated_at: last_updated_at(i, is_deleted),
            deleted_at: is_deleted.then(|| delete_time(i)),
        });
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.sessions {
        let id = format!("sess_{i:04}");
        let user_id = format!("user_{:04}", i % config.users.max(1));
        let (end, status): (SessionEvent, _) = match i % 3 {
            0 => (E::SessionEnded, SessionStatus::Ended),
            1 => (E::SessionRevoked, SessionStatus::Revoked),
            _ => (E::SessionRemoved, SessionStatus::Removed),
        };
        let steps: [(SessionEvent, SessionStatus); 3] = [
            (E::SessionCreated, SessionStatus::Active),
            (E::SessionUpdated, SessionStatus::Active),
            (end, status.clone()),
        ];
        let versions = steps
            .into_iter()
            .enumerate()
            .map(|(k, (event, status))| {
                let session = session(&id, &user_id, status, version_time(i, k));
                b.delivery(at(event(Box::new(session)), version_time(i, k)))
            })
            .collect();
        expected.sessions.push(SessionRow {
            id: id.clone(),
            user_id: user_id.clone(),
            status: status.as_str().into(),
            updated_at: last_updated_at(i, false),
        });
        entities.push(Entity {
            versions,
            delete: None,
        });
    }

    // Phase 1: every create and update but the held-back ones, doubled, copied and forged.
    let mut phase1 = Vec::new();
    let mut phase2 = Vec::new();
    for (n, entity) in entities.iter().enumerate() {
        for (k, delivery) in entity.versions.iter().enumerate() {
            let request = b.primary(delivery);
            if k == 1 && n % 4 == 2 {
                // Held back until version 2 is in: an older update after a newer one.
                phase2.push(Job::One {
                    what: "older update after a newer one",
                    request,
                    expect: Expect::Handled(STALE),
                });
                continue;
            }
            if b.chance(5) {
                phase1.push(Job::Pair {
                    what: "the same delivery at two receivers at once",
                    request: request.clone(),
                    first: APPLIED_OR_STALE,
                });
            } else {
                phase1.push(Job::One {
                    what: "create or update, in random order",
                    request: request.clone(),
                    expect: Expect::Handled(APPLIED_OR_STALE),
                });
            }
            if b.chance(7) {
                phase1.push(Job::One {
                    what: "second-endpoint copy, in random order",
                    request: b.copy(delivery, "ep2"),
                    expect: Expect::Handled(APPLIED_OR_STALE),
                });
            } else if b.chance(9) {
                phase2.push(Job::One {
                    what: "second-endpoint copy after the newest version",
                    request: b.copy(delivery, "ep2"),
                    expect: Expect::Handled(STALE),
                });
            }
            if b.chance(10) {
                phase2.push(Job::One {
                    what: "Svix retry of an applied delivery",
                    request,
                    expect: Expect::Handled(DUPLICATE),
                });
            }
        }
    }
    // New users that must never appear, and a newer version of a real one that must not be
    // applied.
    for i in 0..5 {
        phase1.push(b.forged_create(&format!("user_forged_{i}")));
    }
    if config.users > 0 {
        let mallory = user(
            "user_0001",
            "Mallory",
            "Forger",
            "m@example.com",
            T0 + 9_000_000,
        );
        let request = b.forged(at(
            ClerkEvent::UserUpdated(Box::new(mallory)),
            T0 + 9_000_000,
        ));
        phase1.push(Job::One {
            what: "forged newer update of a real user",
            request,
            expect: Expect::Forged,
        });
    }

    // Phase 3: the deletes, some doubled, some copied. Phase 4: what arrives after them.
    let mut phase3 = Vec::new();
    let mut phase4 = Vec::new();
    for entity in &entities {
        let Some(delete) = &entity.delete else {
            continue;
        };
        let request = b.primary(delete);
        if b.chance(5) {
            phase3.push(Job::Pair {
                what: "the same delete at two receivers at once",
                request,
                first: APPLIED,
            });
        } else {
            phase3.push(Job::One {
                what: "delete",
                request,
                expect: Expect::Handled(APPLIED),
            });
        }
        if b.chance(4) {
            // A repeated tombstone writes the same values again: the row is the same.
            phase3.push(Job::One {
                what: "second-endpoint copy of a delete",
                request: b.copy(delete, "ep2"),
                expect: Expect::Handled(APPLIED),
            });
        }
        let create = &entity.versions[0];
        phase4.push(Job::One {
            what: "create replayed after the delete",
            request: b.copy(create, "replay"),
            expect: Expect::Handled(STALE),
        });
        phase4.push(Job::One {
            what: "late update after the delete",
            request: b.copy(&entity.versions[1], "late"),
            expect: Expect::Handled(STALE),
        });
        phase4.push(Job::One {
            what: "Svix retry of the create after the delete",
            request: b
                .primary
                .sign_event(&create.message_id, &create.event, b.now),
            expect: Expect::Handled(DUPLICATE),
        });
    }
    for i in 0..3 {
        phase4.push(b.forged_create(&format!("user_forged_late_{i}")));
    }

    let mut phases = vec![
        ("creates and updates", phase1),
        ("late arrivals", phase2),
        ("deletes", phase3),
        ("after the deletes", phase4),
    ];
    for (_, jobs) in &mut phases {
        b.rng.shuffle(jobs);
    }
    expected.deliveries = std::mem::take(&mut b.delivered).into_iter().collect();
    Script {
        phases,
        expected: expected.sorted(),
    }
}

/// The result of a demo run.
#[derive(Debug)]
pub struct LoadReport {
    /// HTTP requests sent (a simultaneous pair counts two).
    pub requests: usize,
    /// Requests per phase, in order.
    pub phases: Vec<(&'static str, usize)>,
    /// One line for every answer that was not what the script demands.
    pub wrong_answers: Vec<String>,
    /// Time from the first request to the last answer, phases back to back.
    pub elapsed: Duration,
    /// Each request's latency, sorted.
    pub latencies: Vec<Duration>,
    /// The tables after the run, and what they must be.
    pub snapshot: Snapshot,
    pub expected: Snapshot,
}

impl LoadReport {
    /// Every answer was right and every row is exactly as computed from the script.
    pub fn passed(&self) -> bool {
        self.wrong_answers.is_empty() && self.snapshot == self.expected
    }

    /// Requests answered per second.
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// The latency at percentile `p` (0–100), nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }
}

/// One answer: status, body, latency.
type Answer = std::io::Result<(u16, String, Duration)>;

fn send(addr: SocketAddr, request: &SignedRequest) -> Answer {
    let start = Instant::now();
    let (status, body) = http_post(addr, "/webhooks/clerk", request)?;
    Ok((status, body, start.elapsed()))
}

/// Starts `config.receivers` receivers on one database (tables in `config.schema`, dropped
/// and created afresh), plays the script against them, and returns what happened.
pub async fn run(
    database_url: &str,
    config: &LoadConfig,
) -> Result<LoadReport, Box<dyn std::error::Error + Send + Sync>> {
    let admin = Store::isolated(database_url, config.schema, 1).await?;
    let webhook =
        Webhook::with_secrets([TEST_SECRET, SECOND_ENDPOINT_SECRET]).expect("valid secrets");
    let mut receivers = Vec::new();
    let mut servers = Vec::new();
    for _ in 0..config.receivers.max(1) {
        let store = Store::connect_in(database_url, config.schema, config.pool_size)?;
        let state = AppState {
            webhook: webhook.clone(),
            store,
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        receivers.push(listener.local_addr()?);
        servers.push(tokio::spawn(async move {
            axum::serve(listener, router(state)).await
        }));
    }

    let script = script(config);
    let limit = Arc::new(tokio::sync::Semaphore::new(config.concurrency.max(1)));
    let mut wrong_answers = Vec::new();
    let mut latencies = Vec::new();
    let mut phases = Vec::new();
    let mut requests = 0;
    let started = Instant::now();
    for (name, jobs) in script.phases {
        let mut tasks = tokio::task::JoinSet::new();
        let mut count = 0;
        for (n, job) in jobs.into_iter().enumerate() {
            let permit = limit.clone().acquire_owned().await.expect("never closed");
            let first = receivers[n % receivers.len()];
            let other = receivers[(n + 1) % receivers.len()];
            count += match job {
                Job::One { .. } => 1,
                Job::Pair { .. } => 2,
            };
            tasks.spawn(async move {
                let _permit = permit;
                check(job, first, other).await
            });
        }
        while let Some(result) = tasks.join_next().await {
            let (wrong, times) =
                result.unwrap_or_else(|err| (vec![format!("task failed: {err}")], vec![]));
            wrong_answers.extend(wrong.into_iter().map(|line| format!("{name}: {line}")));
            latencies.extend(times);
        }
        phases.push((name, count));
        requests += count;
    }
    let elapsed = started.elapsed();
    for server in servers {
        server.abort();
    }
    latencies.sort();
    Ok(LoadReport {
        requests,
        phases,
        wrong_answers,
        elapsed,
        latencies,
        snapshot: admin.snapshot().await?,
        expected: script.expected,
    })
}

/// Sends one job and returns what was wrong with the answers, and their latencies.
async fn check(job: Job, first: SocketAddr, other: SocketAddr) -> (Vec<String>, Vec<Duration>) {
    let blocking = |addr, request: Arc<SignedRequest>| {
        tokio::task::spawn_blocking(move || send(addr, &request))
    };
    let flatten = |joined: Result<Answer, tokio::task::JoinError>| {
        joined.unwrap_or_else(|err| Err(std::io::Error::other(err.to_string())))
    };
    match job {
        Job::One {
            what,
            request,
            expect,
        } => {
            let id = request.message_id().to_owned();
            match flatten(blocking(first, Arc::new(request)).await) {
                Ok((status, body, latency)) => {
                    let right = match expect {
                        Expect::Handled(bodies) => status == 200 && bodies.contains(&body.as_str()),
                        Expect::Forged => status == 400 && body == "invalid webhook signature",
                    };
                    let wrong = (!right)
                        .then(|| format!("{what} ({id}): {status} {body}, expected {expect:?}"));
                    (wrong.into_iter().collect(), vec![latency])
                }
                Err(err) => (vec![format!("{what} ({id}): {err}")], vec![]),
            }
        }
        Job::Pair {
            what,
            request,
            first: expected_first,
        } => {
            let id = request.message_id().to_owned();
            let request = Arc::new(request);
            let (a, b) = tokio::join!(
                blocking(first, request.clone()),
                blocking(other, request.clone())
            );
            match (flatten(a), flatten(b)) {
                (Ok((status_a, body_a, latency_a)), Ok((status_b, body_b, latency_b))) => {
                    let bodies = [body_a.as_str(), body_b.as_str()];
                    let duplicates = bodies.iter().filter(|body| **body == "duplicate").count();
                    let winner = bodies.iter().find(|body| **body != "duplicate");
                    let right = status_a == 200
                        && status_b == 200
                        && duplicates == 1
                        && winner.is_some_and(|body| expected_first.contains(body));
                    let wrong = (!right).then(|| {
                        format!(
                            "{what} ({id}): {status_a} {body_a} and {status_b} {body_b}, \
                             expected one duplicate and one of {expected_first:?}"
                        )
                    });
                    (wrong.into_iter().collect(), vec![latency_a, latency_b])
                }
                (Err(err), _) | (_, Err(err)) => (vec![format!("{what} ({id}): {err}")], vec![]),
            }
        }
    }
}
