//! `clerk-webhooks verify`: does a saved delivery verify, and if not, why not.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clerk_webhooks::time::OffsetDateTime;
use clerk_webhooks::MessageId;
use serde::Serialize;

use crate::delivery_file::DeliveryFile;
use crate::error::CliError;
use crate::error_code::{self, ErrorCode};
use crate::signing_secret::SecretArg;
use crate::{long_help, output, Checked, Outcome};

const EXAMPLES: &str = "Examples:\n  \
    clerk-webhooks verify --delivery saved/0001-msg_2ZR.json\n  \
    clerk-webhooks verify --body body.json --id msg_2ZR… --timestamp 1716883200 \\\n    \
    --signature 'v1,K5o…' --at 1716883200";

/// The fields of `verify --json`, as `--help` shows them.
pub(crate) fn json_fields() -> String {
    format!(
        "\
JSON output (--json): one object, with these fields:
  verified                      boolean           whether the signature verified (exit 0)
  message_id                    string or null    the svix-id header, when it holds a valid id
  event_type                    string or null    the body's `type`, once verified
  resource_id                   string or null    the id of the object the event is about
  error                         string or null    why it did not verify or parse, in words
  error_code                    string or null    the same as one word, listed below

{words}",
        words = error_code::VERIFY_WORDS
    )
}

/// Check whether a delivery verifies against the secret, and give the typed reason if not.
/// Exits 0 only when it verifies.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(EXAMPLES, &json_fields()))]
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
    /// Print one JSON object instead of text (`--help` lists its fields).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    secret: SecretArg,
}

/// `verify --json`.
#[derive(Serialize)]
struct VerifyJson<'a> {
    verified: bool,
    message_id: Option<&'a str>,
    event_type: Option<&'a str>,
    resource_id: Option<&'a str>,
    error: Option<&'a str>,
    error_code: Option<ErrorCode>,
}

pub(crate) fn run(args: Args) -> Outcome {
    let webhook = args.secret.webhook()?;
    // Both forms end as a name → value map, which `verify` reads as it is.
    let (body, headers): (Vec<u8>, BTreeMap<String, String>) = match (&args.delivery, &args.body) {
        (Some(path), _) => {
            let bytes = output::read_file(path)?;
            let delivery = DeliveryFile::parse(&bytes)
                .ok_or_else(|| CliError::NotADeliveryFile { path: path.clone() })?;
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
        (None, None) => return Err(CliError::NoDelivery),
    };
    let at = match args.at {
        Some(seconds) => OffsetDateTime::from_unix_timestamp(seconds)
            .map_err(|_| CliError::UnrepresentableTime { seconds })?,
        None => OffsetDateTime::now_utc(),
    };
    match webhook.verify_at(&body, &headers, at) {
        Ok(verified) => {
            let message_id = verified.message_id();
            let message_id = message_id.as_str();
            let parsed = verified.parse();
            let (event_type, resource_id, error) = match &parsed {
                Ok(event) => (
                    Some(event.event.event_type()),
                    event.event.resource_id(),
                    None,
                ),
                Err(err) => (
                    err.event_type(),
                    None,
                    Some(format!("the body does not parse: {err}")),
                ),
            };
            if args.json {
                output::json(&VerifyJson {
                    verified: true,
                    message_id: Some(message_id),
                    event_type,
                    resource_id,
                    error: error.as_deref(),
                    error_code: error.as_ref().map(|_| ErrorCode::UnparseableBody),
                })?;
            } else {
                match error {
                    None => output::line(&format!(
                        "verified  {message_id}  {}  {}",
                        event_type.unwrap_or(""),
                        resource_id.unwrap_or("")
                    )),
                    Some(err) => output::line(&format!("verified  {message_id}  but {err}")),
                }
            }
            Ok(Checked::Passed)
        }
        Err(err) => {
            if args.json {
                let message_id = MessageId::from_headers(&headers);
                output::json(&VerifyJson {
                    verified: false,
                    message_id: message_id.as_ref().map(MessageId::as_str),
                    event_type: None,
                    resource_id: None,
                    error: Some(&err.to_string()),
                    error_code: Some(ErrorCode::from(&err)),
                })?;
            } else {
                output::line(&format!("not verified: {err}"));
            }
            Ok(Checked::Failed)
        }
    }
}
