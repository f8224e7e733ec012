use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{ProblemKind, Role, ServerEntry, Value, effective};
use crate::rules::Context;
use crate::rules::zookeeper::{groups_ignored, servers};
use crate::source::Span;
use crate::version::ZkVersion;

declare_rule! {
    /// `group.N` and `weight.N` lines that do not describe a valid hierarchical quorum.
    ///
    /// ## What it finds
    /// Group members separated by commas or that are not numbers, weights that are not numbers, a
    /// server in two groups, a participant in no group, a group naming a server that has no server
    /// line, an observer in a group, and weights for servers that do not exist.
    ///
    /// ## Why it matters
    /// Any group or weight line switches ZooKeeper to hierarchical quorums and it refuses to start
    /// on errors: `Server Nis in multiple groups`, `Server Nis not in a group` (3.5+), `Every
    /// server must be in exactly one group` (3.4), a `NumberFormatException`, or a raw
    /// `NullPointerException` (3.5+) for a group member with no server line and no weight. A weight
    /// for an unknown server is silently ignored (a warning).
    ///
    /// ## Severity
    /// An error where ZooKeeper refuses the groups; a warning where it accepts them (a 3.4
    /// standalone server, 3.4's lenient checks, a weight for a server without a line).
    ///
    /// ## How to fix
    /// Put every participant in exactly one group, list members separated by `:`, and give weights
    /// only to listed servers.
    ///
    /// ## Example
    /// `group.1=1,2,3`, or `group.1=1:2` with a third participant in no group.
    pub static INVALID_HIERARCHICAL_QUORUM = Rule {
        code: "ZK213",
        name: "invalid_hierarchical_quorum",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        if groups_ignored(zk) {
            continue;
        }
        let (groups, weights) = (zk.effective_groups(), zk.effective_weights());
        if groups.is_empty() && weights.is_empty() {
            continue;
        }
        let mut line_problem = false;
        for p in groups
            .iter()
            .flat_map(|g| g.problems.iter().map(move |p| (&g.key, p)))
            .chain(
                weights
                    .iter()
                    .flat_map(|w| w.problems.iter().map(move |p| (&w.key, p))),
            )
        {
            let dotted = p.0.value.starts_with("group.") || p.0.value.starts_with("weight.");
            let reported = match p.1.kind {
                ProblemKind::Group => true,
                // Undotted keys in zoo.cfg are `misread_group_key`'s; the dynamic file has no
                // such rule, so report them here.
                ProblemKind::Id => dotted || zk.uses_dynamic_file(),
                _ => false,
            };
            line_problem |= p.1.kind != ProblemKind::TrailingBlank;
            if reported {
                out.push(
                    Finding::new(format!("`{}`: {}", p.0.value, p.1.message))
                        .primary(p.1.span, p.1.label.clone())
                        .help(p.1.help.clone()),
                );
            }
        }
        let templated = groups.iter().any(|g| g.templated)
            || weights.iter().any(|w| w.templated)
            || zk.servers_unknown()
            || zk.effective_servers().iter().any(|s| s.templated);
        if line_problem || templated {
            continue;
        }
        let version = zk.config.version;
        let weighted: HashSet<i64> = weights
            .iter()
            .filter_map(|w| w.sid.value.known().copied())
            .collect();
        // ZooKeeper 3.4 only compares counts, in quorum mode: as many distinct grouped sids as
        // participants passes, whoever they are, as long as each has a weight.
        let voters = zk.voters().len();
        let lenient_34 = version < ZkVersion::V3_5 && {
            let sids: HashSet<i64> = groups
                .iter()
                .flat_map(|g| g.members.iter().filter_map(|m| m.value.known().copied()))
                .collect();
            sids.len() == voters
        };
        // ZooKeeper 3.4 ignores groups in standalone mode (fewer than two participants), and
        // weights without any group line.
        let standalone_34 = version < ZkVersion::V3_5 && (voters < 2 || groups.is_empty());
        let lines: HashMap<i64, &ServerEntry> = effective(zk.effective_servers())
            .filter_map(|s| Some((*s.sid.value.known()?, s)))
            .collect();
        let mut grouped: HashMap<i64, Span> = HashMap::new();
        for g in groups {
            for m in &g.members {
                let Value::Known(sid) = m.value else { continue };
                if let Some(first) = grouped.insert(sid, m.span) {
                    out.push(
                        Finding::new(format!("server {sid} is in more than one group"))
                            .primary(m.span, "second group")
                            .secondary(first, "first group")
                            .help("put every server in exactly one group"),
                    );
                    continue;
                }
                match lines.get(&sid) {
                    None => {
                        let f = Finding::new(format!(
                            "`{}` names server {sid}, which has no server line",
                            g.key.value
                        ))
                        .primary(m.span, "no such server")
                        .help(format!(
                            "add `server.{sid}=...`, or remove {sid} from the group"
                        ));
                        // Accepted when the sid has a weight (3.4: and the counts match); else a crash.
                        out.push(
                            if standalone_34
                                || (lenient_34 || version >= ZkVersion::V3_5)
                                    && weighted.contains(&sid)
                            {
                                f.severity(Severity::Warning)
                            } else {
                                f
                            },
                        );
                    }
                    Some(s) if s.role == Role::Observer => {
                        let f = Finding::new(format!(
                            "`{}` names observer {sid}; groups are for participants",
                            g.key.value
                        ))
                        .primary(m.span, "observer")
                        .help(format!("remove {sid} from the group"));
                        out.push(
                            if standalone_34
                                || (lenient_34 || version >= ZkVersion::V3_5)
                                    && weighted.contains(&sid)
                            {
                                f.severity(Severity::Warning)
                            } else {
                                f
                            },
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        for v in zk.voters() {
            let Value::Known(sid) = v.sid.value else {
                continue;
            };
            if !grouped.contains_key(&sid) {
                let mut f = Finding::new(format!("server {sid} is in no group"))
                    .primary(v.key.span, "not in any `group.N`")
                    .help(format!("add {sid} to one `group.N` line"));
                if let Some(g) = groups.first() {
                    f = f.secondary(g.key.span, "groups are defined here");
                }
                if standalone_34 || lenient_34 {
                    f = f.severity(Severity::Warning);
                }
                out.push(f);
            }
        }
        for w in weights {
            let Value::Known(sid) = w.sid.value else {
                continue;
            };
            if !lines.contains_key(&sid) && !grouped.contains_key(&sid) {
                out.push(
                    Finding::new(format!(
                        "`{}` weighs server {sid}, which has no server line",
                        w.key.value
                    ))
                    .primary(w.sid.span, "no such server")
                    .help("delete the weight, or add the server")
                    .severity(Severity::Warning),
                );
            }
        }
    }
    out
}
