//! The Rocket data guard and its catcher, driven through Rocket's asynchronous local client.

use clerk_webhooks::rocket::{
    ClerkWebhook, ClerkWebhookConfig, ClerkWebhookRejection, RejectionKind,
};
use clerk_webhooks::testing::{self, SignedRequest, Signer};
use clerk_webhooks::VerifyError;
use rocket::figment::Figment;
use rocket::http::Status;
use rocket::local::asynchronous::Client;
use rocket::{post, routes, Build, Rocket};
use std::time::Duration;
use time::OffsetDateTime;

const URI: &str = "/webhooks/clerk";

#[post("/webhooks/clerk", data = "<delivery>")]
fn handler(delivery: ClerkWebhook) -> String {
    format!("{} {}", delivery.event.event_type(), delivery.message_id)
}

#[post("/webhooks/clerk", data = "<delivery>")]
fn logging(delivery: Result<ClerkWebhook, ClerkWebhookRejection>) -> String {
    match delivery {
        Ok(delivery) => format!("ok {}", delivery.message_id),
        Err(rejection) => match rejection.kind() {
            RejectionKind::Verify(VerifyError::InvalidSignature) => format!("forged: {rejection}"),
            RejectionKind::Parse(error) => {
                format!("parse {} at {}", rejection.status(), error.path())
            }
            other => format!("other {other:?}"),
        },
    }
}

/// A quiet Rocket (no launch banner in the test output), with extra configuration.
fn rocket_with(config: Figment) -> Rocket<Build> {
    let figment = rocket::Config::figment()
        .merge(("log_level", "off"))
        .merge(config);
    rocket::custom(figment)
}

/// The application as a user sets it up: the webhook managed, the guard's catcher registered
/// at its path.
fn app(signer: &Signer) -> Rocket<Build> {
    rocket_with(Figment::new())
        .manage(signer.webhook().clone())
        .mount("/", routes![handler])
        .register(URI, clerk_webhooks::rocket::catchers())
}

async fn client(rocket: Rocket<Build>) -> Client {
    Client::untracked(rocket).await.expect("a valid Rocket")
}

/// The status, the `webhook-delivery` header and the body of the answer.
async fn send(client: &Client, request: &SignedRequest) -> (u16, Option<String>, String) {
    let response = request.to_rocket_request(client, URI).dispatch().await;
    let status = response.status().code;
    let abort = response
        .headers()
        .get_one("webhook-delivery")
        .map(str::to_owned);
    let body = response.into_string().await.unwrap_or_default();
    (status, abort, body)
}

fn unparseable() -> &'static [u8] {
    br#"{"data":{"object":"user","id":42},"object":"event","type":"user.created"}"#
}

