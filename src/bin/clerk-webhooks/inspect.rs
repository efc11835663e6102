//! `clerk-webhooks inspect`: what the crate makes of a body, and what it does not model.

use std::path::PathBuf;

use clerk_webhooks::drift::DriftReport;
use clerk_webhooks::WebhookEvent;
use serde::Serialize;

use crate::delivery_file::DeliveryFile;
use crate::error::CliError;
use crate::{long_help, output, Checked, Outcome};

const EXAMPLES: &str = "Examples:\n  \
    clerk-webhooks inspect body.json\n  \
    clerk-webhooks inspect saved/0001-msg_2ZR.json --strict   # exit 1 on any drift\n  \
    clerk-webhooks samples user.created | clerk-webhooks inspect -";

/// The fields of `inspect --json`, as `--help` shows them.
pub(crate) const JSON_FIELDS: &str = "\
JSON output (--json): one object, with these fields:
  event_type                    string            the body's `type`
  kind                          string            the type if this version knows it, or `unknown`
  resource_id                   string or null    the id of the object the event is about
  payload                       string            the Rust payload type (`User`, …)
  drift                         object            what the body carries that the crate drops
  drift.unknown_event_type      string or null    the `type`, when this version does not know it
  drift.unknown_fields          array of strings  paths of the fields dropped (`[]`: any index)
  drift.unknown_values          array of objects  open-enum values this version does not know
  drift.unknown_values[].path   string            the field's path
  drift.unknown_values[].value  string            the value, a schema token
  typed                         object or null    with --typed, the event as the crate writes it";

/// Print a body's event type, kind, resource id, typed payload and drift report. No
/// signature is checked: use `verify` for that.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(EXAMPLES, JSON_FIELDS))]
pub(crate) struct Args {
    /// A webhook body, or a delivery file saved by `listen --save`; `-` reads stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Exit with status 1 when the body has any drift.
    #[arg(long)]
    strict: bool,
    /// Print the typed payload in full (as the crate serializes it).
    #[arg(long)]
    typed: bool,
    /// Print one JSON object instead of text (`--help` lists its fields).
    #[arg(long)]
    json: bool,
}

/// `inspect --json`.
#[derive(Serialize)]
struct InspectJson<'a> {
    event_type: &'a str,
    kind: &'static str,
    resource_id: Option<&'a str>,
    payload: &'static str,
    drift: DriftJson<'a>,
    typed: Option<&'a WebhookEvent>,
}

/// A drift report in JSON, for `inspect` and `listen`.
#[derive(Serialize)]
pub(crate) struct DriftJson<'a> {
    unknown_event_type: Option<&'a str>,
    unknown_fields: &'a [String],
    unknown_values: Vec<UnknownValueJson<'a>>,
}

/// One unknown open-enum value.
#[derive(Serialize)]
struct UnknownValueJson<'a> {
    path: &'a str,
    value: &'a str,
}

impl<'a> From<&'a DriftReport> for DriftJson<'a> {
    fn from(drift: &'a DriftReport) -> Self {
        Self {
            unknown_event_type: drift.unknown_event_type.as_deref(),
            unknown_fields: &drift.unknown_fields,
            unknown_values: drift
                .unknown_values
                .iter()
                .map(|at| UnknownValueJson {
                    path: &at.path,
                    value: &at.value,
                })
                .collect(),
        }
    }
}

pub(crate) fn run(args: Args) -> Outcome {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(CliError::ReadStdin)?;
        bytes
    } else {
        output::read_file(&args.file)?
    };
    let body = match DeliveryFile::parse(&bytes) {
        Some(delivery) => delivery.body_bytes()?,
        None => bytes,
    };
    let not_a_body = |source| CliError::NotABody {
        name: args.file.display().to_string(),
        source,
    };
    let event = WebhookEvent::from_slice(&body).map_err(not_a_body)?;
    let drift = DriftReport::from_parsed(&body, &event).map_err(not_a_body)?;
    let event_type = event.event.event_type();
    let kind = event.event.kind().as_str();
    let resource_id = event.event.resource_id();
    let payload = event.event.kind().payload_type();

    if args.json {
        output::json(&InspectJson {
            event_type,
            kind,
            resource_id,
            payload,
            drift: DriftJson::from(&drift),
            typed: args.typed.then_some(&event),
        })?;
    } else {
        output::line(&format!("type         {event_type}"));
        output::line(&format!("kind         {kind}"));
        output::line(&format!("resource id  {}", resource_id.unwrap_or("")));
        output::line(&format!("payload      {payload}"));
        if args.typed {
            let typed = serde_json::to_string_pretty(&event).map_err(CliError::Serialize)?;
            output::line(&format!(
                "typed        {}",
                typed.replace('\n', "\n             ")
            ));
        }
        if drift.is_empty() {
            output::line("drift        none");
        } else {
            output::line(&format!("drift        {}", drift_counts(&drift)));
            for line in drift.lines() {
                output::line(&format!("  {line}"));
            }
        }
    }
    Ok(if args.strict && !drift.is_empty() {
        Checked::Failed
    } else {
        Checked::Passed
    })
}

/// `2 unknown fields, 1 unknown value`, and the unknown type when there is one.
pub(crate) fn drift_counts(drift: &DriftReport) -> String {
    let plural =
        |n: usize, what: &str| format!("{n} unknown {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if drift.unknown_event_type.is_some() {
        parts.push("unknown event type".to_owned());
    }
    parts.push(plural(drift.unknown_fields.len(), "field"));
    parts.push(plural(drift.unknown_values.len(), "value"));
    parts.join(", ")
}
