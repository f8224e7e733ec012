use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A Mesos script, env file or flag file with Windows (CRLF) line ends.
    ///
    /// ## What it finds
    /// A `\r\n` line end in a shell script, a shell-sourced env file (`/etc/default/mesos*`,
    /// `mesos-master-env.sh`, `.env`) or a one-file-per-flag file. systemd units are not
    /// checked.
    ///
    /// ## Why it matters
    /// A shell reads the `\r` as part of the line: `MESOS_QUORUM=2` becomes `2\r`, which Mesos
    /// refuses (`Failed to load flag 'quorum': ... Failed to convert into required type`), and a
    /// path flag silently gets a directory name ending in `\r`. The init wrapper reads flag
    /// files with `$(cat)`, which strips newlines but not `\r`. A `\` before `\r\n` no longer
    /// continues the line, so the rest of a command line becomes a command of its own.
    ///
    /// ## How to fix
    /// Convert the file to Unix line ends (`dos2unix FILE`, or set your editor to LF).
    ///
    /// ## Example
    /// `/etc/default/mesos-master` saved by a Windows editor.
    pub static CRLF_LINE_ENDS = Rule {
        code: "MS115",
        name: "crlf_line_ends",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::CrlfLineEnds { at, lines } = problem {
            let lines = *lines;
            out.push(
                Finding::new(format!(
                    "{lines} line{} end{} in CRLF: the shell keeps the `\\r` in every value",
                    if lines == 1 { "" } else { "s" },
                    if lines == 1 { "s" } else { "" }
                ))
                .primary(*at, "`\\r` before the line end")
                .help("convert the file to Unix line ends (dos2unix)"),
            );
        }
    }
    out
}
