//! `clerk-webhooks inspect`: what the crate makes of a body, and what it does not model.

use std::path::PathBuf;

use clerk_webhooks::drift::DriftReport;
use clerk_webhooks::WebhookEvent;
use serde_json::json;

use crate::delivery_file::DeliveryFile;
use crate::{output, Checked, Outcome};

/// Print a body's event type, kind, resource id, typed payload and drift report. No
/// signature is checked: use `verify` for that.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    clerk-webhooks inspect body.json\n  \
    clerk-webhooks inspect saved/0001-msg_2ZR.json --strict   # exit 1 on any drift\n  \
    clerk-webhooks samples user.created | clerk-webhooks inspect -")]
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
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> Outcome {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|err| format!("cannot read stdin: {err}"))?;
        bytes
    } else {
        output::read_file(&args.file)?
    };
    let body = match DeliveryFile::parse(&bytes) {
        Some(delivery) => delivery.body_bytes()?,
        None => bytes,
    };
    let name = args.file.display();
    let event = WebhookEvent::from_slice(&body)
        .map_err(|err| format!("{name} is not a Clerk webhook body: {err}"))?;
    let drift = DriftReport::from_parsed(&body, &event)
        .map_err(|err| format!("{name} does not parse: {err}"))?;
    let event_type = event.event.event_type();
    let kind = event.event.kind();
    let resource_id = event.event.resource_id().unwrap_or("");
    let payload = kind.payload_type();

    if args.json {
        let mut object = json!({
            "event_type": event_type,
            "kind": format!("{kind:?}"),
            "resource_id": resource_id,
            "payload": payload,
            "drift": drift_json(&drift),
        });
        if args.typed {
            object["typed"] = serde_json::to_value(&event).unwrap_or_default();
        }
        output::line(&object.to_string());
    } else {
        output::line(&format!("type         {event_type}"));
        output::line(&format!("kind         {kind:?}"));
        output::line(&format!("resource id  {resource_id}"));
        output::line(&format!("payload      {payload}"));
        if args.typed {
            let typed = serde_json::to_string_pretty(&event).unwrap_or_default();
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

/// The report as JSON: `unknown_event_type`, `unknown_fields`, and `unknown_values` as
/// `{path, value}` objects.
pub(crate) fn drift_json(drift: &DriftReport) -> serde_json::Value {
    json!({
        "unknown_event_type": drift.unknown_event_type,
        "unknown_fields": drift.unknown_fields,
        "unknown_values": drift
            .unknown_values
            .iter()
            .map(|at| json!({"path": at.path, "value": at.value}))
            .collect::<Vec<_>>(),
    })
}
