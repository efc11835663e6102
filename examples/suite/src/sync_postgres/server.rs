//! The HTTP side of one receiver: an axum router whose webhook handler applies each verified
//! delivery to the shared database.

use super::store::Store;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::Webhook;

/// One receiver's state: the verifier and its own pool.
#[derive(Clone)]
pub struct AppState {
    pub webhook: Webhook,
    pub store: Store,
}

/// Lets the `ClerkWebhook` extractor find the verifier in the state.
impl FromRef<AppState> for Webhook {
    fn from_ref(state: &AppState) -> Webhook {
        state.webhook.clone()
    }
}

/// The webhook route. In a real application, mount it outside any authentication layer: the
/// signature is its authentication.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/webhooks/clerk", post(clerk_webhook))
        .with_state(state)
}

/// Applies a verified delivery (forged ones were answered `400` and unparseable ones `422` by
/// the extractor, before any database work). The answer is `200` with the outcome for every
/// delivery that was handled, duplicates and stale updates included: a non-2xx would make Svix
/// retry them forever. A database error is a `500`, which Svix retries; the transaction rolled
/// back, dedupe marker included, so the retry is applied from scratch.
async fn clerk_webhook(
    State(state): State<AppState>,
    ClerkWebhook(delivery): ClerkWebhook,
) -> (StatusCode, String) {
    match state.store.apply(&delivery).await {
        Ok(outcome) => (StatusCode::OK, outcome.to_string()),
        Err(err) => {
            // The SQLSTATE and the delivery id only: no row values in the log.
            eprintln!("[{}] {err}", delivery.message_id);
            (StatusCode::INTERNAL_SERVER_ERROR, "database error".into())
        }
    }
}
