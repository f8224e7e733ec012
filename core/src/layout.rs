//! Recognises what each input file is and which host it belongs to, from its path and text.
//!
//! People lay cluster configuration out in a few ways: one directory per host (`zk1/zoo.cfg`),
//! a host-root tree collected from each machine (`node1/etc/zookeeper/conf/zoo.cfg`), a flat
//! directory for one host, a shared `zoo.cfg` above per-host `myid`s, and pseudo-clusters
//! (`zoo1.cfg`, `zoo2.cfg` side by side). This module only classifies paths and text; it does
//! not parse values (the parsers do) and never touches the filesystem.

pub use crate::catalog::mesos::Role;

/// The path of a buffer read from standard input without a name (`meslint -`): what it is
/// comes from its text alone.
pub const STDIN: &str = "-";

/// What an input file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A ZooKeeper static configuration (`zoo.cfg`, `zoo1.cfg`, `zoo.cfg.j2`, ...).
    ZooCfg,
    /// A ZooKeeper dynamic configuration (`zoo.cfg.dynamic.100000000`).
    ZkDynamic,
    /// A ZooKeeper `myid`.
    MyId,
    /// A file in `etc/mesos/`: `zk` holds the zk URL the Mesosphere packages hand to both
    /// daemons; any other file there is a flag file the packages never read.
    MesosEtcFile { name: String },
    /// One file per flag: `etc/mesos-master/quorum`, `etc/mesos-slave/?no-switch_user`.
    MesosFlagFile { role: Role, name: String },
    /// Variables for the daemons: `MESOS_*` env files, `/etc/default/mesos*`.
    MesosEnv { role: Option<Role>, wrapper: bool },
    /// A file that starts Mesos (shell script, systemd or upstart unit, Markdown guide), or a
    /// shell script that writes flag files, a zoo.cfg or a myid.
    Script,
    /// A docker-compose file whose services run ZooKeeper or Mesos.
    Compose,
    /// Kubernetes manifests (Pods, Deployments, StatefulSets) that run ZooKeeper or Mesos.
    Kubernetes,
    /// A script or document that starts ZooKeeper images with `docker run`.
    DockerRun,
    /// A `.env` file: the variables a compose project interpolates.
    DotEnv,
    /// A file a compose service names in `env_file:`, or a script's `docker run` in
    /// `--env-file`: the container's variables, whatever its name or text says.
    EnvFile,
    /// `meslint.toml`: what the files cannot say about the cluster.
    Project,
    /// Not a file meslint reads.
    Other,
}

impl FileKind {
    pub fn is_zookeeper(&self) -> bool {
        matches!(
            self,
            FileKind::ZooCfg | FileKind::ZkDynamic | FileKind::MyId
        )
    }

    pub fn is_mesos(&self) -> bool {
        matches!(
            self,
            FileKind::MesosEtcFile { .. }
                | FileKind::MesosFlagFile { .. }
                | FileKind::MesosEnv { .. }
                | FileKind::Script
        )
    }
}

/// Template file suffixes that do not change what a file is (`zoo.cfg.j2` is a zoo.cfg).
const TEMPLATE_SUFFIXES: &[&str] = &[
    ".j2",
    ".jinja",
    ".jinja2",
    ".erb",
    ".tpl",
    ".tmpl",
    ".template",
];

/// Extensions whose files may start Mesos or hold its variables; their text decides.
const SCRIPT_EXTENSIONS: &[&str] = &[".sh", ".bash", ".service", ".conf", ".env", ".flags"];

/// Directory names whose files are one Mesos flag each.
const FLAG_DIRS: &[(&str, Role)] = &[
    ("mesos-master", Role::Master),
    ("mesos-slave", Role::Agent),
    ("mesos-agent", Role::Agent),
    ("etc_mesos-master", Role::Master),
    ("etc_mesos-slave", Role::Agent),
    ("etc_mesos-agent", Role::Agent),
];

/// The file name without template suffixes: `zoo.cfg.j2` -> `zoo.cfg`.
pub fn base_name(path: &str) -> &str {
    let mut name = path.rsplit('/').next().unwrap_or(path);
    while let Some(stripped) = TEMPLATE_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
    {
        name = stripped;
    }
    name
}

/// The path a template renders to (`m1/mesos-master.env.j2` -> `m1/mesos-master.env`), or
/// `None` when the name has no template suffix.
pub fn rendered_path(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let base = base_name(path);
    (base.len() < name.len() && !base.is_empty())
        .then(|| &path[..path.len() - (name.len() - base.len())])
}

