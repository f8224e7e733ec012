use crate::catalog::mesos::ValueType;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::FlagValue;
use crate::rules::Context;

declare_rule! {
    /// A negative number for a flag that only takes unsigned numbers.
    ///
    /// ## What it finds
    /// Values such as `--port=-1` or `--max_completed_frameworks=-1` for unsigned flags.
    ///
    /// ## Why it matters
    /// Mesos does not reject the sign: the number wraps around, so `--port=-1` listens on
    /// 65535 and `-1` for a counter means 18446744073709551615.
    ///
    /// ## How to fix
    /// Write the intended non-negative number.
    ///
    /// ## Example
    /// `--port=-1`.
    pub static WRAPPED_UNSIGNED_VALUE = Rule {
        code: "MS102",
        name: "wrapped_unsigned_value",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for flag in super::readable_flags(process) {
            if !matches!(flag.spec.ty, ValueType::Uint | ValueType::Uint16) {
                continue;
            }
            if let FlagValue::Uint {
                value: wrapped,
                wrapped: true,
            } = flag.read
            {
                out.push(
                    Finding::new(format!(
                        "`{}` is read as `{wrapped}` for `{}`",
                        flag.value.value, flag.display
                    ))
                    .primary(flag.value.span, format!("wraps around to {wrapped}"))
                    .help("write a number from 0 upwards"),
                );
            }
        }
    }
    out
}
