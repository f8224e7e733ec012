use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A JSON flag whose inline value is not JSON, or that names a file without `file://`.
    ///
    /// ## What it finds
    /// Inline values of JSON flags (`--acls`, `--modules`, `--docker_config`, `--domain`,
    /// `--executor_environment_variables`, ...) that do not parse as JSON (an error), and
    /// absolute paths given without `file://` (a warning).
    ///
    /// ## Why it matters
    /// Mesos parses the JSON at start-up and exits on a syntax error. A bare absolute path is
    /// still read, with a warning that the form is deprecated.
    ///
    /// ## Severity
    /// An error for a value that is not JSON; a warning for a path without `file://`, a
    /// deprecated form Mesos still reads.
    ///
    /// ## How to fix
    /// Fix the JSON, or put it in a file and pass `file:///path/to/it`.
    ///
    /// ## Example
    /// `--executor_environment_variables={"PATH": "/bin",}`, `--acls=/etc/mesos/acls.json`.
    pub static INVALID_JSON_VALUE = Rule {
        code: "MS114",
        name: "invalid_json_value",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in super::readable_flags(process).filter(|f| f.spec.ty == ValueType::Json) {
            let value = flag.value.value.trim();
            if value.starts_with('/') {
                out.push(
                    Finding::new(format!("`{}` names a file without `file://`", flag.display))
                        .primary(flag.value.span, "deprecated form")
                        .help(format!("write `file://{value}`"))
                        .severity(Severity::Warning),
                );
                continue;
            }
            if value.is_empty() {
                continue;
            }
            if let Err(e) = serde_json::from_str::<serde_json::Value>(value) {
                // The parser's message names a position, never the content.
                out.push(
                    Finding::new(format!("`{}` is not valid JSON", flag.display))
                        .primary(flag.value.span, format!("JSON error: {e}"))
                        .help("fix the JSON, or put it in a file and pass `file:///path`"),
                );
            }
        }
    }
    out
}