/// The path a file names relative to its own directory (`./master.env`, `../env/zk.env`), in
/// the form the inputs' paths have; an absolute path stays as written.
pub fn relative_to(file: &str, named: &str) -> String {
    if named.starts_with('/') {
        return named.to_owned();
    }
    let mut parts: Vec<&str> = parent_dir(file)
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let absolute = file.starts_with('/');
    for part in named.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The directory part of `path` (`""` for a file at the top).
pub fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn parent_name(path: &str) -> &str {
    let dir = parent_dir(path);
    dir.rsplit('/').next().unwrap_or(dir)
}

/// Endings of copies that no daemon reads: backups editors and tools leave behind, and samples
/// shipped to be copied (`zoo_sample.cfg`, `mesos-master.env.example`).
const BACKUP_ENDINGS: &[&str] = &[".bak", ".orig", ".old", ".rej", ".swp", "~"];
const SAMPLE_ENDINGS: &[&str] = &[".example", ".dist", ".sample"];
const SAMPLE_STEMS: &[&str] = &["_sample", "-sample", ".sample", "_example", "-example"];

/// Why a file found while walking is not live configuration, if it is not: a backup copy or a
/// sample. Such files are counted as skipped, never linted; a file the user names is read.
pub fn not_live(path: &str) -> Option<&'static str> {
    let name = base_name(path);
    if BACKUP_ENDINGS.iter().any(|end| name.ends_with(end)) {
        return Some("a backup copy, not live configuration");
    }
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if SAMPLE_ENDINGS.iter().any(|end| name.ends_with(end))
        || SAMPLE_STEMS.iter().any(|end| stem.ends_with(end))
    {
        return Some("a sample, not live configuration");
    }
    None
}

/// Why a file found while walking is not read, if it is not: not live ([`not_live`]) or not a
/// name meslint reads. The walker decides from this without opening the file.
pub fn skip_reason(path: &str) -> Option<&'static str> {
    if let Some(why) = not_live(path) {
        return Some(why);
    }
    if is_candidate(path) {
        None
    } else {
        Some("not a file meslint reads")
    }
}

/// True when a recognised file holds anything beyond blank lines and comments.
pub fn holds_settings(kind: &FileKind, text: &str) -> bool {
    match kind {
        FileKind::Project | FileKind::Other => true,
        FileKind::MyId => !text.trim().is_empty(),
        _ => text.lines().any(|line| {
            let line = line.trim_start_matches('\u{feff}').trim();
            !line.is_empty() && !line.starts_with('#') && !line.starts_with('!')
        }),
    }
}

/// True when a file found while walking a directory should be read: its name says it is
/// configuration, or its extension says its text may tell.
pub fn is_candidate(path: &str) -> bool {
    !matches!(kind_by_name(path), NameKind::No)
}

enum NameKind {
    Sure(FileKind),
    /// Read the text to decide.
    Sniff,
    No,
}

fn kind_by_name(path: &str) -> NameKind {
    if path == STDIN {
        return NameKind::Sniff;
    }
    let name = base_name(path);
    let parent = parent_name(path);
    if name == "meslint.toml" {
        return NameKind::Sure(FileKind::Project);
    }
    if let Some((_, role)) = FLAG_DIRS.iter().find(|(dir, _)| *dir == parent) {
        if name.starts_with('.') || name.is_empty() {
            return NameKind::No;
        }
        if is_flag_file_name(path, name) {
            return NameKind::Sure(FileKind::MesosFlagFile {
                role: *role,
                name: name.to_owned(),
            });
        }
    }
    let in_etc_mesos = parent == "etc_mesos"
        || (parent == "mesos" && (name == "zk" || parent_name(parent_dir(path)) == "etc"));
    // Flag names never hold a dot: `/etc/mesos/agent.env` is an env file a unit reads, not a
    // misplaced flag file.
    if in_etc_mesos && !name.starts_with('.') && !name.is_empty() && !name.contains('.') {
        return NameKind::Sure(FileKind::MesosEtcFile {
            name: name.to_owned(),
        });
    }
    if name == "myid" {
        return NameKind::Sure(FileKind::MyId);
    }
    if is_dynamic_name(name) {
        return NameKind::Sure(FileKind::ZkDynamic);
    }
    if is_zoo_cfg_name(name) {
        return NameKind::Sure(FileKind::ZooCfg);
    }
    if let Some(kind) = mesos_kind_by_name(name, parent) {
        return kind;
    }
    if name.ends_with(".cfg") || name.ends_with(".properties") {
        return NameKind::Sniff;
    }
    if SCRIPT_EXTENSIONS.iter().any(|ext| name.ends_with(ext)) || name == ".env" {
        return NameKind::Sniff;
    }
    if is_yaml(name) {
        return NameKind::Sniff;
    }
    NameKind::No
}

/// The `mesos-master/`-style directories outside an `etc/` that are project folders rather than
/// flag directories: they hold a file whose name could be no flag (a `Dockerfile`, an
/// `entrypoint.sh`, a `docker-compose.yml`), so files named like flags there (`credentials`,
/// `acls` that the image copies in) are the project's files, not `/etc/mesos-master/` copies.
/// `paths` are every file found, read or not.
pub fn project_folders<'a>(
    paths: impl IntoIterator<Item = &'a str>,
) -> std::collections::BTreeSet<&'a str> {
    paths
        .into_iter()
        .filter(|path| {
            let parent = parent_name(path);
            let name = path.rsplit('/').next().unwrap_or(path);
            FLAG_DIRS.iter().any(|(dir, _)| *dir == parent)
                && !under_etc(path)
                && !name.starts_with('.')
                && not_live(path).is_none()
                && !is_flag_file_name(path, base_name(path))
        })
        .map(parent_dir)
        .collect()
}

