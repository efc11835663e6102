//! `clerk-webhooks listen`: a local receiver that verifies and reports every delivery.

use std::io::Read;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clerk_webhooks::drift::DriftReport;
use clerk_webhooks::{MessageId, Webhook};
use serde::Serialize;

use crate::delivery_file::{is_kept_header, DeliveryFile};
use crate::error::CliError;
use crate::error_code::{self, ErrorCode};
use crate::inspect::{drift_counts, DriftJson};
use crate::signing_secret::SecretArg;
use crate::{long_help, output, Checked, Outcome};

/// The largest body accepted; a larger one is answered 413. Clerk's payloads are a few KiB.
const MAX_BODY: u64 = 8 * 1024 * 1024;

const EXAMPLES: &str = "Examples:\n  \
    clerk-webhooks listen --port 8787\n  \
    clerk-webhooks listen --port 8787 --json --save deliveries/\n  \
    clerk-webhooks listen --port 8787 --forward-to http://127.0.0.1:3000/webhooks/clerk\n\n\
    Then: clerk-webhooks send --all --to http://127.0.0.1:8787/";

/// The fields of `listen --json`, as `--help` shows them.
pub(crate) fn json_fields() -> String {
    format!(
        "\
JSON output (--json): one object per request, one per line (NDJSON), with these fields:
  status                        integer           the HTTP status answered
  message_id                    string or null    the svix-id header, when it holds a valid id
  event_type                    string or null    the body's `type`, once verified
  resource_id                   string or null    the id of the object the event is about
  verified                      boolean           whether the signature verified
  error                         string or null    why it was refused or failed, in words
  error_code                    string or null    the same as one word, listed below
  drift                         object or null    for a parsed delivery, as `inspect --json`
  drift.unknown_event_type      string or null    the `type`, when this version does not know it
  drift.unknown_fields          array of strings  paths of the fields dropped (`[]`: any index)
  drift.unknown_values          array of objects  open-enum values this version does not know
  drift.unknown_values[].path   string            the field's path
  drift.unknown_values[].value  string            the value, a schema token

{words}",
        words = error_code::LISTEN_WORDS
    )
}

/// Receive deliveries on 127.0.0.1 (another address only with --host), verify each with the
/// secret, and print one line per delivery: message id, type, resource id and the verify
/// result, then the drift report. Accepts a POST on any path and answers as the crate's
/// extractors do: 204 when verified and parsed, 400 when verification fails, 422 when a
/// verified body does not parse, 413 over 8 MiB, 405 for other methods.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(EXAMPLES, &json_fields()))]
pub(crate) struct Args {
    /// The port to listen on; 0 picks a free one (printed on stderr).
    #[arg(long, value_name = "P", default_value_t = 8787)]
    port: u16,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: IpAddr,
    /// Print NDJSON: one object per delivery (`--help` lists its fields).
    #[arg(long)]
    json: bool,
    /// Pass verified deliveries on, unchanged (body and signature headers), to this URL, and
    /// answer with its status (502 when it cannot be reached).
    #[arg(long, value_name = "URL")]
    forward_to: Option<String>,
    /// Write every delivery received to this directory as a delivery file, for `verify
    /// --delivery` and `inspect`.
    #[arg(long, value_name = "DIR")]
    save: Option<PathBuf>,
    /// Stop after this many requests (for scripts and CI).
    #[arg(long, value_name = "N")]
    exit_after: Option<u64>,
    #[command(flatten)]
    secret: SecretArg,
}

pub(crate) fn run(args: Args) -> Outcome {
    let webhook = args.secret.webhook()?;
    if let Some(dir) = &args.save {
        std::fs::create_dir_all(dir).map_err(|source| CliError::CreateDir {
            path: dir.clone(),
            source,
        })?;
    }
    let server =
        tiny_http::Server::http((args.host, args.port)).map_err(|source| CliError::Listen {
            address: std::net::SocketAddr::from((args.host, args.port)).to_string(),
            source,
        })?;
    match server.server_addr().to_ip() {
        Some(addr) => eprintln!("listening on http://{addr}/"),
        None => eprintln!("listening"),
    }
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .build();
    let mut received: u64 = 0;
    for request in server.incoming_requests() {
        received = received.saturating_add(1);
        handle(&args, &webhook, &agent, received, request);
        if args.exit_after.is_some_and(|limit| received >= limit) {
            break;
        }
    }
    Ok(Checked::Passed)
}

/// What one delivery came to, for the printed line.
struct Handled {
    status: u16,
    message_id: Option<String>,
    event_type: Option<String>,
    resource_id: Option<String>,
    verified: bool,
    /// Why the request was refused or failed: the code and the message.
    error: Option<(ErrorCode, String)>,
    drift: Option<DriftReport>,
}

/// `listen --json`: one line per request.
#[derive(Serialize)]
struct DeliveryJson<'a> {
    status: u16,
    message_id: Option<&'a str>,
    event_type: Option<&'a str>,
    resource_id: Option<&'a str>,
    verified: bool,
    error: Option<&'a str>,
    error_code: Option<ErrorCode>,
    drift: Option<DriftJson<'a>>,
}

