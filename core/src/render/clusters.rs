//! `meslint show --clusters`: the clusters found in the tree, their hosts, what runs on each
//! and which file made it, so that a surprising grouping can be seen and fixed (a
//! `meslint.toml` in a sub-directory makes it a cluster of its own).

use crate::report::Report;

/// The listing for people.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for cluster in &report.clusters {
        let root = if cluster.root.is_empty() {
            "."
        } else {
            cluster.root.as_str()
        };
        let hosts = cluster.hosts.len();
        out.push_str(&format!(
            "cluster {root} ({hosts} host{})\n",
            if hosts == 1 { "" } else { "s" }
        ));
        for host in &cluster.hosts {
            out.push_str(&format!("  {}\n", host.name));
            for role in &host.roles {
                out.push_str(&format!("    {:<10} {}\n", role.role, role.file));
            }
        }
    }
    if report.clusters.is_empty() {
        out.push_str("no cluster: no ZooKeeper server or Mesos daemon was found\n");
    }
    out
}
