use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{FlagValue, Role};
use crate::net;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Masters of different hosts configured with the same `--ip` and port.
    ///
    /// ## What it finds
    /// Two or more masters, each in its own host's files, whose `--ip` is the same address
    /// (neither loopback nor `0.0.0.0`) and whose `--port` (5050 unless set) is the same.
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

/// One master's address: its host, and where `--ip` and the port were set.
struct Bound<'a> {
    host: &'a str,
    ip: Span,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut by_address: BTreeMap<(String, u16), Vec<Bound<'_>>> = BTreeMap::new();
    for (host, process) in ctx.cluster.mesos_processes() {
        if process.role != Role::Master || process.is_template {
            continue;
        }
        let Some(ip) = process.flag("ip").filter(|f| !f.unknown) else {
            continue;
        };
        let FlagValue::Ip(address) = ip.read else {
            continue;
        };
        let text = address.to_string();
        if net::is_loopback(&text) || net::is_wildcard(&text) {
            continue;
        }
        let Some(port) = process.port() else {
            continue;
        };
        by_address
            .entry((text, port.value))
            .or_default()
            .push(Bound {
                host: &host.name,
                ip: ip.value.span,
            });
    }
    let mut findings = Vec::new();
    for ((ip, port), masters) in by_address {
        let Some((first, rest)) = masters.split_first() else {
            continue;
        };
        // Several host directories reading one shared file are one setting, not a copy.
        let rest: Vec<_> = rest
            .iter()
            .filter(|m| m.host != first.host && m.ip != first.ip)
            .collect();
        if rest.is_empty() {
            continue;
        }
        let hosts: Vec<&str> = std::iter::once(first.host)
            .chain(rest.iter().map(|m| m.host))
            .collect();
        let (last, others) = hosts.split_last().unwrap_or((&"", &[]));
        let both = if others.len() == 1 { "both" } else { "all" };
        let mut finding = Finding::new(format!(
            "the masters of {} and {last} {both} bind {ip}:{port}",
            others.join(", ")
        ))
        .secondary(first.ip, format!("{}'s master", first.host));
        for m in &rest {
            finding = finding.primary(m.ip, format!("{}'s master, same address", m.host));
        }
        findings.push(finding.help(
            "set each master's `--ip` to its own machine's address; masters sharing one \
             machine need different `--port`s",
        ));
    }
    findings
}
