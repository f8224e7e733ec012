use crate::catalog::zookeeper::KeyClass;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::{groups_ignored, servers};

declare_rule! {
    /// A key that merely starts with `group` or `weight`.
    ///
    /// ## What it finds
    /// Keys such as `groupName`, `groups.1` or `weightFactor` that are not `group.N` or `weight.N`
    /// lines.
    ///
    /// ## Why it matters
    /// ZooKeeper treats every key starting with `group` or `weight` as a hierarchical quorum line,
    /// takes what follows the first dot (or the whole key) as a number, and refuses to start:
    /// `NumberFormatException: For input string: "groupName"`. When that text is a number
    /// (`weightt.6`), the key is silently read as `weight.6` instead (a warning).
    ///
    /// ## Severity
    /// An error when the id after the first `.` is not a number (ZooKeeper refuses the key); a
    /// warning when it is (ZooKeeper silently reads `weightt.6` as `weight.6`).
    ///
    /// ## How to fix
    /// Rename or delete the key; hierarchical quorums are written `group.1=1:2:3` and `weight.1=1`.
    ///
    /// ## Example
    /// `groupName=east`.
    pub static MISREAD_GROUP_KEY = Rule {
        code: "ZK117",
        name: "misread_group_key",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx).filter(|zk| !groups_ignored(zk)) {
        for e in &zk.config.entries {
            let prefix = match e.class {
                KeyClass::Group => "group",
                KeyClass::Weight => "weight",
                _ => continue,
            };
            let key = &e.key.value;
            if e.templated || key.starts_with(&format!("{prefix}.")) {
                continue;
            }
            // ZooKeeper reads the id after the first `.` with Long.parseLong: `weightt.6` is
            // silently a weight for server 6; only a key without a numeric id fails.
            let id = key.split_once('.').map(|(_, id)| id);
            if let Some(id) = id.filter(|id| id.parse::<i64>().is_ok()) {
                out.push(
                    Finding::new(format!(
                        "`{key}` starts with `{prefix}`, so ZooKeeper silently reads it as `{prefix}.{id}`"
                    ))
                    .primary(e.key.span, format!("read as a {prefix} line"))
                    .help(format!("write `{prefix}.{id}` if that is meant, else rename or delete the key"))
                    .severity(Severity::Warning),
                );
                continue;
            }
            out.push(
                Finding::new(format!(
                    "`{key}` starts with `{prefix}`, so ZooKeeper reads it as a `{prefix}.N` line and fails"
                ))
                .primary(e.key.span, format!("read as a {prefix} line"))
                .help(format!("rename or delete the key; `{prefix}` lines are written `{prefix}.1=...`")),
            );
        }
    }
    out
}
