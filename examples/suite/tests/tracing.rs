//! The `tracing` feature: every rejection by the extractors emits one event with the reason,
//! the error's kind, the message id and the event type, and never a secret, a signature or a
//! payload value. Captured with a minimal subscriber of our own, on the test's thread.

use axum::body::Body;
use axum::routing::post;
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::testing::{Signer, TEST_SECRET};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One captured event: its level, target and fields as text.
#[derive(Debug, Clone)]
struct Captured {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.to_string());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

async fn handler(ClerkWebhook(_): ClerkWebhook) {}

async fn send(request: clerk_webhooks::testing::SignedRequest) -> u16 {
    let app = Router::new()
        .route("/hook", post(handler))
        .with_state(Signer::default().webhook().clone());
    app.oneshot(request.into_http_request::<Body>("/hook"))
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The events (from this crate only) emitted while `f` runs.
async fn captured<F: std::future::Future<Output = u16>>(f: F) -> (u16, Vec<Captured>) {
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let status = f.await;
    drop(guard);
    let events = capture.0.lock().unwrap().clone();
    let ours = events
        .into_iter()
        .filter(|event| event.target == "clerk_webhooks")
        .collect();
    (status, ours)
}

#[tokio::test(flavor = "current_thread")]
async fn a_forged_delivery_logs_one_warning_without_the_signature() {
    let signer = Signer::default();
    let body = br#"{"type":"user.created","data":{"id":"user_1","first_name":"Ada"}}"#;
    let request = signer.sign_now("msg_forged", &body[..]).tampered();
    let signature = request.header("svix-signature").unwrap().to_owned();
    let (status, events) = captured(send(request)).await;
    assert_eq!(status, 400);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::WARN);
    assert_eq!(event.fields["message"], "webhook rejected");
    assert_eq!(event.fields["status"], "400");
    assert_eq!(event.fields["reason"], "invalid webhook signature");
    assert_eq!(event.fields["kind"], "verify");
    assert_eq!(event.fields["error"], "invalid_signature");
    assert_eq!(event.fields["message_id"], "msg_forged");
    assert!(!event.fields.contains_key("event_type"));
    let all = format!("{events:?}");
    assert!(!all.contains(&signature[3..]), "{all}");
    assert!(
        !all.contains(TEST_SECRET) && !all.contains(&TEST_SECRET[6..]),
        "{all}"
    );
    assert!(!all.contains("Ada"), "{all}");
}

#[tokio::test(flavor = "current_thread")]
async fn an_unparseable_verified_body_logs_one_error_with_its_type_and_no_value() {
    let signer = Signer::default();
    let body = br#"{"type":"user.created","data":{"id":"user_1","created_at":"secret-ish"}}"#;
    let (status, events) = captured(send(signer.sign_now("msg_parse", &body[..]))).await;
    assert_eq!(status, 422);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.fields["kind"], "parse");
    assert_eq!(event.fields["error"], "data");
    assert_eq!(event.fields["event_type"], "user.created");
    assert_eq!(event.fields["message_id"], "msg_parse");
    assert!(
        event.fields["detail"].contains("data.created_at"),
        "{event:?}"
    );
    assert!(!format!("{events:?}").contains("secret-ish"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_hostile_message_id_is_left_out_and_good_deliveries_log_nothing() {
    let signer = Signer::default();
    let body = br#"{"type":"role.created","data":{"id":"role_1"}}"#;
    let hostile = "x".repeat(500);
    let request = signer
        .sign_now("msg_1", &body[..])
        .with_header("svix-id", &hostile);
    let (status, events) = captured(send(request)).await;
    assert_eq!(status, 400);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fields["error"], "invalid_header");
    assert!(!events[0].fields.contains_key("message_id"));
    assert!(!format!("{events:?}").contains(&hostile));

    let (status, events) = captured(send(signer.sign_now("msg_ok", &body[..]))).await;
    assert_eq!(status, 200);
    assert!(events.is_empty(), "{events:?}");
}

/// The Rocket guard's own rejections (the body over the limit, no managed `Webhook`) log once
/// each, as the shared verify and parse steps do.
#[tokio::test(flavor = "current_thread")]
async fn the_rocket_guard_logs_its_own_rejections_once() {
    use rocket::local::asynchronous::Client;

    #[rocket::post("/hook", data = "<delivery>")]
    fn hook(delivery: clerk_webhooks::rocket::ClerkWebhook) -> String {
        delivery.message_id.to_string()
    }

    async fn send_rocket(request: clerk_webhooks::testing::SignedRequest, managed: bool) -> u16 {
        let figment = rocket::Config::figment()
            .merge(("log_level", "off"))
            .merge(("limits.clerk-webhook", 64));
        let mut rocket = rocket::custom(figment).mount("/", rocket::routes![hook]);
        if managed {
            rocket = rocket.manage(Signer::default().webhook().clone());
        }
        let client = Client::untracked(rocket).await.unwrap();
        let response = request.to_rocket_request(&client, "/hook").dispatch().await;
        response.status().code
    }

    let signer = Signer::default();
    let small = br#"{"type":"role.created","data":{"id":"role_1"}}"#;
    let (status, events) =
        captured(send_rocket(signer.sign_now("msg_small", &small[..]), false)).await;
    assert_eq!(status, 500);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].fields["kind"], "not_configured");
    assert_eq!(events[0].fields["message_id"], "msg_small");

    let large = format!(
        r#"{{"type":"role.created","data":{{"id":"role_1","name":"{}"}}}}"#,
        "n".repeat(100)
    );
    let (status, events) = captured(send_rocket(signer.sign_now("msg_large", large), true)).await;
    assert_eq!(status, 413);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::WARN);
    assert_eq!(events[0].fields["kind"], "read_body");
    assert_eq!(events[0].fields["reason"], "webhook body too large");

    let forged = signer.sign_now("msg_forged", &small[..]).tampered();
    let (status, events) = captured(send_rocket(forged, true)).await;
    assert_eq!(status, 400);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].fields["error"], "invalid_signature");

    let (status, events) = captured(send_rocket(signer.sign_now("msg_ok", &small[..]), true)).await;
    assert_eq!(status, 200);
    assert!(events.is_empty(), "{events:?}");
}

/// A kind the handler does not handle is logged once, at DEBUG, with its type and no detail
/// from the body, and answered 204.
#[tokio::test]
async fn an_unhandled_kind_is_logged_at_debug() {
    use axum::Extension;
    use clerk_webhooks::axum::ClerkWebhookConfig;
    use clerk_webhooks::EventKind;

    let signer = Signer::default();
    let request = signer.sign_now(
        "msg_unhandled",
        clerk_webhooks::testing::sample_body("session.created").unwrap(),
    );
    let (status, events) = captured(async {
        let app = Router::new()
            .route("/hook", post(handler))
            .layer(Extension(
                ClerkWebhookConfig::new().with_handled_kinds([EventKind::UserCreated]),
            ))
            .with_state(signer.webhook().clone());
        app.oneshot(request.into_http_request::<Body>("/hook"))
            .await
            .unwrap()
            .status()
            .as_u16()
    })
    .await;
    assert_eq!(status, 204);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::DEBUG);
    let field = |name: &str| event.fields.get(name).map(String::as_str);
    assert_eq!(field("status"), Some("204"));
    assert_eq!(field("kind"), Some("not_handled"));
    assert_eq!(field("error"), Some("not_handled"));
    assert_eq!(field("event_type"), Some("session.created"));
    assert_eq!(field("message_id"), Some("msg_unhandled"));
    assert_eq!(field("reason"), Some(""));
    assert_eq!(field("message"), Some("webhook rejected"));
}
