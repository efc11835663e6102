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
        late["error"].as_str().unwrap().contains("too old"),
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
    assert!(text.contains("kind         session.created"), "{text}");
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
    assert!(unknown.contains("kind         unknown"), "{unknown}");
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

/// A secret that is valid but not the test kit's.
const OTHER_SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

/// Writes a delivery file signed now with the test kit's secret, as `listen --save` would.
fn signed_delivery_file(dir: &Path) -> PathBuf {
    let request = Signer::default().sign_now(
        "msg_secret_sources",
        testing::sample_body("user.created").unwrap().to_vec(),
    );
    let headers: serde_json::Map<String, serde_json::Value> = request
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), value.clone().into()))
        .collect();
    let file = serde_json::json!({
        "headers": headers,
        "body": String::from_utf8(request.body).unwrap(),
    });
    let path = dir.join("delivery.json");
    std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
    path
}

/// `verify --delivery FILE` with exactly the given secret sources.
fn verify_with(file: &Path, env: &[(&str, &str)], secret_flag: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command
        .env_remove("CLERK_WEBHOOK_SIGNING_SECRET")
        .env_remove("CLERK_WEBHOOK_SECRET")
        .envs(env.iter().copied())
        .args(["verify", "--delivery"])
        .arg(file);
    if let Some(secret) = secret_flag {
        command.args(["--secret", secret]);
    }
    run(&mut command)
}

