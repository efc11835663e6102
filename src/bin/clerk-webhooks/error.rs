//! [`CliError`]: why a command could not run (exit status 2).

use std::path::PathBuf;

use clerk_webhooks::{ParseError, SecretError};

/// Why a command could not run. `main` prints it on one line after `error: `, followed by its
/// [`source`](std::error::Error::source) chain, and exits with status 2.
///
/// No message contains the signing secret: secret errors name only where the secret came from.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// Neither `--secret` nor either environment variable holds a secret.
    #[error(
        "no signing secret: pass --secret or set CLERK_WEBHOOK_SIGNING_SECRET (or CLERK_WEBHOOK_SECRET)"
    )]
    NoSecret,
    /// The secret read from the environment was rejected (the source names the variable).
    #[error("the signing secret is not valid")]
    InvalidSecret(#[source] SecretError),
    /// The secret given with `--secret` was rejected.
    #[error("the signing secret given with --secret is not valid")]
    InvalidSecretArg(#[source] SecretError),
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Standard input could not be read.
    #[error("cannot read stdin")]
    ReadStdin(#[source] std::io::Error),
    /// `listen --save`'s directory could not be created.
    #[error("cannot create {}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `listen` could not bind its address.
    #[error("cannot listen on {address}")]
    Listen {
        /// `host:port` as given.
        address: String,
        /// Why.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// `inspect` was given something that does not parse as a Clerk webhook body.
    #[error("{name} is not a Clerk webhook body")]
    NotABody {
        /// The file name as given (`-` for stdin).
        name: String,
        /// Why it does not parse (redacted: no payload value).
        source: ParseError,
    },
    /// `verify --delivery` was given a file that is not a delivery file.
    #[error("{} is not a delivery file (a JSON object with `headers` and `body`)", path.display())]
    NotADeliveryFile {
        /// The file.
        path: PathBuf,
    },
    /// A delivery file's `body_base64` does not decode.
    #[error("the delivery file's body_base64 is not valid base64")]
    DeliveryBodyBase64(#[source] base64::DecodeError),
    /// A delivery file has neither `body` nor `body_base64`.
    #[error("the delivery file has no body")]
    DeliveryWithoutBody,
    /// `verify` was given neither form of input.
    #[error("pass --delivery FILE, or --body FILE with --id, --timestamp and --signature")]
    NoDelivery,
    /// `verify --at` is outside the representable range.
    #[error("--at {seconds} is not a representable time")]
    UnrepresentableTime {
        /// The value given.
        seconds: i64,
    },
    /// `send --to` is not an HTTP URL.
    #[error("--to `{url}` is not an http:// URL")]
    NotHttpUrl {
        /// The value given.
        url: String,
    },
    /// No sample body exists for an event type.
    #[error("no sample for \"{event_type}\"; `clerk-webhooks samples` lists the types")]
    NoSample {
        /// The type asked for.
        event_type: String,
    },
    /// `send` had nothing to send.
    #[error("nothing to send")]
    NothingToSend,
    /// Every request `send` made failed before an answer. The transport error's message
    /// already carries its cause, so it is part of this message rather than a source.
    #[error("could not reach the receiver: {0}")]
    Unreachable(Box<ureq::Transport>),
    /// A JSON line could not be written.
    #[error("cannot serialize the JSON output")]
    Serialize(#[source] serde_json::Error),
}

impl CliError {
    /// The message and its source chain on one line, joined by `: `.
    pub(crate) fn one_line(&self) -> String {
        let mut line = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(err) = source {
            line.push_str(": ");
            line.push_str(&err.to_string());
            source = err.source();
        }
        line.replace(['\n', '\r'], " ")
    }
}
