//! The axum 0.7 extractor (feature `axum07`), driven through `tower::ServiceExt::oneshot` on
//! axum 0.7's own `Router`: router state, an `Extension`, and neither configured.

use axum07::body::Body;
use axum07::http::StatusCode;
use axum07::routing::post;
use axum07::{Extension, Router};
use clerk_webhooks::axum07::{ClerkWebhook, ClerkWebhookConfig, ClerkWebhookFromExtension};
use clerk_webhooks::testing::{self, SignedRequest, Signer};
use tower::ServiceExt;

const URI: &str = "/webhooks/clerk";

async fn state_handler(ClerkWebhook(delivery): ClerkWebhook) -> String {
    format!("{} {}", delivery.event.event_type(), delivery.message_id)
}

async fn extension_handler(
    ClerkWebhookFromExtension(delivery): ClerkWebhookFromExtension,
) -> String {
    format!("{} {}", delivery.event.event_type(), delivery.message_id)
}

async fn send(app: Router, request: SignedRequest) -> (StatusCode, Option<String>, String) {
    let response = app
        .oneshot(request.into_http_request::<Body>(URI))
        .await
        .unwrap();
    let status = response.status();
    let abort = response
        .headers()
        .get("webhook-delivery")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = axum07::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, abort, String::from_utf8(body.to_vec()).unwrap())
}

fn unparseable() -> Vec<u8> {
    br#"{"type":"user.created","data":{"id":"user_1","email_addresses":"not a list"}}"#.to_vec()
}

#[tokio::test]
async fn with_router_state_it_verifies_parses_and_rejects_as_on_0_8() {
    let signer = Signer::default();
    let app = Router::new()
        .route(URI, post(state_handler))
        .with_state(signer.webhook().clone());
    let good = signer.sign_now("msg_07", testing::sample_body("user.created").unwrap());
    assert_eq!(
        send(app.clone(), good).await,
        (StatusCode::OK, None, "user.created msg_07".to_owned())
    );
    let tampered = signer
        .sign_now("msg_07b", testing::sample_body("user.created").unwrap())
        .tampered();
    assert_eq!(
        send(app.clone(), tampered).await,
        (
            StatusCode::BAD_REQUEST,
            None,
            "invalid webhook signature".to_owned()
        )
    );
    let missing = signer
        .sign_now("msg_07c", testing::sample_body("user.created").unwrap())
        .without_header("svix-signature");
    assert_eq!(send(app.clone(), missing).await.0, StatusCode::BAD_REQUEST);
    let (status, abort, body) = send(app.clone(), signer.sign_now("msg_07d", unparseable())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(abort, None);
    assert_eq!(body, "unprocessable webhook payload");
    assert!(!body.contains("not a list"));
    // The parse-failure answer is configured through an extension, as on 0.8.
    let app = app.layer(Extension(
        ClerkWebhookConfig::new().with_abort_on_parse_error(true),
    ));
    let (_, abort, _) = send(app, signer.sign_now("msg_07e", unparseable())).await;
    assert_eq!(abort.as_deref(), Some("abort-message"));
}

#[tokio::test]
async fn without_router_state_the_webhook_comes_from_an_extension() {
    let signer = Signer::default();
    let app: Router = Router::new()
        .route(URI, post(extension_handler))
        .layer(Extension(signer.webhook().clone()));
    let good = signer.sign_now(
        "msg_07x",
        testing::sample_body("organization.created").unwrap(),
    );
    assert_eq!(
        send(app.clone(), good).await,
        (
            StatusCode::OK,
            None,
            "organization.created msg_07x".to_owned()
        )
    );
    let stale = signer.sign(
        "msg_07y",
        testing::sample_body("user.created").unwrap(),
        time::OffsetDateTime::now_utc() - time::Duration::hours(1),
    );
    assert_eq!(send(app, stale).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn with_neither_configured_the_answer_is_500_not_configured() {
    let signer = Signer::default();
    let app: Router = Router::new().route(URI, post(extension_handler));
    let request = signer.sign_now("msg_07z", testing::sample_body("user.created").unwrap());
    let (status, abort, body) = send(app, request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(abort, None);
    assert_eq!(body, "webhook verifier not configured");
}
