//! clerk-webhooks (crate docs are written with the verification core).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
pub mod events;

pub use error::{Error, ParseError, ParseErrorCategory, SecretError, VerifyError};
pub use events::{ClerkEvent, WebhookEvent};