#[rocket::async_test]
async fn good_tampered_stale_and_unsigned_deliveries() {
    let signer = Signer::default();
    let client = client(app(&signer)).await;
    let body = testing::sample_body("user.created").unwrap();

    let good = signer.sign_now("msg_good", body);
    assert_eq!(
        send(&client, &good).await,
        (200, None, "user.created msg_good".into())
    );

    let tampered = good.clone().tampered();
    assert_eq!(
        send(&client, &tampered).await,
        (400, None, "invalid webhook signature".into())
    );

    let stale = signer.sign(
        "msg_1",
        body,
        OffsetDateTime::now_utc() - Duration::from_secs(600),
    );
    assert_eq!(
        send(&client, &stale).await,
        (
            400,
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
        send(&client, &unsigned).await,
        (400, None, "missing webhook header svix-id".into())
    );

    // The Standard Webhooks header names are accepted as well.
    let renamed = signer.sign_now("msg_std", body);
    let mut standard = renamed.clone();
    standard.headers = renamed
        .headers
        .iter()
        .map(|(name, value)| (name.replace("svix-", "webhook-"), value.clone()))
        .collect();
    assert_eq!(send(&client, &standard).await.0, 200);
}

#[rocket::async_test]
async fn every_sample_type_is_extracted() {
    let signer = Signer::default();
    let client = client(app(&signer)).await;
    let mut count = 0;
    for (ty, body) in testing::samples() {
        let (status, _, text) = send(&client, &signer.sign_now("msg_1", body)).await;
        assert_eq!(status, 200, "{ty}");
        assert_eq!(text, format!("{ty} msg_1"));
        count += 1;
    }
    assert_eq!(count, clerk_webhooks::EventKind::ALL.len());
}

#[rocket::async_test]
async fn a_verified_but_unparseable_body_gets_the_configured_status() {
    let signer = Signer::default();
    let request = signer.sign_now("msg_bad", unparseable());

    let client1 = client(app(&signer)).await;
    assert_eq!(
        send(&client1, &request).await,
        (422, None, "unprocessable webhook payload".into())
    );

    let configured = app(&signer).manage(
        ClerkWebhookConfig::new()
            .with_parse_error_status(409)
            .with_abort_on_parse_error(true),
    );
    let client2 = client(configured).await;
    assert_eq!(
        send(&client2, &request).await,
        (
            409,
            Some("abort-message".into()),
            "unprocessable webhook payload".into()
        )
    );
    // Verification failures are unaffected by the configuration.
    assert_eq!(
        send(&client2, &request.clone().tampered()).await,
        (400, None, "invalid webhook signature".into())
    );

    // A 2xx status acknowledges (and drops) the delivery: the handler never runs.
    let acknowledged = app(&signer).manage(ClerkWebhookConfig::new().with_parse_error_status(200));
    let client3 = client(acknowledged).await;
    assert_eq!(
        send(&client3, &request).await,
        (200, None, "unprocessable webhook payload".into())
    );
}

#[rocket::async_test]
async fn a_missing_verifier_is_a_500_and_an_oversized_body_a_413() {
    let signer = Signer::default();
    let request = signer.sign_now("msg_1", testing::sample_body("user.created").unwrap());

    let unconfigured = rocket_with(Figment::new())
        .mount("/", routes![handler])
        .register(URI, clerk_webhooks::rocket::catchers());
    assert_eq!(
        send(&client(unconfigured).await, &request).await,
        (500, None, "webhook verifier not configured".into())
    );

    let limited = rocket_with(Figment::new().merge(("limits.clerk-webhook", 64)))
        .manage(signer.webhook().clone())
        .mount("/", routes![handler])
        .register(URI, clerk_webhooks::rocket::catchers());
    let client = client(limited).await;
    assert_eq!(
        send(&client, &request).await,
        (413, None, "webhook body too large".into())
    );
    // A body exactly at the limit is read whole: the limit is not off by one.
    let small = br#"{"type":"role.created","data":{"id":"role_1"}}"#;
    let padded = [&small[..], &b" ".repeat(64 - small.len())].concat();
    assert_eq!(padded.len(), 64);
    assert_eq!(
        send(&client, &signer.sign_now("msg_2", padded)).await.0,
        200
    );
}

#[rocket::async_test]
async fn the_default_limit_admits_large_bodies_and_is_documented() {
    assert_eq!(clerk_webhooks::rocket::DEFAULT_LIMIT, 256 * 1024);
    assert_eq!(clerk_webhooks::rocket::LIMIT_NAME, "clerk-webhook");
    let signer = Signer::default();
    let client = client(app(&signer)).await;
    // 100 KiB of metadata: over Rocket's own 8 KiB `bytes` limit, under ours.
    let big = format!(
        r#"{{"type":"user.updated","data":{{"id":"user_1","public_metadata":{{"note":"{}"}}}}}}"#,
        "x".repeat(100 * 1024)
    );
    assert_eq!(
        send(&client, &signer.sign_now("msg_big", big.clone()))
            .await
            .0,
        200
    );
    let too_big = format!(
        r#"{{"type":"user.updated","data":{{"id":"user_1","public_metadata":{{"note":"{}"}}}}}}"#,
        "x".repeat(300 * 1024)
    );
    assert_eq!(
        send(&client, &signer.sign_now("msg_big", too_big)).await.0,
        413
    );
}

#[rocket::async_test]
async fn without_the_catcher_the_status_is_right_and_the_body_is_rockets() {
    let signer = Signer::default();
    let rocket = rocket_with(Figment::new())
        .manage(signer.webhook().clone())
        .mount("/", routes![handler]);
    let client = client(rocket).await;
    let (status, _, body) = send(&client, &signer.sign_now("msg_1", unparseable())).await;
    assert_eq!(status, 422);
    assert!(body.contains("Unprocessable Entity"), "{body}");
    assert!(
        !body.contains("\"id\"") && !body.contains("data.id"),
        "{body}"
    );
    let (status, _, body) =
        send(&client, &signer.sign_now("msg_1", unparseable()).tampered()).await;
    assert_eq!(status, 400);
    assert!(
        !body.contains("signature"),
        "Rocket's own catcher answered: {body}"
    );
}

#[rocket::async_test]
async fn the_catcher_answers_other_errors_under_its_path_plainly() {
    let signer = Signer::default();
    let client = client(app(&signer)).await;
    let response = client.get(URI).dispatch().await;
    assert_eq!(response.status(), Status::NotFound);
    assert_eq!(response.into_string().await.as_deref(), Some("Not Found"));
}

#[rocket::async_test]
async fn the_rejection_can_be_handled_by_the_application() {
    let signer = Signer::default();
    let rocket = rocket_with(Figment::new())
        .manage(signer.webhook().clone())
        .mount("/", routes![logging]);
    let client = client(rocket).await;
    let (status, _, body) =
        send(&client, &signer.sign_now("msg_1", unparseable()).tampered()).await;
    assert_eq!(status, 200);
    assert!(
        body.starts_with("forged: no matching webhook signature"),
        "{body}"
    );
    let (_, _, body) = send(&client, &signer.sign_now("msg_2", unparseable())).await;
    assert_eq!(body, "parse 422 at data.id");
    let (_, _, body) = send(
        &client,
        &signer.sign_now("msg_3", testing::sample_body("user.created").unwrap()),
    )
    .await;
    assert_eq!(body, "ok msg_3");
}

#[rocket::async_test]
async fn the_rejection_is_a_responder_with_the_abort_header() {
    #[post("/webhooks/clerk", data = "<delivery>")]
    fn answer(
        delivery: Result<ClerkWebhook, ClerkWebhookRejection>,
    ) -> Result<Status, ClerkWebhookRejection> {
        delivery.map(|_| Status::NoContent)
    }
    let signer = Signer::default();
    let rocket = rocket_with(Figment::new())
        .manage(signer.webhook().clone())
        .manage(ClerkWebhookConfig::new().with_abort_on_parse_error(true))
        .mount("/", routes![answer]);
    let client = client(rocket).await;
    let response = signer
        .sign_now("msg_1", unparseable())
        .to_rocket_request(&client, URI)
        .dispatch()
        .await;
    assert_eq!(response.status().code, 422);
    assert_eq!(
        response.headers().get_one("webhook-delivery"),
        Some("abort-message")
    );
    assert_eq!(
        response.content_type(),
        Some(rocket::http::ContentType::Plain)
    );
    assert_eq!(
        response.into_string().await.as_deref(),
        Some("unprocessable webhook payload")
    );
    let ok = signer.sign_now("msg_2", testing::sample_body("user.created").unwrap());
    assert_eq!(send(&client, &ok).await.0, 204);
}

/// A kind the handler does not handle is answered 204 with an empty body through the catcher,
/// and a forgery with the configured status.
#[rocket::async_test]
async fn unhandled_kinds_and_the_configured_verify_status() {
    let signer = Signer::default();
    let config = ClerkWebhookConfig::new()
        .with_handled_kinds([clerk_webhooks::EventKind::UserCreated])
        .with_verify_error_status(401);
    let client = client(app(&signer).manage(config)).await;
    let user = signer.sign_now("msg_1", testing::sample_body("user.created").unwrap());
    assert_eq!(
        send(&client, &user).await,
        (200, None, "user.created msg_1".to_owned())
    );
    let role: &[u8] =
        br#"{"data":{"object":"role","id":42},"object":"event","type":"role.created"}"#;
    let unhandled = signer.sign_now("msg_2", role);
    assert_eq!(send(&client, &unhandled).await, (204, None, String::new()));
    let forged = signer.sign_now("msg_3", role).tampered();
    assert_eq!(
        send(&client, &forged).await,
        (401, None, "invalid webhook signature".to_owned())
    );
}
