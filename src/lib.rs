#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
pub mod events;
mod headers;
mod secret;
mod verify;
mod webhook;

pub use error::{Error, ParseError, ParseErrorCategory, SecretError, VerifyError};
pub use events::{ClerkEvent, WebhookEvent};
pub use headers::HeaderSource;
pub use verify::{Verified, VerifiedEvent, MAX_SIGNATURE_ENTRIES};
pub use webhook::{Webhook, DEFAULT_TOLERANCE, SECRET_ENV_VAR, SECRET_ENV_VAR_FALLBACK};
