//! The actix-web extractor, driven through `actix_web::test`.

use actix_web::http::StatusCode;
use actix_web::{test, web, App, HttpResponse};
use clerk_webhooks::actix::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};
use clerk_webhooks::testing::{self, SignedRequest, Signer};
use clerk_webhooks::VerifyError;
use std::future::Future;
use std::time::Duration;
use time::OffsetDateTime;

const URI: &str = "/webhooks/clerk";

/// Runs a future on an actix system (no `#[actix_web::test]`: that needs the `macros` feature).
fn run<F: Future>(future: F) -> F::Output {
    actix_web::rt::System::new().block_on(future)
}

async fn handler(ClerkWebhook(delivery): ClerkWebhook) -> HttpResponse {
    HttpResponse::Ok().body(format!(
        "{} {}",
        delivery.event.event_type(),
        delivery.message_id
    ))
}

/// Sends a signed request to an initialised test service and returns the status, the
/// `webhook-delivery` header, and the body. (A macro because the service's request type,
/// `actix_http::Request`, cannot be named through actix-web.)
macro_rules! send {
    ($app:expr, $request:expr) => {{
        let request: &SignedRequest = $request;
        let response = test::call_service($app, request.to_actix_request(URI).to_request()).await;
        let status = response.status();
        let abort = response
            .headers()
            .get("webhook-delivery")
            .map(|v| v.to_str().unwrap().to_owned());
        let body = test::read_body(response).await;
        (status, abort, String::from_utf8(body.to_vec()).unwrap())
    }};
}

fn unparseable() -> &'static [u8] {
    br#"{"data":{"object":"user","id":42},"object":"event","type":"user.created"}"#
}

#[test]
fn good_tampered_stale_and_unsigned_deliveries() {
    run(async {
        let signer = Signer::default();
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .route(URI, web::post().to(handler)),
        )
        .await;
        let body = testing::sample_body("user.created").unwrap();

        let good = signer.sign_now("msg_good", body);
        assert_eq!(
            send!(&app, &good),
            (StatusCode::OK, None, "user.created msg_good".into())
        );

        let tampered = good.clone().tampered();
        assert_eq!(
            send!(&app, &tampered),
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
            send!(&app, &stale),
            (
                StatusCode::BAD_REQUEST,
                None,
                "webhook timestamp outside the allowed window".into()
            )
        );

        let unsigned = good
            .clone()
            .without_header("svix-id")
            .without_header("svix-timestamp")
            .without_header("svix-signature");
        assert_eq!(
            send!(&app, &unsigned),
            (
                StatusCode::BAD_REQUEST,
                None,
                "missing webhook header svix-id".into()
            )
        );
    });
}

#[test]
fn every_sample_type_is_extracted() {
    run(async {
        let signer = Signer::default();
        // A plain `Webhook` as app data works too.
        let app = test::init_service(
            App::new()
                .app_data(signer.webhook().clone())
                .route(URI, web::post().to(handler)),
        )
        .await;
        for (ty, body) in testing::samples() {
            let (status, _, text) = send!(&app, &signer.sign_now("msg_1", body));
            assert_eq!(status, StatusCode::OK, "{ty}");
            assert_eq!(text, format!("{ty} msg_1"));
        }
    });
}

#[test]
fn a_verified_but_unparseable_body_gets_the_configured_status() {
    run(async {
        let signer = Signer::default();
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .route(URI, web::post().to(handler)),
        )
        .await;
        let request = signer.sign_now("msg_bad", unparseable());
        assert_eq!(
            send!(&app, &request),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                "unprocessable webhook payload".into()
            )
        );

        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .app_data(
                    ClerkWebhookConfig::new()
                        .with_parse_error_status(409)
                        .with_abort_on_parse_error(true),
                )
                .route(URI, web::post().to(handler)),
        )
        .await;
        assert_eq!(
            send!(&app, &request),
            (
                StatusCode::CONFLICT,
                Some("abort-message".into()),
                "unprocessable webhook payload".into()
            )
        );
        // Verification failures are unaffected.
        assert_eq!(
            send!(&app, &request.clone().tampered()).0,
            StatusCode::BAD_REQUEST
        );

        // As web::Data, too.
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .app_data(web::Data::new(
                    ClerkWebhookConfig::new().with_parse_error_status(200),
                ))
                .route(URI, web::post().to(handler)),
        )
        .await;
        assert_eq!(send!(&app, &request).0, StatusCode::OK);
    });
}

#[test]
fn a_missing_verifier_is_a_500_and_an_oversized_body_a_413() {
    run(async {
        let signer = Signer::default();
        let request = signer.sign_now("msg_1", testing::sample_body("user.created").unwrap());

        let app = test::init_service(App::new().route(URI, web::post().to(handler))).await;
        assert_eq!(
            send!(&app, &request),
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                "webhook verifier not configured".into()
            )
        );

        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .app_data(web::PayloadConfig::new(64))
                .route(URI, web::post().to(handler)),
        )
        .await;
        assert_eq!(
            send!(&app, &request),
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                None,
                "webhook body too large".into()
            )
        );
    });
}

#[test]
fn the_rejection_can_be_handled_by_the_application() {
    async fn logging(delivery: Result<ClerkWebhook, ClerkWebhookRejection>) -> HttpResponse {
        let text = match delivery {
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
        };
        HttpResponse::Ok().body(text)
    }
    run(async {
        let signer = Signer::default();
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .route(URI, web::post().to(logging)),
        )
        .await;
        let (_, _, body) = send!(&app, &signer.sign_now("msg_1", unparseable()).tampered());
        assert!(
            body.starts_with("forged: no matching webhook signature"),
            "{body}"
        );
        let (_, _, body) = send!(&app, &signer.sign_now("msg_2", unparseable()));
        assert_eq!(body, "parse 422 at data.id");
    });
}

/// Unhandled kinds are answered 204 with an empty body; the verify-error and not-configured
/// statuses follow the configuration.
#[test]
fn unhandled_kinds_and_configured_statuses() {
    run(async {
        let signer = Signer::default();
        let config = ClerkWebhookConfig::new()
            .with_handled_kinds([clerk_webhooks::EventKind::UserCreated])
            .with_verify_error_status(401)
            .with_not_configured_status(503);
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(signer.webhook().clone()))
                .app_data(config)
                .route(URI, web::post().to(handler)),
        )
        .await;
        let role: &[u8] =
            br#"{"data":{"object":"role","id":42},"object":"event","type":"role.created"}"#;
        let unhandled = signer.sign_now("msg_1", role);
        let (status, abort, body) = send!(&app, &unhandled);
        assert_eq!(
            (status, abort, body.as_str()),
            (StatusCode::NO_CONTENT, None, "")
        );
        let user = signer.sign_now("msg_2", testing::sample_body("user.created").unwrap());
        assert_eq!(send!(&app, &user).0, StatusCode::OK);
        assert_eq!(
            send!(&app, &user.clone().tampered()).0,
            StatusCode::UNAUTHORIZED
        );

        let unconfigured = test::init_service(
            App::new()
                .app_data(config)
                .route(URI, web::post().to(handler)),
        )
        .await;
        let (status, _, body) = send!(&unconfigured, &user);
        assert_eq!(
            (status, body.as_str()),
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "webhook verifier not configured"
            )
        );
    });
}
