//! The HTTP side of one receiver: an axum router whose webhook handler applies each verified
//! delivery through the ledger.

use super::store::{Mode, Store};
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::{VerifiedEvent, Webhook};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One receiver's state: the verifier, its own pool, and a count of database errors.
#[derive(Clone)]
pub struct AppState {
    pub webhook: Webhook,
    pub store: Store,
    pub mode: Mode,
    /// Database errors answered `503`.
    pub errors: Arc<AtomicU64>,
    /// Print each database error (its kind, never a value) to stderr.
    pub log_errors: bool,
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

/// Applies a verified delivery (forged ones were answered `400`, unparseable ones `422`, by
/// the extractor, before any database work). Every delivery handled is answered `200` with the
/// claim (`apply`, `duplicate` or `stale`): a non-`2xx` would make Svix retry it. Any database
/// error is a `503`: the transaction rolled back, claim included, so Svix's retry applies it
/// from scratch.
async fn clerk_webhook(
    State(state): State<AppState>,
    ClerkWebhook(delivery): ClerkWebhook,
) -> (StatusCode, &'static str) {
    answer(&state, &delivery).await
}

/// The handler's work once a delivery is verified: the transaction, and the answer.
pub async fn answer(state: &AppState, delivery: &VerifiedEvent) -> (StatusCode, &'static str) {
    match state.store.apply(delivery, state.mode).await {
        Ok(claim) => (StatusCode::OK, claim.as_str()),
        Err(err) => {
            state.errors.fetch_add(1, Ordering::Relaxed);
            if state.log_errors {
                // The error's kind and the delivery id only: no row values in the log.
                eprintln!("[{}] database error: {}", delivery.message_id, kind(&err));
            }
            (StatusCode::SERVICE_UNAVAILABLE, "database error")
        }
    }
}

/// A database error's kind, without its message (which can quote values).
fn kind(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(database) => {
            format!("code {}", database.code().as_deref().unwrap_or("?"))
        }
        sqlx::Error::Io(io) => format!("I/O ({:?})", io.kind()),
        sqlx::Error::PoolTimedOut => "pool timed out".into(),
        sqlx::Error::Protocol(_) => "protocol".into(),
        _ => "other".into(),
    }
}
