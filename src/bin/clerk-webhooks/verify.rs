//! `clerk-webhooks verify`: does a saved delivery verify, and if not, why not.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clerk_webhooks::time::OffsetDateTime;
use serde_json::json;

use crate::delivery_file::DeliveryFile;
use crate::signing_secret::SecretArg;
use crate::{output, Checked, Outcome};

/// Check whether a delivery verifies against the secret, and give the typed reason if not.
/// Exits 0 only when it verifies.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    clerk-webhooks verify --delivery saved/0001-msg_2ZR.json\n  \
    clerk-webhooks verify --body body.json --id msg_2ZR… --timestamp 1716883200 \\\n    \
    --signature 'v1,K5o…' --at 1716883200")]
pub(crate) struct Args {
    /// A delivery file, as `listen --save` writes it: headers and body.
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "body",
        conflicts_with = "body"
    )]
    delivery: Option<PathBuf>,
    /// The exact body, byte for byte (with --id, --timestamp and --signature).
    #[arg(long, value_name = "FILE", requires_all = ["id", "timestamp", "signature"])]
    body: Option<PathBuf>,
    /// The `svix-id` header.
    #[arg(long, value_name = "MSG_ID")]
    id: Option<String>,
    /// The `svix-timestamp` header (Unix seconds).
    #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
    timestamp: Option<String>,
    /// The `svix-signature` header (`v1,…`, several separated by spaces).
    #[arg(long, value_name = "SIGNATURES")]
    signature: Option<String>,
    /// Check the timestamp against this time instead of now, for old captures.
    #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
    at: Option<i64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    secret: SecretArg,
}

pub(crate) fn run(args: Args) -> Outcome {
    let webhook = args.secret.webhook()?;
    // Both forms end as a name → value map, which `verify` reads as it is.
    let (body, headers): (Vec<u8>, BTreeMap<String, String>) = match (&args.delivery, &args.body) {
        (Some(path), _) => {
            let bytes = output::read_file(path)?;
            let delivery = DeliveryFile::parse(&bytes).ok_or_else(|| {
                format!(
                    "{} is not a delivery file (a JSON object with `headers` and `body`)",
                    path.display()
                )
            })?;
            (delivery.body_bytes()?, delivery.headers)
        }
        (None, Some(path)) => {
            let body = output::read_file(path)?;
            let headers = [
                ("svix-id", &args.id),
                ("svix-timestamp", &args.timestamp),
                ("svix-signature", &args.signature),
            ]
            .into_iter()
            .filter_map(|(name, value)| value.clone().map(|value| (name.to_owned(), value)))
            .collect();
            (body, headers)
        }
        (None, None) => {
            return Err(
                "pass --delivery FILE, or --body FILE with --id, --timestamp and --signature"
                    .to_owned(),
            )
        }
    };
    let at = match args.at {
        Some(seconds) => OffsetDateTime::from_unix_timestamp(seconds)
            .map_err(|_| format!("--at {seconds} is not a representable time"))?,
        None => OffsetDateTime::now_utc(),
    };
    match webhook.verify_at(&body, &headers, at) {
        Ok(verified) => {
            let parsed = verified.parse();
            let (event_type, resource_id, parse_error) = match &parsed {
                Ok(event) => (
                    event.event.event_type().to_owned(),
                    event.event.resource_id().unwrap_or("").to_owned(),
                    None,
                ),
                Err(err) => (String::new(), String::new(), Some(err.to_string())),
            };
            if args.json {
                output::line(
                    &json!({
                        "verified": true,
                        "message_id": verified.message_id().as_str(),
                        "event_type": event_type,
                        "resource_id": resource_id,
                        "parse_error": parse_error,
                    })
                    .to_string(),
                );
            } else {
                match parse_error {
                    None => output::line(&format!(
                        "verified  {}  {event_type}  {resource_id}",
                        verified.message_id()
                    )),
                    Some(err) => output::line(&format!(
                        "verified  {}  but the body does not parse: {err}",
                        verified.message_id()
                    )),
                }
            }
            Ok(Checked::Passed)
        }
        Err(err) => {
            if args.json {
                output::line(
                    &json!({"verified": false, "reason": err.to_string(), "kind": format!("{err:?}")})
                        .to_string(),
                );
            } else {
                output::line(&format!("not verified: {err}"));
            }
            Ok(Checked::Failed)
        }
    }
}
