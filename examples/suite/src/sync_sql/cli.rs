//! What the `sync_postgres`, `sync_mysql` and `sync_sqlite` examples run: serve, `--demo`
//! (the load test, with the connection killer on the servers) or `--bench` (the ledger's
//! cost: the same load with and without it).

use super::kill::Victims;
use super::load::{self, LoadConfig, LoadReport, APPLICATION_NAME};
use super::server::{router, AppState};
use super::store::{Mode, Store, Target};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The database an example syncs into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    /// `DATABASE_URL`.
    Postgres,
    /// `MYSQL_URL`.
    MySql,
    /// The file `SYNC_DB` (default `clerk_sync.db`); `--demo` and `--bench` use a file of
    /// their own in the system's temporary directory.
    Sqlite,
}

/// The schema (PostgreSQL) or database (MySQL) the demo and the benchmark drop and create
/// for their tables, so that they never touch tables of the same names elsewhere.
pub const DEMO_SPACE: &str = "clerk_webhooks_demo";

impl Database {
    /// The name printed in reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Postgres => "PostgreSQL",
            Self::MySql => "MariaDB/MySQL",
            Self::Sqlite => "SQLite",
        }
    }

    fn url(self) -> Result<String, Error> {
        let var = match self {
            Self::Postgres => "DATABASE_URL",
            Self::MySql => "MYSQL_URL",
            Self::Sqlite => return Ok(String::new()),
        };
        std::env::var(var).map_err(|_| format!("set {var} to the server's URL").into())
    }

    /// The target of a run in a space of its own (`space`: a schema, a database or a file
    /// name), and whose connections the killer may kill.
    pub fn isolated(self, space: &str) -> Result<(Target, Option<Victims>), Error> {
        let url = self.url()?;
        Ok(match self {
            Self::Postgres => (
                Target::Postgres {
                    url: url.clone(),
                    schema: Some(space.to_owned()),
                },
                Some(Victims::Postgres {
                    url,
                    application_name: format!("{APPLICATION_NAME}_{space}"),
                }),
            ),
            Self::MySql => (
                Target::MySql {
                    url: url.clone(),
                    database: Some(space.to_owned()),
                },
                Some(Victims::MySql {
                    url,
                    database: space.to_owned(),
                }),
            ),
            Self::Sqlite => {
                let path = std::env::temp_dir().join(format!("{space}.db"));
                let path = path.to_str().ok_or("a temporary directory in UTF-8")?;
                (
                    Target::Sqlite {
                        path: path.to_owned(),
                    },
                    None,
                )
            }
        })
    }
}

/// The examples' `main`.
pub async fn main(database: Database) -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = if args.iter().any(|arg| arg == "--demo") {
        demo(database).await
    } else if args.iter().any(|arg| arg == "--bench") {
        bench(database).await
    } else {
        serve(database).await
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(database: Database) -> Result<ExitCode, Error> {
    let webhook = clerk_webhooks::Webhook::from_env()?;
    let url = database.url()?;
    let target = match database {
        Database::Postgres => Target::Postgres { url, schema: None },
        Database::MySql => Target::MySql {
            url,
            database: None,
        },
        Database::Sqlite => Target::Sqlite {
            path: std::env::var("SYNC_DB").unwrap_or_else(|_| "clerk_sync.db".into()),
        },
    };
    let store = Store::connect(&target, 8, APPLICATION_NAME).await?;
    store.migrate().await?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}")).await?;
    println!(
        "syncing into {}; listening on http://{}",
        database.name(),
        listener.local_addr()?
    );
    let state = AppState {
        webhook,
        store,
        mode: Mode::Ledger,
        errors: Arc::new(AtomicU64::new(0)),
        log_errors: true,
    };
    axum::serve(listener, router(state)).await?;
    Ok(ExitCode::SUCCESS)
}

/// The load test's configuration for a database: the killer on the servers.
pub fn demo_config(database: Database) -> LoadConfig {
    LoadConfig {
        kill_every: (database != Database::Sqlite).then_some(Duration::from_millis(100)),
        ..LoadConfig::default()
    }
}

