use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::project::{ProjectProblem, ValueKind};
use crate::rules::Context;

declare_rule! {
    /// A `meslint.toml` that meslint cannot use.
    ///
    /// ## What it finds
    /// TOML syntax errors, unknown keys, and values of the wrong kind in `meslint.toml`, such as
    /// a release meslint does not know.
    ///
    /// ## Why it matters
    /// The file tells meslint what the configuration files cannot (target releases, host
    /// addresses, the number of masters); a part it cannot read is ignored, and checks that
    /// depend on it run with defaults.
    ///
    /// ## How to fix
    /// Correct the line the label points at; the README lists every key.
    ///
    /// ## Example
    /// `zookeeper_version = "3.10"`.
    pub static INVALID_PROJECT_FILE = Rule {
        code: "ML004",
        name: "invalid_project_file",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.cluster
        .problems
        .inputs
        .iter()
        .filter_map(|problem| match problem {
            InputProblem::Project(problem) => Some(finding(problem)),
            _ => None,
        })
        .collect()
}

const README: &str = "see the meslint.toml section of the README";

fn finding(problem: &ProjectProblem) -> Finding {
    match problem {
        ProjectProblem::Unreadable { span, error } => {
            Finding::new(format!("meslint.toml cannot be read: {error}"))
                .primary(*span, "here")
                .help(README)
        }
        ProjectProblem::BadRelease { span, key, why } => {
            Finding::new(format!("`{key}` in meslint.toml is not usable: {why}"))
                .primary(*span, "here")
                .help("use a release meslint knows: ZooKeeper 3.4 to 3.9, Mesos 1.0 to 1.11")
        }
        ProjectProblem::UnknownKey {
            span,
            key,
            suggestion,
            known,
        } => Finding::new(format!("unknown key `{key}` in meslint.toml"))
            .primary(*span, "unknown key")
            .help(match suggestion {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the keys are: {}", known.join(", ")),
            }),
        ProjectProblem::WrongKind {
            span,
            key,
            expected,
        } => {
            let finding = Finding::new(format!(
                "`{key}` in meslint.toml must be {}",
                kind_words(*expected)
            ))
            .primary(*span, "here");
            match expected {
                ValueKind::WholeNumber => {
                    finding.help("write the number of masters the cluster runs, e.g. `masters = 3`")
                }
                _ => finding.help(README),
            }
        }
        ProjectProblem::UnknownCode {
            span,
            code,
            suggestion,
        } => Finding::new(format!(
            "`{code}` in meslint.toml is no rule code or prefix"
        ))
        .primary(*span, "no such rule")
        .help(match suggestion {
            Some(close) => format!("did you mean `{close}`? `meslint rules` lists every code"),
            None => "`meslint rules` lists every code".to_owned(),
        }),
        ProjectProblem::BadSeverity { span, code } => Finding::new(format!(
            "the severity of `{code}` must be \"error\", \"warning\" or \"info\""
        ))
        .primary(*span, "here")
        .help("use `ignore` to turn a rule off"),
        ProjectProblem::UnknownRole { span, host, role } => Finding::new(format!(
            "unknown role `{role}` for host `{host}` in meslint.toml"
        ))
        .primary(*span, "here")
        .help("the roles are `zookeeper`, `master` and `agent`"),
    }
}

fn kind_words(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "a string",
        ValueKind::Strings => "a list of strings",
        ValueKind::WholeNumber => "a whole number",
        ValueKind::Codes => "a list of rule codes",
        ValueKind::Table => "a table",
        ValueKind::HostTable => "a table of hosts",
        ValueKind::CodeTable => "a table of codes",
        ValueKind::GlobTable => "a table of globs",
    }
}
