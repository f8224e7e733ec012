use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// `--role_sorter` and `--framework_sorter` set to different sorters.
    ///
    /// ## What it finds
    /// A master whose role and framework sorters differ, counting defaults (`drf`).
    ///
    /// ## Why it matters
    /// Mesos 1.7+ refuses the combination: `Failed to create allocator 'hierarchical':
    /// Unsupported combination of 'role_sorter' and 'framework_sorter': must be equal (for
    /// now)`.
    ///
    /// ## How to fix
    /// Set both flags to the same sorter.
    ///
    /// ## Example
    /// `--role_sorter=random` alone.
    pub static SORTER_MISMATCH = Rule {
        code: "MS111",
        name: "sorter_mismatch",
        severity: Severity::Error,
        applies_to: "Mesos 1.7+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if ctx.settings.mesos.minor() < 7 {
        return out;
    }
    for process in super::processes(ctx).filter(|p| p.role == Role::Master) {
        let role = process.flag("role_sorter");
        let framework = process.flag("framework_sorter");
        if role.is_some_and(|f| f.unknown) || framework.is_some_and(|f| f.unknown) {
            continue;
        }
        let role_value = role.map_or("drf", |f| f.value.value.as_str());
        let framework_value = framework.map_or("drf", |f| f.value.value.as_str());
        if role_value == framework_value {
            continue;
        }
        let (primary, other, other_value) = match (role, framework) {
            (Some(r), _) => (r, framework, framework_value),
            (None, Some(f)) => (f, role, role_value),
            (None, None) => continue,
        };
        let mut finding = Finding::new(format!(
            "role sorter `{role_value}` differs from framework sorter `{framework_value}`"
        ))
        .primary(primary.value.span, "must match the other sorter");
        finding = match other {
            Some(o) => finding.secondary(o.value.span, format!("`{other_value}` here")),
            None => finding,
        };
        out.push(finding.help("set `--role_sorter` and `--framework_sorter` to the same value"));
    }
    out
}
