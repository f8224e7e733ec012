use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A quorum-mode ZooKeeper server without a myid file.
    ///
    /// ## What it finds
    /// A server whose zoo.cfg lists two or more voters (so ZooKeeper runs it as a quorum peer)
    /// while no `myid` was found for it, although other servers of the cluster have one. When
    /// no myid at all was given to meslint, it says once (info) that myid checks were skipped.
    ///
    /// ## Why it matters
    /// A quorum peer must know its id: ZooKeeper refuses to start with `myid file is missing`
    /// (3.5+) or `<dataDir>/myid file is missing` (3.4).
    ///
    /// ## Severity
    /// An error; info when no server's myid was given at all, so the myid checks were skipped.
    ///
    /// ## How to fix
    /// Write the server's id into `<dataDir>/myid`, or include the file when linting.
    ///
    /// ## Example
    /// `zk1/` and `zk2/` hold a myid, `zk3/` only a zoo.cfg.
    pub static MYID_MISSING = Rule {
        code: "CZ107",
        name: "myid_missing",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let servers: Vec<_> = ctx
        .cluster
        .zk_servers()
        .filter(|(_, z)| z.is_quorum_mode() && !z.config.is_template)
        .collect();
    let with_myid = servers.iter().filter(|(_, z)| z.myid.is_some()).count();
    let mut findings = Vec::new();
    if with_myid == 0 {
        if let Some((host, server)) = servers.first() {
            let span = server
                .config
                .data_dir
                .as_ref()
                .map_or(server.config.end, |d| d.span);
            findings.push(
                Finding::new("no server's myid was found, so myid checks were skipped")
                    .primary(span, format!("{} runs as a quorum peer and needs `<dataDir>/myid`", host.name))
                    .help("include each host's myid (from dataDir) to check ids against the server lists")
                    .severity(Severity::Info),
            );
        }
        return findings;
    }
    for (host, server) in servers.iter().filter(|(_, z)| z.myid.is_none()) {
        let span = server
            .config
            .data_dir
            .as_ref()
            .map_or(server.config.end, |d| d.span);
        findings.push(
            Finding::new(format!(
                "no myid was found for {}",
                ctx.cluster.describe(host, server)
            ))
            .primary(span, "ZooKeeper reads `myid` from this directory")
            .help("write the server's id into `<dataDir>/myid`"),
        );
    }
    findings
}
