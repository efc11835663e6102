//! `clerk-webhooks samples`: the event types with a sample body, and the samples themselves.

use clerk_webhooks::testing;

use crate::error::CliError;
use crate::{output, Checked, Outcome};

/// List the event types with a sample body, or print one sample.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    clerk-webhooks samples\n  \
    clerk-webhooks samples user.created > user.created.json\n\n\
    JSON output (--json): an array of the event types, as strings.")]
pub(crate) struct Args {
    /// The event type whose sample body to print, exactly as `send` signs it.
    #[arg(value_name = "EVENT_TYPE")]
    event_type: Option<String>,
    /// List the types as a JSON array.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> Outcome {
    match args.event_type {
        Some(event_type) => {
            let body =
                testing::sample_body(&event_type).ok_or(CliError::NoSample { event_type })?;
            output::bytes(body);
            if !body.ends_with(b"\n") {
                output::bytes(b"\n");
            }
        }
        None if args.json => {
            output::json(&testing::SAMPLE_EVENT_TYPES)?;
        }
        None => {
            for event_type in testing::SAMPLE_EVENT_TYPES {
                output::line(event_type);
            }
        }
    }
    Ok(Checked::Passed)
}
