use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A credentials or key flag given the secret itself instead of a file path.
    ///
    /// ## What it finds
    /// `--credentials`, `--credential`, `--http_credentials`, `--jwt_secret_key` and
    /// `--executor_secret_key` values that do not look like a path.
    ///
    /// ## Why it matters
    /// These flags name a file that Mesos reads later; inline JSON or a key is taken as a file
    /// name and fails, and the secret ends up in process listings, shell history and
    /// `/flags`. meslint masks the value in its output.
    ///
    /// ## How to fix
    /// Put the secret in a file readable only by the daemon's user and pass its path.
    ///
    /// ## Example
    /// `--credential='{"principal":"agent","secret":"..."}'`.
    pub static INLINE_SECRET = Rule {
        code: "MS112",
        name: "inline_secret",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in process
            .flags
            .values()
            .filter(|f| f.inline_secret && !f.unknown)
        {
            if flag.value.value.is_empty() {
                continue;
            }
            out.push(
                Finding::new(format!(
                    "`{}` holds a secret instead of a path",
                    flag.display
                ))
                .primary(flag.value.span, "masked secret")
                .help("store the secret in a file readable only by Mesos and pass its path"),
            );
        }
    }
    out
}
