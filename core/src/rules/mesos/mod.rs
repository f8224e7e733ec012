//! Rules about one Mesos master or agent: its flags as the loader reads them (MS0xx), their
//! values (MS1xx), required and version-dependent flags (MS2xx), ZooKeeper URLs and the
//! agent's `--master` (MS3xx), and containerizers, isolators and image providers (MS4xx).
//! Checks across several hosts live elsewhere.

pub mod arguments_after_terminator;
pub mod authentication_without_credentials;
pub mod byte_order_mark_in_script;
pub mod capabilities_outside_bounding_set;
pub mod conflicting_flags;
pub mod crlf_line_ends;
pub mod deprecated_binary_name;
pub mod deprecated_flag;
pub mod deprecated_isolator;
pub mod duplicate_flag;
pub mod empty_flag_value;
pub mod env_overridden;
pub mod file_value;
pub mod filesystem_linux_required;
pub mod flag_for_other_daemon;
pub mod flag_name_case;
pub mod flag_unavailable_in_version;
pub mod flag_value_out_of_range;
pub mod gpu_flags_disagree;
pub mod gpu_isolation_requirements;
pub mod ignored_argument;
pub mod image_providers_requirements;
pub mod in_memory_registry;
pub mod inline_secret;
pub mod invalid_choice;
pub mod invalid_container_dns;
pub mod invalid_containerizer;
pub mod invalid_flag_value;
pub mod invalid_ip;
pub mod invalid_isolator;
pub mod invalid_json_value;
pub mod invalid_master_address;
pub mod isolation_without_mesos_containerizer;
pub mod linux_launcher_required;
pub mod malformed_range;
pub mod malformed_resources;
pub mod master_without_failover;
pub mod misplaced_flag_file;
pub mod missing_required_flag;
pub mod negated_non_boolean;
pub mod quorum_not_positive;
pub mod quorum_without_zk;
pub mod registry_strict_enabled;
pub mod sorter_mismatch;
pub mod space_separated_value;
pub mod unknown_flag;
pub mod unsafe_directory;
pub mod wrapped_unsigned_value;
pub mod zk_url_host_list;
pub mod zk_url_missing_path;
pub mod zk_url_missing_port;
pub mod zk_url_path_per_host;
pub mod zk_url_scheme;

#[cfg(test)]
mod scenarios;

use crate::model::mesos::{EffectiveFlag, MesosProcess};
use crate::model::zk_url::{MasterAddr, ZkUrl, ZkUrlProblem};
use crate::rules::Context;

/// Every Mesos master and agent of the cluster.
fn processes<'a>(ctx: &'a Context<'_>) -> impl Iterator<Item = &'a MesosProcess> {
    ctx.cluster.mesos_processes().map(|(_, p)| p)
}

/// The flags of a process whose values meslint can read: set, not a template placeholder,
/// not read from a `file://`.
fn readable_flags(process: &MesosProcess) -> impl Iterator<Item = &EffectiveFlag> {
    process
        .flags
        .values()
        .filter(|f| !f.unknown && !f.value.value.starts_with("file://"))
}

/// The ZooKeeper URL a process uses, with the flag that holds it: a master's `--zk`, an
/// agent's `zk://` `--master`.
fn zk_url(process: &MesosProcess) -> Option<(&ZkUrl, &EffectiveFlag)> {
    let url = match process.master() {
        Some(MasterAddr::Zk(url)) => url,
        _ => process.zk()?,
    };
    let flag = process.flag("zk").or_else(|| process.flag("master"))?;
    Some((url, flag))
}

/// Every problem of every zk URL (`--zk`, or a `zk://` agent `--master`), with its URL and flag.
fn url_problems<'a>(
    ctx: &'a Context<'_>,
) -> impl Iterator<Item = (&'a ZkUrl, &'a EffectiveFlag, &'a ZkUrlProblem)> {
    processes(ctx)
        .filter_map(zk_url)
        .flat_map(|(url, flag)| url.problems.iter().map(move |p| (url, flag, p)))
}

/// Lints Mesos text the way the whole pipeline would, for tests of parsers and rules.
#[cfg(test)]
pub(crate) mod testing {
    use crate::diagnostic::Diagnostic;
    use crate::model::mesos::{MesosSource, Role};
    use crate::model::problems::Problems;
    use crate::model::{Cluster, Host};
    use crate::parse::Sink;
    use crate::parse::mesos_cmdline::parse_mesos_script;
    use crate::parse::mesos_env::{EnvKind, parse_mesos_env};
    use crate::parse::mesos_loader::resolve;
    use crate::rules::{self, Context};
    use crate::settings::Settings;
    use crate::source::SourceMap;
    use crate::version::MesosVersion;

    /// Every diagnostic for the Mesos invocations in one script, for Mesos 1.`minor`.
    pub fn lint_script(text: &str, minor: u8) -> Vec<Diagnostic> {
        let settings = settings(minor);
        let mut map = SourceMap::new();
        let file = map.add("script.sh", text.as_bytes());
        let mut sink = Sink::default();
        let sources = parse_mesos_script(file, text, &settings, &|_| None, &mut sink).sources;
        lint_sources(sources, None, &settings, sink)
    }

    /// Every diagnostic for one environment file read by a daemon of `role`.
    pub fn lint_env(text: &str, kind: EnvKind, role: Role, minor: u8) -> Vec<Diagnostic> {
        let settings = settings(minor);
        let mut map = SourceMap::new();
        let file = map.add("mesos.env", text.as_bytes());
        let mut sink = Sink::default();
        let source = parse_mesos_env(file, text, kind, &settings, &mut sink);
        lint_sources(vec![source], Some(role), &settings, sink)
    }

    fn settings(minor: u8) -> Settings {
        Settings {
            mesos: MesosVersion::new(minor),
            ..Settings::default()
        }
    }

    fn lint_sources(
        sources: Vec<MesosSource>,
        role: Option<Role>,
        settings: &Settings,
        mut sink: Sink,
    ) -> Vec<Diagnostic> {
        let mut problems = Problems::default();
        let mut processes = Vec::new();
        for mut source in sources {
            problems.mesos.append(&mut source.problems);
            let Some(role) = source.role.or(role) else {
                continue;
            };
            let mut process = resolve(role, &[source], settings, &mut sink);
            problems.mesos.append(&mut process.problems);
            processes.push(process);
        }
        let cluster = Cluster {
            hosts: vec![Host {
                name: "h".into(),
                zookeeper: vec![],
                mesos: processes,
                ..Host::default()
            }],
            problems,
            ..Cluster::default()
        };
        let mut out = rules::run(&Context::new(&cluster, settings));
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        crate::merge_repeats(out)
    }

    /// `(code, severity)` of each diagnostic, for compact assertions.
    pub fn codes(diagnostics: &[Diagnostic]) -> Vec<(&'static str, &'static str)> {
        diagnostics
            .iter()
            .map(|d| (d.code, d.severity.as_str()))
            .collect()
    }
}
