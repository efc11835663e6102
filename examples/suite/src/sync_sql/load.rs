//! The load: four receivers (each an axum server with its own pool) on one database, a seeded
//! script of signed deliveries sent concurrently over loopback HTTP, Svix-style retries of
//! every delivery not answered `2xx`, optionally a connection killer, and the exact tables the
//! four rules must produce.
//!
//! The script runs in four phases; within a phase, requests are concurrent and in a shuffled
//! order, and a phase starts when the previous one has been answered:
//!
//! 1. **Every create and update**, in random order, so that older versions often arrive after
//!    newer ones. One delivery in five is sent to two receivers at the same moment (exactly one
//!    of the two may apply), one in seven also comes from the second endpoint (same event, new
//!    `svix-id`, the second secret), and forged requests are mixed in.
//! 2. **Late arrivals**: updates held back until a newer version was applied (`stale`), Svix
//!    retries of deliveries already applied (`duplicate`), and second-endpoint copies (`stale`).
//! 3. **Deletes**, some sent to two receivers at once and some with a second-endpoint copy.
//! 4. **After the deletes**: creates replayed under new `svix-id`s and late updates (`stale`:
//!    the tombstone holds), original deliveries retried (`duplicate`), and more forgeries.
//!
//! The model computes the final state from the script alone: every live entity at its newest
//! version, no row for a deleted one, a ledger resource row at the newest version (or the
//! deletion's, marked deleted), and one message row per genuine `svix-id`.

use super::events::{at, deleted, membership, organization, session, user, T0};
use super::kill::{Killer, Victims};
use super::server::{answer, router, AppState};
use super::store::{Mode, Snapshot, Store, Target};
use super::tables::{Value, MEMBERSHIPS, ORGANIZATIONS, SESSIONS, USERS};
use crate::http_post::http_post;
use clerk_webhooks::events::{Session, SessionStatus};
use clerk_webhooks::testing::{SignedRequest, Signer, TEST_SECRET};
use clerk_webhooks::time::OffsetDateTime;
use clerk_webhooks::{ClerkEvent, Webhook, WebhookEvent};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The second endpoint's signing secret. During a rotation both endpoints receive every
/// event; the receivers here serve both, so they accept either secret.
pub const SECOND_ENDPOINT_SECRET: &str = "whsec_c3luYy1wb3N0Z3Jlcy1lbmRwb2ludC0y";

/// The receivers' PostgreSQL `application_name`, prefix of each run's own.
pub const APPLICATION_NAME: &str = "clerk_sync_receiver";

/// How many times a delivery is sent before the run gives up on it (Svix gives up after
/// about three days; here the wait between attempts grows from 5 ms to 200 ms).
pub const MAX_ATTEMPTS: u32 = 60;

/// The size and shape of the load.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// Receivers, each with its own loopback listener and pool.
    pub receivers: usize,
    /// Connections per receiver's pool.
    pub pool_size: u32,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    pub users: usize,
    pub organizations: usize,
    pub memberships: usize,
    pub sessions: usize,
    /// The seed of the shuffles and of which deliveries are doubled, copied or held back.
    pub seed: u64,
    /// Kill one receiver connection this often (PostgreSQL and MySQL only), or never.
    pub kill_every: Option<Duration>,
    /// With the ledger, or the same writes without it (the benchmark's baseline, whose final
    /// state is not checked).
    pub mode: Mode,
    /// Send each request over loopback HTTP to an axum server (the load test), or hand it to
    /// the receiver's verify-and-apply code in the same task (the benchmark's view of the
    /// database work alone, without HTTP and TCP set-up).
    pub over_http: bool,
}

impl Default for LoadConfig {
    /// Four receivers with four connections each, 16 deliveries in flight, a little over
    /// 10,000 requests, and no killer.
    fn default() -> Self {
        Self {
            receivers: 4,
            pool_size: 4,
            concurrency: 16,
            users: 560,
            organizations: 150,
            memberships: 560,
            sessions: 560,
            seed: 0x5eed_c1e4,
            kill_every: None,
            mode: Mode::Ledger,
            over_http: true,
        }
    }
}

