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
