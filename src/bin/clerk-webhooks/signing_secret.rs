//! The `--secret` argument every signing or verifying command takes.

use clerk_webhooks::{Webhook, SECRET_ENV_VAR};

/// The endpoint's signing secret, from `--secret` or the environment. Never printed: clap is
/// told to hide the environment value in `--help`, and errors name only the source.
#[derive(clap::Args)]
pub(crate) struct SecretArg {
    /// The endpoint's signing secret (`whsec_…`), as shown in the Clerk dashboard. Prefer the
    /// environment variable: a flag is visible to other users in the process list.
    #[arg(long, value_name = "WHSEC", env = SECRET_ENV_VAR, hide_env_values = true)]
    secret: Option<String>,
}

impl SecretArg {
    /// The verifier for the secret.
    pub(crate) fn webhook(&self) -> Result<Webhook, String> {
        let secret = self
            .secret
            .as_deref()
            .ok_or_else(|| format!("no signing secret: pass --secret or set {SECRET_ENV_VAR}"))?;
        Webhook::new(secret).map_err(|err| format!("the signing secret is not valid: {err}"))
    }
}
