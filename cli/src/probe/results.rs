//! The JSON `probe` section: what each address and each session answered, as heard.

use std::net::SocketAddr;

use meslint_core::model::live::{Answer, Live, Outcome, Target, address};

use super::{Results, ServerResult, SessionResult};

/// The results of a probe, with the socket address each target was reached at.
pub(super) fn results(live: &Live, connected: &[Option<SocketAddr>]) -> Results {
    Results {
        servers: live
            .servers()
            .zip(connected)
            .map(|((target, answer), connected)| server_result(target, *connected, answer))
            .collect(),
        sessions: live
            .session_outcomes()
            .map(|(session, outcome)| {
                let (status, error, registered) = match outcome {
                    Outcome::Failed(why) => ("failed", Some(why.clone()), Vec::new()),
                    Outcome::PathMissing => ("path_missing", None, Vec::new()),
                    Outcome::Read(found) => ("read", None, found.clone()),
                };
                SessionResult {
                    url: session.display.clone(),
                    credentials: session.credentials.is_some(),
                    status,
                    error,
                    registered_masters: registered,
                }
            })
            .collect(),
    }
}

fn server_result(target: &Target, connected: Option<SocketAddr>, answer: &Answer) -> ServerResult {
    let mut result = ServerResult {
        address: address(&target.host, target.port),
        connected_to: None,
        server_id: target.server.as_ref().and_then(|s| s.sid),
        configured_server: target.server.is_some(),
        status: "answered",
        mode: None,
        version: None,
        zxid: None,
        error: None,
    };
    match answer {
        Answer::Unreachable(why) => {
            result.status = "unreachable";
            result.error = Some(why.clone());
        }
        Answer::Refused => result.status = "refused",
        Answer::NotServing => result.status = "not_serving",
        Answer::Unrecognized(what) => {
            result.status = "unrecognized";
            result.error = Some(format!("not a ZooKeeper answer: {what}"));
        }
        Answer::Srvr(srvr) => {
            result.mode = Some(srvr.mode.clone());
            result.version = Some(srvr.version.clone());
            result.zxid = srvr.zxid.clone();
        }
    }
    if !matches!(answer, Answer::Unreachable(_)) {
        result.connected_to = connected.map(|a| a.to_string());
    }
    result
}
