//! Several clusters in one tree: which files belong together.
//!
//! A repository often holds more than one cluster (`prod/`, `staging/`). Linted as one, two
//! clean clusters look like one broken one (`--quorum=2` "is not a majority of the 6
//! masters"). Two things split a tree, both read from the files alone:
//!
//! - a `meslint.toml` in a sub-directory marks that directory as a cluster of its own;
//! - without one, hosts that share no address (a `server.N` host, a zk URL host, a master's
//!   address) and no file are separate clusters, at any depth of the tree, when each such set
//!   runs an ensemble of its own: a Kubernetes manifest at the root beside a `docker-compose/`
//!   folder of the same design, `deploy/prod/` beside `deploy/staging/`;
//! - hosts that share addresses because they are copies of one cluster (the same hosts,
//!   each copy running its whole ensemble, under `infra/prod/` and `salt/prod/`) are one
//!   cluster per copy.
//!
//! This module only decides the grouping; `lint` builds and checks each group as if it had
//! been linted alone. It does no IO and is linear in the number of hosts.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::layout;
use crate::model::identity::DisjointSets;
use crate::model::zk_url::MasterAddr;
use crate::model::{Cluster, Host, zookeeper};
use crate::source::FileId;

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
    crate::sort::sort(&mut roots);
    roots.dedup();
    roots
}

/// The group a file (path relative to the linted root) belongs to: the deepest project root
/// above it, else the group the tree splits it into ([`Split`]), else the whole tree (`""`).
pub fn group_of(id: FileId, rel: &str, project_roots: &[String], split: &Split) -> String {
    let deepest = project_roots
        .iter()
        .filter(|dir| is_under(rel, dir))
        .max_by_key(|dir| dir.len());
    if let Some(dir) = deepest {
        return dir.clone();
    }
    split.group(id, rel).to_owned()
}

fn is_under(rel: &str, dir: &str) -> bool {
    dir.is_empty() || (rel.starts_with(dir) && rel[dir.len()..].starts_with('/'))
}

/// How a tree without sub-directory `meslint.toml` files splits into clusters: each group is
/// named by the deepest directory that holds all its files (`""` for the root).
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// The group of every file a host was built from.
    files: HashMap<FileId, String>,
    /// The groups, deepest first, for files no host was built from (a README, a dynamic file
    /// no zoo.cfg names): they go to the deepest group whose directory holds them.
    groups: Vec<String>,
}

impl Split {
    /// The group of a file: its host's, else the deepest group directory above it.
    pub fn group(&self, id: FileId, rel: &str) -> &str {
        if let Some(group) = self.files.get(&id) {
            return group;
        }
        self.groups
            .iter()
            .find(|g| is_under(rel, g))
            .map_or("", String::as_str)
    }
}