/// What a delivery's final answer must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// `200` with one of these claims.
    Handled(&'static [&'static str]),
    /// `400 invalid webhook signature`, sent once (Svix never sends it), nothing written.
    Forged,
}

const APPLY_OR_STALE: &[&str] = &["apply", "stale"];
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
    /// The same request to two receivers at the same moment: both `200`, at most one of them
    /// in `first` and the other `duplicate` (exactly one, unless an answer was lost to a
    /// killed connection and retried).
    Pair {
        what: &'static str,
        request: SignedRequest,
        first: &'static [&'static str],
    },
}

struct Script {
    phases: Vec<(&'static str, Vec<Job>)>,
    expected: Snapshot,
}

struct Delivery {
    message_id: String,
    event: WebhookEvent,
}

struct Builder {
    rng: fastrand::Rng,
    primary: Signer,
    second: Signer,
    forger: Signer,
    now: OffsetDateTime,
    next_id: usize,
    messages: BTreeSet<(String, String)>,
}

impl Builder {
    fn delivery(&mut self, event: WebhookEvent) -> Delivery {
        self.next_id += 1;
        Delivery {
            message_id: format!("msg_{:06}", self.next_id),
            event,
        }
    }

    fn primary(&mut self, delivery: &Delivery) -> SignedRequest {
        self.record(&delivery.message_id, &delivery.event);
        self.primary
            .sign_event(&delivery.message_id, &delivery.event, self.now)
    }

    /// The second endpoint's copy (or a replay): the same event under another `svix-id`.
    fn copy(&mut self, delivery: &Delivery, suffix: &str) -> SignedRequest {
        let message_id = format!("{}_{suffix}", delivery.message_id);
        self.record(&message_id, &delivery.event);
        self.second
            .sign_event(&message_id, &delivery.event, self.now)
    }

    fn forged_create(&mut self, user_id: &str) -> Job {
        self.next_id += 1;
        let fake = user(user_id, "Eve", "Forger", "eve@example.com", T0);
        let event = at(ClerkEvent::UserCreated(Box::new(fake)), T0);
        let message_id = format!("msg_{:06}_forged", self.next_id);
        Job::One {
            what: "forged create",
            request: self.forger.sign_event(&message_id, &event, self.now),
            expect: Expect::Forged,
        }
    }

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

    fn record(&mut self, message_id: &str, event: &WebhookEvent) {
        self.messages
            .insert((message_id.to_owned(), event.event.event_type().to_owned()));
    }

