//! The Lambda example's handler, called with requests signed by the test kit, as
//! `lambda_http` would pass them: no AWS, no network.

use clerk_webhooks::testing::{self, Signer, TEST_SECRET};
use clerk_webhooks_suite::lambda::handle;
use lambda_http::{Body, Request};

fn request(signed: testing::SignedRequest) -> Request {
    signed.into_http_request::<Body>("/")
}

fn text(body: &Body) -> &str {
    std::str::from_utf8(body).unwrap()
}

#[tokio::test]
async fn every_signed_sample_is_answered_204() {
    let signer = Signer::default();
    for event_type in testing::SAMPLE_EVENT_TYPES {
        let signed = signer.sign_now("msg_lambda", testing::sample_body(event_type).unwrap());
        let response = handle(signer.webhook(), request(signed)).await.unwrap();
        assert_eq!(response.status(), 204, "{event_type}");
    }
}

#[tokio::test]
async fn failures_answer_with_the_errors_status_and_public_reason_only() {
    let signer = Signer::default();
    let tampered = signer
        .sign_now("msg_l1", testing::sample_body("user.created").unwrap())
        .tampered();
    let response = handle(signer.webhook(), request(tampered)).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(text(response.body()), "invalid webhook signature");

    let unsigned = signer
        .sign_now("msg_l2", testing::sample_body("user.created").unwrap())
        .without_header("svix-signature");
    assert_eq!(
        handle(signer.webhook(), request(unsigned))
            .await
            .unwrap()
            .status(),
        400
    );

    let secret_value = "ada-secret@example.com";
    let body = format!(
        r#"{{"type":"user.created","data":{{"id":"user_1","email_addresses":"{secret_value}"}}}}"#
    );
    let unparseable = signer.sign_now("msg_l3", body.into_bytes());
    let response = handle(signer.webhook(), request(unparseable))
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let answer = text(response.body());
    assert!(
        !answer.contains(secret_value) && !answer.contains(TEST_SECRET),
        "{answer}"
    );
}
