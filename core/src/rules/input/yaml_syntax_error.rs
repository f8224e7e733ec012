use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A compose file or Kubernetes manifest that is not valid YAML.
    ///
    /// ## What it finds
    /// A YAML syntax error: a tab in the indentation, an unclosed `[` or quote, a `key: value`
    /// where YAML does not allow one. meslint reads the documents before the error and stops
    /// there.
    ///
    /// ## Why it matters
    /// `docker compose` and `kubectl` refuse the whole file, so none of the services or pods
    /// in it start.
    ///
    /// ## How to fix
    /// Fix the YAML at the marked place (`docker compose config` shows the same error).
    ///
    /// ## Example
    /// `environment:` followed by a line indented with a tab.
    pub static YAML_SYNTAX_ERROR = Rule {
        code: "ML008",
        name: "yaml_syntax_error",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.cluster
        .problems
        .yaml
        .iter()
        .map(|e| {
            Finding::new(format!("YAML syntax error: {}", e.message))
                .primary(e.span, "the file cannot be read from here")
                .help("fix the YAML; nothing after this point is checked")
        })
        .collect()
}