/// True when a file in a `mesos-master/`-style directory sits where the packages look: in an
/// `etc/`, or in a flattened `etc_mesos-slave/`.
fn under_etc(path: &str) -> bool {
    parent_name(parent_dir(path)) == "etc" || parent_name(path).starts_with("etc_")
}

/// True when a file in a `mesos-master/`-style directory is one flag of the documented layout.
/// Under an `etc/` (or a flattened `etc_mesos-slave/`) every name that could be a flag is one, so
/// a misspelt flag is still reported; elsewhere a directory of that name is often a project
/// folder (a compose project called `mesos-slave/`), and only names of real flags count.
/// Flag names never hold a dot.
fn is_flag_file_name(path: &str, name: &str) -> bool {
    if name.contains('.') || name.is_empty() {
        return false;
    }
    if under_etc(path) {
        return true;
    }
    let flag = name.trim_start_matches('?');
    let flag = flag.strip_prefix("no-").unwrap_or(flag);
    crate::catalog::mesos::known_to_any(flag)
}

fn is_dynamic_name(name: &str) -> bool {
    name.contains(".cfg.dynamic") || name.ends_with(".dynamic") || name.contains(".dynamic.")
}

/// `mesos-master.sh`, `mesos-agent.env`, `/etc/default/mesos-slave`, `mesos.env`, ...
fn mesos_kind_by_name(name: &str, parent: &str) -> Option<NameKind> {
    let role = if name.starts_with("mesos-master") || name.starts_with("mesos_master") {
        Some(Role::Master)
    } else if ["mesos-agent", "mesos-slave", "mesos_agent", "mesos_slave"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        Some(Role::Agent)
    } else if name == "mesos" || name.starts_with("mesos.") || name.starts_with("mesos-env") {
        None
    } else {
        return None;
    };
    let default_dir = parent == "default" || parent == "sysconfig" || parent == "etc_default";
    if default_dir && !name.contains('.') {
        return Some(NameKind::Sure(FileKind::MesosEnv {
            role,
            wrapper: true,
        }));
    }
    Some(NameKind::Sniff)
}

/// Decides what a file is from its path and, where the name leaves it open, its text.
///
/// `explicit` files (named by the user) are read as Mesos scripts when they mention a Mesos
/// command even if their name says nothing, Markdown guides included.
pub fn detect(path: &str, text: &str, explicit: bool) -> FileKind {
    let kind = match kind_by_name(path) {
        NameKind::Sure(kind) => return kind,
        NameKind::Sniff => sniff(path, text),
        NameKind::No if explicit => sniff(path, text),
        NameKind::No => FileKind::Other,
    };
    if kind == FileKind::Other && explicit {
        return explicit_guess(path, text);
    }
    kind
}

/// A file the user named whose name and text say too little: guess from the name's hints
/// (`zk1.myid`, `case.cfg`, `zoo-dynamic`), as the user evidently wants it checked.
fn explicit_guess(path: &str, text: &str) -> FileKind {
    let name = base_name(path).to_ascii_lowercase();
    let script = SCRIPT_EXTENSIONS.iter().any(|ext| name.ends_with(ext));
    if script {
        return FileKind::Other;
    }
    if name.contains("myid") && text.lines().count() <= 2 {
        return FileKind::MyId;
    }
    if name.contains("dynamic") {
        return FileKind::ZkDynamic;
    }
    // Only names whose ending says nothing else: `zoo.cfg.bak` yes, `zookeeper.yml` no.
    let extension = name.rsplit_once('.').map(|(_, ext)| ext);
    let plain = matches!(
        extension,
        None | Some(
            "cfg" | "properties" | "conf" | "txt" | "bak" | "orig" | "old" | "sample" | "dist"
        )
    );
    if plain && (name.ends_with(".cfg") || name.ends_with(".properties") || name.contains("zoo")) {
        return FileKind::ZooCfg;
    }
    FileKind::Other
}

