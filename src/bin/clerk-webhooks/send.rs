//! `clerk-webhooks send`: sign sample (or your own) bodies as Svix does and POST them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clerk_webhooks::testing::{self, Signer};
use clerk_webhooks::time::OffsetDateTime;
use serde::Serialize;

use crate::error::CliError;
use crate::signing_secret::SecretArg;
use crate::{long_help, output, Checked, Outcome};

/// How far back `--stale` signs: well outside the default five-minute tolerance.
const STALE_BY: clerk_webhooks::time::Duration = clerk_webhooks::time::Duration::hours(1);

const EXAMPLES: &str = "Examples:\n  \
    clerk-webhooks send user.created --to http://127.0.0.1:3000/webhooks/clerk\n  \
    clerk-webhooks send --all --to http://127.0.0.1:8787/\n  \
    clerk-webhooks send user.created --tampered --to http://127.0.0.1:8787/   # expects 400\n  \
    clerk-webhooks send --body my-body.json --duplicate --to http://127.0.0.1:8787/\n  \
    clerk-webhooks send --all --repeat 20 --concurrency 8 --to http://127.0.0.1:8787/";

/// The fields of `send --json`, as `--help` shows them.
pub(crate) const JSON_FIELDS: &str = "\
JSON output (--json): one object per request, one per line (NDJSON), with these fields:
  summary                       boolean           false
  event_type                    string            the sample's type, or the --body's `type`
  message_id                    string            the svix-id sent (shared by a --duplicate pair)
  status                        integer or null   the receiver's status; null when unreachable
  error                         string or null    why no status came back
  latency_ms                    number            from sending to the whole answer, in ms
then one summary object, last, with these fields:
  summary                       boolean           true
  requests                      integer           how many requests were made
  as_expected                   integer           how many were answered as expected
  expected                      string            `2xx`, or `400` with --tampered or --stale
  requests_per_second           number            requests over the run's wall-clock time
  p50_ms                        number            median latency, in ms
  p99_ms                        number            99th percentile latency (nearest rank), in ms";

/// Sign sample bodies (or your own) exactly as Svix does and POST them, printing each status
/// and latency. Exits 0 only when every answer is 2xx, or, with --tampered or --stale, when
/// every answer is 400.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help(EXAMPLES, JSON_FIELDS))]
pub(crate) struct Args {
    /// The event types whose sample body to send (`clerk-webhooks samples` lists them).
    #[arg(value_name = "EVENT_TYPE", required_unless_present_any = ["all", "body"])]
    event_types: Vec<String>,
    /// Send the sample of every event type.
    #[arg(long, conflicts_with_all = ["event_types", "body"])]
    all: bool,
    /// Send this file's bytes as the body instead of a sample.
    #[arg(long, value_name = "FILE", conflicts_with = "event_types")]
    body: Option<PathBuf>,
    /// The receiver's URL (plain `http://`).
    #[arg(long, value_name = "URL")]
    to: String,
    /// Change the body after signing: the receiver must answer 400.
    #[arg(long, conflicts_with = "stale")]
    tampered: bool,
    /// Sign as of an hour ago, outside the default tolerance: the receiver must answer 400.
    #[arg(long)]
    stale: bool,
    /// Send every delivery twice with the same message id, as a Svix retry does: both
    /// answers must be 2xx.
    #[arg(long)]
    duplicate: bool,
    /// Send everything this many times, each time as new deliveries (new message ids).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    repeat: u32,
    /// How many requests are in flight at once.
    #[arg(long, value_name = "C", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    concurrency: u32,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// Print NDJSON: one object per request, then one summary object (`--help` lists their
    /// fields).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    secret: SecretArg,
}

/// One request to make.
struct Planned {
    event_type: String,
    message_id: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// What came back.
enum Answer {
    Status(u16),
    Failed(Box<ureq::Transport>),
}

/// `send --json`: one line per request.
#[derive(Serialize)]
struct RequestJson<'a> {
    summary: bool,
    event_type: &'a str,
    message_id: &'a str,
    status: Option<u16>,
    error: Option<String>,
    latency_ms: f64,
}

