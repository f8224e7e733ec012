//! The zk URLs of a cluster's Mesos processes, gathered once for the `CX` rules.

use crate::model::mesos::MesosProcess;
use crate::model::zk_url::MasterAddr;
use crate::model::zk_url::ZkUrl;
use crate::model::{Cluster, Host};
use crate::template::has_placeholder;

/// One zk URL and who uses it.
pub struct UrlUse<'a> {
    pub host: &'a Host,
    pub process: &'a MesosProcess,
    pub url: &'a ZkUrl,
    /// `--zk` or `--master`.
    pub flag: &'static str,
}

impl UrlUse<'_> {
    /// `the master on m1`, `the agent on a1`.
    pub fn who(&self) -> String {
        // `.` is the directory linted, not a host name worth printing.
        if self.host.name == "." {
            return format!("the {}", self.process.role.as_str());
        }
        format!("the {} on {}", self.process.role.as_str(), self.host.name)
    }
}

/// Who uses a URL, for a finding about several uses of the same mistake: `the master on m1's
/// \`--zk\``, or `the zk URLs of the masters on m1, m2 and the agent on a1`.
pub fn whose(uses: &[&UrlUse<'_>]) -> String {
    if let [only] = uses {
        return format!("{}'s `{}`", only.who(), only.flag);
    }
    let mut by_role: std::collections::BTreeMap<&str, Vec<&str>> =
        std::collections::BTreeMap::new();
    for u in uses {
        let hosts = by_role.entry(u.process.role.as_str()).or_default();
        if !hosts.contains(&u.host.name.as_str()) {
            hosts.push(u.host.name.as_str());
        }
    }
    // Masters first: they are what the agents follow.
    let parts: Vec<String> = ["master", "agent"]
        .iter()
        .filter_map(|role| Some((*role, by_role.get(role)?)))
        .map(|(role, hosts)| {
            let plural = if hosts.len() == 1 { "" } else { "s" };
            if hosts.as_slice() == ["."] {
                format!("the {role}{plural}")
            } else {
                format!("the {role}{plural} on {}", hosts.join(", "))
            }
        })
        .collect();
    format!("the zk URLs of {}", parts.join(" and "))
}

/// Every known, non-template `zk://` URL of masters (`--zk`) and agents (`--master`).
pub fn zk_urls(cluster: &Cluster) -> Vec<UrlUse<'_>> {
    let mut out = Vec::new();
    for (host, process) in cluster.mesos_processes() {
        let (url, flag) = match (process.zk(), process.master()) {
            (Some(url), _) => (url, "--zk"),
            (None, Some(MasterAddr::Zk(url))) => (url, "--master"),
            _ => continue,
        };
        if url.file.is_some() || has_placeholder(&url.raw.value) {
            continue;
        }
        out.push(UrlUse {
            host,
            process,
            url,
            flag,
        });
    }
    out
}