/// True when a text mentions ZooKeeper or Mesos images, commands or variables.
fn mentions_cluster(text: &str) -> bool {
    [
        "zookeeper",
        "mesos-master",
        "mesos-slave",
        "mesos-agent",
        "MESOS_",
        "ZOO_",
        "ZK_ID",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// True when a YAML text holds a Pod, Deployment or StatefulSet that runs ZooKeeper or Mesos.
fn looks_like_kubernetes(text: &str) -> bool {
    const KINDS: &[&str] = &[
        "Pod",
        "Deployment",
        "StatefulSet",
        "ReplicaSet",
        "DaemonSet",
    ];
    let workload = text.lines().any(|l| {
        l.trim()
            .strip_prefix("kind:")
            .is_some_and(|k| KINDS.contains(&k.trim().trim_matches(['"', '\''])))
    });
    workload && mentions_cluster(text)
}

/// True when a YAML text is a compose file: a `services:` map (or, for v1 files, services with
/// `image:` at the top level) that runs ZooKeeper or Mesos.
fn looks_like_compose(text: &str) -> bool {
    let services = text.lines().any(|l| l.trim_end() == "services:")
        || text.lines().any(|l| l.starts_with("  image:"));
    services && mentions_cluster(text)
}

/// True when a text runs a ZooKeeper image with `docker run`.
fn runs_zookeeper_image(text: &str) -> bool {
    use crate::catalog::images::{Runs, lookup};
    text.contains("docker run")
        && text
            .split_whitespace()
            .any(|w| lookup(w).is_some_and(|i| matches!(i.runs, Runs::ZooKeeper(_))))
}

/// True when a text runs a Mesos image with `docker run`: the image's entrypoint is the
/// daemon, so a container given no flags (only `-e MESOS_*`) still runs it.
fn runs_mesos_image(text: &str) -> bool {
    use crate::catalog::images::{Runs, lookup};
    text.contains("docker run")
        && text
            .split_whitespace()
            .any(|w| lookup(w).is_some_and(|i| matches!(i.runs, Runs::Mesos(_))))
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yml") || name.ends_with(".yaml")
}

fn sniff(path: &str, text: &str) -> FileKind {
    let name = base_name(path);
    if is_yaml(name) || path == STDIN {
        // Compose files and manifests are known by what they hold, whatever their name.
        if looks_like_kubernetes(text) {
            return FileKind::Kubernetes;
        }
        if looks_like_compose(text) {
            return FileKind::Compose;
        }
        if path != STDIN {
            return FileKind::Other;
        }
    }
    if runs_zookeeper_image(text) && !starts_mesos(text) && !runs_mesos_image(text) {
        return FileKind::DockerRun;
    }

    let role = if name.contains("master") {
        Some(Role::Master)
    } else if name.contains("agent") || name.contains("slave") {
        Some(Role::Agent)
    } else {
        None
    };
    let shell = [".sh", ".bash"].iter().any(|ext| name.ends_with(ext));
    if starts_mesos(text)
        || runs_mesos_image(text)
        || writes_flag_files(text)
        || (is_shell_script(path, text) && writes_zoo_cfg(text))
    {
        return FileKind::Script;
    }
    if text.lines().any(|l| {
        l.trim_start()
            .trim_start_matches("export ")
            .starts_with("MESOS_")
    }) && (!shell || reads_like_env(text))
    {
        return FileKind::MesosEnv {
            role,
            wrapper: false,
        };
    }
    // A script that writes a zoo.cfg (a heredoc) is not one.
    let script = SCRIPT_EXTENSIONS.iter().any(|ext| name.ends_with(ext)) || name == ".env";
    if !script && looks_like_zoo_cfg(text) {
        return FileKind::ZooCfg;
    }
    if name == ".env" {
        return FileKind::DotEnv;
    }
    FileKind::Other
}

/// True when every line that does something is a variable assignment (`X=1`, `export X=1`,
/// `set -a`): a script to be sourced. A script that tests, echoes or writes files (a generator
/// that prints `MESOS_IP=...` into another file) is not an env file, whatever its name.
fn reads_like_env(text: &str) -> bool {
    text.lines().all(|line| {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t == "set -a" || t == "set +a" {
            return true;
        }
        let t = t.strip_prefix("export ").unwrap_or(t).trim_start();
        t.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        }) || (t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b' '))
    })
}

/// True when the text runs `mesos-master`, `mesos-agent` or `mesos-slave` with flags, or as
/// the command of a line without any (`exec /usr/sbin/mesos-master`, its flags in exported
/// `MESOS_*` variables; `ExecStart=/usr/sbin/mesos-master` with an `EnvironmentFile=`).
fn starts_mesos(text: &str) -> bool {
    text.lines().any(runs_bare_daemon)
        || text.lines().any(|line| {
            ["mesos-master", "mesos-agent", "mesos-slave"]
                .iter()
                .any(|binary| {
                    line.match_indices(binary).any(|(at, _)| {
                        let rest = &line[at + binary.len()..];
                        let rest = rest.strip_prefix(".sh").unwrap_or(rest);
                        let spaced = rest.starts_with([' ', '\t']);
                        let rest = rest.trim_start();
                        // A single-dash flag (`-zk=`), which Mesos skips: still this daemon's line.
                        let single_dash = spaced
                            && rest
                                .strip_prefix('-')
                                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_lowercase()));
                        // Flags, a continuation, or a variable that holds the flags (`$MESOS_OPTS`).
                        single_dash
                            || rest.starts_with("--")
                            || rest.trim_end() == "\\"
                            || rest.starts_with('$')
                            || rest.starts_with("\"$")
                    })
                })
        })
}

/// True when a provisioning script writes files of the flag-file layout with `echo`, `printf`
/// or a here-document (`echo 2 > /etc/mesos-master/quorum`, `echo 2 | sudo tee ...`,
/// `cat > /etc/mesos-slave/isolation <<EOF`); `parse::mesos_flag_file::written_by_script`
/// reads them.
fn writes_flag_files(text: &str) -> bool {
    const DIRS: &[&str] = &[
        "/etc/mesos-master/",
        "/etc/mesos-slave/",
        "/etc/mesos-agent/",
        "/etc/mesos/zk",
    ];
    text.lines().any(|line| {
        let command = line.trim_start();
        let prints = ["echo ", "printf "].iter().any(|p| command.starts_with(p))
            || line.contains(" echo ")
            || line.contains(" printf ")
            || ((command.starts_with("cat ") || line.contains("tee ")) && line.contains("<<"));
        prints
            && (line.contains('>') || line.contains("tee "))
            && DIRS.iter().any(|d| line.contains(d))
    })
}

