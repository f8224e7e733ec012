use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{LineProblem, ProblemKind};
use crate::rules::Context;
use crate::rules::zookeeper::{groups_ignored, server_lists, servers};
use crate::version::ZkVersion;

declare_rule! {
    /// Blanks at the end of a `server.N`, `group.N` or `weight.N` line.
    ///
    /// ## What it finds
    /// Spaces or tabs after the value of a server, group or weight line, in zoo.cfg or the dynamic
    /// file.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ parses these lines from the untrimmed value, so the blanks become part of the
    /// last field and it refuses to start: `Address unresolved: host:3888   ` or
    /// `NumberFormatException: For input string: "3 "`. ZooKeeper 3.4 trims them.
    ///
    /// ## How to fix
    /// Delete the blanks at the end of the line.
    ///
    /// ## Example
    /// `server.3=zk3:2888:3888   `.
    pub static TRAILING_BLANK_IN_SERVER_LINE = Rule {
        code: "ZK202",
        name: "trailing_blank_in_server_line",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let mut problems: Vec<&LineProblem> = Vec::new();
        for list in server_lists(zk) {
            problems.extend(list.iter().flat_map(|s| &s.problems));
        }
        if !groups_ignored(zk) {
            problems.extend(zk.config.groups.iter().flat_map(|g| &g.problems));
            problems.extend(zk.config.weights.iter().flat_map(|w| &w.problems));
        }
        // ZooKeeper 3.4 never reads the dynamic file.
        if let Some(d) = zk
            .dynamic
            .as_ref()
            .filter(|_| zk.config.version >= ZkVersion::V3_5 && !groups_ignored(zk))
        {
            problems.extend(d.groups.iter().flat_map(|g| &g.problems));
            problems.extend(d.weights.iter().flat_map(|w| &w.problems));
        }
        for p in problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::TrailingBlank)
        {
            out.push(
                Finding::new(p.message.clone())
                    .primary(p.span, p.label.clone())
                    .help(p.help.clone()),
            );
        }
    }
    out
}
