//! The axum extractor impls, written once for every supported axum version.
//!
//! `axum` (0.8) and `axum07` (0.7) differ only in the trait machinery: 0.7's `FromRequest` is
//! an `#[async_trait]` trait, 0.8's uses native `async fn`. The bodies are the same, so the
//! macro below writes them for the crate path it is given, and the shared steps
//! (`crate::extractor::extract` and `rejected`) stay framework-independent.

/// Implements `FromRequest` for [`ClerkWebhook`](crate::extractor::ClerkWebhook) (the
/// `Webhook` from the router state through `FromRef`) and for
/// [`ClerkWebhookFromExtension`](crate::extractor::ClerkWebhookFromExtension) (the `Webhook`
/// from a request extension), and `IntoResponse` for the rejection, for the axum crate named
/// `$axum`. The optional attribute goes on each `FromRequest` impl (`#[async_trait]` for 0.7).
macro_rules! axum_extractors {
    ($axum:ident $(, #[$trait_attr:meta])?) => {
        mod extractor_impls {
            use crate::extractor::{
                ClerkWebhook, ClerkWebhookConfig, ClerkWebhookFromExtension,
                ClerkWebhookRejection,
            };
            use crate::verified_event::VerifiedEvent;
            use crate::webhook::Webhook;
            use ::$axum::body::Bytes;
            use ::$axum::extract::{FromRef, FromRequest, Request};
            use ::$axum::http::{header, HeaderValue, StatusCode};
            use ::$axum::response::{IntoResponse, Response};

            $(#[$trait_attr])?
            impl<S> FromRequest<S> for ClerkWebhook
            where
                Webhook: FromRef<S>,
                S: Send + Sync,
            {
                type Rejection = ClerkWebhookRejection;

                async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
                    let webhook = Webhook::from_ref(state);
                    verify_and_parse(&webhook, req, state).await.map(ClerkWebhook)
                }
            }

            $(#[$trait_attr])?
            impl<S: Send + Sync> FromRequest<S> for ClerkWebhookFromExtension {
                type Rejection = ClerkWebhookRejection;

                async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
                    // `Webhook` is an `Arc` of the keys: the clone allocates nothing.
                    let Some(webhook) = req.extensions().get::<Webhook>().cloned() else {
                        return Err(crate::extractor::rejected(
                            ClerkWebhookRejection::not_configured(config(&req)),
                            req.headers(),
                        ));
                    };
                    verify_and_parse(&webhook, req, state)
                        .await
                        .map(ClerkWebhookFromExtension)
                }
            }

            /// Reads the body and runs the shared extractor steps: what both extractors do
            /// once they hold a `Webhook`.
            async fn verify_and_parse<S: Send + Sync>(
                webhook: &Webhook,
                mut req: Request,
                state: &S,
            ) -> Result<VerifiedEvent, ClerkWebhookRejection> {
                let config = config(&req);
                // The body extractor does not look at the headers, so they are moved out,
                // not cloned.
                let headers = std::mem::take(req.headers_mut());
                let body = Bytes::from_request(req, state).await.map_err(|rejection| {
                    crate::extractor::rejected(
                        ClerkWebhookRejection::read_body(
                            rejection.status().as_u16(),
                            rejection.body_text(),
                        ),
                        &headers,
                    )
                })?;
                crate::extractor::extract(webhook, config, &body, &headers)
            }

            /// The configuration from the request extensions, or the defaults.
            fn config(req: &Request) -> ClerkWebhookConfig {
                req.extensions()
                    .get::<ClerkWebhookConfig>()
                    .copied()
                    .unwrap_or_default()
            }

            impl IntoResponse for ClerkWebhookRejection {
                fn into_response(self) -> Response {
                    let status = StatusCode::from_u16(self.status())
                        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                    let reason = self.reason();
                    let mut response = (status, reason).into_response();
                    let headers = response.headers_mut();
                    if reason.is_empty() {
                        headers.remove(header::CONTENT_TYPE);
                    } else {
                        headers.insert(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("text/plain; charset=utf-8"),
                        );
                    }
                    if self.aborts_delivery() {
                        let (name, value) = crate::delivery::abort_header();
                        headers.insert(name, value);
                    }
                    response
                }
            }
        }
    };
}

pub(crate) use axum_extractors;
