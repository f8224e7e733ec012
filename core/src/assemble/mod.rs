//! Builds the [`Cluster`] model from classified files: parses each file with its parser, then
//! places ZooKeeper servers and Mesos processes on hosts.
//!
//! Which host a file belongs to comes from [`layout::split_host`]. Within a host, a `myid`
//! belongs to the `zoo.cfg` whose `dataDir` holds it, and a dynamic file to the `zoo.cfg` whose
//! `dynamicConfigFile` names it. A `zoo.cfg` at the top with `myid`s in host directories below
//! is shared by those hosts.

use crate::layout::{self, FileKind};
use crate::model::problems::{MisplacedMyId, Problems};
use crate::model::zookeeper::{ConfigProblem, MyId, Value, ZkServer, ZooCfg};
use crate::model::{Cluster, Host};
use crate::parse::{self, Sink};
use crate::settings::Settings;
use crate::source::{FileId, SourceMap, Span};
use crate::template::has_placeholder;

mod containers;
mod mesos;

/// One classified file with its place in the layout.
struct Placed<'a> {
    id: FileId,
    kind: &'a FileKind,
    /// The path inside the host directory, e.g. `etc/zookeeper/conf/zoo.cfg`.
    inside: String,
}

/// The parsed ZooKeeper files by file index, kept until the host that places one takes it.
#[derive(Default)]
struct Parsed {
    configs: Vec<Option<ZooCfg>>,
    /// The myid a script that writes a zoo.cfg writes, with the path it writes it to.
    script_myids: Vec<Option<(String, MyId)>>,
}

/// Parses every file and assembles the hosts.
pub fn cluster(
    sources: &SourceMap,
    files: &[(FileId, FileKind)],
    root: &str,
    settings: &Settings,
    sink: &mut Sink,
) -> Cluster {
    // The files of each host directory, in the order of the directories' names.
    let mut by_host = crate::sort::group(files.iter().map(|(id, kind)| {
        let rel = layout::strip_dir(sources.file(*id).path(), root);
        let (host, inside) = layout::split_host(rel);
        let placed = Placed {
            id: *id,
            kind,
            inside: inside.to_owned(),
        };
        (host.to_owned(), placed)
    }));

    // What parsers find is collected as each file is read: a config shared by several hosts
    // (or by none) is still reported once.
    let mut problems = Problems::default();
    // Where scripts use values of their variables, collected as each file is read.
    let mut value_uses = Vec::new();
    // Each zoo.cfg is parsed once, here: placing myids needs the dataDirs before hosts are built.
    // They are kept by file index until the host that places one takes it.
    // A script that writes a zoo.cfg holds it, and the myid it writes, at its own index.
    let mut parsed = Parsed::default();
    parsed.configs.resize_with(sources.files().len(), || None);
    parsed
        .script_myids
        .resize_with(sources.files().len(), || None);
    for (id, kind) in files {
        let file = sources.file(*id);
        let mut config = match kind {
            FileKind::ZooCfg => {
                parse::zoo_cfg::parse_zoo_cfg(*id, file.config_text(), settings, sink)
            }
            FileKind::Script if layout::is_shell_script(file.path(), file.text()) => {
                let text = file.config_text();
                let Some(written) = parse::zk_script::written_by_script(*id, text, settings, sink)
                else {
                    continue;
                };
                parsed.script_myids[id.index()] = written.myid;
                written.config
            }
            _ => continue,
        };
        config.path = file.path().to_owned();
        problems.config.append(&mut config.problems);
        parsed.configs[id.index()] = Some(config);
    }
    adopt_pseudo_cluster_myids(&mut by_host, &parsed.configs);
    let env_files = containers::env_file_index(sources, files);
    let root_name = root.rsplit('/').find(|s| !s.is_empty()).unwrap_or(".");
    let mut hosts: Vec<Host> = Vec::new();
    let mut shared: Vec<ZooCfg> = Vec::new();
    let mut waiting_for_shared: Vec<(usize, MyId)> = Vec::new();
    for (key, placed) in &by_host {
        let name = if key.is_empty() { root_name } else { key };
        let mut host = Host {
            name: name.to_owned(),
            ..Host::default()
        };
        let orphans = zookeeper_servers(
            &mut host,
            placed,
            &mut parsed,
            sources,
            settings,
            sink,
            &mut problems,
        );
        // A top-level zoo.cfg with no myid of its own may be the one every host uses.
        if key.is_empty() && by_host.len() > 1 && orphans.is_empty() {
            let has_myid = host.zookeeper.iter().any(|z| z.myid.is_some());
            if !has_myid && !host.zookeeper.is_empty() {
                shared.extend(host.zookeeper.drain(..).map(|z| z.config));
            }
        }
        for myid in orphans {
            waiting_for_shared.push((hosts.len(), myid));
        }
        value_uses.extend(mesos::processes(
            &mut host,
            placed,
            sources,
            settings,
            sink,
            &mut problems,
            &env_files,
        ));
        hosts.push(host);
    }
    // A host with a myid but no zoo.cfg of its own takes the shared one.
    for (index, myid) in waiting_for_shared {
        if let Some(config) = shared.first() {
            hosts[index].zookeeper.push(ZkServer {
                config: config.clone(),
                myid: Some(myid),
                dynamic: None,
            });
        }
    }
    hosts.retain(|h| !h.zookeeper.is_empty() || !h.mesos.is_empty());
    let containers = containers::hosts(
        sources,
        files,
        root,
        settings,
        sink,
        &mut problems,
        &mut value_uses,
    );
    if !containers.is_empty() {
        hosts.extend(containers);
        crate::sort::sort_by(&mut hosts, |a, b| a.name.cmp(&b.name));
    }
    Cluster {
        hosts,
        problems,
        value_uses,
    }
}

