use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::rules::Context;

declare_rule! {
    /// A configuration file that is a template (Jinja, ERB, Salt, shell variables).
    ///
    /// ## What it finds
    /// A file holding template syntax: `{{ x }}`, `{% for %}`, `<%= @x %>`. meslint says so once
    /// per file.
    ///
    /// ## Why it matters
    /// Values behind placeholders are known only once the template is rendered: meslint treats
    /// them as unknown, never as wrong, and skips lines inside template control blocks. What
    /// it can check around the placeholders it still checks; the rest needs the rendered files.
    ///
    /// ## How to fix
    /// Nothing to fix. For a complete check, also lint the rendered configuration (for example
    /// the output of `ansible-playbook --check --diff`, or the files on a staging host).
    ///
    /// ## Example
    /// `zoo.cfg.j2` with `{% for host in groups['zookeeper'] %}server.{{ loop.index }}=...`.
    pub static TEMPLATE_FILE = Rule {
        code: "ML005",
        name: "template_file",
        severity: Severity::Info,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        if let InputProblem::Template { line, path } = problem {
            out.push(
                Finding::new(format!(
                    "`{path}` is a template: values behind placeholders are not checked"
                ))
                .primary(*line, "template")
                .help("lint the rendered files too for a complete check"),
            );
        }
    }
    out
}
