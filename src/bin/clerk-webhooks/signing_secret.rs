//! The `--secret` argument every signing or verifying command takes, and the environment
//! variables it falls back to.

use clerk_webhooks::{SecretError, Webhook};

use crate::error::CliError;

/// The endpoint's signing secret: `--secret`, or else the environment, read by
/// [`Webhook::from_env`] exactly as a receiver reads it. Never printed: errors name only where
/// the secret came from.
#[derive(clap::Args)]
pub(crate) struct SecretArg {
    /// The endpoint's signing secret (`whsec_…`), as shown in the Clerk dashboard; several,
    /// separated by spaces, during a rotation (the first signs). Without it, the secret comes
    /// from CLERK_WEBHOOK_SIGNING_SECRET, or else CLERK_WEBHOOK_SECRET, read the same way.
    /// Prefer the environment: a flag is visible to other users in the process list.
    #[arg(long, value_name = "WHSEC")]
    secret: Option<String>,
}

impl SecretArg {
    /// The verifier for the secret: `--secret` when given, else the environment.
    pub(crate) fn webhook(&self) -> Result<Webhook, CliError> {
        match self.secret.as_deref() {
            // The rotation list `from_env` accepts, in the same form.
            Some(value) => {
                let secrets: Vec<&str> = value.split_whitespace().collect();
                match secrets.as_slice() {
                    [single] => Webhook::new(single),
                    [] => Webhook::new(value),
                    _ => Webhook::with_secrets(secrets),
                }
                .map_err(CliError::InvalidSecretArg)
            }
            None => Webhook::from_env().map_err(|err| match err {
                SecretError::NotSet => CliError::NoSecret,
                other => CliError::InvalidSecret(other),
            }),
        }
    }
}
