use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// An agent started as `mesos-slave`.
    ///
    /// ## What it finds
    /// Scripts and units that run the agent under its pre-1.0 name `mesos-slave`. A container
    /// image whose name ends in `mesos-slave` (`cmssw/mesos-slave` in `docker run` or a
    /// compose `image:`) names no program and is not reported.
    ///
    /// ## Why it matters
    /// Since Mesos 1.0 the binary is `mesos-agent` and `mesos-slave` is a compatibility
    /// symlink; its flags and help speak of agents.
    ///
    /// ## How to fix
    /// Run `mesos-agent`.
    ///
    /// ## Example
    /// `exec /usr/sbin/mesos-slave --master=...`.
    pub static DEPRECATED_BINARY_NAME = Rule {
        code: "MS208",
        name: "deprecated_binary_name",
        severity: Severity::Info,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        if !process.uses_slave_binary() {
            continue;
        }
        if let Some(binary) = &process.binary {
            out.push(
                Finding::new(format!(
                    "`{}` is the old name of `mesos-agent`",
                    binary.value
                ))
                .primary(binary.span, "deprecated binary name")
                .help("run `mesos-agent`"),
            );
        }
    }
    out
}