/// The clusters a tree holds, judged from the model of the whole tree: hosts belong together
/// when they name a common ZooKeeper address (or an agent names a master's own address as its
/// fixed master) or are built from a common file (a compose file's services, a StatefulSet's
/// pods). The tree splits when at least two such sets stand alone: each runs a ZooKeeper
/// server, names an address, and is more than one host (or is made of containers, whose file
/// defines the whole set), or when one does and a standalone server sits outside its
/// directory. The other hosts join the set whose directory holds them, or are a group of
/// their own directory when none does. `rel` gives a file's path relative to the
/// linted root.
///
/// Linear in the number of hosts and addresses (a union-find over hosts).
pub fn split(cluster: &Cluster, rel: impl Fn(FileId) -> String) -> Split {
    let hosts = &cluster.hosts;
    let mut sets = DisjointSets::new(hosts.len());
    let mut named: Vec<bool> = vec![false; hosts.len()];
    let mut by_address: HashMap<String, usize> = HashMap::new();
    let mut by_file: HashMap<FileId, usize> = HashMap::new();
    let mut files_of: Vec<Vec<FileId>> = Vec::with_capacity(hosts.len());
    // A master's own address joins only the agents that name it as their fixed master:
    // `--hostname=m1` recurs in every cluster of a repository.
    let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
    let mut fixed_masters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, host) in hosts.iter().enumerate() {
        for address in addresses(host) {
            named[index] = true;
            let first = *by_address
                .entry(address.to_ascii_lowercase())
                .or_insert(index);
            sets.union(first, index);
        }
        for process in &host.mesos {
            if let Some(MasterAddr::Pid { host, .. }) = &process.master {
                if !is_local(&host.value) {
                    named[index] = true;
                    let key = host.value.to_ascii_lowercase();
                    fixed_masters.entry(key).or_default().push(index);
                }
            }
            for own in ["ip", "hostname"]
                .into_iter()
                .filter_map(|f| process.known(f))
            {
                let key = own.value.to_ascii_lowercase();
                owners.entry(key).or_default().push(index);
            }
        }
        let files = host_files(host);
        for file in &files {
            let first = *by_file.entry(*file).or_insert(index);
            sets.union(first, index);
        }
        files_of.push(files);
    }
    for (address, agents) in &fixed_masters {
        let masters = owners.get(address).map_or(&[][..], Vec::as_slice);
        for other in agents.iter().chain(masters) {
            sets.union(agents[0], *other);
        }
    }
    // Each set: its hosts, whether it stands alone, and the directory that holds its files.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..hosts.len() {
        members.entry(sets.find(index)).or_default().push(index);
    }
    let mut standing: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut loose: Vec<(String, Vec<usize>)> = Vec::new();
    let sets = members
        .into_values()
        .flat_map(|set| copies(set, hosts, &files_of, &rel));
    for set in sets {
        let paths: Vec<String> = set
            .iter()
            .flat_map(|i| files_of[*i].iter().map(|f| rel(*f)))
            .collect();
        let dir = layout::common_dir(paths.iter().map(String::as_str));
        let stands_alone = set.iter().any(|i| !hosts[*i].zookeeper.is_empty())
            && set.iter().any(|i| named[*i])
            && (set.len() > 1 || set.iter().all(|i| !hosts[*i].containers.is_empty()));
        if stands_alone {
            // Two sets in one directory cannot be told apart by path: one group.
            standing.entry(dir).or_default().extend(set);
        } else {
            loose.push((dir, set));
        }
    }
    // A standalone server outside the ensemble's directory (`local/zoo.cfg` beside
    // `prod/zk1..3/`) is a development setup of its own, not a member missing its list.
    let apart = loose.iter().any(|(dir, set)| {
        !standing.keys().any(|g| is_under(&format!("{dir}/-"), g))
            && set.iter().any(|i| standalone(&hosts[*i]))
    });
    if standing.is_empty() || (standing.len() < 2 && !apart) {
        return Split::default();
    }
    let mut groups: Vec<String> = standing.keys().cloned().collect();
    crate::sort::sort_by_key(&mut groups, |g| std::cmp::Reverse(g.len()));
    for (dir, set) in loose {
        // A host that names nothing and sits outside every set (a role's template beside
        // two clusters) cannot be placed in either: it is checked on its own, as if its
        // parent directory were linted (its host keeps its directory's name).
        let group = match groups.iter().find(|g| is_under(&format!("{dir}/-"), g)) {
            Some(group) => group.clone(),
            None => dir
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent)
                .to_owned(),
        };
        standing.entry(group).or_default().extend(set);
    }
    let mut groups: Vec<String> = standing.keys().cloned().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    // A set whose files reach into a deeper set's directory (a server in `staging/` listing
    // prod's servers) leaves them there: the directory wins, so staging's lint reports the
    // server list that does not match its ensemble.
    let dirs: HashSet<&str> = groups.iter().map(String::as_str).collect();
    let mut files = HashMap::new();
    for (group, set) in &standing {
        for index in set {
            for file in &files_of[*index] {
                let by_dir = deepest_dir_in(&rel(*file), &dirs);
                let chosen = if by_dir.len() > group.len() {
                    by_dir
                } else {
                    group
                };
                files.insert(*file, chosen.to_owned());
            }
        }
    }
    Split { files, groups }
}

/// A set of hosts that holds copies of one cluster (the same servers and masters under
/// `infra/prod/` and `ansible/files/prod/`) split into one set per copy; any other set as it is.
///
/// The copies are the sub-directories of the set's common directory. They are copies when
/// each holds more than one host, no host's files reach into two of them, and each runs a
/// whole ensemble (as many servers as its server list names) on hosts of the same names.
/// Hosts of one cluster spread over folders (`dc1/zk1`, `dc2/zk1`, one server list) are not
/// copies, and a copied host directory whose myid was not changed stays a mistake of its copy.
fn copies(
    set: Vec<usize>,
    hosts: &[Host],
    files_of: &[Vec<FileId>],
    rel: &impl Fn(FileId) -> String,
) -> Vec<Vec<usize>> {
    let paths: Vec<Vec<String>> = set
        .iter()
        .map(|i| files_of[*i].iter().map(|f| rel(*f)).collect())
        .collect();
    let dir = layout::common_dir(paths.iter().flatten().map(String::as_str));
    let mut by_child: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, files) in set.iter().zip(&paths) {
        let mut children = files.iter().map(|path| child_of(path, &dir));
        let Some(Some(child)) = children.next() else {
            return vec![set];
        };
        if !children.all(|c| c == Some(child)) {
            return vec![set];
        }
        by_child.entry(child).or_default().push(*index);
    }
    // Every copy runs the whole ensemble its server list names, on hosts of the same names:
    // hosts of one cluster spread over folders (`dc1/zk1`, `dc2/zk1`) each run a part of it.
    let mut copies = by_child.values().map(|members| {
        let servers: Vec<&Host> = members
            .iter()
            .map(|i| &hosts[*i])
            .filter(|h| !h.zookeeper.is_empty())
            .collect();
        let whole = servers
            .iter()
            .flat_map(|h| &h.zookeeper)
            .all(|server| zookeeper::effective(&server.config.servers).count() == servers.len());
        let mut names: Vec<&str> = servers.iter().map(|h| short_name(h)).collect();
        names.sort_unstable();
        (members.len() > 1 && whole).then_some(names)
    });
    let first = copies.next().flatten().unwrap_or_default();
    if by_child.len() < 2 || first.is_empty() || !copies.all(|names| names.as_ref() == Some(&first))
    {
        return vec![set];
    }
    by_child.into_values().collect()
}

