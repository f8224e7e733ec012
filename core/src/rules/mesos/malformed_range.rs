use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{FlagValue, MesosProcess, Role};
use crate::rules::Context;

declare_rule! {
    /// A ranges flag of the agent that Mesos cannot read as ranges, or whose numbers do not fit.
    ///
    /// ## What it finds
    /// `--volume_gid_range`, `--container_ports_isolated_range` (with the `network/ports`
    /// isolator) and `--xfs_project_range` (with the `disk/xfs` isolator) written as
    /// something other than `[start-end,...]`: without brackets (`10000-20000`), a single
    /// number, unbalanced brackets, a word in place of a number; numbers beyond what the
    /// flag holds (ports above 65535, group and project ids above 4294967295); the XFS
    /// project id 0; a range that starts after it ends.
    ///
    /// ## Why it matters
    /// The flag loader takes any text; the part of the agent that uses the flag parses it
    /// at start-up and the agent exits: `Failed to initialize volume gid manager: Failed to
    /// parse volume gid range '10000-20000'` (`src/slave/volume_gid_manager/volume_gid_manager.cpp`,
    /// called from `src/slave/main.cpp`, Mesos 1.8+), `Failed to parse isolated ports range`
    /// or `Range is out of bounds` (`src/slave/containerizer/mesos/isolators/network/ports.cpp`),
    /// `Failed to parse XFS project range` or `XFS project ID range contains illegal 0 value`
    /// (`src/slave/containerizer/mesos/isolators/xfs/disk.cpp` and `xfs/utils.cpp`). The
    /// grammar is that of resource values, `src/common/values.cpp` (Mesos 1.11).
    ///
    /// ## How to fix
    /// Write the ranges in brackets, smaller number first: `--volume_gid_range=[10000-20000]`.
    ///
    /// ## Example
    /// `--volume_gid_range=10000-20000`, `--isolation=network/ports
    /// --container_ports_isolated_range=[30000-70000]`.
    ///
    /// ## Severity
    /// Error when the agent refuses to start; warning for a range that starts after it ends,
    /// which Mesos does not check.
    pub static MALFORMED_RANGE = Rule {
        code: "MS116",
        name: "malformed_range",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

/// A ranges flag, the isolator that reads it (`None`: always read), the largest number it
/// holds and the smallest.
const RANGE_FLAGS: &[(&str, Option<&str>, u64, u64)] = &[
    ("volume_gid_range", None, u32::MAX as u64, 0),
    (
        "container_ports_isolated_range",
        Some("network/ports"),
        u16::MAX as u64,
        0,
    ),
    ("xfs_project_range", Some("disk/xfs"), u32::MAX as u64, 1),
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        for &(name, isolator, max, min) in RANGE_FLAGS {
            if isolator.is_some_and(|i| !uses_isolator(process, i)) {
                continue;
            }
            let Some(flag) = super::readable_flags(process).find(|f| f.spec.name == name) else {
                continue;
            };
            let FlagValue::Ranges(read) = &flag.read else {
                continue;
            };
            let value = &flag.value.value;
            let ranges = match read {
                Ok(ranges) => ranges,
                Err(why) => {
                    out.push(
                        Finding::new(format!(
                            "`{value}` is not a ranges value for `{}`",
                            flag.display
                        ))
                        .primary(flag.value.span, why.clone())
                        .help("write ranges in brackets, e.g. `[10000-20000]`; the agent does not start otherwise"),
                    );
                    continue;
                }
            };
            if let Some(&(start, end)) = ranges.iter().find(|(s, e)| *e > max || *s < min) {
                let bad = if end > max { end } else { start };
                out.push(
                    Finding::new(format!(
                        "`{}` holds {bad}, outside {min} to {max}",
                        flag.display
                    ))
                    .primary(flag.value.span, format!("`[{start}-{end}]` is out of bounds"))
                    .help(format!("keep every number of `{}` within {min} to {max}; the agent does not start otherwise", flag.display)),
                );
            } else if let Some(&(start, end)) = ranges.iter().find(|(s, e)| s > e) {
                out.push(
                    Finding::new(format!(
                        "the range `[{start}-{end}]` of `{}` starts after it ends",
                        flag.display
                    ))
                    .severity(Severity::Warning)
                    .primary(flag.value.span, "start after end")
                    .help(format!("write the smaller number first: `[{end}-{start}]`")),
                );
            }
        }
    }
    out
}

fn uses_isolator(process: &MesosProcess, isolator: &str) -> bool {
    process
        .flag("isolation")
        .filter(|f| !f.unknown)
        .is_some_and(|f| f.items().iter().any(|i| i.value == isolator))
}
