use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::FlagValue;
use crate::rules::Context;

declare_rule! {
    /// A flag value that does not parse as the flag's type.
    ///
    /// ## What it finds
    /// Booleans other than `true`, `false`, `1`, `0`; integers with spaces, signs in the wrong
    /// place or units; durations without one of the units `ns us ms secs mins hrs days weeks`;
    /// byte sizes without one of `B KB MB GB TB` or with a fraction; doubles such as `nan`;
    /// malformed rates and percentages.
    ///
    /// ## Why it matters
    /// Mesos refuses to start, e.g. `Failed to load flag 'quorum': Failed to load value '2 ':
    /// Failed to convert into required type`, or `Unknown duration unit 's'`.
    ///
    /// ## How to fix
    /// Write the value in the form Mesos expects: `30secs`, `5mins`, `2GB`, `true`.
    ///
    /// ## Example
    /// `--executor_registration_timeout=5m`, `--fetcher_cache_size=2048`, `--switch_user=yes`.
    pub static INVALID_FLAG_VALUE = Rule {
        code: "MS101",
        name: "invalid_flag_value",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in super::readable_flags(process) {
            let value = &flag.value.value;
            // Empty values, IPs and choices have rules of their own.
            if value.is_empty() || matches!(flag.spec.ty, ValueType::Ip | ValueType::Enum(_)) {
                continue;
            }
            if let FlagValue::Invalid(why) = &flag.read {
                out.push(
                    Finding::new(format!(
                        "`{value}` is not a valid value for `{}`",
                        flag.display
                    ))
                    .primary(flag.value.span, why.clone())
                    .help(format!(
                        "Mesos fails with: Failed to load flag '{}': Failed to load value \
                         '{value}': {why}; {}",
                        flag.spec.name,
                        hint(flag.spec.ty)
                    )),
                );
            }
        }
    }
    out
}

fn hint(ty: ValueType) -> &'static str {
    match ty {
        ValueType::Bool => "write `true` or `false`",
        ValueType::Int | ValueType::Uint | ValueType::Uint16 => {
            "write a plain decimal number without spaces or units"
        }
        ValueType::Double => "write a decimal number such as `0.5`",
        ValueType::Duration => {
            "write a number and one unit of ns, us, ms, secs, mins, hrs, days, weeks, e.g. `30secs`"
        }
        ValueType::Bytes => "write a whole number and one unit of B, KB, MB, GB, TB, e.g. `2GB`",
        ValueType::Rate => "write `<number of agents>/<duration>`, e.g. `1/10mins`",
        ValueType::Percent => "write a percentage from `0%` to `100%`",
        ValueType::UintList => "write comma-separated whole numbers",
        _ => "fix the value",
    }
}
