use crate::catalog::mesos::{lookup, suggest};
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{MesosProcess, Role};
use crate::rules::Context;
use crate::source::Span;
use crate::version::MesosVersion;

declare_rule! {
    /// A flag Mesos needs for this configuration is missing.
    ///
    /// ## What it finds
    /// Agents without `--work_dir` (required since Mesos 1.0) or without `--master` (or a
    /// `--master_detector` module); masters using the replicated log (the default registry)
    /// without `--work_dir`, or with `--zk` but without `--quorum`; agents with the
    /// `linux/seccomp` isolator without `--seccomp_config_dir`.
    ///
    /// ## Why it matters
    /// Mesos refuses to start: `Flag 'work_dir' is required, but it was not provided`,
    /// ``Missing required option `--master` or `--master_detector` ``, `--work_dir needed for
    /// replicated log based registry`, `Need to specify --quorum for replicated log based
    /// registry when using ZooKeeper`, ``Missing required `--seccomp_config_dir` flag`` (the
    /// isolator's `create` in `src/slave/containerizer/mesos/isolators/linux/seccomp.cpp`,
    /// Mesos 1.8+). Processes whose arguments meslint cannot fully see
    /// (templates, `"$@"`, `EnvironmentFile=`) are not reported. With the Mesosphere packages'
    /// flag files, `work_dir` and the agent's `--master` come from the package and are not
    /// required either; a missing `quorum` still is, as the package's `1` only suits one master.
    ///
    /// ## How to fix
    /// Add the flag.
    ///
    /// ## Example
    /// `mesos-agent --master=zk://zk1:2181/mesos` without `--work_dir`; an agent given
    /// `MESOS_ZK` instead of `MESOS_MASTER`.
    pub static MISSING_REQUIRED_FLAG = Rule {
        code: "MS201",
        name: "missing_required_flag",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

/// Set, or at least written: `--quorum 2` leaves the flag without a value, which
/// `space_separated_value` reports; saying it is missing as well would be a second finding for
/// one mistake.
///
/// A misspelt name (`--work-dir`) counts too: `unknown_flag` reports it with the right name,
/// and fixing it fixes both.
fn mentioned(process: &MesosProcess, name: &str, version: MesosVersion) -> bool {
    process.is_set(name)
        || process.sources.iter().any(|source| {
            source.settings.iter().any(|s| {
                s.key == name
                    || (lookup(process.role, &s.key).is_none()
                        && suggest(process.role, &s.key, version) == Some(name))
            })
        })
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let version = ctx.settings.mesos;
    for process in super::processes(ctx) {
        // `--help` and `--version` print and exit before anything is required.
        if process.is_template || process.is_set("help") || process.is_set("version") {
            continue;
        }
        let Some(anchor) = process.anchor else {
            continue;
        };
        // The packages ship a `work_dir` file, and their wrapper always passes `/etc/mesos/zk`
        // as the agent's `--master`. Their `quorum` file is only right for one master, so a
        // missing quorum is still reported.
        let packaged = process.uses_package_layout();
        let mut missing = |flag: &str, why: &str, mesos_says: &str| {
            out.push(
                Finding::new(format!(
                    "{} without `--{flag}`",
                    process
                        .binary
                        .as_ref()
                        .map_or(process.role.binary(), |b| b.value.as_str())
                ))
                .primary(anchor, why.to_owned())
                .help(format!(
                    "add `--{flag}=...`; Mesos fails with: {mesos_says}"
                )),
            );
        };
        match process.role {
            Role::Agent => {
                if !packaged && !mentioned(process, "work_dir", version) {
                    missing(
                        "work_dir",
                        "agents need a work directory",
                        "Flag 'work_dir' is required, but it was not provided",
                    );
                }
                if !packaged
                    && !mentioned(process, "master", version)
                    && !process.is_set("master_detector")
                {
                    missing(
                        "master",
                        "agents need to know where the master is",
                        "Missing required option `--master` or `--master_detector`",
                    );
                }
                if let Some(seccomp) = isolator(process, "linux/seccomp")
                    && !mentioned(process, "seccomp_config_dir", version)
                {
                    out.push(
                        Finding::new("`linux/seccomp` without `--seccomp_config_dir`")
                            .primary(seccomp, "needs the directory of seccomp profiles")
                            .help(
                                "add `--seccomp_config_dir=<directory of profiles>`; the agent \
                                 fails with: Missing required `--seccomp_config_dir` flag",
                            ),
                    );
                }
            }
            Role::Master => {
                let replicated = matches!(process.registry(), "replicated_log" | "log_storage");
                if replicated && !packaged && !mentioned(process, "work_dir", version) {
                    missing(
                        "work_dir",
                        "the replicated log needs a work directory",
                        "--work_dir needed for replicated log based registry",
                    );
                }
                if replicated && process.is_set("zk") && !mentioned(process, "quorum", version) {
                    let zk = zk_span(process).unwrap_or(anchor);
                    out.push(
                        Finding::new("master with `--zk` but without `--quorum`")
                            .primary(zk, "ZooKeeper makes the replicated log need a quorum")
                            .help(
                                "add `--quorum=<majority of masters>`; Mesos fails with: Need to \
                                 specify --quorum for replicated log based registry when using \
                                 ZooKeeper",
                            ),
                    );
                }
            }
        }
    }
    out
}

/// Where `--isolation` names `name`, when it does.
fn isolator(process: &MesosProcess, name: &str) -> Option<Span> {
    let isolation = process.flag("isolation").filter(|f| !f.unknown)?;
    isolation
        .items()
        .iter()
        .find(|i| i.value == name)
        .map(|i| i.span)
}

fn zk_span(process: &MesosProcess) -> Option<Span> {
    process.flag("zk").map(|f| f.name.span)
}
