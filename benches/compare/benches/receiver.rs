//! What verification and parsing cost a whole receiver: three axum 0.8 routes on loopback,
//! driven by a fixed number of HTTP/1.1 keep-alive connections with signed 2.5 KiB
//! `user.updated` deliveries.
//!
//! - `floor`: reads the body and answers `204`, without verifying;
//! - `clerk_webhook`: the crate's `ClerkWebhook` extractor (verify, then the typed parse);
//! - `svix_value`: svix 2.9 `Webhook::verify`, then a `serde_json::Value` parse.
//!
//! The server runs on its own thread (a single-threaded tokio runtime) and the client on
//! another, so that the server's CPU time per request can be read from its one thread
//! (`/proc/self/task/<tid>/schedstat`). The routes are timed in interleaved rounds (each
//! round runs every route for the same time, in a rotated order), and the medians of the
//! per-round figures are reported. Every response is checked to be `204`, so a route that
//! rejected its deliveries could not look fast.
//!
//! Run with `cargo bench --manifest-path benches/compare/Cargo.toml --bench receiver`.
//! `CLERK_RECEIVER_ROUNDS` (default 7, the first of which is a discarded warm-up),
//! `CLERK_RECEIVER_PHASE_MS` (default 1000) and `CLERK_RECEIVER_CONNECTIONS` (default 8)
//! change the run; it takes about rounds × 3 × phase.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use clerk_webhooks::axum::ClerkWebhook;
use clerk_webhooks::{ClerkEvent, Webhook};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::hint::black_box;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const BODY_LEN: usize = 2560;

/// The three routes, in the order they are reported.
const ROUTES: [(&str, &str); 3] = [
    ("/floor", "(a) floor: read the body, 204"),
    ("/clerk_webhook", "(b) `ClerkWebhook` extractor"),
    ("/svix_value", "(c) svix 2.9 verify + `serde_json::Value`"),
];

/// The `user.updated` fixture, compact, padded to exactly [`BODY_LEN`] bytes with a
/// `public_metadata` string.
fn user_updated_body() -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/events/user.updated.json");
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let pad = |value: &mut serde_json::Value, len: usize| {
        value["data"]["public_metadata"]["padding"] = "x".repeat(len).into();
        serde_json::to_vec(&*value).unwrap()
    };
    let short = pad(&mut value, 0).len();
    assert!(short < BODY_LEN, "the fixture is already {short} bytes");
    let body = pad(&mut value, BODY_LEN - short);
    assert_eq!(body.len(), BODY_LEN);
    let event = ClerkEvent::from_slice(&body).unwrap();
    assert!(matches!(event, ClerkEvent::UserUpdated(_)));
    body
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

async fn floor(body: Bytes) -> StatusCode {
    if black_box(&body).is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::NO_CONTENT
    }
}

async fn clerk_webhook(ClerkWebhook(delivery): ClerkWebhook) -> StatusCode {
    black_box(&delivery);
    StatusCode::NO_CONTENT
}

