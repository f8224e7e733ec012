use std::collections::BTreeSet;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// GPU flags of an agent that disagree with each other.
    ///
    /// ## What it finds
    /// `--nvidia_gpu_devices` without `gpu/nvidia` in `--isolation`; and, with `gpu/nvidia`:
    /// `--nvidia_gpu_devices` without `gpus` in `--resources` (or with `gpus:0`), `gpus`
    /// without `--nvidia_gpu_devices`, a device listed twice, a fractional `gpus`, or a
    /// `gpus` count that differs from the number of devices.
    ///
    /// ## Why it matters
    /// The agent works out its GPUs at start-up and exits on any of these, e.g.
    /// ``'--nvidia_gpus_devices' can only be specified if the `--isolation` flag contains
    /// 'gpu/nvidia'`` or `'--resources' and '--nvidia_gpu_devices' specify different numbers of
    /// GPU devices` (`enumerateGpuResources` in
    /// `src/slave/containerizer/mesos/isolators/gpu/allocator.cpp`, Mesos 1.0 to 1.11). The
    /// checks that need `gpu/nvidia` run only where the NVIDIA management library is found,
    /// that is on a machine with the driver.
    ///
    /// ## How to fix
    /// Give `gpus` and `--nvidia_gpu_devices` together, one device index per GPU, and add
    /// `gpu/nvidia` to `--isolation`.
    ///
    /// ## Example
    /// `--isolation=filesystem/linux,cgroups/devices,gpu/nvidia --resources=gpus:4
    /// --nvidia_gpu_devices=0,1`.
    pub static GPU_FLAGS_DISAGREE = Rule {
        code: "MS409",
        name: "gpu_flags_disagree",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(isolation) = process.isolation() else {
            continue;
        };
        let devices = process
            .flag("nvidia_gpu_devices")
            .filter(|f| !f.unknown && !f.value.value.starts_with("file://"));
        let gpus = process.scalar_resource("gpus");
        if !isolation.iter().any(|i| i == "gpu/nvidia") {
            if let Some(devices) = devices {
                out.push(
                    Finding::new(format!("`{}` without `gpu/nvidia`", devices.display))
                        .primary(devices.name.span, "needs the `gpu/nvidia` isolator")
                        .help(
                            "add `gpu/nvidia` to `--isolation` (with `cgroups/devices` and \
                             `filesystem/linux`), or remove the device list; the agent fails \
                             with: '--nvidia_gpus_devices' can only be specified if the \
                             `--isolation` flag contains 'gpu/nvidia'",
                        ),
                );
            }
            continue;
        }
        match (devices, gpus) {
            (None, None) => {}
            (None, Some(gpus)) => {
                if gpus.value > 0.0 {
                    out.push(
                        Finding::new("`gpus` in `--resources` without `--nvidia_gpu_devices`")
                            .primary(gpus.span, "which GPUs is not said")
                            .help(
                                "add `--nvidia_gpu_devices` with one index per GPU, or drop \
                                 `gpus` to let the agent find them; the agent fails with: The \
                                 `gpus` resource cannot be set without also setting \
                                 `--nvidia_gpu_devices`",
                            ),
                    );
                }
            }
            (Some(devices), None) => out.push(
                Finding::new(format!(
                    "`{}` without `gpus` in `--resources`",
                    devices.display
                ))
                .primary(devices.name.span, "needs a `gpus` count in `--resources`")
                .help(
                    "add `gpus:<number of devices>` to `--resources`; the agent fails with: \
                     '--nvidia_gpus_devices' cannot be set without also setting 'gpus' in \
                     '--resources'",
                ),
            ),
            (Some(devices), Some(gpus)) => {
                let items = devices.items();
                let mut seen = BTreeSet::new();
                let twice = items.iter().find(|i| !seen.insert(i.value.trim()));
                let count = items.len() as f64;
                if gpus.value == 0.0 {
                    out.push(
                        Finding::new(format!("`{}` with `gpus:0`", devices.display))
                            .primary(gpus.span, "no GPUs")
                            .secondary(devices.value.span, "GPU devices")
                            .help(
                                "set `gpus` to the number of devices, or remove the device \
                                 list; the agent fails with: '--nvidia_gpus_devices' cannot be \
                                 specified when '--resources' specifies 0 GPUs",
                            ),
                    );
                } else if gpus.value.fract() != 0.0 {
                    out.push(
                        Finding::new(format!(
                            "`gpus` is {}, not a whole number",
                            amount(gpus.value)
                        ))
                        .primary(gpus.span, "a fraction of a GPU")
                        .help(
                            "give whole GPUs; the agent fails with: The 'gpus' resource \
                                 must be an non-negative integer",
                        ),
                    );
                } else if let Some(twice) = twice {
                    out.push(
                        Finding::new(format!(
                            "`{}` lists device {} twice",
                            devices.display, twice.value
                        ))
                        .primary(twice.span, "listed again here")
                        .help(
                            "list each device index once; the agent fails with: \
                             '--nvidia_gpu_devices' contains duplicates",
                        ),
                    );
                } else if count != gpus.value {
                    out.push(
                        Finding::new(format!(
                            "`gpus` is {} but `{}` lists {} devices",
                            amount(gpus.value),
                            devices.display,
                            items.len()
                        ))
                        .primary(gpus.span, format!("{} GPUs", amount(gpus.value)))
                        .secondary(devices.value.span, format!("{} devices", items.len()))
                        .help(
                            "make the counts match; the agent fails with: '--resources' and \
                             '--nvidia_gpu_devices' specify different numbers of GPU devices",
                        ),
                    );
                }
            }
        }
    }
    out
}

/// A GPU count as Mesos keeps it, to three decimals (`4`, `0.5`, `1.25`), without the float
/// formatting code, which would be a large part of the browser module for this one message.
fn amount(value: f64) -> String {
    let milli = (value * 1000.0).round() as i64;
    let (whole, fraction) = (milli / 1000, (milli % 1000).abs());
    if fraction == 0 {
        return whole.to_string();
    }
    let sign = if milli < 0 && whole == 0 { "-" } else { "" };
    let digits = format!("{fraction:03}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_read_as_mesos_keeps_them() {
        assert_eq!(amount(4.0), "4");
        assert_eq!(amount(0.5), "0.5");
        assert_eq!(amount(1.25), "1.25");
        assert_eq!(amount(2.0004), "2");
        assert_eq!(amount(-0.5), "-0.5");
    }
}