    fn chance(&mut self, one_in: u32) -> bool {
        self.rng.u32(..one_in) == 0
    }
}

struct Entity {
    versions: Vec<Delivery>,
    delete: Option<Delivery>,
}

/// `updated_at` of version `k` of entity `i`.
fn version_time(i: usize, k: usize) -> i64 {
    T0 + (i as i64) * 10_000 + (k as i64) * 1_000
}

/// The envelope time of entity `i`'s deletion: later than its versions.
fn delete_time(i: usize) -> i64 {
    T0 + (i as i64) * 10_000 + 5_000
}

fn text(s: &str) -> Value {
    Value::Text(Some(s.to_owned()))
}

type SessionEvent = fn(Box<Session>) -> ClerkEvent;

/// The model of the four rules for one entity: its row when it is live, and its ledger row.
fn model(
    expected: &mut Snapshot,
    table: &'static str,
    kind: &str,
    id: &str,
    i: usize,
    is_deleted: bool,
    row: Vec<Value>,
) {
    let rows = expected.tables.entry(table).or_default();
    if !is_deleted {
        rows.insert(row);
    }
    let version = if is_deleted {
        delete_time(i)
    } else {
        version_time(i, 2)
    };
    expected
        .resources
        .insert((kind.to_owned(), id.to_owned(), version, is_deleted));
}

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
        messages: BTreeSet::new(),
    };
    let mut expected = Snapshot::default();
    let mut entities = Vec::new();

    for i in 0..config.users {
        let id = format!("user_{i:05}");
        let version = |k: usize| {
            let email = format!("u{i}.v{k}@example.com");
            let last = format!("Last{i}");
            user(&id, &format!("First{k}"), &last, &email, version_time(i, k))
        };
        let versions = b.versions(i, E::UserCreated, E::UserUpdated, version);
        let is_deleted = i % 3 == 0;
        let delete = is_deleted.then(|| {
            let event = E::UserDeleted(Box::new(deleted("user", &id)));
            b.delivery(at(event, delete_time(i)))
        });
        let row = vec![
            text(&id),
            text("First2"),
            text(&format!("Last{i}")),
            text(&format!("u{i}.v2@example.com")),
            Value::Int(version_time(i, 2)),
        ];
        model(&mut expected, USERS.name, "user", &id, i, is_deleted, row);
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.organizations {
        let id = format!("org_{i:05}");
        let version = |k: usize| {
            let name = format!("Org {i} v{k}");
            organization(&id, &name, &format!("org-{i}-v{k}"), version_time(i, k))
        };
        let versions = b.versions(i, E::OrganizationCreated, E::OrganizationUpdated, version);
        let is_deleted = i % 4 == 0;
        let delete = is_deleted.then(|| {
            let event = E::OrganizationDeleted(Box::new(deleted("organization", &id)));
            b.delivery(at(event, delete_time(i)))
        });
        let row = vec![
            text(&id),
            text(&format!("Org {i} v2")),
            text(&format!("org-{i}-v2")),
            Value::Int(version_time(i, 2)),
        ];
        let table = ORGANIZATIONS.name;
        model(
            &mut expected,
            table,
            "organization",
            &id,
            i,
            is_deleted,
            row,
        );
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.memberships {
        let id = format!("orgmem_{i:05}");
        let org_id = format!("org_{:05}", i % config.organizations.max(1));
        let user_id = format!("user_{:05}", i % config.users.max(1));
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
        let row = vec![
            text(&id),
            text(&org_id),
            text(&user_id),
            text(role(2)),
            Value::Int(version_time(i, 2)),
        ];
        let (table, kind) = (MEMBERSHIPS.name, "organization_membership");
        model(&mut expected, table, kind, &id, i, is_deleted, row);
        entities.push(Entity { versions, delete });
    }

    for i in 0..config.sessions {
        let id = format!("sess_{i:05}");
        let user_id = format!("user_{:05}", i % config.users.max(1));
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
        let row = vec![
            text(&id),
            text(&user_id),
            text(status.as_str()),
            Value::Int(version_time(i, 2)),
        ];
        model(&mut expected, SESSIONS.name, "session", &id, i, false, row);
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
                    first: APPLY_OR_STALE,
                });
            } else {
                phase1.push(Job::One {
                    what: "create or update, in random order",
                    request: request.clone(),
                    expect: Expect::Handled(APPLY_OR_STALE),
                });
            }
            if b.chance(7) {
                phase1.push(Job::One {
                    what: "second-endpoint copy, in random order",
                    request: b.copy(delivery, "ep2"),
                    expect: Expect::Handled(APPLY_OR_STALE),
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
    for i in 0..5 {
        phase1.push(b.forged_create(&format!("user_forged_{i}")));
    }

    // Phase 3: the deletes, some doubled, some copied (the copy and the delete race: one
    // applies, the other is stale). Phase 4: what arrives after them.
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
                first: APPLY_OR_STALE,
            });
        } else {
            phase3.push(Job::One {
                what: "delete",
                request,
                expect: Expect::Handled(APPLY_OR_STALE),
            });
        }
        if b.chance(4) {
            phase3.push(Job::One {
                what: "second-endpoint copy of a delete",
                request: b.copy(delete, "ep2"),
                expect: Expect::Handled(APPLY_OR_STALE),
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
    expected.messages = std::mem::take(&mut b.messages);
    Script { phases, expected }
}

/// The result of a run.
#[derive(Debug)]
pub struct LoadReport {
    /// Deliveries sent (a simultaneous pair counts two), not counting retries.
    pub deliveries: usize,
    /// Retries: attempts after a non-`2xx` answer or a failed connection.
    pub retries: u64,
    /// Database errors the receivers answered `503`.
    pub database_errors: u64,
    /// Receiver connections the killer killed.
    pub killed: u32,
    /// Deliveries per phase, in order.
    pub phases: Vec<(&'static str, usize)>,
    /// One line for every final answer that was not what the script demands.
    pub wrong_answers: Vec<String>,
    /// Time from the first request to the last answer, phases back to back.
    pub elapsed: Duration,
    /// Each delivery's latency, from its first attempt to its `2xx` (or `400` for a
    /// forgery), sorted.
    pub latencies: Vec<Duration>,
    /// The state after the run, and what the model says it must be (`None` without the
    /// ledger, which is not checked).
    pub snapshot: Snapshot,
    pub expected: Option<Snapshot>,
}

impl LoadReport {
    /// Every answer was right and the state is the model's, row by row.
    pub fn passed(&self) -> bool {
        self.wrong_answers.is_empty() && self.expected.as_ref() == Some(&self.snapshot)
    }

    /// Deliveries answered per second.
    pub fn per_second(&self) -> f64 {
        self.deliveries as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// The latency at percentile `p` (0–100), nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    /// The rows that differ from the model, at most `limit` per table.
    pub fn differences(&self, limit: usize) -> Vec<String> {
        let Some(expected) = &self.expected else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let mut diff = |name: &str, got: Vec<String>, want: Vec<String>| {
            let extra = got.iter().filter(|row| !want.contains(row)).take(limit);
            lines.extend(extra.map(|row| format!("{name}: unexpected {row}")));
            let missing = want.iter().filter(|row| !got.contains(row)).take(limit);
            lines.extend(missing.map(|row| format!("{name}: missing {row}")));
        };
        let debug = |rows: &BTreeSet<Vec<Value>>| rows.iter().map(|r| format!("{r:?}")).collect();
        let empty = BTreeSet::new();
        for (name, want) in &expected.tables {
            let got = self.snapshot.tables.get(name).unwrap_or(&empty);
            diff(name, debug(got), debug(want));
        }
        let all = |rows: &BTreeSet<_>| rows.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>();
        diff(
            "clerk_webhook_messages",
            all(&self.snapshot.messages),
            all(&expected.messages),
        );
        let all = |rows: &BTreeSet<_>| rows.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>();
        diff(
            "clerk_webhook_resources",
            all(&self.snapshot.resources),
            all(&expected.resources),
        );
        lines
    }
}

/// Starts `config.receivers` receivers on `target` (emptied first), plays the script against
/// them with retries, with the killer when `victims` is given and `config.kill_every` is set,
/// and returns what happened.
pub async fn run(
    target: &Target,
    victims: Option<Victims>,
    config: &LoadConfig,
) -> Result<LoadReport, Box<dyn std::error::Error + Send + Sync>> {
    Store::reset(target).await?;
    let admin = Store::connect(target, 1, "clerk_sync_admin").await?;
    admin.migrate().await?;
    let application_name = match &victims {
        Some(Victims::Postgres {
            application_name, ..
        }) => application_name.clone(),
        _ => APPLICATION_NAME.to_owned(),
    };
    let webhook =
        Webhook::with_secrets([TEST_SECRET, SECOND_ENDPOINT_SECRET]).expect("valid secrets");
    let errors = Arc::new(AtomicU64::new(0));
    let mut receivers = Vec::new();
    let mut servers = Vec::new();
    let mut states = Vec::new();
    let mut stores = Vec::new();
    for _ in 0..config.receivers.max(1) {
        let store = Store::connect(target, config.pool_size, &application_name).await?;
        stores.push(store.clone());
        let state = AppState {
            webhook: webhook.clone(),
            store,
            mode: config.mode,
            errors: errors.clone(),
            log_errors: false,
        };
        states.push(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        receivers.push(listener.local_addr()?);
        servers.push(tokio::spawn(async move {
            axum::serve(listener, router(state)).await
        }));
    }
    let killer = match (victims, config.kill_every) {
        (Some(victims), Some(every)) => Some(Killer::start(victims, every).await?),
        _ => None,
    };

    let script = script(config);
    let check_answers = config.mode == Mode::Ledger;
    let limit = Arc::new(tokio::sync::Semaphore::new(config.concurrency.max(1)));
    let retries = Arc::new(AtomicU64::new(0));
    let mut wrong_answers = Vec::new();
    let mut latencies = Vec::new();
    let mut phases = Vec::new();
    let mut deliveries = 0;
    let started = Instant::now();
    for (name, jobs) in script.phases {
        let mut tasks = tokio::task::JoinSet::new();
        let mut count = 0;
        for (n, job) in jobs.into_iter().enumerate() {
            let permit = limit.clone().acquire_owned().await.expect("never closed");
            let route = |k: usize| {
                if config.over_http {
                    Route::Http(receivers[k % receivers.len()])
                } else {
                    Route::Direct(Box::new(states[k % states.len()].clone()))
                }
            };
            let (first, other) = (route(n), route(n + 1));
            count += match job {
                Job::One { .. } => 1,
                Job::Pair { .. } => 2,
            };
            let retries = retries.clone();
            tasks.spawn(async move {
                let _permit = permit;
                check(job, first, other, &retries, check_answers).await
            });
        }
        while let Some(result) = tasks.join_next().await {
            let (wrong, times) =
                result.unwrap_or_else(|err| (vec![format!("task failed: {err}")], vec![]));
            wrong_answers.extend(wrong.into_iter().map(|line| format!("{name}: {line}")));
            latencies.extend(times);
        }
        phases.push((name, count));
        deliveries += count;
    }
    let elapsed = started.elapsed();
    let killed = match killer {
        Some(killer) => killer.stop().await?,
        None => 0,
    };
    for server in servers {
        server.abort();
    }
    for store in stores {
        store.close().await;
    }
    latencies.sort();
    let snapshot = admin.snapshot().await?;
    admin.close().await;
    Ok(LoadReport {
        deliveries,
        retries: retries.load(Ordering::Relaxed),
        database_errors: errors.load(Ordering::Relaxed),
        killed,
        phases,
        wrong_answers,
        elapsed,
        latencies,
        snapshot,
        expected: check_answers.then_some(script.expected),
    })
}

/// A delivery's final answer: status, body, attempts, latency from the first attempt.
struct Answer {
    status: u16,
    body: String,
    attempts: u32,
    latency: Duration,
}

/// Sends a request until it is answered `2xx`, as Svix does (a forgery, which Svix never
/// sends, goes once).
async fn deliver(
    route: &Route,
    request: Arc<SignedRequest>,
    once: bool,
    retries: &AtomicU64,
) -> Result<Answer, String> {
    let start = Instant::now();
    let mut last = String::new();
    for attempt in 1..=MAX_ATTEMPTS {
        let sent = route.send(request.clone()).await?;
        match sent {
            Ok((status, body)) if once || (200..300).contains(&status) => {
                return Ok(Answer {
                    status,
                    body,
                    attempts: attempt,
                    latency: start.elapsed(),
                })
            }
            Ok((status, body)) => last = format!("{status} {body}"),
            Err(err) => last = err.to_string(),
        }
        retries.fetch_add(1, Ordering::Relaxed);
        let wait = Duration::from_millis(5 * u64::from(attempt)).min(Duration::from_millis(200));
        tokio::time::sleep(wait).await;
    }
    Err(format!("no 2xx after {MAX_ATTEMPTS} attempts, last {last}"))
}

/// Where a request goes.
enum Route {
    /// To an axum receiver, over loopback HTTP.
    Http(SocketAddr),
    /// To a receiver's verify-and-apply code, in this task.
    Direct(Box<AppState>),
}

impl Route {
    async fn send(
        &self,
        request: Arc<SignedRequest>,
    ) -> Result<std::io::Result<(u16, String)>, String> {
        match self {
            Self::Http(addr) => {
                let addr = *addr;
                tokio::task::spawn_blocking(move || http_post(addr, "/webhooks/clerk", &request))
                    .await
                    .map_err(|err| err.to_string())
            }
            Self::Direct(state) => {
                match state.webhook.verify_event(&request.body, &request.headers) {
                    Ok(delivery) => {
                        let (status, body) = answer(state, &delivery).await;
                        Ok(Ok((status.as_u16(), body.to_owned())))
                    }
                    Err(_) => Ok(Ok((400, "invalid webhook signature".to_owned()))),
                }
            }
        }
    }
}

/// Sends one job and returns what was wrong with the final answers, and their latencies.
async fn check(
    job: Job,
    first: Route,
    other: Route,
    retries: &AtomicU64,
    check_answers: bool,
) -> (Vec<String>, Vec<Duration>) {
    match job {
        Job::One {
            what,
            request,
            expect,
        } => {
            let id = request.message_id().to_owned();
            let once = expect == Expect::Forged;
            match deliver(&first, Arc::new(request), once, retries).await {
                Ok(answer) => {
                    let right = match expect {
                        Expect::Handled(claims) => {
                            answer.status == 200
                                && (claims.contains(&answer.body.as_str())
                                    // The first attempt committed but its answer was lost.
                                    || (answer.attempts > 1 && answer.body == "duplicate"))
                        }
                        Expect::Forged => {
                            answer.status == 400 && answer.body == "invalid webhook signature"
                        }
                    };
                    let wrong = (check_answers && !right).then(|| {
                        format!(
                            "{what} ({id}): {} {}, expected {expect:?}",
                            answer.status, answer.body
                        )
                    });
                    (wrong.into_iter().collect(), vec![answer.latency])
                }
                Err(err) => (vec![format!("{what} ({id}): {err}")], vec![]),
            }
        }
        Job::Pair {
            what,
            request,
            first: claims,
        } => {
            let id = request.message_id().to_owned();
            let request = Arc::new(request);
            let (a, b) = tokio::join!(
                deliver(&first, request.clone(), false, retries),
                deliver(&other, request.clone(), false, retries)
            );
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    let bodies = [a.body.as_str(), b.body.as_str()];
                    let winners: Vec<_> = bodies.iter().filter(|b| **b != "duplicate").collect();
                    let retried = a.attempts > 1 || b.attempts > 1;
                    let right = a.status == 200
                        && b.status == 200
                        && (winners.len() == 1 || (retried && winners.is_empty()))
                        && winners.iter().all(|body| claims.contains(body));
                    let wrong = (check_answers && !right).then(|| {
                        format!(
                            "{what} ({id}): {} {} and {} {}, expected one duplicate and one \
                             of {claims:?}",
                            a.status, a.body, b.status, b.body
                        )
                    });
                    (wrong.into_iter().collect(), vec![a.latency, b.latency])
                }
                (Err(err), _) | (_, Err(err)) => (vec![format!("{what} ({id}): {err}")], vec![]),
            }
        }
    }
}