async fn svix_value(
    State(svix): State<Arc<svix::webhooks::Webhook>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if svix.verify(&body, &headers).is_err() {
        return StatusCode::BAD_REQUEST;
    }
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(value) => {
            black_box(value);
            StatusCode::NO_CONTENT
        }
        Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn router() -> Router {
    let webhook = Webhook::new(SECRET).unwrap();
    let svix = Arc::new(svix::webhooks::Webhook::new(SECRET).unwrap());
    Router::new()
        .route(ROUTES[0].0, post(floor))
        .merge(
            Router::new()
                .route(ROUTES[1].0, post(clerk_webhook))
                .with_state(webhook),
        )
        .merge(
            Router::new()
                .route(ROUTES[2].0, post(svix_value))
                .with_state(svix),
        )
}

/// The id of the calling thread, from `/proc/thread-self` (`<pid>/task/<tid>`).
fn thread_id() -> String {
    let link = std::fs::read_link("/proc/thread-self").expect("/proc/thread-self (Linux only)");
    link.file_name().unwrap().to_string_lossy().into_owned()
}

/// CPU time used so far by thread `tid` of this process, in nanoseconds: the first field of
/// `schedstat` (nanosecond resolution), or else user + system time from `stat` (in clock
/// ticks, assumed 100 per second, as on every Linux build in use).
fn thread_cpu_ns(tid: &str) -> f64 {
    let task = Path::new("/proc/self/task").join(tid);
    if let Ok(text) = std::fs::read_to_string(task.join("schedstat")) {
        if let Some(ns) = text
            .split_whitespace()
            .next()
            .and_then(|f| f.parse::<f64>().ok())
        {
            return ns;
        }
    }
    let stat = std::fs::read_to_string(task.join("stat")).unwrap();
    // The fields after the command name, which is in parentheses and may contain spaces.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks * 1e7
}

/// Starts the server on its own thread and returns its address and thread id.
fn start_server() -> (SocketAddr, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send((listener.local_addr().unwrap(), thread_id()))
                    .unwrap();
                axum::serve(listener, router()).await.unwrap();
            });
        })
        .unwrap();
    rx.recv().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