fn handle(
    args: &Args,
    webhook: &Webhook,
    agent: &ureq::Agent,
    number: u64,
    mut request: tiny_http::Request,
) {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|header| (header.field.to_string(), header.value.to_string()))
        .collect();
    // The id, when its header holds a valid one: printed and used in file names.
    let message_id = MessageId::from_headers(&headers).map(|id| id.to_string());
    let mut outcome = Handled {
        status: 204,
        message_id,
        event_type: None,
        resource_id: None,
        verified: false,
        error: None,
        drift: None,
    };

    if *request.method() != tiny_http::Method::Post {
        outcome.status = 405;
        outcome.error = Some((
            ErrorCode::MethodNotAllowed,
            format!("method {} is not POST", request.method()),
        ));
        report(args, &outcome);
        let _ = request.respond(tiny_http::Response::empty(405));
        return;
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body);
    if let Err(err) = read {
        outcome.status = 400;
        outcome.error = Some((
            ErrorCode::UnreadableBody,
            format!("cannot read the body: {err}"),
        ));
        report(args, &outcome);
        let _ = request.respond(tiny_http::Response::empty(400));
        return;
    }
    if body.len() as u64 > MAX_BODY {
        outcome.status = 413;
        outcome.error = Some((
            ErrorCode::BodyTooLarge,
            "the body is larger than 8 MiB".to_owned(),
        ));
        report(args, &outcome);
        let _ = request.respond(tiny_http::Response::empty(413));
        return;
    }
    if let Some(dir) = &args.save {
        save(dir, number, outcome.message_id.as_deref(), &headers, &body);
    }

    match webhook.verify(&body, &headers) {
        Err(err) => {
            outcome.status = err.http_status();
            outcome.error = Some((ErrorCode::from(&err), err.to_string()));
        }
        Ok(verified) => {
            outcome.verified = true;
            match verified.parse() {
                Err(err) => {
                    outcome.status = err.http_status();
                    outcome.event_type = err.event_type().map(str::to_owned);
                    outcome.error = Some((
                        ErrorCode::UnparseableBody,
                        format!("the body does not parse: {err}"),
                    ));
                }
                Ok(event) => {
                    outcome.event_type = Some(event.event.event_type().to_owned());
                    outcome.resource_id = event.event.resource_id().map(str::to_owned);
                    outcome.drift = DriftReport::from_parsed(&body, &event).ok();
                    if let Some(url) = &args.forward_to {
                        outcome.status = forward(agent, url, &headers, &body, &mut outcome.error);
                    }
                }
            }
        }
    }
    report(args, &outcome);
    let _ = request.respond(tiny_http::Response::empty(outcome.status));
}

/// POSTs a verified delivery on, with its signature headers, and returns the status to answer.
fn forward(
    agent: &ureq::Agent,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    error: &mut Option<(ErrorCode, String)>,
) -> u16 {
    let mut request = agent.post(url);
    for (name, value) in headers {
        if is_kept_header(name) {
            request = request.set(name, value);
        }
    }
    match request.send_bytes(body) {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(status, _)) => {
            *error = Some((
                ErrorCode::HandlerStatus,
                format!("the handler answered {status}"),
            ));
            status
        }
        Err(ureq::Error::Transport(err)) => {
            *error = Some((
                ErrorCode::ForwardFailed,
                format!("cannot forward to {url}: {err}"),
            ));
            502
        }
    }
}

/// Writes the delivery file; a failure is reported on stderr and does not stop the receiver.
fn save(
    dir: &std::path::Path,
    number: u64,
    id: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
) {
    // Only characters safe in any file name: an id is attacker-chosen text.
    let id: String = id
        .unwrap_or("no-id")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let path = dir.join(format!("{number:04}-{id}.json"));
    let file = DeliveryFile::new(
        headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
        body,
    );
    if let Err(err) = std::fs::write(&path, file.to_json()) {
        eprintln!("error: cannot write {}: {err}", path.display());
    }
}

/// Prints the delivery's line (and its drift lines), or its NDJSON object.
fn report(args: &Args, outcome: &Handled) {
    if args.json {
        let line = DeliveryJson {
            status: outcome.status,
            message_id: outcome.message_id.as_deref(),
            event_type: outcome.event_type.as_deref(),
            resource_id: outcome.resource_id.as_deref(),
            verified: outcome.verified,
            error: outcome.error.as_ref().map(|(_, message)| message.as_str()),
            error_code: outcome.error.as_ref().map(|(code, _)| *code),
            drift: outcome.drift.as_ref().map(DriftJson::from),
        };
        // A receiver keeps running: a line that cannot be written is reported on stderr.
        if let Err(err) = output::json(&line) {
            eprintln!("error: {}", err.one_line());
        }
        return;
    }
    let dash = |value: &Option<String>| value.as_deref().unwrap_or("-").to_owned();
    let result = match (&outcome.error, outcome.verified) {
        (None, _) => "verified".to_owned(),
        (Some((_, err)), true) => format!("verified, {err}"),
        (Some((_, err)), false) => format!("rejected: {err}"),
    };
    output::line(&format!(
        "{}  {}  {}  {}  {result}",
        outcome.status,
        dash(&outcome.message_id),
        dash(&outcome.event_type),
        dash(&outcome.resource_id),
    ));
    if let Some(drift) = outcome.drift.as_ref().filter(|drift| !drift.is_empty()) {
        output::line(&format!("  drift: {}", drift_counts(drift)));
        for line in drift.lines() {
            output::line(&format!("    {line}"));
        }
    }
}