/// A host that runs only ZooKeeper servers without a server list or myid: standalone.
fn standalone(host: &Host) -> bool {
    host.mesos.is_empty()
        && !host.zookeeper.is_empty()
        && host
            .zookeeper
            .iter()
            .all(|s| s.config.servers.is_empty() && s.myid.is_none())
}

/// A host's own directory name (`zk1` of `infra/prod/zk1`).
fn short_name(host: &Host) -> &str {
    host.name.rsplit('/').next().unwrap_or(&host.name)
}

/// The first directory below `dir` on the way to the file at `path`; `None` for a file
/// directly in `dir`.
fn child_of<'p>(path: &'p str, dir: &str) -> Option<&'p str> {
    let below = if dir.is_empty() {
        path
    } else {
        path.strip_prefix(dir)?.strip_prefix('/')?
    };
    below.split_once('/').map(|(child, _)| child)
}

/// The ZooKeeper addresses a host names: its servers' lists and its zk URLs. Loopback and
/// wildcard addresses name no machine in particular, so they join nothing.
fn addresses(host: &Host) -> impl Iterator<Item = &str> {
    let servers = host.zookeeper.iter().flat_map(|server| {
        server
            .config
            .servers
            .iter()
            .flat_map(|entry| entry.addresses.iter().map(|a| a.host.value.as_str()))
    });
    let urls = host.mesos.iter().flat_map(|process| {
        process
            .zk
            .iter()
            .chain(match &process.master {
                Some(MasterAddr::Zk(url)) => Some(url),
                _ => None,
            })
            .flat_map(|url| url.hosts.iter().map(|zk| zk.value.host.as_str()))
    });
    servers.chain(urls).filter(|address| !is_local(address))
}

/// The deepest of `dirs` that holds `rel`, walking up its parent directories.
fn deepest_dir_in<'a>(rel: &str, dirs: &HashSet<&'a str>) -> &'a str {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(found) = dirs.get(parent) {
            return found;
        }
        dir = parent;
    }
    dirs.get("").copied().unwrap_or("")
}

fn is_local(address: &str) -> bool {
    address.eq_ignore_ascii_case("localhost")
        || address.starts_with("127.")
        || address == "0.0.0.0"
        || address == "::1"
        || address.is_empty()
}

/// Every file a host was built from.
fn host_files(host: &Host) -> Vec<FileId> {
    let mut files = Vec::new();
    for server in &host.zookeeper {
        files.push(server.config.file);
        files.extend(server.myid.as_ref().map(|m| m.file));
        files.extend(server.dynamic.as_ref().map(|d| d.file));
    }
    for process in &host.mesos {
        files.extend(process.sources.iter().map(|s| s.file));
    }
    files.extend(host.containers.iter().map(|c| c.file));
    crate::sort::sort(&mut files);
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_to_the_deepest_project_root_or_their_split_group() {
        let roots = project_roots(
            "repo",
            [
                "repo/meslint.toml",
                "repo/dc1/prod/meslint.toml",
                "repo/dc1/meslint.toml",
            ],
        );
        assert_eq!(roots, ["dc1", "dc1/prod"]);
        let mut sources = crate::source::SourceMap::new();
        let other = sources.add("other", b"");
        let compose = sources.add("compose", b"");
        let split = Split {
            files: [(compose, "staging".to_owned())].into(),
            groups: vec!["staging".to_owned(), String::new()],
        };
        assert_eq!(
            group_of(other, "dc1/prod/m1/run.sh", &roots, &split),
            "dc1/prod"
        );
        assert_eq!(group_of(other, "dc1/m1/run.sh", &roots, &split), "dc1");
        assert_eq!(group_of(other, "dc10/m1/run.sh", &roots, &split), "");
        assert_eq!(
            group_of(other, "staging/README.md", &roots, &split),
            "staging"
        );
        assert_eq!(
            group_of(compose, "elsewhere.yml", &roots, &split),
            "staging"
        );
        assert_eq!(group_of(other, "zoo.cfg", &roots, &split), "");
    }

    #[test]
    fn union_find_joins_chains_in_one_set() {
        let mut sets = DisjointSets::new(5);
        sets.union(3, 4);
        sets.union(1, 3);
        assert_eq!(sets.find(4), sets.find(1));
        assert_ne!(sets.find(0), sets.find(4));
        assert_ne!(sets.find(2), sets.find(1));
    }
}