/// True for a shell script: a `.sh` or `.bash` name, or a `#!` line that runs a shell.
pub fn is_shell_script(path: &str, text: &str) -> bool {
    let name = base_name(path);
    [".sh", ".bash"].iter().any(|ext| name.ends_with(ext)) || starts_with_shell_line(text)
}

/// True when the first line is a `#!` line that runs a shell (`#!/bin/sh`,
/// `#!/usr/bin/env bash`): a script, whatever its name.
fn starts_with_shell_line(text: &str) -> bool {
    text.lines().next().is_some_and(|l| {
        let l = l.trim_end();
        l.starts_with("#!")
            && ["/sh", "bash", "/dash", "/ksh", " sh"]
                .iter()
                .any(|s| l.ends_with(s))
    })
}

/// True when a script writes a zoo.cfg from a here-document (`cat > /opt/zk/conf/zoo.cfg <<EOF`,
/// `cat <<EOF | sudo tee /etc/zookeeper/conf/zoo.cfg`); `parse::zk_script` reads it.
fn writes_zoo_cfg(text: &str) -> bool {
    text.lines().any(|line| {
        line.contains("<<")
            && (line.contains('>') || line.contains("tee "))
            && line.split([' ', '>', '\t', '"', '\'']).any(|word| {
                word.starts_with('/') && word.rsplit('/').next().is_some_and(is_zoo_cfg_name)
            })
    })
}

/// `zoo.cfg`, `zoo1.cfg`, `zoo-2.cfg`: the names ZooKeeper's static configuration goes by.
pub fn is_zoo_cfg_name(name: &str) -> bool {
    name == "zoo.cfg" || (name.starts_with("zoo") && name.ends_with(".cfg"))
}

/// True when a line's command is the daemon itself, given no arguments: `exec mesos-master`,
/// `nohup /usr/sbin/mesos-agent > agent.log 2>&1 &`, `ExecStart=/usr/bin/mesos-master`. A line
/// that names the daemon to another program (`systemctl start mesos-master`, `apt-get install
/// mesos-master`, `echo starting mesos-master`) is not one.
fn runs_bare_daemon(line: &str) -> bool {
    let mut rest = line.trim();
    for prefix in ["ExecStart=", "command="] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start_matches(['-', '@', '+', '!', ':']);
        }
    }
    while let Some((word, after)) = rest.split_once([' ', '\t'])
        && ["exec", "nohup", "sudo", "setsid"].contains(&word)
    {
        rest = after.trim_start();
    }
    let (program, after) = rest
        .split_once([' ', '\t'])
        .map_or((rest, ""), |(p, a)| (p, a.trim_start()));
    let mut parts = program.rsplit('/');
    let base = parts.next().unwrap_or(program);
    let through_bin = parts
        .next()
        .is_none_or(|dir| matches!(dir, "bin" | "sbin" | "."));
    let daemon = ["mesos-master", "mesos-agent", "mesos-slave"].contains(&base);
    daemon
        && through_bin
        && (after.is_empty()
            || after.starts_with(['&', '>', '|', ';'])
            || after.starts_with("2>")
            || after.starts_with("1>"))
}

fn looks_like_zoo_cfg(text: &str) -> bool {
    // Lower-cased, so that `datadir=` and `clientport=` typos still count.
    let keys = [
        "datadir",
        "ticktime",
        "clientport",
        "initlimit",
        "synclimit",
        "server.",
    ];
    let hits = text
        .lines()
        .filter(|l| {
            let l = l.trim_start().to_ascii_lowercase();
            keys.iter().any(|k| l.starts_with(k))
        })
        .count();
    hits >= 2
}

/// Top-level directories of a host-root tree: a path through one of them was collected from a
/// machine's filesystem, and what precedes it names the host.
const ROOT_DIRS: &[&str] = &[
    "etc", "var", "opt", "usr", "srv", "run", "tmp", "home", "root", "app",
];

/// Top-level directories that people add to machines for data (`dataDir=/data/zookeeper`).
/// They count as a filesystem root only below a host directory and with a directory below them,
/// so that a pseudo-cluster's `zoo1/data/myid` keeps `data` as a plain inner directory and
/// `data/zk1/zoo.cfg` still names host `data/zk1`.
const DATA_ROOT_DIRS: &[&str] = &["data", "mnt"];

/// True when `dirs[i]` starts a collected filesystem tree.
fn is_root_dir(dirs: &[&str], i: usize) -> bool {
    let Some(d) = dirs.get(i) else {
        return false;
    };
    ROOT_DIRS.contains(d)
        || d.starts_with("etc_")
        || (DATA_ROOT_DIRS.contains(d) && i + 1 < dirs.len())
}

