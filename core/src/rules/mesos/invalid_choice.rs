use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A flag that takes one of a few words, given another word.
    ///
    /// ## What it finds
    /// Values outside the allowed set for `--logging_level` (`INFO`, `WARNING`, `ERROR`, upper
    /// case only), `--registry`, `--recover`, `--reconfiguration_policy`, `--launcher`,
    /// `--framework_sorter`, `--role_sorter` and `--image_provisioner_backend`.
    ///
    /// ## Why it matters
    /// Mesos refuses to start, e.g. `'info' is not a valid logging level. Possible values for
    /// 'logging_level' flag are: 'INFO', 'WARNING', 'ERROR'.` or `'zk' is not a supported option
    /// for registry persistence`.
    ///
    /// ## How to fix
    /// Use one of the listed words, spelt exactly.
    ///
    /// ## Example
    /// `--logging_level=info`, `--registry=zookeeper`.
    pub static INVALID_CHOICE = Rule {
        code: "MS105",
        name: "invalid_choice",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

/// The text glog prints for a `--logging_level` it does not know.
fn logging_level_error(value: &str) -> String {
    format!(
        "'{value}' is not a valid logging level. Possible values for 'logging_level' flag are: \
         'INFO', 'WARNING', 'ERROR'."
    )
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in super::readable_flags(process) {
            let ValueType::Enum(choices) = flag.spec.ty else {
                continue;
            };
            let value = flag.value.value.as_str();
            if value.is_empty() || choices.contains(&value) {
                continue;
            }
            let mesos_says = match flag.spec.name {
                "logging_level" => logging_level_error(value),
                "registry" => {
                    format!("'{value}' is not a supported option for registry persistence")
                }
                "recover" | "reconfiguration_policy" => format!(
                    "Unknown option for '{}' flag {value}. Please run the agent with '--help' \
                     to see the valid options.",
                    flag.spec.name
                ),
                "launcher" => {
                    format!("Failed to create launcher: Unknown or unsupported launcher: {value}")
                }
                _ => format!("'{value}' is not a valid value for '{}'", flag.spec.name),
            };
            let listed = choices
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let case_only = choices.iter().find(|c| c.eq_ignore_ascii_case(value));
            let help = match case_only {
                Some(right) => format!("write `{right}`: the value is case-sensitive"),
                None => format!("use one of {listed}"),
            };
            out.push(
                Finding::new(format!("`{value}` is not a valid `{}`", flag.display))
                    .primary(flag.value.span, mesos_says)
                    .help(help),
            );
        }
    }
    out
}