/// One signed delivery: the body and its `svix-*` headers.
struct Delivery {
    body: Bytes,
    headers: [(&'static str, String); 4],
}

impl Delivery {
    fn new(body: Vec<u8>) -> Self {
        let now = OffsetDateTime::now_utc();
        let signature = Webhook::new(SECRET).unwrap().sign(MSG_ID, &body, now);
        Self {
            body: Bytes::from(body),
            headers: [
                ("content-type", "application/json".to_owned()),
                ("svix-id", MSG_ID.to_owned()),
                ("svix-timestamp", now.unix_timestamp().to_string()),
                ("svix-signature", signature),
            ],
        }
    }

    fn request(&self, path: &str) -> hyper::Request<Full<Bytes>> {
        let mut request = hyper::Request::post(path).header("host", "127.0.0.1");
        for (name, value) in &self.headers {
            request = request.header(*name, value.as_str());
        }
        request.body(Full::new(self.body.clone())).unwrap()
    }
}

async fn connect(addr: SocketAddr) -> SendRequest<Full<Bytes>> {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    sender
}

/// Sends requests to `path` on every connection, one at a time per connection, until
/// `deadline`; returns the connections and the number of responses, each checked to be `204`.
async fn drive(
    connections: Vec<SendRequest<Full<Bytes>>>,
    delivery: &Arc<Delivery>,
    path: &'static str,
    deadline: Instant,
) -> (Vec<SendRequest<Full<Bytes>>>, u64) {
    let tasks: Vec<_> = connections
        .into_iter()
        .map(|mut sender| {
            let delivery = Arc::clone(delivery);
            tokio::spawn(async move {
                let mut count = 0_u64;
                while Instant::now() < deadline {
                    sender.ready().await.unwrap();
                    let response = sender.send_request(delivery.request(path)).await.unwrap();
                    let status = response.status();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    assert_eq!(status, StatusCode::NO_CONTENT, "{path}: {body:?}");
                    count += 1;
                }
                (sender, count)
            })
        })
        .collect();
    let mut connections = Vec::new();
    let mut total = 0;
    for task in tasks {
        let (sender, count) = task.await.unwrap();
        connections.push(sender);
        total += count;
    }
    (connections, total)
}

/// One route's figures in one round.
#[derive(Clone, Copy, Default)]
struct Phase {
    requests_per_s: f64,
    server_us_per_request: f64,
    client_us_per_request: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes the same arguments to every bench target: a filter that names
    // neither this bench nor anything in it skips it.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|arg| arg == "--test" || arg == "--list");
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    if !filters.is_empty() && !filters.iter().any(|f| f.contains("receiver")) {
        return;
    }
    if args.iter().any(|arg| arg == "--list") {
        println!("receiver: bench");
        return;
    }
    let rounds = if quick {
        2
    } else {
        env_or("CLERK_RECEIVER_ROUNDS", 7).max(2) as usize
    };
    let phase = Duration::from_millis(if quick {
        50
    } else {
        env_or("CLERK_RECEIVER_PHASE_MS", 1000)
    });
    let connection_count = env_or("CLERK_RECEIVER_CONNECTIONS", 8).max(1) as usize;

    let delivery = Arc::new(Delivery::new(user_updated_body()));
    let (addr, server_tid) = start_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client_tid = thread_id();
    let mut phases = vec![Vec::<Phase>::new(); ROUTES.len()];
    runtime.block_on(async {
        let mut connections = Vec::new();
        for _ in 0..connection_count {
            connections.push(connect(addr).await);
        }
        for round in 0..rounds {
            for step in 0..ROUTES.len() {
                let route = (round + step) % ROUTES.len();
                let server_before = thread_cpu_ns(&server_tid);
                let client_before = thread_cpu_ns(&client_tid);
                let started = Instant::now();
                let (back, count) =
                    drive(connections, &delivery, ROUTES[route].0, started + phase).await;
                connections = back;
                let elapsed = started.elapsed().as_secs_f64();
                let server = thread_cpu_ns(&server_tid) - server_before;
                let client = thread_cpu_ns(&client_tid) - client_before;
                assert!(count > 0, "{}: no request completed", ROUTES[route].0);
                // The first round warms up connections, caches and the allocator.
                if round > 0 {
                    phases[route].push(Phase {
                        requests_per_s: count as f64 / elapsed,
                        server_us_per_request: server / 1e3 / count as f64,
                        client_us_per_request: client / 1e3 / count as f64,
                    });
                }
            }
        }
    });
    if quick {
        println!("receiver: every route answered 204");
        return;
    }

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!(
        "\nWhole receiver on loopback: {} B signed `user.updated` deliveries, {connection_count} \
         keep-alive HTTP/1.1 connections, {} rounds of {} ms per route after a warm-up round; \
         server on one thread, client on another; CPU: {cpu}, {} logical CPUs.\n",
        BODY_LEN,
        rounds - 1,
        phase.as_millis(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    println!("| route | requests/s (median) | server CPU µs/request | client CPU µs/request |");
    println!("|---|---|---|---|");
    for (i, (_, name)) in ROUTES.iter().enumerate() {
        let of = |f: fn(&Phase) -> f64| median(phases[i].iter().map(f).collect());
        println!(
            "| {name} | {:.0} | {:.1} | {:.1} |",
            of(|p| p.requests_per_s),
            of(|p| p.server_us_per_request),
            of(|p| p.client_us_per_request),
        );
    }
    let ratio = |a: usize, b: usize| {
        let ratios: Vec<f64> = phases[a]
            .iter()
            .zip(&phases[b])
            .map(|(x, y)| x.requests_per_s / y.requests_per_s)
            .collect();
        let spread = (
            ratios.iter().copied().fold(f64::INFINITY, f64::min),
            ratios.iter().copied().fold(0.0, f64::max),
        );
        (median(ratios), spread)
    };
    let (b_a, b_a_spread) = ratio(1, 0);
    let (b_c, b_c_spread) = ratio(1, 2);
    let server = |i: usize| median(phases[i].iter().map(|p| p.server_us_per_request).collect());
    println!("\n| ratio (median of per-round ratios) | value | per-round range | bar |");
    println!("|---|---|---|---|");
    println!(
        "| throughput (b) ÷ (a) | {b_a:.3} | {:.3}–{:.3} | ≥ 0.85 |",
        b_a_spread.0, b_a_spread.1
    );
    println!(
        "| throughput (b) ÷ (c) | {b_c:.3} | {:.3}–{:.3} | ≥ 1.25 |",
        b_c_spread.0, b_c_spread.1
    );
    println!(
        "\nServer CPU per request: verify + typed parse in the extractor add {:.1} µs to the \
         floor's {:.1} µs; svix + `Value` add {:.1} µs.",
        server(1) - server(0),
        server(0),
        server(2) - server(0),
    );
}
