//! The `--demo` script: a server on a loopback port, a scripted sequence of deliveries signed
//! with the test kit (including retries, out-of-order updates, deletes and a forgery), and the
//! exact tables that must result.

use super::server::{router, AppState};
use super::store::Store;
use crate::http_post::http_post;
pub use crate::sync_sql::events::T0;
use crate::sync_sql::events::{at, deleted, membership, organization, session, user};
use crate::sync_sql::rows::{MembershipRow, OrganizationRow, SessionRow, Snapshot, UserRow};
use clerk_webhooks::events::SessionStatus;
use clerk_webhooks::testing::{self, SignedRequest, Signer};
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use std::sync::{Arc, Mutex};

/// One scripted delivery and what the server must answer.
pub struct Step {
    pub description: &'static str,
    pub request: SignedRequest,
    pub expected_status: u16,
    /// The outcome the handler reports (`applied`, `duplicate`, `stale`, `ignored`), or the
    /// rejection reason.
    pub expected_body: &'static str,
}

/// What happened to one step.
#[derive(Debug)]
pub struct StepResult {
    pub description: &'static str,
    pub status: u16,
    pub body: String,
    pub ok: bool,
}

/// The outcome of a demo run.
#[derive(Debug)]
pub struct Report {
    pub steps: Vec<StepResult>,
    pub snapshot: Snapshot,
}

impl Report {
    /// Every step answered as expected and the tables are exactly [`expected`].
    pub fn passed(&self) -> bool {
        self.steps.iter().all(|step| step.ok) && self.snapshot == expected()
    }
}

