use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A flag value read from a `file://` when the flag's type is strict.
    ///
    /// ## What it finds
    /// `file://` values for booleans, numbers, durations and byte sizes.
    ///
    /// ## Why it matters
    /// Mesos reads the file at start-up and parses its contents untrimmed, so a file written
    /// with `echo 2 > quorum` holds `2\n` and fails: `Failed to convert into required type`.
    /// meslint cannot see the file's contents from here.
    ///
    /// ## How to fix
    /// Write the file without a trailing newline (`printf 2 > quorum`), or put the value on
    /// the command line.
    ///
    /// ## Example
    /// `--quorum=file:///etc/mesos-master/quorum`.
    pub static FILE_VALUE = Rule {
        code: "MS110",
        name: "file_value",
        severity: Severity::Info,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in process.flags.values().filter(|f| !f.unknown) {
            let strict = matches!(
                flag.spec.ty,
                ValueType::Bool
                    | ValueType::Int
                    | ValueType::Uint
                    | ValueType::Uint16
                    | ValueType::Double
                    | ValueType::Duration
                    | ValueType::Bytes
            );
            if strict && flag.value.value.starts_with("file://") {
                out.push(
                    Finding::new(format!("`{}` is read from a file", flag.display))
                        .primary(flag.value.span, "contents are parsed without trimming")
                        .help("make sure the file has no trailing newline or spaces"),
                );
            }
        }
    }
    out
}