async fn demo(database: Database) -> Result<ExitCode, Error> {
    let config = demo_config(database);
    let (target, victims) = database.isolated(DEMO_SPACE)?;
    let report = load::run(&target, victims, &config).await?;
    println!(
        "{}: {} receivers, {} connections each, {} deliveries in flight",
        database.name(),
        config.receivers,
        config.pool_size,
        config.concurrency
    );
    for (name, deliveries) in &report.phases {
        println!("  {name:<22} {deliveries:>6} deliveries");
    }
    print_summary(&report);
    for line in report.wrong_answers.iter().take(20) {
        println!("FAIL {line}");
    }
    for line in report.differences(5) {
        println!("FAIL {line}");
    }
    if report.passed() {
        println!("demo passed: every answer, and every row of every table, is the model's");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("demo FAILED");
        Ok(ExitCode::FAILURE)
    }
}

/// Prints the counts, the throughput and the latencies of a run.
pub fn print_summary(report: &LoadReport) {
    let rows: usize = report.snapshot.tables.values().map(|rows| rows.len()).sum();
    println!(
        "  {} rows in the synced tables, {} ledger messages, {} ledger resources",
        rows,
        report.snapshot.messages.len(),
        report.snapshot.resources.len()
    );
    println!(
        "  {} connections killed, {} database errors answered 503, {} retries",
        report.killed, report.database_errors, report.retries
    );
    println!(
        "  {} deliveries in {:.2} s: {:.0}/s, latency p50 {:.1} ms, p99 {:.1} ms",
        report.deliveries,
        report.elapsed.as_secs_f64(),
        report.per_second(),
        report.percentile(50.0).as_secs_f64() * 1e3,
        report.percentile(99.0).as_secs_f64() * 1e3,
    );
}

/// The ledger's cost: the same load (no killer), alternately without and with the ledger,
/// `BENCH_ROUNDS` times (default 3), over HTTP and then handed to the receivers directly;
/// prints each run and, per transport, the ratio of the best throughputs.
async fn bench(database: Database) -> Result<ExitCode, Error> {
    let rounds: usize = match std::env::var("BENCH_ROUNDS") {
        Ok(rounds) => rounds.parse()?,
        Err(_) => 3,
    };
    let (target, _) = database.isolated(DEMO_SPACE)?;
    let mut summary = Vec::new();
    for over_http in [true, false] {
        let transport = if over_http {
            "over loopback HTTP"
        } else {
            "handed to the receivers directly"
        };
        let mut best = [(0.0_f64, Duration::ZERO, Duration::ZERO); 2];
        for round in 1..=rounds {
            for (slot, mode) in [Mode::WithoutLedger, Mode::Ledger].into_iter().enumerate() {
                let config = LoadConfig {
                    mode,
                    over_http,
                    ..LoadConfig::default()
                };
                let report = load::run(&target, None, &config).await?;
                println!("{} {transport}, round {round}, {mode:?}:", database.name());
                print_summary(&report);
                if mode == Mode::Ledger && !report.passed() {
                    println!("FAIL: the run with the ledger is not exact");
                    return Ok(ExitCode::FAILURE);
                }
                if report.per_second() > best[slot].0 {
                    best[slot] = (
                        report.per_second(),
                        report.percentile(50.0),
                        report.percentile(99.0),
                    );
                }
            }
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let [(plain, plain_p50, plain_p99), (ledger, p50, p99)] = best;
        summary.push(format!(
            "{} {transport}, best of {rounds}: without the ledger {plain:.0}/s (p50 {:.1} ms, \
             p99 {:.1} ms), with it {ledger:.0}/s (p50 {:.1} ms, p99 {:.1} ms): ratio {:.2}",
            database.name(),
            ms(plain_p50),
            ms(plain_p99),
            ms(p50),
            ms(p99),
            ledger / plain.max(f64::MIN_POSITIVE),
        ));
    }
    for line in summary {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
