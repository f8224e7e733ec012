use crate::diagnostic::{Finding, Severity};
use crate::model::Host;
use crate::model::mesos::{MesosProcess, Role};
use crate::rules::Context;
use crate::rules::cluster::masters::described_twice;
use crate::source::Span;

declare_rule! {
    /// Masters of different hosts configured with the same `--ip` and port.
    ///
    /// ## What it finds
    /// Two or more masters, each in its own host's files, whose `--ip` is the same address
    /// (neither loopback nor `0.0.0.0`) and whose `--port` (5050 unless set) is the same.
    /// Files of different kinds that name one address (a per-flag directory in one folder,
    /// an init job in another) describe one master and are counted once, not reported.
    ///
    /// ## Why it matters
    /// An address names one machine. Either both masters run there, and the second cannot
    /// bind (`Failed to initialize: Failed to bind on <ip>:<port>: Address already in use`),
    /// or one host's files were copied without changing `--ip`, and that master cannot bind
    /// an address its machine does not have (`Cannot assign requested address`). Either way
    /// the cluster has one master fewer than it counts on, and its quorum is a majority of
    /// masters that cannot all run. The binding is done by libprocess
    /// (`3rdparty/libprocess/src/process.cpp`), which `--ip` and `--port` configure.
    ///
    /// ## How to fix
    /// Give each master its own machine's address in `--ip`; masters sharing a machine
    /// (for tests) need different `--port`s.
    ///
    /// ## Example
    /// `m1/mesos-master.env` and `m2/mesos-master.env` both with `MESOS_IP=10.0.0.11`.
    pub static SHARED_MASTER_ADDRESS = Rule {
        code: "CM108",
        name: "shared_master_address",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

/// One master's address: its host, where `--ip` was set, and the process.
struct Bound<'a> {
    host: &'a Host,
    process: &'a MesosProcess,
    ip: Span,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut bound = Vec::new();
    for (host, process) in ctx.cluster.mesos_processes() {
        if process.role != Role::Master || process.is_template {
            continue;
        }
        let Some((ip, port, span)) = process.bound_address() else {
            continue;
        };
        let master = Bound {
            host,
            process,
            ip: span,
        };
        bound.push(((ip, port), master));
    }
    let mut findings = Vec::new();
    for ((ip, port), masters) in crate::sort::group(bound) {
        let Some((first, rest)) = masters.split_first() else {
            continue;
        };
        // Several host directories reading one shared file are one setting, not a copy; one
        // machine's per-flag files and init job in two folders are one master.
        let rest: Vec<_> = rest
            .iter()
            .filter(|m| m.host.name != first.host.name && m.ip != first.ip)
            .filter(|m| !described_twice((first.host, first.process), (m.host, m.process)))
            .collect();
        if rest.is_empty() {
            continue;
        }
        let hosts: Vec<&str> = std::iter::once(first.host.name.as_str())
            .chain(rest.iter().map(|m| m.host.name.as_str()))
            .collect();
        let (last, others) = hosts.split_last().unwrap_or((&"", &[]));
        let both = if others.len() == 1 { "both" } else { "all" };
        let mut finding = Finding::new(format!(
            "the masters of {} and {last} {both} bind {ip}:{port}",
            others.join(", ")
        ))
        .secondary(first.ip, format!("{}'s master", first.host.name));
        for m in &rest {
            finding = finding.primary(m.ip, format!("{}'s master, same address", m.host.name));
        }
        findings.push(finding.help(
            "set each master's `--ip` to its own machine's address; masters sharing one \
             machine need different `--port`s",
        ));
    }
    findings
}