#[test]
fn the_secret_is_read_as_from_env_reads_it_and_the_flag_wins() {
    let dir = temp_dir("secret-sources");
    let file = signed_delivery_file(&dir);
    let status = |out: &Output| out.status.code();
    let primary = "CLERK_WEBHOOK_SIGNING_SECRET";
    let fallback = "CLERK_WEBHOOK_SECRET";

    // The primary variable, the fallback alone, and a blank primary that falls back.
    assert_eq!(
        status(&verify_with(&file, &[(primary, TEST_SECRET)], None)),
        Some(0)
    );
    assert_eq!(
        status(&verify_with(&file, &[(fallback, TEST_SECRET)], None)),
        Some(0)
    );
    let blank_primary = [(primary, "  "), (fallback, TEST_SECRET)];
    assert_eq!(status(&verify_with(&file, &blank_primary, None)), Some(0));
    // The primary wins over the fallback.
    let both = [(primary, OTHER_SECRET), (fallback, TEST_SECRET)];
    assert_eq!(status(&verify_with(&file, &both, None)), Some(1));

    // A whitespace-separated rotation list, in either variable and in --secret.
    let list = format!("{OTHER_SECRET}\n\t{TEST_SECRET}");
    assert_eq!(
        status(&verify_with(&file, &[(primary, &list)], None)),
        Some(0)
    );
    assert_eq!(
        status(&verify_with(&file, &[(fallback, &list)], None)),
        Some(0)
    );
    assert_eq!(status(&verify_with(&file, &[], Some(&list))), Some(0));

    // --secret wins over the environment, both ways.
    let wrong_env = [(primary, OTHER_SECRET)];
    assert_eq!(
        status(&verify_with(&file, &wrong_env, Some(TEST_SECRET))),
        Some(0)
    );
    let right_env = [(primary, TEST_SECRET)];
    assert_eq!(
        status(&verify_with(&file, &right_env, Some(OTHER_SECRET))),
        Some(1)
    );

    // A rejected value: the error names the variable it came from, never the value, and a
    // bad primary is not skipped for a good fallback.
    let bad_primary = [(primary, "sk_live_VALUESECRET"), (fallback, TEST_SECRET)];
    let out = verify_with(&file, &bad_primary, None);
    assert_one_line_error(
        &out,
        "the signing secret is not valid: webhook signing secret in CLERK_WEBHOOK_SIGNING_SECRET was rejected",
    );
    assert!(!stderr(&out).contains("VALUESECRET"), "{}", stderr(&out));
    let bad_fallback = [(fallback, "whsec_VALUE!SECRET")];
    let out = verify_with(&file, &bad_fallback, None);
    assert_one_line_error(
        &out,
        "webhook signing secret in CLERK_WEBHOOK_SECRET was rejected",
    );
    assert!(!stderr(&out).contains("VALUE"), "{}", stderr(&out));
    let out = verify_with(&file, &right_env, Some("whsec_VALUE!SECRET"));
    assert_one_line_error(&out, "the signing secret given with --secret is not valid");
    assert!(!stderr(&out).contains("VALUE"), "{}", stderr(&out));

    // Neither: the message names both variables.
    assert_one_line_error(
        &verify_with(&file, &[(primary, ""), (fallback, " ")], None),
        "no signing secret: pass --secret or set CLERK_WEBHOOK_SIGNING_SECRET (or CLERK_WEBHOOK_SECRET)",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One documented field of a `--json` output: its path (`drift.unknown_values[].path`) and
/// its type as `--help` words it (`string or null`, `array of objects`, …).
#[derive(Debug)]
struct Field {
    path: String,
    kind: String,
}

/// The field lists a command's `--help` documents, in order: one list per kind of object
/// (`send` has two: a request line, then the summary).
fn documented_fields(command: &str) -> Vec<Vec<Field>> {
    let help = stdout(&run(cli().args([command, "--help"])));
    let mut lists: Vec<Vec<Field>> = Vec::new();
    let mut in_list = false;
    for line in help.lines() {
        if line.ends_with("with these fields:") {
            lists.push(Vec::new());
            in_list = true;
            continue;
        }
        let Some(entry) = line.strip_prefix("  ").filter(|_| in_list) else {
            in_list = false;
            continue;
        };
        let mut columns = entry.split("  ").map(str::trim).filter(|c| !c.is_empty());
        let (Some(path), Some(kind)) = (columns.next(), columns.next()) else {
            panic!("{command} --help: a field line without a type: {line:?}");
        };
        assert!(
            path.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.[]".contains(c)),
            "{command} --help: {path:?} is not a snake_case path"
        );
        lists.last_mut().unwrap().push(Field {
            path: path.to_owned(),
            kind: kind.to_owned(),
        });
    }
    assert!(
        !lists.is_empty(),
        "{command} --help documents no JSON fields:\n{help}"
    );
    lists
}

/// Whether `value` has the documented type.
fn has_kind(value: &serde_json::Value, kind: &str) -> bool {
    if let Some(kind) = kind.strip_suffix(" or null") {
        return value.is_null() || has_kind(value, kind);
    }
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array of strings" => value
            .as_array()
            .is_some_and(|items| items.iter().all(serde_json::Value::is_string)),
        "array of objects" => value
            .as_array()
            .is_some_and(|items| items.iter().all(serde_json::Value::is_object)),
        other => panic!("--help names an unknown type {other:?}"),
    }
}

/// Checks one JSON object against its documented fields: exactly the documented keys at every
/// level (none missing, none extra), each of the documented type.
fn assert_shape(value: &serde_json::Value, fields: &[Field]) {
    fn check(value: &serde_json::Value, prefix: &str, fields: &[Field]) {
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{prefix:?}: not an object: {value}"));
        let children: Vec<&Field> = fields
            .iter()
            .filter(|field| {
                field
                    .path
                    .strip_prefix(prefix)
                    .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
            })
            .collect();
        let mut documented: Vec<&str> = children
            .iter()
            .map(|field| &field.path[prefix.len()..])
            .collect();
        let mut present: Vec<&str> = object.keys().map(String::as_str).collect();
        documented.sort_unstable();
        present.sort_unstable();
        assert_eq!(present, documented, "the keys of {prefix:?} in {value}");
        for field in children {
            let child = &object[&field.path[prefix.len()..]];
            assert!(
                has_kind(child, &field.kind),
                "{} is documented as {}, but is {child}",
                field.path,
                field.kind
            );
            // An object whose fields are documented elsewhere (`typed`: the crate's own
            // serialization) is checked only for its type.
            let nested = format!("{}.", field.path);
            if child.is_object() && fields.iter().any(|f| f.path.starts_with(&nested)) {
                check(child, &nested, fields);
            }
            if field.kind.starts_with("array of objects") {
                for item in child.as_array().into_iter().flatten() {
                    check(item, &format!("{}[].", field.path), fields);
                }
            }
        }
    }
    check(value, "", fields);
}

/// A body with drift of every kind: an unknown value and unknown fields.
fn drifting_body() -> Vec<u8> {
    let mut body: serde_json::Value =
        serde_json::from_slice(testing::sample_body("session.created").unwrap()).unwrap();
    body["data"]["status"] = "hibernating".into();
    body["data"]["risk_score"] = 0.3.into();
    serde_json::to_vec(&body).unwrap()
}

#[test]
fn send_and_listen_json_lines_have_exactly_the_documented_fields() {
    let dir = temp_dir("json-send-listen");
    let drifting = dir.join("drifting.json");
    std::fs::write(&drifting, drifting_body()).unwrap();
    let send_fields = documented_fields("send");
    assert_eq!(send_fields.len(), 2, "a request line and a summary line");
    let listen_fields = documented_fields("listen");
    assert_eq!(listen_fields.len(), 1);

    let mut sent = Vec::new();
    let received = listen_for(4, &["--json"], |url| {
        sent.push(run(cli()
            .args(["send", "--json", "--duplicate", "--body"])
            .arg(&drifting)
            .args(["--to", url])));
        sent.push(run(cli().args([
            "send",
            "user.created",
            "--tampered",
            "--json",
            "--to",
            url,
        ])));
        let status = ureq::get(url)
            .call()
            .map(|r| r.status())
            .unwrap_or_else(|err| match err {
                ureq::Error::Status(code, _) => code,
                other => panic!("{other}"),
            });
        assert_eq!(status, 405);
    });

    for out in &sent {
        assert_eq!(out.status.code(), Some(0), "{}{}", stdout(out), stderr(out));
        let lines = ndjson(&stdout(out));
        let (summary, requests) = lines.split_last().unwrap();
        assert!(!requests.is_empty());
        for line in requests {
            assert_shape(line, &send_fields[0]);
            assert_eq!(line["summary"], false);
            assert!(line["status"].is_u64(), "{line}");
        }
        assert_shape(summary, &send_fields[1]);
        assert_eq!(summary["summary"], true);
    }
    assert_eq!(ndjson(&stdout(&sent[1]))[1]["expected"], "400");

    let deliveries = ndjson(&received);
    assert_eq!(deliveries.len(), 4, "{received}");
    for delivery in &deliveries {
        assert_shape(delivery, &listen_fields[0]);
    }
    // The drifting body, twice: verified, with the drift as paths and schema tokens.
    for delivery in &deliveries[..2] {
        assert_eq!(delivery["status"], 204);
        assert_eq!(delivery["error_code"], serde_json::Value::Null);
        assert_eq!(delivery["event_type"], "session.created");
        assert_eq!(
            delivery["drift"]["unknown_values"],
            serde_json::json!([{"path": "data.status", "value": "hibernating"}])
        );
        assert_eq!(
            delivery["drift"]["unknown_fields"],
            serde_json::json!(["data.risk_score"])
        );
    }
    assert_eq!(deliveries[2]["status"], 400);
    assert_eq!(deliveries[2]["verified"], false);
    assert_eq!(deliveries[2]["error_code"], "invalid_signature");
    assert_eq!(deliveries[2]["drift"], serde_json::Value::Null);
    assert_eq!(deliveries[3]["status"], 405);
    assert_eq!(deliveries[3]["error_code"], "method_not_allowed");

    // A receiver that cannot be reached: the request line has no status and says why.
    let unreachable = run(cli().args([
        "send",
        "user.created",
        "--json",
        "--to",
        "http://127.0.0.1:9/",
    ]));
    assert_eq!(unreachable.status.code(), Some(2));
    let lines = ndjson(&stdout(&unreachable));
    assert_eq!(lines.len(), 1);
    assert_shape(&lines[0], &send_fields[0]);
    assert_eq!(lines[0]["status"], serde_json::Value::Null);
    assert!(lines[0]["error"].is_string());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_json_has_exactly_the_documented_fields_and_stable_error_codes() {
    let dir = temp_dir("json-verify");
    let fields = documented_fields("verify");
    assert_eq!(fields.len(), 1);
    let fields = &fields[0];
    let file = signed_delivery_file(&dir);
    let verify = |extra: &[&str], file: &Path| {
        let out = run(cli()
            .args(["verify", "--json"])
            .args(extra)
            .arg("--delivery")
            .arg(file));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|err| panic!("{err}: {}{}", stdout(&out), stderr(&out)));
        assert_shape(&value, fields);
        (out.status.code(), value)
    };

    let (code, ok) = verify(&[], &file);
    assert_eq!(code, Some(0));
    assert_eq!(ok["verified"], true);
    assert_eq!(ok["message_id"], "msg_secret_sources");
    assert_eq!(ok["event_type"], "user.created");
    assert!(
        ok["resource_id"].as_str().unwrap().starts_with("user_"),
        "{ok}"
    );
    assert_eq!(ok["error"], serde_json::Value::Null);
    assert_eq!(ok["error_code"], serde_json::Value::Null);

    // An hour later: the window fails, with the id still read from the header.
    let later = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600)
        .to_string();
    let (code, late) = verify(&["--at", &later], &file);
    assert_eq!(code, Some(1));
    assert_eq!(late["verified"], false);
    assert_eq!(late["message_id"], "msg_secret_sources");
    assert_eq!(late["error_code"], "timestamp_too_old");
    assert!(
        late["error"].as_str().unwrap().contains("too old"),
        "{late}"
    );

    // The wrong secret, and a delivery without its signature header.
    let wrong = run(cli()
        .args(["verify", "--json", "--delivery"])
        .arg(&file)
        .env("CLERK_WEBHOOK_SIGNING_SECRET", OTHER_SECRET));
    let wrong: serde_json::Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_shape(&wrong, fields);
    assert_eq!(wrong["error_code"], "invalid_signature");
    let mut delivery: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    delivery["headers"]
        .as_object_mut()
        .unwrap()
        .remove("svix-signature");
    let unsigned = dir.join("unsigned.json");
    std::fs::write(&unsigned, serde_json::to_vec(&delivery).unwrap()).unwrap();
    let (code, missing) = verify(&[], &unsigned);
    assert_eq!(code, Some(1));
    assert_eq!(missing["error_code"], "missing_header");

    // Verified, but not a Clerk event: exit 0, with the parse failure as the error.
    let request = Signer::default().sign_now(
        "msg_unparseable",
        br#"{"type":"user.created","data":{}}"#.to_vec(),
    );
    let headers: serde_json::Map<String, serde_json::Value> = request
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), value.clone().into()))
        .collect();
    let unparseable = dir.join("unparseable.json");
    std::fs::write(
        &unparseable,
        serde_json::to_vec(&serde_json::json!({
            "headers": headers,
            "body": String::from_utf8(request.body).unwrap(),
        }))
        .unwrap(),
    )
    .unwrap();
    let (code, parse) = verify(&[], &unparseable);
    assert_eq!(code, Some(0));
    assert_eq!(parse["verified"], true);
    assert_eq!(parse["event_type"], "user.created");
    assert_eq!(parse["resource_id"], serde_json::Value::Null);
    assert_eq!(parse["error_code"], "unparseable_body");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inspect_and_samples_json_have_exactly_the_documented_fields() {
    let dir = temp_dir("json-inspect");
    let fields = documented_fields("inspect");
    assert_eq!(fields.len(), 1);
    let fields = &fields[0];
    let path = dir.join("drifting.json");
    std::fs::write(&path, drifting_body()).unwrap();
    let inspect = |extra: &[&str], path: &Path| {
        let out = run(cli().args(["inspect", "--json"]).args(extra).arg(path));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_shape(&value, fields);
        value
    };

    let plain = inspect(&[], &path);
    assert_eq!(plain["event_type"], "session.created");
    assert_eq!(plain["kind"], "session.created");
    assert_eq!(plain["payload"], "Session");
    assert!(
        plain["resource_id"].as_str().unwrap().starts_with("sess_"),
        "{plain}"
    );
    assert_eq!(plain["typed"], serde_json::Value::Null);
    assert_eq!(
        plain["drift"]["unknown_values"],
        serde_json::json!([{"path": "data.status", "value": "hibernating"}])
    );
    let typed = inspect(&["--typed"], &path);
    assert_eq!(typed["typed"]["type"], "session.created");
    assert_eq!(typed["typed"]["data"]["id"], plain["resource_id"]);

    // A type this version does not know: `kind` says so, and the drift names it.
    std::fs::write(&path, br#"{"type":"user.archived","data":{"id":"user_1"}}"#).unwrap();
    let unknown = inspect(&[], &path);
    assert_eq!(unknown["event_type"], "user.archived");
    assert_eq!(unknown["kind"], "unknown");
    assert_eq!(unknown["drift"]["unknown_event_type"], "user.archived");

    // `samples --json`, documented in its help as an array of strings.
    let help = stdout(&run(cli().args(["samples", "--help"])));
    assert!(
        help.contains("JSON output (--json): an array of the event types, as strings."),
        "{help}"
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&run(cli().args(["samples", "--json"])).stdout).unwrap();
    assert!(has_kind(&listed, "array of strings"));
    assert_eq!(
        listed.as_array().unwrap().len(),
        testing::SAMPLE_EVENT_TYPES.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_output_path_formats_with_debug() {
    // `{:?}` output is not a format: it changes with the Rust version and the type's derive.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/clerk-webhooks");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (number, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            assert!(
                !line.contains(":?}") && !line.contains(":#?}"),
                "{}:{}: {line}",
                path.display(),
                number + 1
            );
        }
    }
}