/// `zoo1.cfg` with `dataDir=/var/zk/data1` beside `data1/myid` is a pseudo-cluster on one
/// machine, not a host called `data1`: such myid-only directories join the top-level host when
/// a top-level zoo.cfg's dataDir ends with their path.
fn adopt_pseudo_cluster_myids(
    by_host: &mut Vec<(String, Vec<Placed<'_>>)>,
    configs: &[Option<ZooCfg>],
) {
    // The empty name, the top-level directory, sorts first.
    let Some((_, top)) = by_host.first().filter(|(key, _)| key.is_empty()) else {
        return;
    };
    let data_dirs: Vec<String> = top
        .iter()
        .filter_map(|p| configs[p.id.index()].as_ref())
        .filter_map(|cfg| {
            cfg.data_dir
                .as_ref()?
                .value
                .known()
                .map(|d| d.trim_end_matches('/').to_owned())
        })
        .collect();
    if data_dirs.len() < 2 {
        return;
    }
    let adopts = |key: &str, placed: &[Placed<'_>]| {
        !key.is_empty()
            && placed.iter().all(|p| *p.kind == FileKind::MyId)
            && placed.iter().any(|p| {
                let dir = join(key, parent(&p.inside));
                data_dirs.iter().any(|d| d.ends_with(&format!("/{dir}")))
            })
    };
    let mut adopted = Vec::new();
    by_host.retain_mut(|(key, placed)| {
        if !adopts(key, placed) {
            return true;
        }
        adopted.extend(placed.drain(..).map(|p| Placed {
            inside: join(key, &p.inside),
            ..p
        }));
        false
    });
    if let Some((_, top)) = by_host.first_mut() {
        top.extend(adopted);
    }
}

/// Parses the ZooKeeper files of one host into servers; returns the myids no zoo.cfg on the
/// host claims.
fn zookeeper_servers(
    host: &mut Host,
    placed: &[Placed<'_>],
    parsed: &mut Parsed,
    sources: &SourceMap,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
) -> Vec<MyId> {
    let text = |id: FileId| sources.file(id).config_text();
    let mut myids: Vec<(String, Option<MyId>)> = placed
        .iter()
        .filter(|p| *p.kind == FileKind::MyId)
        .map(|p| {
            let myid = parse::myid::parse_myid(p.id, text(p.id), settings, sink);
            (p.inside.clone(), Some(myid))
        })
        .collect();
    // A myid a script writes is placed where it writes it; one written to a path with a
    // variable in it (`$DATA_DIR/myid`) is taken to be where its zoo.cfg's dataDir says.
    let mut from_scripts: Vec<FileId> = Vec::new();
    for p in placed.iter().filter(|p| *p.kind == FileKind::Script) {
        let Some((path, myid)) = parsed.script_myids[p.id.index()].take() else {
            continue;
        };
        let data_dir = parsed.configs[p.id.index()]
            .as_ref()
            .and_then(|c| c.data_dir.as_ref())
            .and_then(|d| d.value.known().cloned());
        let path = match data_dir {
            Some(dir) if has_placeholder(&path) => join(dir.trim_start_matches('/'), "myid"),
            _ => path.trim_start_matches('/').to_owned(),
        };
        from_scripts.push(p.id);
        myids.push((path, Some(myid)));
    }
    let dynamics: Vec<&Placed<'_>> = placed
        .iter()
        .filter(|p| *p.kind == FileKind::ZkDynamic)
        .collect();
    let mut configs: Vec<(&Placed<'_>, ZooCfg)> = placed
        .iter()
        .filter_map(|p| Some((p, parsed.configs[p.id.index()].take()?)))
        .collect();
    // A zoo.cfg a script writes is this host's only when the host has no zoo.cfg file (else it
    // is that file written again) and no other script writes one (alternatives, one per OS):
    // never a second server on the host.
    let from_files = configs.iter().any(|(p, _)| *p.kind == FileKind::ZooCfg);
    let script_configs = configs
        .iter()
        .filter(|(p, _)| *p.kind == FileKind::Script)
        .count();
    if from_files || script_configs > 1 {
        configs.retain(|(p, _)| *p.kind != FileKind::Script);
    }
    let single = configs.len() == 1;
    let mut used: Vec<FileId> = Vec::new();
    // Whether every zoo.cfg here reads a dynamic file of the tree or none, and the first
    // `dynamicConfigFile` that names one.
    let mut all_known = !configs.is_empty();
    let mut named: Option<Span> = None;
    for (cfg_file, config) in configs {
        let myid = claim_myid(&cfg_file.inside, &config, &mut myids, single, problems);
        let found = find_dynamic(&cfg_file.inside, &config, &dynamics);
        used.extend(found.map(|d| d.id));
        // `<cfg>.dynamic.next` beside the static file is a proposal ZooKeeper reads itself.
        let next = format!("{}.dynamic.next", cfg_file.inside);
        used.extend(dynamics.iter().filter(|d| d.inside == next).map(|d| d.id));
        match (&config.dynamic_config_file, found) {
            (None, _) => {}
            (Some(d), Some(_)) => named = named.or(Some(d.span)),
            // A template, or a file outside the tree: another file here may be a copy of it.
            (Some(_), None) => all_known = false,
        }
        let dynamic = found.map(|d| {
            let name = layout::base_name(&d.inside).to_owned();
            let mut dynamic =
                parse::zk_dynamic::parse_dynamic(d.id, &name, text(d.id), settings, sink);
            problems.config.append(&mut dynamic.problems);
            dynamic
        });
        host.zookeeper.push(ZkServer {
            config,
            myid,
            dynamic,
        });
    }
    if all_known {
        for d in dynamics.iter().filter(|d| !used.contains(&d.id)) {
            let line = sources.file(d.id).line_range(1).unwrap_or(0..0);
            problems.config.push(ConfigProblem::UnusedDynamic {
                file: Span::new(d.id, line.start, line.end),
                name: d.inside.clone(),
                named,
            });
        }
    }
    // A script's myid no zoo.cfg claims is not a file of the tree: it waits for no shared one.
    myids
        .into_iter()
        .filter_map(|(_, m)| m)
        .filter(|m| !from_scripts.contains(&m.file))
        .collect()
}

/// Finds the myid ZooKeeper would read for `config`: `<dataDir>/myid` inside the host, or, in
/// a per-host directory that is not a collected filesystem tree, the myid beside the zoo.cfg.
fn claim_myid(
    cfg_inside: &str,
    config: &ZooCfg,
    myids: &mut [(String, Option<MyId>)],
    single_config: bool,
    problems: &mut Problems,
) -> Option<MyId> {
    let data_dir = config
        .data_dir
        .as_ref()
        .and_then(|d| d.value.known().map(|v| (v.clone(), d.span)));
    let cfg_dir = parent(cfg_inside);
    let tree = layout::is_tree_path(cfg_inside);
    fn take(myids: &mut [(String, Option<MyId>)], wanted: &dyn Fn(&str) -> bool) -> Option<MyId> {
        myids
            .iter_mut()
            .find(|(path, m)| m.is_some() && wanted(path))
            .and_then(|slot| slot.1.take())
    }
    if let Some((dir, _)) = &data_dir {
        let wanted = join(dir.trim_start_matches("./").trim_start_matches('/'), "myid");
        let relative = join(cfg_dir, &wanted);
        if let Some(myid) = take(myids, &|path| path == wanted || path == relative) {
            return Some(myid);
        }
        if !tree {
            // `zoo1.cfg` with `dataDir=/var/zk/data1` beside `data1/myid`: match dataDir's tail.
            let dir = dir.trim_end_matches('/');
            if let Some(myid) = take(myids, &|path| {
                !parent(path).is_empty() && dir.ends_with(parent(path))
            }) {
                return Some(myid);
            }
        }
    }
    if !tree {
        if let Some(myid) = take(myids, &|path| parent(path) == cfg_dir) {
            return Some(myid);
        }
        let left = myids.iter().filter(|(_, m)| m.is_some()).count();
        return if single_config && left == 1 {
            take(myids, &|_| true)
        } else {
            None
        };
    }
    // Debian's zookeeper package links `/var/lib/zookeeper/myid` to `/etc/zookeeper/conf/myid`;
    // a collected tree often holds only the link's target.
    if let Some((dir, _)) = &data_dir
        && dir.trim_end_matches('/') == "/var/lib/zookeeper"
        && let Some(myid) = take(myids, &|path| DEBIAN_MYIDS.contains(&path))
    {
        return Some(myid);
    }
    // A collected tree must hold the myid under dataDir: one elsewhere is never read. A
    // template's place in a configuration-management tree is not where it is rendered to, so
    // it is never misplaced.
    if let (Some((dir, span)), true) = (&data_dir, single_config) {
        for (path, myid) in myids.iter_mut() {
            if layout::rendered_path(path).is_some() {
                continue;
            }
            if let Some(myid) = myid.take() {
                problems.myids.push(MisplacedMyId {
                    file: myid.file,
                    path: path.clone(),
                    data_dir: dir.clone(),
                    data_dir_span: *span,
                });
            }
        }
    }
    None
}

/// Where Debian keeps the myid that `/var/lib/zookeeper/myid` links to: `/etc/zookeeper/conf`,
/// which the package's alternatives point at `/etc/zookeeper/conf_example`.
const DEBIAN_MYIDS: &[&str] = &["etc/zookeeper/conf/myid", "etc/zookeeper/conf_example/myid"];

/// The dynamic file `dynamicConfigFile` names, looked up by path inside the host, then by name.
fn find_dynamic<'a>(
    cfg_inside: &str,
    config: &ZooCfg,
    dynamics: &[&'a Placed<'a>],
) -> Option<&'a Placed<'a>> {
    let named = config
        .dynamic_config_file
        .as_ref()
        .and_then(|d| match &d.value {
            Value::Known(v) => Some(v.clone()),
            _ => None,
        })?;
    let wanted = named.trim_start_matches("./").trim_start_matches('/');
    let name = wanted.rsplit('/').next().unwrap_or(wanted);
    let cfg_dir = parent(cfg_inside);
    dynamics
        .iter()
        .copied()
        .find(|d| d.inside == wanted || d.inside == join(cfg_dir, wanted))
        .or_else(|| {
            dynamics
                .iter()
                .copied()
                .find(|d| layout::base_name(&d.inside) == name)
        })
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else if name.is_empty() {
        dir.to_owned()
    } else {
        format!("{}/{name}", dir.trim_end_matches('/'))
    }
}
