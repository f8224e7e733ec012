use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::ProblemKind;
use crate::rules::Context;
use crate::rules::zookeeper::{server_lists, servers};

declare_rule! {
    /// A `server.N` line the target ZooKeeper release cannot read.
    ///
    /// ## What it finds
    /// Server lines whose form the release rejects: missing ports (`host` or `host:2888` on 3.5+),
    /// more than four `:` parts, ports that are not numbers or out of range, a role other than
    /// `participant` or `observer`, unclosed IPv6 brackets, more than one `;`, the 3.5
    /// `;clientPort` syntax on 3.4, `|` addresses before 3.6, and ids that are not numbers
    /// (`server.four`).
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start with errors such as `... does not have the form server_config or
    /// server_config;client_config ...`, `Address unresolved: host: 2888`, `NumberFormatException:
    /// For input string: "3888;2181"` (3.4) or `Unrecognised peertype`. ZooKeeper 3.4 only logs a
    /// line with five or more parts and uses the first four (a warning).
    ///
    /// ## Severity
    /// An error for a line the release refuses; a warning for a form it accepts but misreads
    /// (each line problem carries its own weight).
    ///
    /// ## How to fix
    /// Write `server.N=host:quorumPort:electionPort[:observer]`, plus `;[host:]clientPort` on 3.5+
    /// only.
    ///
    /// ## Example
    /// `server.1=zk1:2888:3888;2181` on ZooKeeper 3.4.
    pub static INVALID_SERVER_LINE = Rule {
        code: "ZK201",
        name: "invalid_server_line",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for list in server_lists(zk) {
            for s in list {
                for p in &s.problems {
                    if matches!(p.kind, ProblemKind::Syntax | ProblemKind::Id) {
                        out.push(
                            Finding::new(if p.message.contains(&s.key.value) {
                                p.message.clone()
                            } else {
                                format!("`{}`: {}", s.key.value, p.message)
                            })
                            .primary(p.span, p.label.clone())
                            .help(p.help.clone())
                            .severity(p.severity),
                        );
                    }
                }
            }
        }
    }
    out
}
