//! `clerk-webhooks`: send, receive, verify and inspect Clerk webhook deliveries, offline.
//!
//! Built with the `cli` feature (`cargo install clerk-webhooks --features cli`). Every command
//! has `--help` with an example. The signing secret comes from `--secret`, or else from the
//! environment exactly as [`Webhook::from_env`](clerk_webhooks::Webhook::from_env) reads it
//! (`CLERK_WEBHOOK_SIGNING_SECRET`, then `CLERK_WEBHOOK_SECRET`; several secrets separated by
//! whitespace during a rotation), and is never printed.
//!
//! Exit status: 0 when the command did what it checks (every answer as expected, the delivery
//! verified, no drift under `--strict`); 1 when it ran but the check failed; 2 for bad input or
//! usage, with a one-line `error:` message on stderr.
//!
//! **JSON output is a format.** `--json` output is written from `Serialize` structs with
//! snake_case field names; every field is always present (`null` when it has no value), and a
//! field keeps its name, type and meaning within 0.x (fields may be added). Each command's
//! `--help` (the long form, not `-h`) lists its fields, once: `send`, `listen`, `verify` and
//! `inspect` write objects (`send` and `listen` one per line), `samples --json` an array of
//! strings. `tests/cli.rs` checks every documented field against real output.

mod delivery_file;
mod error;
mod error_code;
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
        The secret comes from --secret, or else CLERK_WEBHOOK_SIGNING_SECRET, or else\n\
        CLERK_WEBHOOK_SECRET (several, separated by spaces, during a rotation); it is never printed.\n\
        Exit status: 0 check passed, 1 check failed, 2 bad input.\n\
        With --json, a command prints JSON; its --help lists the fields."
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

/// What a command ends with: the check passed or failed, or it could not run (printed on one
/// line after `error: `).
pub(crate) type Outcome = Result<Checked, error::CliError>;

/// A command's long `--help` epilogue: its examples, then its JSON fields.
pub(crate) fn long_help(examples: &str, json_fields: &str) -> String {
    format!("{examples}\n\n{json_fields}")
}

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
        Err(err) => {
            eprintln!("error: {}", err.one_line());
            ExitCode::from(2)
        }
    }
}
