//! The axum extractor, driven through `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use clerk_webhooks::axum::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};
use clerk_webhooks::testing::{self, HeaderNames, SignedRequest, Signer};
use clerk_webhooks::{ClerkEvent, VerifyError, Webhook};
use std::time::Duration;
use time::OffsetDateTime;
use tower::ServiceExt;

const URI: &str = "/webhooks/clerk";

/// Answers `200` with `<event type> <message id>`, so the test can see what was extracted.
async fn handler(ClerkWebhook(delivery): ClerkWebhook) -> String {
    format!("{} {}", delivery.event.event_type(), delivery.message_id)
}

fn app(webhook: Webhook) -> Router {
    Router::new().route(URI, post(handler)).with_state(webhook)
}

async fn send(app: Router, request: SignedRequest) -> (StatusCode, Option<String>, String) {
    let response = app
        .oneshot(request.into_http_request::<Body>(URI))
        .await
        .unwrap();
    read(response).await
}

async fn read(response: Response) -> (StatusCode, Option<String>, String) {
    let status = response.status();
    let abort = response
        .headers()
        .get("webhook-delivery")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, abort, String::from_utf8(body.to_vec()).unwrap())
}

fn signer() -> Signer {
    Signer::default()
}

#[tokio::test]
async fn a_good_delivery_reaches_the_handler() {
    let signer = signer();
    let request = signer.sign_now("msg_good", testing::sample_body("user.created").unwrap());
    let (status, abort, body) = send(app(signer.webhook().clone()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(abort, None);
    assert_eq!(body, "user.created msg_good");
}

#[tokio::test]
async fn every_sample_type_is_extracted() {
    let signer = signer();
    let app = app(signer.webhook().clone());
    for (ty, body) in testing::samples() {
        let (status, _, text) = send(app.clone(), signer.sign_now("msg_1", body)).await;
        assert_eq!(status, StatusCode::OK, "{ty}");
        assert_eq!(text, format!("{ty} msg_1"));
    }
}

#[tokio::test]
async fn standard_webhook_header_names_are_accepted() {
    let signer = signer().with_header_names(HeaderNames::Standard);
    let request = signer.sign_now("msg_std", testing::sample_body("role.created").unwrap());
    let (status, _, body) = send(app(signer.webhook().clone()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "role.created msg_std");
}

#[tokio::test]
async fn tampered_stale_and_unsigned_deliveries_get_400_with_a_short_reason() {
    let signer = signer();
    let body = testing::sample_body("user.updated").unwrap();
    let app = app(signer.webhook().clone());

    let tampered = signer.sign_now("msg_1", body).tampered();
    assert_eq!(
        send(app.clone(), tampered).await,
        (
            StatusCode::BAD_REQUEST,
            None,
            "invalid webhook signature".into()
        )
    );

    let stale = signer.sign(
        "msg_1",
        body,
        OffsetDateTime::now_utc() - Duration::from_secs(600),
    );
    assert_eq!(
        send(app.clone(), stale).await,
        (
            StatusCode::BAD_REQUEST,
            None,
            "webhook timestamp outside the allowed window".into()
        )
    );

    let future = signer.sign(
        "msg_1",
        body,
        OffsetDateTime::now_utc() + Duration::from_secs(600),
    );
    assert_eq!(send(app.clone(), future).await.0, StatusCode::BAD_REQUEST);

    let unsigned = signer
        .sign_now("msg_1", body)
        .without_header("svix-id")
        .without_header("svix-timestamp")
        .without_header("svix-signature");
    assert_eq!(
        send(app.clone(), unsigned).await,
        (
            StatusCode::BAD_REQUEST,
            None,
            "missing webhook header svix-id".into()
        )
    );

    let no_signature = signer
        .sign_now("msg_1", body)
        .without_header("svix-signature");
    assert_eq!(
        send(app.clone(), no_signature).await.2,
        "missing webhook header svix-signature"
    );

    let bad_timestamp = signer
        .sign_now("msg_1", body)
        .with_header("svix-timestamp", "soon");
    assert_eq!(
        send(app.clone(), bad_timestamp).await.2,
        "invalid webhook timestamp"
    );

    // Signed with another secret.
    let other = Signer::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
    let (status, _, reason) = send(app.clone(), other.sign_now("msg_1", body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(reason, "invalid webhook signature");
    assert!(!reason.contains("whsec"));
}

/// A body that verifies but is not a Clerk event (`data.id` of a user must be a string).
fn unparseable() -> &'static [u8] {
    br#"{"data":{"object":"user","id":42},"object":"event","type":"user.created"}"#
}

#[tokio::test]
async fn a_verified_but_unparseable_body_gets_422_by_default() {
    let signer = signer();
    let request = signer.sign_now("msg_bad_body", unparseable());
    let (status, abort, body) = send(app(signer.webhook().clone()), request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(abort, None);
    assert_eq!(body, "unprocessable webhook payload");
    assert_eq!(ClerkWebhookConfig::DEFAULT_PARSE_ERROR_STATUS, 422);
}

#[tokio::test]
async fn the_parse_failure_answer_is_configurable() {
    let signer = signer();
    let config = ClerkWebhookConfig::new()
        .with_parse_error_status(500)
        .with_abort_on_parse_error(true);
    let app = app(signer.webhook().clone()).layer(Extension(config));

    let request = signer.sign_now("msg_bad_body", unparseable());
    let (status, abort, body) = send(app.clone(), request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(abort.as_deref(), Some("abort-message"));
    assert_eq!(body, "unprocessable webhook payload");

    // The configuration does not touch verification failures or good deliveries.
    let tampered = signer.sign_now("msg_2", unparseable()).tampered();
    assert_eq!(send(app.clone(), tampered).await.0, StatusCode::BAD_REQUEST);
    let good = signer.sign_now("msg_3", testing::sample_body("user.deleted").unwrap());
    assert_eq!(send(app, good).await.0, StatusCode::OK);

    // 200 acknowledges (and drops) the delivery.
    let ack = ClerkWebhookConfig::new().with_parse_error_status(200);
    let app = self::app(signer.webhook().clone()).layer(Extension(ack));
    let request = signer.sign_now("msg_4", unparseable());
    assert_eq!(send(app, request).await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_oversized_body_gets_413() {
    let signer = signer();
    let app = app(signer.webhook().clone()).layer(DefaultBodyLimit::max(64));
    let request = signer.sign_now("msg_big", testing::sample_body("user.created").unwrap());
    assert_eq!(
        send(app, request).await,
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            None,
            "webhook body too large".into()
        )
    );
}

#[tokio::test]
async fn the_rejection_can_be_handled_by_the_application() {
    async fn logging(delivery: Result<ClerkWebhook, ClerkWebhookRejection>) -> String {
        match delivery {
            Ok(ClerkWebhook(delivery)) => format!("ok {}", delivery.message_id),
            Err(rejection) => match rejection.kind() {
                RejectionKind::Verify(VerifyError::InvalidSignature) => {
                    format!("forged: {rejection}")
                }
                RejectionKind::Parse(error) => {
                    format!("parse {} at {}", rejection.status(), error.path())
                }
                other => format!("other {other:?}"),
            },
        }
    }
    let signer = signer();
    let app = Router::new()
        .route(URI, post(logging))
        .with_state(signer.webhook().clone());
    let tampered = signer.sign_now("msg_1", unparseable()).tampered();
    let (_, _, body) = send(app.clone(), tampered).await;
    assert!(
        body.starts_with("forged: no matching webhook signature"),
        "{body}"
    );
    let (_, _, body) = send(app, signer.sign_now("msg_2", unparseable())).await;
    assert_eq!(body, "parse 422 at data.id");
}

#[tokio::test]
async fn the_webhook_comes_from_application_state_via_from_ref() {
    #[derive(Clone)]
    struct AppState {
        webhook: Webhook,
        greeting: &'static str,
    }
    impl FromRef<AppState> for Webhook {
        fn from_ref(state: &AppState) -> Webhook {
            state.webhook.clone()
        }
    }
    async fn with_state(
        axum::extract::State(state): axum::extract::State<AppState>,
        ClerkWebhook(delivery): ClerkWebhook,
    ) -> String {
        format!("{} {}", state.greeting, delivery.event.event_type())
    }
    let signer = signer();
    let app = Router::new()
        .route(URI, post(with_state))
        .with_state(AppState {
            webhook: signer.webhook().clone(),
            greeting: "hello",
        });
    let request = signer.sign_now("msg_1", testing::sample_body("session.created").unwrap());
    let (status, _, body) = send(app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "hello session.created");
}

#[tokio::test]
async fn the_extracted_value_is_the_verified_event() {
    let signer = signer();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let app = Router::new()
        .route(
            URI,
            post(move |delivery: ClerkWebhook| {
                let tx = tx.clone();
                async move {
                    tx.send(delivery.into_inner()).unwrap();
                }
            }),
        )
        .with_state(signer.webhook().clone());
    let request = signer.sign_now(
        "msg_x",
        testing::sample_body("organization.created").unwrap(),
    );
    let response = app
        .oneshot(request.into_http_request::<Body>(URI))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let delivery = rx.recv().await.unwrap();
    assert_eq!(delivery.message_id, "msg_x");
    let ClerkEvent::OrganizationCreated(org) = &delivery.event else {
        panic!("wrong variant");
    };
    assert!(org.id.starts_with("org_"));
    assert_eq!(
        delivery.event,
        testing::sample_event("organization.created").unwrap().event
    );
}

/// A rejection displays the error it holds and hands on only that error's own source, so a
/// logger walking the chain prints each fact once.
#[tokio::test]
async fn a_rejection_prints_each_fact_once_in_an_error_chain() {
    use std::error::Error as _;
    let captured = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = captured.clone();
    let app = Router::new()
        .route(
            URI,
            post(
                move |delivery: Result<ClerkWebhook, ClerkWebhookRejection>| {
                    let sink = sink.clone();
                    async move {
                        if let Err(rejection) = delivery {
                            let mut chain = vec![rejection.to_string()];
                            let mut source = rejection.source();
                            while let Some(next) = source {
                                chain.push(next.to_string());
                                source = next.source();
                            }
                            sink.lock().unwrap().push((chain, rejection.reason()));
                        }
                    }
                },
            ),
        )
        .with_state(signer().webhook().clone());
    send(
        app.clone(),
        signer().sign_now("msg_1", unparseable()).tampered(),
    )
    .await;
    send(app, signer().sign_now("msg_2", unparseable())).await;
    let captured = captured.lock().unwrap();
    assert_eq!(captured.len(), 2);
    for (chain, reason) in captured.iter() {
        assert_eq!(chain.len(), 1, "{chain:?}");
        assert_eq!(
            chain.iter().filter(|line| line.contains(*reason)).count(),
            0
        );
    }
    assert_eq!(captured[0].1, VerifyError::InvalidSignature.public_reason());
    assert_eq!(captured[1].1, "unprocessable webhook payload");
}

/// Handler tests build the extracted value from a sample, without signing anything.
#[test]
fn a_handler_test_builds_the_extracted_value_from_a_sample() {
    for event_type in testing::SAMPLE_EVENT_TYPES {
        let delivery = testing::verified_sample(event_type).unwrap();
        assert_eq!(delivery.event.event_type(), *event_type);
        let extracted = ClerkWebhook::from(delivery.clone());
        assert_eq!(extracted.into_inner(), delivery);
    }
    assert!(testing::verified_sample("no.such.type").is_none());
}

#[test]
fn the_config_is_plain_data_with_builders() {
    let config = ClerkWebhookConfig::new()
        .with_parse_error_status(409)
        .with_abort_on_parse_error(true);
    assert_eq!(config.parse_error_status(), 409);
    assert!(config.abort_on_parse_error());
    assert_eq!(ClerkWebhookConfig::default(), ClerkWebhookConfig::DEFAULT);
    assert_eq!(ClerkWebhookConfig::DEFAULT.parse_error_status(), 422);
    assert!(!ClerkWebhookConfig::new().abort_on_parse_error());
}

/// The configured answers, through a real router: `401` for a forgery, `204` with an empty body
/// for a kind the handler does not handle (even one whose body would not parse), and the
/// configured status for a missing verifier.
#[tokio::test]
async fn configured_answers_and_unhandled_kinds() {
    let signer = signer();
    let config = ClerkWebhookConfig::new()
        .with_handled_kinds([clerk_webhooks::EventKind::UserCreated])
        .with_verify_error_status(401)
        .with_not_configured_status(503);
    let app = app(signer.webhook().clone()).layer(Extension(config));

    let created = signer.sign_now("msg_1", testing::sample_body("user.created").unwrap());
    assert_eq!(
        send(app.clone(), created).await,
        (StatusCode::OK, None, "user.created msg_1".to_owned())
    );
    // role.created with a numeric data.id: not handled, so never parsed, so not a 422.
    let role: &[u8] =
        br#"{"data":{"object":"role","id":42},"object":"event","type":"role.created"}"#;
    let (status, abort, body) = send(app.clone(), signer.sign_now("msg_2", role)).await;
    assert_eq!(
        (status, abort, body.as_str()),
        (StatusCode::NO_CONTENT, None, "")
    );
    let session = signer.sign_now("msg_3", testing::sample_body("session.created").unwrap());
    assert_eq!(send(app.clone(), session).await.0, StatusCode::NO_CONTENT);
    // A handled kind is parsed, and its parse failure answered as before.
    let user = signer.sign_now("msg_6", unparseable());
    assert_eq!(
        send(app.clone(), user).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let mut forged = signer.sign_now("msg_4", testing::sample_body("user.created").unwrap());
    forged.body.push(b' ');
    let (status, _, body) = send(app, forged).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::UNAUTHORIZED, "invalid webhook signature")
    );

    let without_webhook: Router = Router::new()
        .route(URI, post(extension_handler))
        .layer(Extension(config));
    let request = signer.sign_now("msg_5", testing::sample_body("user.created").unwrap());
    let (status, _, body) = send(without_webhook, request).await;
    assert_eq!(
        (status, body.as_str()),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "webhook verifier not configured"
        )
    );
}

/// The extension-based extractor, for routers without state.
async fn extension_handler(
    clerk_webhooks::axum::ClerkWebhookFromExtension(delivery): clerk_webhooks::axum::ClerkWebhookFromExtension,
) -> String {
    format!("{} {}", delivery.event.event_type(), delivery.message_id)
}

#[tokio::test]
async fn without_router_state_the_webhook_comes_from_an_extension() {
    let signer = signer();
    let app: Router = Router::new()
        .route(URI, post(extension_handler))
        .layer(Extension(signer.webhook().clone()));
    let good = signer.sign_now("msg_ext", testing::sample_body("session.revoked").unwrap());
    assert_eq!(
        send(app.clone(), good).await,
        (StatusCode::OK, None, "session.revoked msg_ext".to_owned())
    );
    // Same rejections as the state-based extractor.
    let tampered = signer
        .sign_now("msg_ext2", testing::sample_body("user.created").unwrap())
        .tampered();
    let (status, _, body) = send(app.clone(), tampered).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, "invalid webhook signature");
    // The parse-failure status comes from a `ClerkWebhookConfig` extension, as for state.
    let app = app.layer(Extension(
        ClerkWebhookConfig::new().with_parse_error_status(200),
    ));
    let unparseable = signer.sign_now("msg_ext3", unparseable().to_vec());
    assert_eq!(send(app, unparseable).await.0, StatusCode::OK);
}

#[tokio::test]
async fn with_neither_state_nor_extension_the_answer_is_500_not_configured() {
    let signer = signer();
    let app: Router = Router::new().route(URI, post(extension_handler));
    let request = signer.sign_now("msg_none", testing::sample_body("user.created").unwrap());
    let (status, abort, body) = send(app, request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(abort, None);
    assert_eq!(body, "webhook verifier not configured");
    assert!(!body.contains(testing::TEST_SECRET));
}
