use crate::catalog::mesos::containerizers;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// An unknown, removed or repeated entry in `--containerizers`.
    ///
    /// ## What it finds
    /// Entries other than `mesos` and `docker` (plus `external` up to Mesos 1.0), and the
    /// same containerizer listed twice (refused since 1.1).
    ///
    /// ## Why it matters
    /// The agent exits: `Failed to create a containerizer: Unknown or unsupported
    /// containerizer: external` (1.1+), or `Duplicate entries found in --containerizer flag`.
    ///
    /// ## How to fix
    /// List `mesos`, `docker` or both, once each.
    ///
    /// ## Example
    /// `--containerizers=docker,external` on Mesos 1.4.
    pub static INVALID_CONTAINERIZER = Rule {
        code: "MS401",
        name: "invalid_containerizer",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let version = ctx.settings.mesos;
    let valid = containerizers(version);
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(flag) = process.flag("containerizers").filter(|f| !f.unknown) else {
            continue;
        };
        let items = flag.items();
        let mut seen = std::collections::BTreeMap::new();
        for item in items {
            let first = seen.get(item.value.as_str()).copied();
            seen.entry(item.value.as_str()).or_insert(item.span);
            let value = item.value.as_str();
            if !valid.contains(&value) {
                let label = if value == "external" {
                    format!("removed in Mesos 1.1, targeting {version}")
                } else {
                    "unknown containerizer".to_owned()
                };
                out.push(
                    Finding::new(format!(
                        "`{value}` is not a containerizer of Mesos {version}"
                    ))
                    .primary(item.span, label)
                    .help(format!(
                        "use {}; Mesos fails with: Unknown or unsupported containerizer: {value}",
                        valid
                            .iter()
                            .map(|v| format!("`{v}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )),
                );
            } else if version.minor() >= 1
                && let Some(first) = first
            {
                out.push(
                    Finding::new(format!("`{value}` is listed twice in `{}`", flag.display))
                        .primary(item.span, "repeated")
                        .secondary(first, "first listed here")
                        .help("list each containerizer once"),
                );
            }
        }
    }
    out
}
