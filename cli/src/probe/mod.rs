//! `meslint --probe`: asks the running cluster what the configuration cannot say. Every
//! ZooKeeper server and zk URL host the model names gets a TCP connection and the `srvr`
//! four-letter word; every zk URL gets a client session that reads the masters registered
//! under its path.
//!
//! Only addresses of the configuration are contacted: the core plans them from the model
//! ([`Plan::of`]). Everything is bounded: at most [`CONCURRENCY`] connections at once, the
//! per-connection limit on each step, and one deadline for the whole probe, after which what
//! has not answered is reported as such. What the servers answered is handed to the core as
//! plain data ([`Live`]); its `PR` rules turn it into diagnostics, which go through the run's
//! policy with the lint findings ([`meslint_core::probe_report`]). The answers also make a
//! [`Results`] section for `--format json`.

pub mod four_letter;
mod results;
pub mod session;

use std::time::Duration;

use meslint_core::Report;
use meslint_core::model::live::{Answer, Live, Outcome, Plan, Registration};
use serde::Serialize;
use tokio::task::JoinSet;

/// How many connections the probe has open at most.
pub const CONCURRENCY: usize = 16;

/// The probe's limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// For each connection, each answer and each session step.
    pub connection: Duration,
    /// For the whole probe.
    pub total: Duration,
}

/// The `probe` section of the JSON output.
#[derive(Debug, Default, Serialize)]
pub struct Results {
    pub servers: Vec<ServerResult>,
    pub sessions: Vec<SessionResult>,
}

/// One `host:port` asked.
#[derive(Debug, Serialize)]
pub struct ServerResult {
    pub address: String,
    /// The socket address connected to (differs from `address` for a host name).
    pub connected_to: Option<String>,
    /// The server id, for members of the ensemble.
    pub server_id: Option<i64>,
    /// True for servers of the configuration; false for zk URL hosts alone.
    pub configured_server: bool,
    /// `answered`, `unreachable`, `refused` (four-letter word not whitelisted),
    /// `not_serving` or `unrecognized`.
    pub status: &'static str,
    pub mode: Option<String>,
    pub version: Option<String>,
    pub zxid: Option<String>,
    pub error: Option<String>,
}

/// One zk URL's session (credentials never shown).
#[derive(Debug, Serialize)]
pub struct SessionResult {
    pub url: String,
    pub credentials: bool,
    /// `read`, `path_missing` or `failed`.
    pub status: &'static str,
    pub error: Option<String>,
    pub registered_masters: Vec<Registration>,
}

/// Runs the probe for a linted report and adds its findings to it; returns the raw results for
/// JSON. Never panics and never hangs past the deadline (plus the time to stop): failures are
/// diagnostics.
pub fn run(report: &mut Report, limits: Limits) -> Results {
    let plan = Plan::of(&report.model, &report.settings);
    let (answers, sessions) = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            let found = runtime.block_on(ask_all(&plan, limits));
            // A name lookup still running in the background is not waited for.
            runtime.shutdown_timeout(Duration::from_millis(100));
            found
        }
        Err(error) => {
            let why = format!("the probe could not start: {error}");
            (
                vec![(None, Answer::Unreachable(why.clone())); plan.targets.len()],
                vec![Outcome::Failed(why); plan.sessions.len()],
            )
        }
    };
    let (connected, answers): (Vec<_>, Vec<_>) = answers.into_iter().unzip();
    let live = Live {
        plan,
        answers,
        sessions,
    };
    meslint_core::probe_report(report, &live);
    results::results(&live, &connected)
}

type Asked = (Option<std::net::SocketAddr>, Answer);

enum Done {
    Server(usize, Asked),
    Session(usize, Outcome),
}

/// Asks every target and opens every session, [`CONCURRENCY`] at a time, until all are done
/// or the deadline passes.
async fn ask_all(plan: &Plan, limits: Limits) -> (Vec<Asked>, Vec<Outcome>) {
    let deadline = tokio::time::Instant::now() + limits.total;
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for (index, target) in plan.targets.values().enumerate() {
        let (host, port, gate) = (target.host.clone(), target.port, gate.clone());
        set.spawn(async move {
            let _permit = gate.acquire_owned().await;
            Done::Server(
                index,
                four_letter::ask_srvr(&host, port, limits.connection).await,
            )
        });
    }
    for (index, plan) in plan.sessions.iter().enumerate() {
        let session_plan = plan.clone();
        let gate = gate.clone();
        set.spawn(async move {
            let _permit = gate.acquire_owned().await;
            Done::Session(
                index,
                session::inspect(&session_plan, limits.connection).await,
            )
        });
    }
    let late = format!(
        "no answer within the probe's total limit of {}",
        four_letter::seconds(limits.total)
    );
    let mut answers: Vec<Option<Asked>> = vec![None; plan.targets.len()];
    let mut outcomes: Vec<Option<Outcome>> = vec![None; plan.sessions.len()];
    loop {
        match tokio::time::timeout_at(deadline, set.join_next()).await {
            Ok(Some(Ok(Done::Server(i, asked)))) => answers[i] = Some(asked),
            Ok(Some(Ok(Done::Session(i, outcome)))) => outcomes[i] = Some(outcome),
            // A task that failed inside leaves its slot empty: reported below.
            Ok(Some(Err(_))) => {}
            Ok(None) => break,
            Err(_) => {
                set.abort_all();
                break;
            }
        }
    }
    (
        answers
            .into_iter()
            .map(|a| a.unwrap_or_else(|| (None, Answer::Unreachable(late.clone()))))
            .collect(),
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Outcome::Failed(late.clone())))
            .collect(),
    )
}