/// `send --json`: the last line.
#[derive(Serialize)]
struct SummaryJson {
    summary: bool,
    requests: usize,
    as_expected: usize,
    expected: &'static str,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

pub(crate) fn run(args: Args) -> Outcome {
    let signer = Signer::from_webhook(args.secret.webhook()?);
    if !(args.to.starts_with("http://") || args.to.starts_with("https://")) {
        return Err(CliError::NotHttpUrl {
            url: args.to.clone(),
        });
    }
    let bodies = bodies(&args)?;
    let plan = plan(&args, &signer, &bodies)?;
    let expected = if args.tampered || args.stale {
        "400"
    } else {
        "2xx"
    };
    let accepts = |status: u16| {
        if args.tampered || args.stale {
            status == 400
        } else {
            (200..300).contains(&status)
        }
    };

    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(args.timeout))
        .build();
    let bar = progress_bar(plan.len());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(Answer, Duration)>> = Mutex::new(Vec::with_capacity(plan.len()));
    // A JSON line that could not be serialized (none can: strings and numbers), reported
    // after the run rather than lost.
    let unwritten: Mutex<Option<serde_json::Error>> = Mutex::new(None);
    let started = Instant::now();
    let workers = usize::try_from(args.concurrency)
        .unwrap_or(1)
        .min(plan.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(planned) = plan.get(index) else {
                    break;
                };
                let sent = Instant::now();
                let answer = post(&agent, &args.to, planned);
                let latency = sent.elapsed();
                let line = if args.json {
                    let (status, error) = match &answer {
                        Answer::Status(status) => (Some(*status), None),
                        Answer::Failed(err) => (None, Some(err.to_string())),
                    };
                    serde_json::to_string(&RequestJson {
                        summary: false,
                        event_type: &planned.event_type,
                        message_id: &planned.message_id,
                        status,
                        error,
                        latency_ms: latency.as_secs_f64() * 1e3,
                    })
                } else {
                    let status = match &answer {
                        Answer::Status(status) => status.to_string(),
                        Answer::Failed(err) => format!("failed ({err})"),
                    };
                    Ok(format!(
                        "{status}  {:>8.2} ms  {}  {}",
                        latency.as_secs_f64() * 1e3,
                        planned.event_type,
                        planned.message_id
                    ))
                };
                match line {
                    Ok(line) => bar.suspend(|| output::line(&line)),
                    Err(err) => {
                        unwritten
                            .lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                            .get_or_insert(err);
                    }
                }
                bar.inc(1);
                results
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push((answer, latency));
            });
        }
    });
    let elapsed = started.elapsed();
    bar.finish_and_clear();
    let mut results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(err) = unwritten
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
    {
        return Err(CliError::Serialize(err));
    }

    let total = results.len();
    let unreachable = results
        .iter()
        .filter(|(answer, _)| matches!(answer, Answer::Failed(_)))
        .count();
    if total > 0 && unreachable == total {
        if let (Answer::Failed(err), _) = results.swap_remove(0) {
            return Err(CliError::Unreachable(err));
        }
    }
    let as_expected = results
        .iter()
        .filter(|(answer, _)| matches!(answer, Answer::Status(status) if accepts(*status)))
        .count();
    let mut latencies: Vec<Duration> = results.iter().map(|(_, latency)| *latency).collect();
    latencies.sort_unstable();
    let rate = if elapsed.is_zero() {
        0.0
    } else {
        total as f64 / elapsed.as_secs_f64()
    };
    let p50 = percentile(&latencies, 50);
    let p99 = percentile(&latencies, 99);
    if args.json {
        output::json(&SummaryJson {
            summary: true,
            requests: total,
            as_expected,
            expected,
            requests_per_second: rate,
            p50_ms: p50.as_secs_f64() * 1e3,
            p99_ms: p99.as_secs_f64() * 1e3,
        })?;
    } else {
        output::line(&format!(
            "{as_expected}/{total} answered {expected}; {rate:.1} requests/s; latency p50 {:.2} ms, p99 {:.2} ms",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
        ));
    }
    Ok(if as_expected == total {
        Checked::Passed
    } else {
        Checked::Failed
    })
}

/// The `(label, body)` pairs to send once per repetition.
fn bodies(args: &Args) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    if let Some(path) = &args.body {
        let body = output::read_file(path)?;
        let label = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|value| {
                value
                    .get("type")
                    .and_then(|t| t.as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| path.display().to_string());
        return Ok(vec![(label, body)]);
    }
    let types: Vec<&str> = if args.all {
        testing::SAMPLE_EVENT_TYPES.to_vec()
    } else {
        args.event_types.iter().map(String::as_str).collect()
    };
    types
        .into_iter()
        .map(|event_type| {
            testing::sample_body(event_type)
                .map(|body| (event_type.to_owned(), body.to_vec()))
                .ok_or_else(|| CliError::NoSample {
                    event_type: event_type.to_owned(),
                })
        })
        .collect()
}

/// Every request of the run, signed.
fn plan(
    args: &Args,
    signer: &Signer,
    bodies: &[(String, Vec<u8>)],
) -> Result<Vec<Planned>, CliError> {
    let now = OffsetDateTime::now_utc();
    let at = if args.stale { now - STALE_BY } else { now };
    // Unique per run: the start time in microseconds, then a counter.
    let run_id = now.unix_timestamp_nanos() / 1_000;
    let copies = if args.duplicate { 2 } else { 1 };
    let mut plan = Vec::new();
    let mut counter: u64 = 0;
    for _ in 0..args.repeat {
        for (label, body) in bodies {
            counter += 1;
            let message_id = format!("msg_cli{run_id:x}n{counter}");
            let mut request = signer.sign(&message_id, body.clone(), at);
            if args.tampered {
                request = request.tampered();
            }
            for _ in 0..copies {
                plan.push(Planned {
                    event_type: label.clone(),
                    message_id: message_id.clone(),
                    headers: request.headers.clone(),
                    body: request.body.clone(),
                });
            }
        }
    }
    if plan.is_empty() {
        return Err(CliError::NothingToSend);
    }
    Ok(plan)
}

/// POSTs one delivery and reads the status.
fn post(agent: &ureq::Agent, url: &str, planned: &Planned) -> Answer {
    let mut request = agent.post(url).set("content-type", "application/json");
    for (name, value) in &planned.headers {
        request = request.set(name, value);
    }
    match request.send_bytes(&planned.body) {
        Ok(response) => {
            let status = response.status();
            // Drain the body so the connection can be reused.
            let _ = response.into_string();
            Answer::Status(status)
        }
        Err(ureq::Error::Status(status, response)) => {
            let _ = response.into_string();
            Answer::Status(status)
        }
        Err(ureq::Error::Transport(err)) => Answer::Failed(Box::new(err)),
    }
}

/// The nearest-rank percentile of sorted latencies.
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

/// A progress bar on stderr, shown only on a terminal and for more than one request.
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}