/// The scripted deliveries, in the order they are sent.
pub fn script(signer: &Signer) -> Vec<Step> {
    use ClerkEvent as E;
    let now = clerk_webhooks::time::OffsetDateTime::now_utc();
    let sign = |id: &str, event: WebhookEvent| signer.sign_event(id, &event, now);
    let ada = |first: &str, updated_at| {
        user("user_ada", first, "Lovelace", "ada@example.com", updated_at)
    };
    let grace = |updated_at| {
        user(
            "user_grace",
            "Grace",
            "Hopper",
            "grace@example.com",
            updated_at,
        )
    };
    let grace_created = at(E::UserCreated(Box::new(grace(T0))), T0);
    let ada_renamed = at(
        E::UserUpdated(Box::new(ada("Augusta Ada", T0 + 60_000))),
        T0 + 60_000,
    );

    let step = |description, request, expected_status, expected_body| Step {
        description,
        request,
        expected_status,
        expected_body,
    };
    vec![
        step(
            "create user_ada",
            sign("msg_01", at(E::UserCreated(Box::new(ada("Ada", T0))), T0)),
            200,
            "applied",
        ),
        step(
            "create user_grace",
            sign("msg_02", grace_created.clone()),
            200,
            "applied",
        ),
        step(
            "create org_acme",
            sign(
                "msg_03",
                at(
                    E::OrganizationCreated(Box::new(organization(
                        "org_acme",
                        "Acme",
                        "acme",
                        T0 + 1_000,
                    ))),
                    T0 + 1_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_ada joins org_acme as admin",
            sign(
                "msg_04",
                at(
                    E::OrganizationMembershipCreated(Box::new(membership(
                        "orgmem_ada",
                        "org_acme",
                        "user_ada",
                        "org:admin",
                        T0 + 2_000,
                    ))),
                    T0 + 2_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_grace joins org_acme as member",
            sign(
                "msg_05",
                at(
                    E::OrganizationMembershipCreated(Box::new(membership(
                        "orgmem_grace",
                        "org_acme",
                        "user_grace",
                        "org:member",
                        T0 + 2_000,
                    ))),
                    T0 + 2_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_ada signs in",
            sign(
                "msg_06",
                at(
                    E::SessionCreated(Box::new(session(
                        "sess_ada",
                        "user_ada",
                        SessionStatus::Active,
                        T0 + 3_000,
                    ))),
                    T0 + 3_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "rename user_ada",
            sign("msg_07", ada_renamed.clone()),
            200,
            "applied",
        ),
        step(
            "retry of the rename (same svix-id, new signature)",
            sign("msg_07", ada_renamed),
            200,
            "duplicate",
        ),
        step(
            "an older update of user_ada arrives late",
            sign(
                "msg_08",
                at(
                    E::UserUpdated(Box::new(ada("Ada (stale)", T0 + 30_000))),
                    T0 + 30_000,
                ),
            ),
            200,
            "stale",
        ),
        step(
            "rename org_acme",
            sign(
                "msg_09",
                at(
                    E::OrganizationUpdated(Box::new(organization(
                        "org_acme",
                        "Acme Inc",
                        "acme",
                        T0 + 120_000,
                    ))),
                    T0 + 120_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "promote user_grace to admin",
            sign(
                "msg_10",
                at(
                    E::OrganizationMembershipUpdated(Box::new(membership(
                        "orgmem_grace",
                        "org_acme",
                        "user_grace",
                        "org:admin",
                        T0 + 120_000,
                    ))),
                    T0 + 120_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_ada signs out",
            sign(
                "msg_11",
                at(
                    E::SessionEnded(Box::new(session(
                        "sess_ada",
                        "user_ada",
                        SessionStatus::Ended,
                        T0 + 180_000,
                    ))),
                    T0 + 180_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_grace leaves org_acme",
            sign(
                "msg_12",
                at(
                    E::OrganizationMembershipDeleted(Box::new(membership(
                        "orgmem_grace",
                        "org_acme",
                        "user_grace",
                        "org:admin",
                        T0 + 120_000,
                    ))),
                    T0 + 200_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "delete user_grace",
            sign(
                "msg_13",
                at(
                    E::UserDeleted(Box::new(deleted("user", "user_grace"))),
                    T0 + 240_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "replay of user_grace's create after the delete (same svix-id)",
            sign("msg_02", grace_created),
            200,
            "duplicate",
        ),
        step(
            "a late update of user_grace after the delete",
            sign(
                "msg_14",
                at(E::UserUpdated(Box::new(grace(T0 + 90_000))), T0 + 90_000),
            ),
            200,
            "stale",
        ),
        step(
            "delete user_linus before his create arrives",
            sign(
                "msg_15",
                at(
                    E::UserDeleted(Box::new(deleted("user", "user_linus"))),
                    T0 + 300_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "user_linus's create, after his delete",
            sign(
                "msg_16",
                at(
                    E::UserCreated(Box::new(user(
                        "user_linus",
                        "Linus",
                        "Torvalds",
                        "linus@example.com",
                        T0 + 250_000,
                    ))),
                    T0 + 250_000,
                ),
            ),
            200,
            "stale",
        ),
        step(
            "a forged delivery (signed with another secret)",
            Signer::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
                .unwrap()
                .sign_event(
                    "msg_17",
                    &at(
                        E::UserCreated(Box::new(user(
                            "user_eve",
                            "Eve",
                            "Mallory",
                            "eve@example.com",
                            T0,
                        ))),
                        T0,
                    ),
                    now,
                ),
            400,
            "invalid webhook signature",
        ),
        step(
            "an event type this service does not sync",
            signer.sign_now("msg_18", testing::sample_body("email.created").unwrap()),
            200,
            "ignored",
        ),
        step(
            "create org_beta",
            sign(
                "msg_19",
                at(
                    E::OrganizationCreated(Box::new(organization(
                        "org_beta",
                        "Beta",
                        "beta",
                        T0 + 10_000,
                    ))),
                    T0 + 10_000,
                ),
            ),
            200,
            "applied",
        ),
        step(
            "delete org_beta",
            sign(
                "msg_20",
                at(
                    E::OrganizationDeleted(Box::new(deleted("organization", "org_beta"))),
                    T0 + 400_000,
                ),
            ),
            200,
            "applied",
        ),
    ]
}

/// The tables after the script, exactly.
pub fn expected() -> Snapshot {
    let s = |v: &str| Some(v.to_owned());
    let user = |id: &str, first, last, email, updated_at, deleted_at| UserRow {
        id: id.into(),
        first_name: first,
        last_name: last,
        primary_email: email,
        updated_at,
        deleted_at,
    };
    let membership = |id: &str, user_id: &str, role: &str, updated_at, deleted_at| MembershipRow {
        id: id.into(),
        organization_id: "org_acme".into(),
        user_id: s(user_id),
        role: role.into(),
        updated_at,
        deleted_at,
    };
    let deliveries = [
        ("msg_01", "user.created"),
        ("msg_02", "user.created"),
        ("msg_03", "organization.created"),
        ("msg_04", "organizationMembership.created"),
        ("msg_05", "organizationMembership.created"),
        ("msg_06", "session.created"),
        ("msg_07", "user.updated"),
        ("msg_08", "user.updated"),
        ("msg_09", "organization.updated"),
        ("msg_10", "organizationMembership.updated"),
        ("msg_11", "session.ended"),
        ("msg_12", "organizationMembership.deleted"),
        ("msg_13", "user.deleted"),
        ("msg_14", "user.updated"),
        ("msg_15", "user.deleted"),
        ("msg_16", "user.created"),
        // msg_17 was forged: rejected before anything was written.
        ("msg_18", "email.created"),
        ("msg_19", "organization.created"),
        ("msg_20", "organization.deleted"),
    ];
    Snapshot {
        users: vec![
            // Renamed once; the late, older rename was ignored.
            user(
                "user_ada",
                s("Augusta Ada"),
                s("Lovelace"),
                s("ada@example.com"),
                T0 + 60_000,
                None,
            ),
            // Soft-deleted: the row stays, with a tombstone time no replay can beat.
            user(
                "user_grace",
                s("Grace"),
                s("Hopper"),
                s("grace@example.com"),
                T0 + 240_000,
                Some(T0 + 240_000),
            ),
            // Deleted before created: the tombstone kept the create out.
            user(
                "user_linus",
                None,
                None,
                None,
                T0 + 300_000,
                Some(T0 + 300_000),
            ),
        ],
        sessions: vec![SessionRow {
            id: "sess_ada".into(),
            user_id: "user_ada".into(),
            status: "ended".into(),
            updated_at: T0 + 180_000,
        }],
        organizations: vec![
            OrganizationRow {
                id: "org_acme".into(),
                name: s("Acme Inc"),
                slug: s("acme"),
                updated_at: T0 + 120_000,
                deleted_at: None,
            },
            OrganizationRow {
                id: "org_beta".into(),
                name: s("Beta"),
                slug: s("beta"),
                updated_at: T0 + 400_000,
                deleted_at: Some(T0 + 400_000),
            },
        ],
        memberships: vec![
            membership("orgmem_ada", "user_ada", "org:admin", T0 + 2_000, None),
            membership(
                "orgmem_grace",
                "user_grace",
                "org:admin",
                T0 + 200_000,
                Some(T0 + 200_000),
            ),
        ],
        deliveries: deliveries
            .iter()
            .map(|(id, ty)| ((*id).to_owned(), (*ty).to_owned()))
            .collect(),
    }
}

/// Starts the server on a loopback port with an in-memory database, sends the script, and
/// returns what happened.
pub async fn run() -> Result<Report, Box<dyn std::error::Error>> {
    let signer = Signer::default();
    let store = Arc::new(Mutex::new(Store::in_memory()?));
    let state = AppState {
        webhook: signer.webhook().clone(),
        store: store.clone(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move { axum::serve(listener, router(state)).await });

    let mut steps = Vec::new();
    for step in script(&signer) {
        let request = step.request;
        let (status, body) =
            tokio::task::spawn_blocking(move || http_post(addr, "/webhooks/clerk", &request))
                .await??;
        steps.push(StepResult {
            description: step.description,
            ok: status == step.expected_status && body == step.expected_body,
            status,
            body,
        });
    }
    server.abort();
    let snapshot = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .snapshot()?;
    Ok(Report { steps, snapshot })
}
