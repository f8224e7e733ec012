use crate::catalog::mesos::isolator;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// An unknown, unavailable, repeated or clashing entry in `--isolation`.
    ///
    /// ## What it finds
    /// Isolators that are not built into the targeted Mesos release (a warning when
    /// `--modules` could load them), `external` since 1.1, the same isolator twice, and since
    /// 1.5 more than one `filesystem/*` or more than one `network/*` isolator (other than
    /// `network/ports`).
    ///
    /// ## Why it matters
    /// The agent exits: `Unknown or unsupported isolator 'cgroups/memory'`, `Using multiple
    /// filesystem isolators simultaneously is disallowed`.
    ///
    /// ## Severity
    /// An error; a warning for an unknown isolator when `--modules` or `--modules_dir` may load
    /// it.
    ///
    /// ## How to fix
    /// Use the built-in names (`cgroups/mem`, not `cgroups/memory`), each once.
    ///
    /// ## Example
    /// `--isolation=cgroups/cpu,cgroups/memory`.
    pub static INVALID_ISOLATOR = Rule {
        code: "MS402",
        name: "invalid_isolator",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let version = ctx.settings.mesos;
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(flag) = process.flag("isolation").filter(|f| !f.unknown) else {
            continue;
        };
        let modules = process.is_set("modules") || process.is_set("modules_dir");
        let items = flag.items();
        let mut filesystem = None;
        let mut network = None;
        let mut seen = std::collections::BTreeMap::new();
        for item in items {
            let name = item.value.as_str();
            if let Some(first) = seen.insert(name, item.span) {
                out.push(
                    Finding::new(format!("`{name}` is listed twice in `{}`", flag.display))
                        .primary(item.span, "repeated")
                        .secondary(first, "first listed here")
                        .help("list each isolator once"),
                );
                continue;
            }
            match isolator(name) {
                None => {
                    let suggestion = crate::catalog::mesos::ISOLATORS
                        .iter()
                        .filter(|iso| iso.since <= version.minor() && iso.removed.is_none())
                        .find(|iso| {
                            iso.name.split('/').next() == name.split('/').next()
                                && (iso.name.starts_with(name) || name.starts_with(iso.name))
                        });
                    let finding = Finding::new(format!("`{name}` is not a built-in isolator"))
                        .primary(item.span, "unknown isolator");
                    let finding = match suggestion {
                        Some(s) => finding.help(format!("did you mean `{}`?", s.name)),
                        None => finding.help("check the name against the Mesos isolator list"),
                    };
                    out.push(if modules {
                        finding.severity(Severity::Warning)
                    } else {
                        finding
                    });
                }
                Some(iso) if iso.since > version.minor() => out.push(
                    Finding::new(format!("`{name}` does not exist in Mesos {version}"))
                        .primary(item.span, format!("added in Mesos 1.{}", iso.since))
                        .help("remove it, or target the Mesos version you run"),
                ),
                Some(iso) if iso.removed.is_some_and(|r| version.minor() >= r) => out.push(
                    Finding::new(format!("`{name}` isolation was removed in Mesos 1.1"))
                        .primary(item.span, "no longer supported")
                        .help("remove it; the external containerizer is gone"),
                ),
                Some(iso)
                    if iso.replaced_by.is_some()
                        && name != "posix/disk"
                        && items.len() > 1
                        && version.minor() <= 5 =>
                {
                    // Up to 1.5 the old names were only understood as the whole value.
                    out.push(
                        Finding::new(format!(
                            "`{name}` cannot be combined with other isolators in Mesos {version}"
                        ))
                        .primary(item.span, "only understood as the whole value before 1.6")
                        .help(format!(
                            "write `{}` instead; Mesos fails with: Unknown or unsupported \
                             isolator '{name}'",
                            iso.replaced_by.unwrap_or_default()
                        )),
                    );
                }
                Some(_) => {}
            }
            if version.minor() >= 5 {
                if name.starts_with("filesystem/") {
                    clash(&mut out, &mut filesystem, item, "filesystem");
                }
                if name.starts_with("network/") && name != "network/ports" {
                    clash(&mut out, &mut network, item, "network");
                }
            }
        }
    }
    out
}

fn clash(
    out: &mut Vec<Finding>,
    seen: &mut Option<crate::source::Spanned<String>>,
    item: &crate::source::Spanned<String>,
    kind: &str,
) {
    match seen {
        Some(first) => out.push(
            Finding::new(format!(
                "`{}` and `{}` are both {kind} isolators",
                first.value, item.value
            ))
            .primary(item.span, format!("second {kind} isolator"))
            .secondary(first.span, format!("first {kind} isolator"))
            .help(format!(
                "keep one; Mesos fails with: Using multiple {kind} isolators simultaneously is \
                 disallowed"
            )),
        ),
        None => *seen = Some(item.clone()),
    }
}
