use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A flag given an empty value.
    ///
    /// ## What it finds
    /// `--ip=`, `--port=`, `--quorum=`, an empty flag file, and empty values of text flags
    /// such as `--hostname=` or `--work_dir=`.
    ///
    /// ## Why it matters
    /// For numbers, durations, sizes, addresses and choices the empty string does not parse
    /// and Mesos refuses to start (`--ip=`: `Failed to parse IP as either IPv4 or IPv6:`).
    /// Text flags accept it and silently run with an empty hostname or directory (a warning).
    /// Booleans read an empty value as true and are not reported.
    ///
    /// ## Severity
    /// An error for flags whose type cannot be empty; a warning for text flags, where Mesos
    /// accepts the empty value as is.
    ///
    /// ## How to fix
    /// Give the value, or remove the flag to keep the default.
    ///
    /// ## Example
    /// `mesos-master ... --ip=` at the end of a command line whose variable was never set.
    pub static EMPTY_FLAG_VALUE = Rule {
        code: "MS103",
        name: "empty_flag_value",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in super::readable_flags(process) {
            if !flag.value.value.is_empty() || flag.spec.ty == ValueType::Bool {
                continue;
            }
            let finding = Finding::new(format!("`{}` is empty", flag.display));
            out.push(if flag.spec.ty.accepts_empty() {
                finding
                    .primary(flag.value.span, "empty value, accepted as is")
                    .secondary(flag.name.span, "set here")
                    .help(format!(
                        "give `{}` a value or remove it to keep the default",
                        flag.display
                    ))
                    .severity(Severity::Warning)
            } else {
                let why = match flag.spec.ty {
                    ValueType::Ip => "Failed to parse IP as either IPv4 or IPv6:",
                    ValueType::Duration => "Invalid duration ''",
                    ValueType::Bytes => "Invalid bytes ''",
                    _ => "Failed to convert into required type",
                };
                finding
                    .primary(flag.value.span, "an empty value does not parse")
                    .secondary(flag.name.span, "set here")
                    .help(format!(
                        "give `{}` a value or remove it; Mesos fails with: Failed to load \
                         flag '{}': Failed to load value '': {why}",
                        flag.display, flag.spec.name
                    ))
            });
        }
    }
    out
}