/// True when a path inside a host starts at a filesystem root directory (`etc/...`, `var/...`):
/// the host directory is a tree collected from the machine.
pub fn is_tree_path(inside: &str) -> bool {
    let segments: Vec<&str> = inside.split('/').collect();
    let dirs = &segments[..segments.len().saturating_sub(1)];
    is_root_dir(dirs, 0)
}

/// Directory names inside a per-host directory that do not name a host themselves; folders
/// named after ZooKeeper's own `dataDir` and `dataLogDir` keys hold a host's myid and logs.
const INNER_DIRS: &[&str] = &[
    "conf",
    "config",
    "cfg",
    "data",
    "dataDir",
    "dataLogDir",
    "bin",
    "default",
    "sysconfig",
];

/// Splits a path (relative to the common root of all inputs) into the host directory and the
/// path inside that host: `zk1/etc/zookeeper/conf/zoo.cfg` -> (`zk1`, `etc/zookeeper/conf/zoo.cfg`),
/// `zk1/zoo.cfg` -> (`zk1`, `zoo.cfg`), `zoo.cfg` -> (``, `zoo.cfg`).
pub fn split_host(rel: &str) -> (&str, &str) {
    let segments: Vec<&str> = rel.split('/').collect();
    let dirs = &segments[..segments.len().saturating_sub(1)];
    let cut = (0..dirs.len())
        .position(|i| {
            // A leading `data/` is the user's own folder of hosts, not a machine's `/data`.
            is_root_dir(dirs, i)
                && (i > 0 || dirs.first().is_some_and(|d| !DATA_ROOT_DIRS.contains(d)))
        })
        .or_else(|| {
            // `zoo1/conf/zoo.cfg`: the host is `zoo1`; strip inner directory names.
            let mut end = dirs.len();
            while end > 0 && INNER_DIRS.contains(&dirs[end - 1]) {
                end -= 1;
            }
            let end = end.min(dirs.len());
            // Mesos flag directories and `mesos/zk` sit directly in the host.
            let flag_dir = end > 0
                && (FLAG_DIRS.iter().any(|(d, _)| *d == dirs[end - 1]) || dirs[end - 1] == "mesos");
            Some(if flag_dir { end - 1 } else { end })
        })
        .unwrap_or(0);
    let host_len: usize = segments[..cut].iter().map(|s| s.len() + 1).sum();
    let host = rel.get(..host_len.saturating_sub(1)).unwrap_or("");
    let inside = rel.get(host_len.min(rel.len())..).unwrap_or(rel);
    (host, inside)
}

