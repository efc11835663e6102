//! The HTTP side: an axum router whose webhook handler applies each verified delivery to the
//! store.

use super::store::Store;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::Webhook;
use std::sync::{Arc, Mutex};

/// The application state: the verifier and the database.
#[derive(Clone)]
pub struct AppState {
    pub webhook: Webhook,
    pub store: Arc<Mutex<Store>>,
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

/// Applies a verified delivery. The answer is `200` with the outcome for every delivery that
/// was handled, duplicates and stale updates included: a non-2xx would make Svix retry them
/// forever. A database error is a `500`, which Svix retries, and since the transaction rolled
/// back (dedupe marker included) the retry is applied from scratch.
async fn clerk_webhook(
    State(state): State<AppState>,
    ClerkWebhook(delivery): ClerkWebhook,
) -> (StatusCode, String) {
    let store = state.store.clone();
    let result = tokio::task::spawn_blocking(move || {
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        store.apply(&delivery)
    })
    .await;
    match result {
        Ok(Ok(outcome)) => (StatusCode::OK, outcome.to_string()),
        Ok(Err(err)) => {
            eprintln!("database error: {err}");
            (StatusCode::INTERNAL_SERVER_ERROR, "database error".into())
        }
        Err(err) => {
            eprintln!("handler panicked: {err}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
        }
    }
}
