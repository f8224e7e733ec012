use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A deprecated flag name or flag.
    ///
    /// ## What it finds
    /// Deprecated aliases (`--slave_ping_timeout`, `--authenticate`, `MESOS_SLAVE_SUBSYSTEMS`,
    /// `--user_sorter` since 1.7, `--executor_secret_key` since 1.5, ...) and deprecated flags
    /// (`--roles`, `--weights`, `--docker_stop_timeout`).
    ///
    /// ## Why it matters
    /// Mesos still accepts them and logs `Loaded deprecated flag 'NAME'`, but they are meant to
    /// go; using an alias next to its canonical name is an error.
    ///
    /// ## How to fix
    /// Use the canonical name; replace deprecated flags as their docs say.
    ///
    /// ## Example
    /// `--slave_reregister_timeout=10mins` (use `--agent_reregister_timeout`).
    pub static DEPRECATED_FLAG = Rule {
        code: "MS204",
        name: "deprecated_flag",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let version = ctx.settings.mesos;
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in process.flags.values() {
            // `--registry_strict` has a rule of its own.
            if !flag.written.is_deprecated_in(version) || flag.spec.name == "registry_strict" {
                continue;
            }
            let finding = match flag.written.alias_of {
                Some(canonical) => {
                    let replacement = if flag.origin == crate::model::mesos::Origin::Env {
                        format!("MESOS_{}", canonical.to_ascii_uppercase())
                    } else {
                        format!("--{canonical}")
                    };
                    Finding::new(format!(
                        "`{}` is a deprecated name of `{replacement}`",
                        flag.display
                    ))
                    .primary(flag.name.span, "deprecated name")
                    .help(format!("write `{replacement}`"))
                }
                None => Finding::new(format!("`{}` is deprecated", flag.display))
                    .primary(flag.name.span, "deprecated flag")
                    .help(match flag.spec.name {
                        "roles" => "remove it; roles no longer need to be declared",
                        "weights" => "set weights through the `/weights` endpoint instead",
                        "docker_stop_timeout" => "use the task's kill policy instead",
                        _ => "remove it",
                    }),
            };
            out.push(finding);
        }
    }
    out
}
