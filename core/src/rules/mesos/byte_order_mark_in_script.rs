use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A Mesos script, env file or flag file that starts with a UTF-8 byte order mark.
    ///
    /// ## What it finds
    /// The three bytes `EF BB BF` that some Windows editors put at the start of a file, in a
    /// shell script, a shell-sourced env file (`/etc/default/mesos-master`,
    /// `mesos-master-env.sh`) or a one-file-per-flag file. systemd units are not checked.
    ///
    /// ## Why it matters
    /// No shell skips the mark. The first line of an env file, `MESOS_ZK=zk://...`, becomes a
    /// command named `\u{feff}MESOS_ZK=zk://...` that is not found, so the variable is never set
    /// and the daemon starts without it. A script's `#!/bin/sh` is no longer a shebang, so
    /// systemd or `exec` refuses to run it (`Exec format error`). The init wrapper reads a flag
    /// file with `$(cat)`, which keeps the mark in the value (`--quorum=\u{feff}2`), which Mesos
    /// refuses.
    ///
    /// ## How to fix
    /// Save the file without a byte order mark ("UTF-8", not "UTF-8 with BOM").
    ///
    /// ## Example
    /// `/etc/default/mesos-master` saved by a Windows editor: its `MESOS_ZK` line sets nothing.
    pub static BYTE_ORDER_MARK_IN_SCRIPT = Rule {
        code: "MS118",
        name: "byte_order_mark_in_script",
        severity: Severity::Warning,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::ByteOrderMark {
            at,
            flag_file,
            shebang,
            assigns,
        } = problem
        {
            let message = match (flag_file, shebang, assigns) {
                (true, _, _) => {
                    "the flag file starts with a byte order mark, which Mesos reads as part of the value"
                        .to_owned()
                }
                (_, true, _) => {
                    "the file starts with a byte order mark, so its `#!` line is no shebang".to_owned()
                }
                (_, _, Some(name)) => format!(
                    "the file starts with a byte order mark, so the shell never sets `{name}`"
                ),
                _ => "the file starts with a byte order mark, which the shell reads as part of the first command"
                    .to_owned(),
            };
            out.push(
                Finding::new(message)
                    .primary(*at, "byte order mark")
                    .help("save the file as UTF-8 without a byte order mark"),
            );
        }
    }
    out
}