/// The longest directory prefix shared by every path (`config/` for `config/zk1/zoo.cfg` and
/// `config/zk2/zoo.cfg`); never includes a file name.
pub fn common_dir<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let mut common: Option<Vec<&str>> = None;
    for path in paths {
        let dirs: Vec<&str> = parent_dir(path).split('/').collect();
        common = Some(match common {
            None => dirs,
            Some(prev) => prev
                .iter()
                .zip(&dirs)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    common.unwrap_or_default().join("/")
}

/// Like [`common_dir`], for files the user named one by one: never cuts into a collected
/// filesystem tree, so `node1/etc/zookeeper/conf/zoo.cfg` keeps `etc` inside host `node1`.
pub fn common_host_dir<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let common = common_dir(paths);
    let segments: Vec<&str> = common.split('/').collect();
    let keep = segments
        .iter()
        .enumerate()
        .position(|(i, d)| i > 0 && (ROOT_DIRS.contains(d) || d.starts_with("etc_")))
        .unwrap_or(segments.len());
    segments[..keep].join("/")
}

/// `path` below the directory `dir` (as returned by [`common_dir`]).
pub fn strip_dir<'a>(path: &'a str, dir: &str) -> &'a str {
    if dir.is_empty() {
        return path;
    }
    path.strip_prefix(dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_without_a_name_is_known_by_its_text() {
        let cases = [
            (
                "tickTime=2000\ndataDir=/var/lib/zookeeper\n",
                FileKind::ZooCfg,
            ),
            (
                "MESOS_QUORUM=2\n",
                FileKind::MesosEnv {
                    role: None,
                    wrapper: false,
                },
            ),
            ("mesos-master --zk=zk://zk1:2181/mesos\n", FileKind::Script),
            (
                "[Service]\nExecStart=/usr/sbin/mesos-agent --master=m1:5050\n",
                FileKind::Script,
            ),
            (
                "services:\n  zk1:\n    image: zookeeper:3.8\n",
                FileKind::Compose,
            ),
            (
                "kind: StatefulSet\nspec:\n  image: zookeeper\n",
                FileKind::Kubernetes,
            ),
            ("1\n", FileKind::Other),
            ("", FileKind::Other),
        ];
        for (text, kind) in cases {
            assert_eq!(detect(STDIN, text, true), kind, "{text:?}");
        }
    }

    #[test]
    fn paths_relative_to_a_file() {
        assert_eq!(
            relative_to("p/docker-compose.yml", "./master.env"),
            "p/master.env"
        );
        assert_eq!(
            relative_to("p/c/compose.yml", "../env/zk.env"),
            "p/env/zk.env"
        );
        assert_eq!(relative_to("compose.yml", "zk.env"), "zk.env");
        assert_eq!(relative_to("/srv/p/compose.yml", "a.env"), "/srv/p/a.env");
        assert_eq!(relative_to("p/compose.yml", "/etc/zk.env"), "/etc/zk.env");
    }

    #[test]
    fn kinds_by_name() {
        let cases = [
            ("zk1/zoo.cfg", FileKind::ZooCfg),
            ("zoo2.cfg", FileKind::ZooCfg),
            ("roles/zk/templates/zoo.cfg.j2", FileKind::ZooCfg),
            ("zk1/zoo.cfg.dynamic.100000000", FileKind::ZkDynamic),
            ("zk1/data/myid", FileKind::MyId),
            (
                "n1/etc/mesos/zk",
                FileKind::MesosEtcFile { name: "zk".into() },
            ),
            (
                "n1/etc/mesos/quorum",
                FileKind::MesosEtcFile {
                    name: "quorum".into(),
                },
            ),
            (
                "n1/etc/mesos-master/quorum",
                FileKind::MesosFlagFile {
                    role: Role::Master,
                    name: "quorum".into(),
                },
            ),
            (
                "n1/etc/default/mesos-slave",
                FileKind::MesosEnv {
                    role: Some(Role::Agent),
                    wrapper: true,
                },
            ),
        ];
        for (path, kind) in cases {
            assert_eq!(detect(path, "", false), kind, "{path}");
        }
        assert_eq!(
            detect("README.md", "mesos-master --zk=x", false),
            FileKind::Other
        );
        assert_eq!(
            detect("guide.md", "./mesos-master.sh --zk=x", true),
            FileKind::Script
        );
        assert_eq!(
            detect("master1/run.sh", "exec mesos-master \\\n --zk=x", false),
            FileKind::Script
        );
        // A script starting ZooKeeper containers and a Mesos one on the host network is read
        // for both: the containers, and the daemon on the script's host.
        let both = "docker run --name zk1 zookeeper:3.8\ndocker run --net=host mesosphere/mesos-master:1.4.1\n";
        assert_eq!(detect("start.sh", both, false), FileKind::Script);
        assert_eq!(
            detect("start.sh", "docker run --name zk1 zookeeper:3.8\n", false),
            FileKind::DockerRun
        );
        assert_eq!(
            detect(
                "m1/run.sh",
                "mesos-master -zk=zk://a:2181/m --quorum=1",
                false
            ),
            FileKind::Script
        );
        assert_ne!(
            detect("m1/hosts.env", "NAME=mesos-master-01\n", false),
            FileKind::Script
        );
        assert_eq!(
            detect("m/mesos-master.env", "MESOS_QUORUM=2\n", false),
            FileKind::MesosEnv {
                role: Some(Role::Master),
                wrapper: false
            }
        );
        assert_eq!(
            detect(
                "a1/etc/mesos/agent.env",
                "MESOS_ISOLATION=cgroups/cpu\n",
                false
            ),
            FileKind::MesosEnv {
                role: Some(Role::Agent),
                wrapper: false
            }
        );
        assert_eq!(
            detect(
                "a1/mesos-agent.service",
                "[Service]\nExecStart=/usr/sbin/mesos-agent $MESOS_OPTS\n",
                false
            ),
            FileKind::Script
        );
        assert!(!is_candidate("notes.txt"));
        assert_eq!(
            detect(
                "m1/mesos-master.sh",
                "export MESOS_QUORUM=2\nMESOS_ZK=zk://a/m\n",
                false
            ),
            FileKind::MesosEnv {
                role: Some(Role::Master),
                wrapper: false
            }
        );
        let generator =
            "if [ -z \"$X\" ]; then X=1; fi\necho \"MESOS_IP=$X\" > /etc/default/mesos-master\n";
        assert_eq!(
            detect("m1/setup-master.sh", generator, false),
            FileKind::Other
        );
        assert_eq!(
            detect("case7.cfg", "clientport=2181\n", true),
            FileKind::ZooCfg
        );
        assert_eq!(detect("zk2.myid", "2\n", true), FileKind::MyId);
        assert_eq!(detect("notes.txt", "hello\n", true), FileKind::Other);
        assert_eq!(
            detect("zookeeper.yml", "- name: x\n", true),
            FileKind::Other
        );
        assert_eq!(
            detect("zoo.cfg.bak", "tickTime=2000\n", true),
            FileKind::ZooCfg
        );
        assert_eq!(
            detect("zk.properties", "datadir=/x\nclientport=1\n", false),
            FileKind::ZooCfg
        );
        let heredoc = "cat > /etc/zookeeper/conf/zoo.cfg <<EOF\ndataDir=/x\nclientPort=2181\nEOF\n";
        // A script that writes a zoo.cfg is a script (`parse::zk_script` reads the zoo.cfg).
        assert_eq!(detect("zk/run.sh", heredoc, false), FileKind::Script);
        assert_eq!(detect("zk/notes.md", heredoc, false), FileKind::Other);
        let zoo_cfg = "cat <<EOF | sudo tee /opt/zk/conf/zoo.cfg\ntickTime=2000\nEOF\n";
        for (name, script) in [
            (
                "p.sh",
                "sudo tee /etc/mesos-master/quorum > /dev/null <<EOF\n2\nEOF\n",
            ),
            ("p.sh", zoo_cfg),
            (
                "p",
                "#!/bin/sh\ncat <<'EOF' > /conf/zoo1.cfg\ntickTime=2000\nEOF\n",
            ),
        ] {
            assert_eq!(detect(name, script, true), FileKind::Script, "{script}");
        }
        // Not a shell script: a zoo.cfg in a here-document is only text there.
        assert_eq!(detect("p.conf", zoo_cfg, false), FileKind::Other);
        assert_eq!(
            detect("zk/server.properties", &heredoc[40..], false),
            FileKind::ZooCfg
        );
        assert!(!is_candidate("zk1/etc/mesos-master/.hidden"));
    }

    #[test]
    fn a_daemon_run_without_flags_is_a_command() {
        for line in [
            "exec mesos-master",
            "exec /usr/sbin/mesos-master",
            "nohup mesos-agent > /var/log/agent.log 2>&1 &",
            "ExecStart=/usr/sbin/mesos-master",
            "  sudo mesos-slave",
        ] {
            let text = format!("#!/bin/sh\nexport MESOS_WORK_DIR=/w\n{line}\n");
            assert_eq!(detect("run.sh", &text, false), FileKind::Script, "{line}");
        }
        for line in [
            "systemctl start mesos-master",
            "apt-get install -y mesos-master",
            "echo starting mesos-master",
            "service mesos-master restart",
            "rm -rf /etc/mesos-master",
            "pkill mesos-agent",
        ] {
            let text = format!("#!/bin/sh\n{line}\n");
            assert_eq!(detect("run.sh", &text, false), FileKind::Other, "{line}");
        }
    }

    #[test]
    fn image_folders_named_after_a_daemon_hold_no_flag_files() {
        let paths = [
            "docker/mesos-master/Dockerfile",
            "docker/mesos-master/credentials",
            "docker/mesos-slave/run.sh",
            "backup/mesos-master/quorum",
            "backup/mesos-master/quorum~",
            "backup/mesos-master/.gitkeep",
            "salt/mesos-master/quorum.tmpl",
            "node1/etc/mesos-master/README",
        ];
        let folders = project_folders(paths);
        assert_eq!(
            folders.into_iter().collect::<Vec<_>>(),
            ["docker/mesos-master", "docker/mesos-slave"]
        );
    }

    #[test]
    fn templates_render_next_to_themselves() {
        assert_eq!(
            rendered_path("m1/mesos-master.env.j2"),
            Some("m1/mesos-master.env")
        );
        assert_eq!(rendered_path("zoo.cfg.tmpl.j2"), Some("zoo.cfg"));
        assert_eq!(rendered_path("m1/mesos-master.env"), None);
        assert_eq!(rendered_path(".j2"), None);
    }

    #[test]
    fn hosts_from_paths() {
        assert_eq!(split_host("zk1/zoo.cfg"), ("zk1", "zoo.cfg"));
        assert_eq!(split_host("zoo.cfg"), ("", "zoo.cfg"));
        assert_eq!(
            split_host("zk1/etc/zookeeper/conf/zoo.cfg"),
            ("zk1", "etc/zookeeper/conf/zoo.cfg")
        );
        assert_eq!(split_host("etc/mesos/zk"), ("", "etc/mesos/zk"));
        assert_eq!(split_host("zoo1/conf/zoo.cfg"), ("zoo1", "conf/zoo.cfg"));
        assert_eq!(split_host("zoo1/data/myid"), ("zoo1", "data/myid"));
        assert_eq!(split_host("zoo1/dataDir/myid"), ("zoo1", "dataDir/myid"));
        assert_eq!(
            split_host("zk1/data/zookeeper/myid"),
            ("zk1", "data/zookeeper/myid")
        );
        assert!(is_tree_path("data/zookeeper/myid"));
        assert_eq!(split_host("data/zk1/zoo.cfg"), ("data/zk1", "zoo.cfg"));
        assert!(!is_tree_path("data/myid"));
        assert_eq!(
            split_host("m1/mesos-master/quorum"),
            ("m1", "mesos-master/quorum")
        );
        assert_eq!(split_host("hosts/zk2/zoo.cfg"), ("hosts/zk2", "zoo.cfg"));
        assert_eq!(
            common_dir(["config/zk1/zoo.cfg", "config/zk2/myid"]),
            "config"
        );
        assert_eq!(common_dir(["zk1/zoo.cfg"]), "zk1");
        assert_eq!(common_dir(["a/zoo.cfg", "b/zoo.cfg"]), "");
        assert_eq!(common_dir(["/x/zk/zoo.cfg", "/x/zk/myid"]), "/x/zk");
        assert_eq!(strip_dir("/x/zk/zoo.cfg", "/x/zk"), "zoo.cfg");
        assert_eq!(
            common_host_dir([
                "n1/etc/zookeeper/conf/zoo.cfg",
                "n1/etc/zookeeper/conf/myid"
            ]),
            "n1"
        );
        assert_eq!(strip_dir("zoo.cfg", ""), "zoo.cfg");
    }
}
