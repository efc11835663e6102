//! Fault injection for the load: a separate connection that kills the receivers' database
//! connections at random while they work, preferring those inside an open transaction.
//!
//! * PostgreSQL: `pg_terminate_backend` on a `pg_stat_activity` row with the receivers'
//!   `application_name`, `idle in transaction` first, then any in a transaction, then the rest.
//! * MySQL and MariaDB: `KILL CONNECTION` on an `information_schema.PROCESSLIST` row in the
//!   receivers' database, those with an `INNODB_TRX` row (an open transaction) first.

use sqlx::{AssertSqlSafe, Connection};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// Whose connections to kill.
#[derive(Clone, Debug)]
pub enum Victims {
    /// PostgreSQL sessions with this `application_name`.
    Postgres {
        url: String,
        application_name: String,
    },
    /// MySQL or MariaDB connections using this database.
    MySql { url: String, database: String },
}

/// A running killer: stop it to learn how many connections it killed.
pub struct Killer {
    stop: Arc<AtomicBool>,
    task: JoinHandle<Result<u32, sqlx::Error>>,
}

const PG_KILL: &str = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE application_name = $1 AND pid <> pg_backend_pid()
ORDER BY state = 'idle in transaction' DESC, xact_start IS NOT NULL DESC, random()
LIMIT 1";

const MYSQL_PICK: &str = "SELECT p.ID FROM information_schema.PROCESSLIST p
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.DB = ? AND p.ID <> CONNECTION_ID() AND p.COMMAND <> 'Killed'
ORDER BY t.trx_id IS NOT NULL DESC, RAND()
LIMIT 1";

impl Killer {
    /// Starts killing one victim connection every `every`.
    pub async fn start(victims: Victims, every: Duration) -> Result<Self, sqlx::Error> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let task = match victims {
            Victims::Postgres {
                url,
                application_name,
            } => {
                let mut conn = sqlx::PgConnection::connect(&url).await?;
                tokio::spawn(async move {
                    let mut killed = 0;
                    while !flag.load(Ordering::Relaxed) {
                        tokio::time::sleep(every).await;
                        let done: Option<bool> = sqlx::query_scalar(PG_KILL)
                            .bind(&application_name)
                            .fetch_optional(&mut conn)
                            .await?;
                        killed += u32::from(done == Some(true));
                    }
                    Ok(killed)
                })
            }
            Victims::MySql { url, database } => {
                let mut conn = sqlx::MySqlConnection::connect(&url).await?;
                tokio::spawn(async move {
                    let mut killed = 0;
                    while !flag.load(Ordering::Relaxed) {
                        tokio::time::sleep(every).await;
                        let id: Option<i64> = sqlx::query_scalar(MYSQL_PICK)
                            .bind(&database)
                            .fetch_optional(&mut conn)
                            .await?;
                        let Some(id) = id else { continue };
                        match sqlx::query(AssertSqlSafe(format!("KILL CONNECTION {id}")))
                            .execute(&mut conn)
                            .await
                        {
                            Ok(_) => killed += 1,
                            // 1094: unknown thread, it ended between the pick and the kill.
                            Err(sqlx::Error::Database(err))
                                if err.code().as_deref() == Some("HY000") => {}
                            Err(err) => return Err(err),
                        }
                    }
                    Ok(killed)
                })
            }
        };
        Ok(Self { stop, task })
    }

    /// Stops the killer and returns how many connections it killed.
    pub async fn stop(self) -> Result<u32, sqlx::Error> {
        self.stop.store(true, Ordering::Relaxed);
        self.task
            .await
            .map_err(|err| sqlx::Error::Protocol(format!("the killer task failed: {err}")))?
    }
}
