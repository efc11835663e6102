//! `clerk-webhooks`: send, receive, verify and inspect Clerk webhook deliveries, offline.
//!
//! Built with the `cli` feature (`cargo install clerk-webhooks --features cli`). Every command
//! has `--help` with an example. The signing secret comes from `--secret` or from
//! `CLERK_WEBHOOK_SIGNING_SECRET`, and is never printed.
//!
//! Exit status: 0 when the command did what it checks (every answer as expected, the delivery
//! verified, no drift under `--strict`); 1 when it ran but the check failed; 2 for bad input or
//! usage, with a one-line `error:` message on stderr.

mod delivery_file;
mod inspect;
mod listen;
mod output;
mod samples;
mod send;
mod signing_secret;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Send, receive, verify and inspect Clerk webhook deliveries, offline.
#[derive(Parser)]
#[command(
    name = "clerk-webhooks",
    version,
    after_help = "Examples:\n  \
        clerk-webhooks listen --port 8787\n  \
        clerk-webhooks send --all --to http://127.0.0.1:8787/\n  \
        clerk-webhooks inspect saved-body.json --strict\n\n\
        The secret comes from --secret or CLERK_WEBHOOK_SIGNING_SECRET and is never printed.\n\
        Exit status: 0 check passed, 1 check failed, 2 bad input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign sample (or your own) bodies exactly as Svix does and POST them.
    Send(send::Args),
    /// Receive deliveries on a local port, verify each, and print one line per delivery.
    Listen(listen::Args),
    /// Check whether a saved delivery verifies, and say why not.
    Verify(verify::Args),
    /// Print a body's event type, resource id, typed payload and drift report.
    Inspect(inspect::Args),
    /// List the event types with a sample body, or print one sample.
    Samples(samples::Args),
}

/// What a command ends with: the check passed or failed, or it could not run (the message is
/// one line, printed after `error: `).
pub(crate) type Outcome = Result<Checked, String>;

/// The result of a command that ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Checked {
    /// Everything the command checks held.
    Passed,
    /// The command ran, and something it checks did not hold.
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Send(args) => send::run(args),
        Command::Listen(args) => listen::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Samples(args) => samples::run(args),
    };
    match outcome {
        Ok(Checked::Passed) => ExitCode::SUCCESS,
        Ok(Checked::Failed) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
