use crate::catalog::zookeeper::four_letter_words;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A `4lw.commands.whitelist` entry that enables no command.
    ///
    /// ## What it finds
    /// Entries of `4lw.commands.whitelist` that are not a known four-letter command of the target
    /// release (case matters), including several commands separated by blanks instead of commas.
    ///
    /// ## Why it matters
    /// ZooKeeper splits the list on commas only and compares entries exactly. `ruok srvr mntr` is
    /// one entry that matches nothing, so only `srvr` (always on) works, and health checks using
    /// `ruok` or `mntr` fail at run time with `... is not executed because it is not in the
    /// whitelist.`.
    ///
    /// ## How to fix
    /// Separate commands with commas, in lower case: `4lw.commands.whitelist=ruok,srvr,mntr`, or
    /// `*` for all.
    ///
    /// ## Example
    /// `4lw.commands.whitelist=ruok srvr mntr`.
    pub static INVALID_4LW_WHITELIST = Rule {
        code: "ZK120",
        name: "invalid_4lw_whitelist",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(e) = zk.config.get("4lw.commands.whitelist") else {
            continue;
        };
        if e.templated {
            continue;
        }
        let known = four_letter_words(zk.config.version);
        let value = &e.value.value;
        let mut at = 0;
        for part in value.split(',') {
            let start = at + (part.len() - part.trim_start().len());
            at += part.len() + 1;
            let entry = part.trim();
            if entry.is_empty() || entry == "*" || known.contains(&entry) {
                continue;
            }
            let span = e.value.span.slice(start, start + entry.len());
            let words: Vec<&str> = entry.split_whitespace().collect();
            let finding = if words.len() > 1 && words.iter().all(|w| known.contains(w)) {
                Finding::new(format!(
                    "`4lw.commands.whitelist` entry `{entry}` is one entry, not {} commands",
                    words.len()
                ))
                .primary(span, "matches no command")
                .help(format!(
                    "separate the commands with commas: `{}`",
                    words.join(",")
                ))
            } else if known.contains(&entry.to_ascii_lowercase().as_str()) {
                Finding::new(format!(
                    "`4lw.commands.whitelist` entry `{entry}` is not in lower case"
                ))
                .primary(span, "matches no command")
                .help(format!("write `{}`", entry.to_ascii_lowercase()))
            } else {
                Finding::new(format!("`4lw.commands.whitelist` entry `{entry}` is not a four-letter command of ZooKeeper {}", zk.config.version))
                    .primary(span, "unknown command")
                    .help(format!("use commas between known commands: {}", known.join(", ")))
            };
            out.push(finding);
        }
    }
    out
}
