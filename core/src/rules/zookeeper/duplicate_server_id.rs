use std::collections::HashMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{ServerEntry, Value};
use crate::rules::Context;
use crate::rules::zookeeper::{server_lists, servers};

declare_rule! {
    /// Two server lines with the same id written differently.
    ///
    /// ## What it finds
    /// Lines such as `server.1` and `server.01` (or `server.+1`): ZooKeeper reads the id with
    /// `Long.parseLong`, so they name the same server.
    ///
    /// ## Why it matters
    /// Only one of the lines survives, and which one depends on hash order: a server silently
    /// disappears from the ensemble.
    ///
    /// ## How to fix
    /// Give every server a distinct id and write ids without leading zeros or signs.
    ///
    /// ## Example
    /// `server.1=zk1:2888:3888` and `server.01=zk4:2888:3888`.
    pub static DUPLICATE_SERVER_ID = Rule {
        code: "ZK204",
        name: "duplicate_server_id",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for list in server_lists(zk) {
            // Pairs each line with the next line of the same id, in one pass from the end.
            let mut next_of: HashMap<i64, &ServerEntry> = HashMap::new();
            let mut pairs = Vec::new();
            for s in list.iter().rev() {
                let Value::Known(sid) = s.sid.value else {
                    continue;
                };
                if let Some(later) = next_of.insert(sid, s) {
                    pairs.push((sid, s, later));
                }
            }
            pairs.reverse();
            for (sid, s, later) in pairs {
                if later.key.value == s.key.value {
                    // Reported as a duplicate key.
                    continue;
                }
                out.push(
                    Finding::new(format!(
                        "`{}` and `{}` are the same server id {sid}",
                        s.key.value, later.key.value
                    ))
                    .primary(s.key.span, "same id")
                    .secondary(later.key.span, "same id")
                    .help("give each server a distinct id, written without leading zeros or signs"),
                );
            }
        }
    }
    out
}
