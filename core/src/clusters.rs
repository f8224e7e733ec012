//! Several clusters in one tree: which files belong together.
//!
//! A repository often holds more than one cluster (`prod/`, `staging/`). Linted as one, two
//! clean clusters look like one broken one (`--quorum=2` "is not a majority of the 6
//! masters"). Two things split a tree, both read from the files alone:
//!
//! - a `meslint.toml` in a sub-directory marks that directory as a cluster of its own;
//! - without one, the directories right below the root are separate clusters when each holds
//!   several hosts and ZooKeeper addresses of its own, and no address (a `server.N` host, a zk
//!   URL host) appears in two of them: disjoint ensembles, masters pointing at different ones.
//!
//! This module only decides the grouping; `lint` builds and checks each group as if it had
//! been linted alone. It does no IO and never looks at a host twice per address.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout;
use crate::model::Cluster;
use crate::model::zk_url::MasterAddr;

/// The directories (relative to the linted root, `/`-separated, never empty) that hold a
/// `meslint.toml` of their own, from the paths of the project files below `root`.
pub fn project_roots<'a>(
    root: &str,
    project_files: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut roots: Vec<String> = project_files
        .into_iter()
        .map(|path| layout::strip_dir(path, root))
        .filter_map(|rel| rel.rsplit_once('/').map(|(dir, _)| dir.to_owned()))
        .collect();
    roots.sort();
    roots.dedup();
    roots
}

/// The group a file (path relative to the linted root) belongs to: the deepest project root
/// above it, else its first directory when the tree splits there ([`split_dirs`]), else the
/// whole tree (`""`).
pub fn group_of(rel: &str, project_roots: &[String], split: &BTreeSet<String>) -> String {
    let deepest = project_roots
        .iter()
        .filter(|dir| rel.starts_with(dir.as_str()) && rel[dir.len()..].starts_with('/'))
        .max_by_key(|dir| dir.len());
    if let Some(dir) = deepest {
        return dir.clone();
    }
    match rel.split_once('/') {
        Some((first, _)) if split.contains(first) => first.to_owned(),
        _ => String::new(),
    }
}

/// The first-level directories that are clusters of their own, judged from the model of the
/// whole tree (host names relative to the root): empty when the tree is one cluster.
pub fn split_dirs(cluster: &Cluster) -> BTreeSet<String> {
    let mut hosts_per_dir: BTreeMap<&str, usize> = BTreeMap::new();
    // Every ZooKeeper address mentioned, with the first-level directories that mention it.
    let mut dirs_per_address: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for host in &cluster.hosts {
        let Some((dir, _)) = host.name.split_once('/') else {
            // A host directly at the root (or the root itself): one tree, no split.
            return BTreeSet::new();
        };
        *hosts_per_dir.entry(dir).or_default() += 1;
        let mut mention = |address: &str| {
            dirs_per_address
                .entry(address.to_ascii_lowercase())
                .or_default()
                .insert(dir);
        };
        for server in &host.zookeeper {
            for entry in &server.config.servers {
                for address in &entry.addresses {
                    mention(&address.host.value);
                }
            }
        }
        for process in &host.mesos {
            let zk_hosts = process.zk.iter().chain(match &process.master {
                Some(MasterAddr::Zk(url)) => Some(url),
                _ => None,
            });
            for url in zk_hosts {
                for zk in &url.hosts {
                    mention(&zk.value.host);
                }
            }
        }
    }
    let shared = dirs_per_address.values().any(|dirs| dirs.len() > 1);
    let dirs_with_addresses: BTreeSet<&str> =
        dirs_per_address.values().flatten().copied().collect();
    let every_dir_stands_alone = hosts_per_dir
        .iter()
        .all(|(dir, hosts)| *hosts > 1 && dirs_with_addresses.contains(dir));
    if shared || hosts_per_dir.len() < 2 || !every_dir_stands_alone {
        return BTreeSet::new();
    }
    hosts_per_dir.keys().map(|d| (*d).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_to_the_deepest_project_root_or_their_split_directory() {
        let roots = project_roots(
            "repo",
            [
                "repo/meslint.toml",
                "repo/dc1/prod/meslint.toml",
                "repo/dc1/meslint.toml",
            ],
        );
        assert_eq!(roots, ["dc1", "dc1/prod"]);
        let split: BTreeSet<String> = ["staging".to_owned()].into();
        assert_eq!(group_of("dc1/prod/m1/run.sh", &roots, &split), "dc1/prod");
        assert_eq!(group_of("dc1/m1/run.sh", &roots, &split), "dc1");
        assert_eq!(group_of("dc10/m1/run.sh", &roots, &split), "");
        assert_eq!(group_of("staging/zk1/zoo.cfg", &roots, &split), "staging");
        assert_eq!(group_of("zoo.cfg", &roots, &split), "");
    }
}
