//! The `clerk-webhooks` binary, run as a user runs it: `listen` and `send` against each other
//! on a loopback port, `verify` on saved deliveries, `inspect` and its drift report, `samples`,
//! and every failure mode giving a one-line error and a non-zero exit, never a panic.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use clerk_webhooks::testing::{self, Signer, TEST_SECRET};

const BIN: &str = env!("CARGO_BIN_EXE_clerk-webhooks");

/// The binary with the test secret in its environment (not on its command line).
fn cli() -> Command {
    let mut command = Command::new(BIN);
    command
        .env("CLERK_WEBHOOK_SIGNING_SECRET", TEST_SECRET)
        .env_remove("CLERK_WEBHOOK_SECRET");
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Each line of NDJSON output, parsed.
fn ndjson(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("NDJSON"))
        .collect()
}

/// A bad-input run: exit status 2 and exactly one `error:` line on stderr, no panic.
fn assert_one_line_error(output: &Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(expected), "{err:?} lacks {expected:?}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(!err.contains(TEST_SECRET), "{err}");
}

/// A `listen` process on a free loopback port, stopped when dropped.
struct Listener {
    child: Child,
    url: String,
}

impl Listener {
    fn start(extra: &[&str]) -> Self {
        let mut child = cli()
            .args(["listen", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("listen starts");
        let mut first = String::new();
        BufReader::new(child.stderr.as_mut().expect("stderr"))
            .read_line(&mut first)
            .expect("listen reports its address");
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_owned();
        Listener { child, url }
    }

    /// Stops the receiver and returns what it printed.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut out = String::new();
        self.child
            .stdout
            .take()
            .expect("stdout")
            .read_to_string(&mut out)
            .expect("readable");
        out
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `listen` until it has answered `n` requests, and returns its output.
fn listen_for(n: usize, extra: &[&str], send: impl FnOnce(&str)) -> String {
    let limit = n.to_string();
    let mut args = vec!["--exit-after", limit.as_str()];
    args.extend_from_slice(extra);
    let listener = Listener::start(&args);
    send(&listener.url);
    let mut listener = listener;
    // `listen` exits by itself after `n` requests; one that does not (it missed a request, or
    // miscounted) fails the test rather than hanging it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = listener.child.try_wait().expect("listen is waitable") {
            break status;
        }
        if Instant::now() > deadline {
            let out = listener.stop();
            panic!("listen did not exit after {n} requests within 60 s; it printed:\n{out}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    listener.stop()
}

#[test]
fn send_all_to_listen_verifies_every_sample() {
    let mut sent = None;
    let received = listen_for(testing::SAMPLE_EVENT_TYPES.len(), &[], |url| {
        sent = Some(run(cli().args(["send", "--all", "--to", url])));
    });
    let sent = sent.unwrap();
    assert!(sent.status.success(), "{}{}", stdout(&sent), stderr(&sent));
    let out = stdout(&sent);
    assert!(out.contains("51/51 answered 2xx"), "{out}");
    assert!(
        out.contains("p50") && out.contains("p99") && out.contains("requests/s"),
        "{out}"
    );

    let lines: Vec<&str> = received.lines().collect();
    assert_eq!(lines.len(), 51, "{received}");
    for event_type in testing::SAMPLE_EVENT_TYPES {
        let line = lines
            .iter()
            .find(|line| line.split("  ").nth(2) == Some(event_type))
            .unwrap_or_else(|| panic!("no line for {event_type} in {received}"));
        assert!(line.starts_with("204  msg_"), "{line}");
        assert!(line.ends_with("  verified"), "{line}");
    }
}

#[test]
fn tampered_and_stale_deliveries_are_rejected_and_send_expects_exactly_that() {
    let mut runs = Vec::new();
    let received = listen_for(3, &[], |url| {
        runs.push(run(cli().args([
            "send",
            "user.created",
            "--tampered",
            "--to",
            url,
        ])));
        runs.push(run(cli().args([
            "send",
            "session.created",
            "--stale",
            "--to",
            url,
        ])));
        // A tampered delivery is not an expected 2xx: plain `send` of a body signed with
        // another secret fails with status 1.
        runs.push(run(cli().args(["send", "user.created", "--to", url]).env(
            "CLERK_WEBHOOK_SIGNING_SECRET",
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )));
    });
    assert_eq!(runs[0].status.code(), Some(0), "{}", stdout(&runs[0]));
    assert!(
        stdout(&runs[0]).contains("1/1 answered 400"),
        "{}",
        stdout(&runs[0])
    );
    assert_eq!(runs[1].status.code(), Some(0), "{}", stdout(&runs[1]));
    assert_eq!(runs[2].status.code(), Some(1), "{}", stdout(&runs[2]));
    assert!(
        stdout(&runs[2]).contains("0/1 answered 2xx"),
        "{}",
        stdout(&runs[2])
    );

    let lines: Vec<&str> = received.lines().collect();
    assert_eq!(lines.len(), 3, "{received}");
    assert!(
        lines[0].starts_with("400  msg_")
            && lines[0].contains("rejected: no matching webhook signature"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("rejected: webhook timestamp is too old"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("rejected: no matching webhook signature"),
        "{}",
        lines[2]
    );
}

#[test]
fn duplicates_share_a_message_id_and_both_are_accepted() {
    let mut sent = None;
    let received = listen_for(4, &["--json"], |url| {
        sent = Some(run(cli().args([
            "send",
            "user.created",
            "user.deleted",
            "--duplicate",
            "--to",
            url,
        ])));
    });
    let sent = sent.unwrap();
    assert!(sent.status.success(), "{}", stdout(&sent));
    let deliveries = ndjson(&received);
    assert_eq!(deliveries.len(), 4);
    let ids: Vec<&str> = deliveries
        .iter()
        .map(|d| d["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[2], ids[3]);
    assert_ne!(ids[0], ids[2]);
    for delivery in &deliveries {
        assert_eq!(delivery["status"], 204);
        assert_eq!(delivery["verified"], true);
        assert_eq!(delivery["drift"]["unknown_fields"], serde_json::json!([]));
    }
    assert_eq!(deliveries[2]["event_type"], "user.deleted");
}

#[test]
fn a_load_run_reports_throughput_and_latency() {
    let mut sent = None;
    listen_for(40, &[], |url| {
        sent = Some(run(cli().args([
            "send",
            "session.created",
            "user.updated",
            "--repeat",
            "20",
            "--concurrency",
            "4",
            "--json",
            "--to",
            url,
        ])));
    });
    let sent = sent.unwrap();
    assert!(sent.status.success(), "{}", stderr(&sent));
    let lines = ndjson(&stdout(&sent));
    assert_eq!(lines.len(), 41);
    let summary = lines.last().unwrap();
    assert_eq!(summary["requests"], 40);
    assert_eq!(summary["as_expected"], 40);
    assert!(summary["requests_per_second"].as_f64().unwrap() > 0.0);
    assert!(summary["p99_ms"].as_f64().unwrap() >= summary["p50_ms"].as_f64().unwrap());
    let mut ids: Vec<&str> = lines[..40]
        .iter()
        .map(|l| l["message_id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40, "each repetition is a new delivery");
}

/// The headers of each request a test server received, names in lower case.
type SeenHeaders = Vec<Vec<(String, String)>>;

/// A receiver that answers every request with the same status, on a loopback port.
fn fixed_status_server(
    status: u16,
    requests: usize,
) -> (String, std::thread::JoinHandle<SeenHeaders>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("binds");
    let url = format!("http://{}/hook", server.server_addr().to_ip().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for _ in 0..requests {
            let request = server.recv().expect("a request");
            seen.push(
                request
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.to_string().to_ascii_lowercase(),
                            h.value.to_string(),
                        )
                    })
                    .collect(),
            );
            request.respond(tiny_http::Response::empty(status)).unwrap();
        }
        seen
    });
    (url, handle)
}

#[test]
fn tampered_fails_when_the_receiver_accepts_it() {
    let (url, server) = fixed_status_server(200, 1);
    let out = run(cli().args(["send", "user.created", "--tampered", "--to", &url]));
    server.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0/1 answered 400"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn listen_forwards_verified_deliveries_and_answers_with_the_handlers_status() {
    let (handler, server) = fixed_status_server(503, 1);
    let mut sent = None;
    let received = listen_for(2, &["--forward-to", &handler], |url| {
        sent = Some(run(cli().args(["send", "user.created", "--to", url])));
        // Not forwarded: it does not verify.
        run(cli().args(["send", "user.created", "--tampered", "--to", url]));
    });
    let forwarded = server.join().unwrap();
    assert_eq!(forwarded.len(), 1);
    let headers = &forwarded[0];
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "svix-id" && v.starts_with("msg_")),
        "{headers:?}"
    );
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "svix-signature" && v.starts_with("v1,")),
        "{headers:?}"
    );
    let sent = sent.unwrap();
    assert_eq!(sent.status.code(), Some(1), "the 503 reached the sender");
    assert!(stdout(&sent).starts_with("503"), "{}", stdout(&sent));
    assert!(
        received.lines().next().unwrap().starts_with("503  msg_"),
        "{received}"
    );
}

#[test]
fn listen_answers_as_the_extractors_do() {
    let signer = Signer::default();
    let agent = ureq::AgentBuilder::new().build();
    let status = |result: Result<ureq::Response, ureq::Error>| match result {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(err) => panic!("{err}"),
    };
    let received = listen_for(3, &[], |url| {
        assert_eq!(status(agent.get(url).call()), 405);
        // Verified, but not a Clerk event: 422, as the extractors answer by default.
        let request = signer.sign_now(
            "msg_unparseable",
            br#"{"type":"user.created","data":{}}"#.to_vec(),
        );
        let mut post = agent.post(url);
        for (name, value) in &request.headers {
            post = post.set(name, value);
        }
        assert_eq!(status(post.send_bytes(&request.body)), 422);
        // No signature headers at all.
        assert_eq!(status(agent.post(url).send_bytes(b"{}")), 400);
    });
    let lines: Vec<&str> = received.lines().collect();
    assert!(lines[0].starts_with("405  -"), "{received}");
    assert!(
        lines[1].starts_with("422  msg_unparseable  user.created")
            && lines[1].contains("verified, the body does not parse"),
        "{received}"
    );
    assert!(
        lines[2].starts_with("400  -  -  -  rejected: "),
        "{received}"
    );
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("clerk-webhooks-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn only_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

#[test]
fn listen_saves_deliveries_that_verify_checks_offline() {
    let dir = temp_dir("save");
    let save = dir.join("saved");
    listen_for(1, &["--save", save.to_str().unwrap()], |url| {
        run(cli().args(["send", "organization.created", "--to", url]));
    });
    let file = only_file(&save);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("user-agent"),
        "only signature headers are kept: {text}"
    );

    let ok = run(cli().args(["verify", "--delivery"]).arg(&file));
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    assert!(stdout(&ok).starts_with("verified  msg_"), "{}", stdout(&ok));
    assert!(
        stdout(&ok).contains("organization.created"),
        "{}",
        stdout(&ok)
    );

    // A capture checked long after: the window fails now, and passes with --at.
    let delivery: serde_json::Value = serde_json::from_str(&text).unwrap();
    let timestamp = delivery["headers"]["svix-timestamp"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap();
    let later = (timestamp + 3600).to_string();
    let late = run(cli()
        .args(["verify", "--at", &later, "--json", "--delivery"])
        .arg(&file));
    assert_eq!(late.status.code(), Some(1));
    let late: serde_json::Value = serde_json::from_slice(&late.stdout).unwrap();
    assert_eq!(late["verified"], false);
    assert!(
        late["reason"].as_str().unwrap().contains("too old"),
        "{late}"
    );

    // The loose form: --body with the three header values.
    let body_path = dir.join("body.json");
    std::fs::write(&body_path, delivery["body"].as_str().unwrap()).unwrap();
    let header = |name: &str| delivery["headers"][name].as_str().unwrap().to_owned();
    let loose = |body: &Path| {
        run(cli()
            .args(["verify", "--body"])
            .arg(body)
            .args([
                "--id",
                &header("svix-id"),
                "--timestamp",
                &header("svix-timestamp"),
            ])
            .args([
                "--signature",
                &header("svix-signature"),
                "--at",
                &timestamp.to_string(),
            ]))
    };
    assert_eq!(loose(&body_path).status.code(), Some(0));
    let tampered_path = dir.join("tampered.json");
    std::fs::write(
        &tampered_path,
        format!("{} ", delivery["body"].as_str().unwrap()),
    )
    .unwrap();
    let tampered = loose(&tampered_path);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(
        stdout(&tampered).starts_with("not verified: no matching webhook signature"),
        "{}",
        stdout(&tampered)
    );

    // The wrong secret.
    let wrong = run(cli().args(["verify", "--delivery"]).arg(&file).env(
        "CLERK_WEBHOOK_SIGNING_SECRET",
        "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ));
    assert_eq!(wrong.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inspect_reports_drift_and_strict_fails_on_it() {
    let dir = temp_dir("inspect");
    let mut body: serde_json::Value =
        serde_json::from_slice(testing::sample_body("session.created").unwrap()).unwrap();
    body["data"]["status"] = "hibernating".into();
    body["data"]["risk_score"] = 0.3.into();
    body["data"]["latest_activity"] =
        serde_json::json!({"id": "sess_act_1", "object": "session_activity", "wifi": "on"});
    let path = dir.join("drift.json");
    std::fs::write(&path, serde_json::to_vec(&body).unwrap()).unwrap();

    let out = run(cli().arg("inspect").arg(&path));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("type         session.created"), "{text}");
    assert!(text.contains("kind         SessionCreated"), "{text}");
    assert!(text.contains("payload      Session"), "{text}");
    assert!(text.contains("unknown field data.risk_score"), "{text}");
    assert!(
        text.contains("unknown field data.latest_activity.wifi"),
        "{text}"
    );
    assert!(
        text.contains(r#"unknown value "hibernating" at data.status"#),
        "{text}"
    );
    assert!(
        !text.contains("\"on\"") && !text.contains("0.3"),
        "no payload value: {text}"
    );

    let strict = run(cli().args(["inspect", "--strict", "--json"]).arg(&path));
    assert_eq!(strict.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert_eq!(
        report["drift"]["unknown_fields"],
        serde_json::json!(["data.latest_activity.wifi", "data.risk_score"])
    );

    // A sample has no drift, so --strict passes; `-` reads stdin.
    let mut child = cli()
        .args(["inspect", "--strict", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        testing::sample_body("user.created").unwrap(),
    )
    .unwrap();
    let clean = child.wait_with_output().unwrap();
    assert_eq!(clean.status.code(), Some(0));
    assert!(
        stdout(&clean).contains("drift        none"),
        "{}",
        stdout(&clean)
    );

    // An unknown event type.
    std::fs::write(&path, br#"{"type":"user.archived","data":{"id":"user_1"}}"#).unwrap();
    let unknown = stdout(&run(cli().arg("inspect").arg(&path)));
    assert!(unknown.contains("kind         Unknown"), "{unknown}");
    assert!(
        unknown.contains(r#"unknown event type "user.archived""#),
        "{unknown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn samples_lists_every_type_and_prints_each_body_exactly() {
    let list = run(cli().arg("samples"));
    assert!(list.status.success());
    let types: Vec<String> = stdout(&list).lines().map(str::to_owned).collect();
    assert_eq!(types, testing::SAMPLE_EVENT_TYPES);
    assert_eq!(types.len(), 51);
    let json = run(cli().args(["samples", "--json"]));
    let listed: Vec<String> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(listed, types);
    for event_type in ["user.created", "subscriptionItem.freeTrialEnding"] {
        let out = run(cli().args(["samples", event_type]));
        let body = testing::sample_body(event_type).unwrap();
        assert_eq!(
            out.stdout.strip_suffix(b"\n").unwrap_or(&out.stdout),
            body.strip_suffix(b"\n").unwrap_or(body)
        );
    }
    assert_one_line_error(
        &run(cli().args(["samples", "user.exploded"])),
        "no sample for \"user.exploded\"",
    );
}

#[test]
fn bad_input_gives_one_line_and_a_non_zero_exit() {
    let dir = temp_dir("bad");
    let not_json = dir.join("not-json.txt");
    std::fs::write(&not_json, "hello").unwrap();
    assert_one_line_error(
        &run(cli().args(["inspect", "/nonexistent/body.json"])),
        "cannot read /nonexistent/body.json",
    );
    assert_one_line_error(
        &run(cli().arg("inspect").arg(&not_json)),
        "is not a Clerk webhook body",
    );
    assert_one_line_error(
        &run(cli().args(["verify", "--delivery"]).arg(&not_json)),
        "is not a delivery file",
    );
    assert_one_line_error(
        &run(cli().args(["send", "user.created", "--to", "http://127.0.0.1:9/"])),
        "could not reach the receiver",
    );
    assert_one_line_error(
        &run(cli().args(["send", "user.created", "--to", "ftp://example.com/"])),
        "is not an http:// URL",
    );
    assert_one_line_error(
        &run(cli()
            .args(["send", "user.created", "--to", "http://127.0.0.1:9/"])
            .env("CLERK_WEBHOOK_SIGNING_SECRET", "whsec_not!base64")),
        "the signing secret is not valid",
    );
    assert_one_line_error(
        &run(cli()
            .args(["listen", "--port", "0"])
            .env_remove("CLERK_WEBHOOK_SIGNING_SECRET")),
        "no signing secret: pass --secret or set CLERK_WEBHOOK_SIGNING_SECRET",
    );
    // Usage errors are clap's: status 2, no panic.
    let usage = run(cli().args(["send", "--to", "http://127.0.0.1:9/"]));
    assert_eq!(usage.status.code(), Some(2));
    assert!(!stderr(&usage).contains("panicked"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_has_an_example_and_never_shows_the_secret() {
    for command in ["send", "listen", "verify", "inspect", "samples"] {
        let out = run(cli().args([command, "--help"]));
        assert!(out.status.success());
        let text = stdout(&out);
        assert!(
            text.contains("Examples:\n  clerk-webhooks "),
            "{command}: {text}"
        );
        assert!(
            !text.contains(TEST_SECRET),
            "{command} --help shows the secret"
        );
    }
}
