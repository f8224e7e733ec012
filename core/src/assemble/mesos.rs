//! Places Mesos masters and agents on a host from the files that configure them.
//!
//! Each invocation found in a script or unit is one process. Environment files and flag files
//! of a role go to every process of that role on the host; files that name no role
//! (`/etc/default/mesos`, `/etc/mesos/zk`) go to every process. A host with settings but no
//! invocation runs one process per role its settings name.

use std::collections::BTreeMap;

use super::Placed;
use crate::catalog::mesos::{self as catalog, Role};
use crate::layout::FileKind;
use crate::model::Host;
use crate::model::mesos::{MesosProblem, MesosProcess, MesosSource, SourceKind};
use crate::model::problems::Problems;
use crate::model::zk_url::MasterAddr;
use crate::parse::mesos_env::EnvKind;
use crate::parse::zk_url::{parse_master_addr, parse_zk_url};
use crate::parse::{Sink, mesos_cmdline, mesos_env, mesos_flag_file, mesos_loader};
use crate::settings::Settings;
use crate::source::{FileId, SourceMap, Span, Spanned};

/// Builds the Mesos processes of one host; returns where its scripts use values of their
/// variables (assignment, use).
pub fn processes(
    host: &mut Host,
    placed: &[Placed<'_>],
    sources: &SourceMap,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
    env_files: &BTreeMap<&str, FileId>,
) -> Vec<(Span, Span)> {
    let mut value_uses = Vec::new();
    let mut invocations: Vec<MesosSource> = Vec::new();
    let mut shared: Vec<MesosSource> = Vec::new();
    for p in placed {
        let text = sources.file(p.id).config_text();
        problems.mesos.extend(crlf_line_ends(p, text));
        problems.mesos.extend(byte_order_mark(p, text));
        match p.kind {
            FileKind::Script => {
                let env_files = super::containers::docker_env_files(sources, env_files, p.id);
                let followed = |named: &str| {
                    let f = followed_file(p, placed, named)?;
                    Some(mesos_cmdline::Followed {
                        file: f.id,
                        text: sources.file(f.id).config_text(),
                        // A host's env file reaches its daemons already (see `shared`).
                        environment: !matches!(f.kind, FileKind::MesosEnv { .. }),
                    })
                };
                let script = mesos_cmdline::parse_mesos_script_following(
                    p.id, text, settings, &env_files, sink, &followed,
                );
                invocations.extend(script.sources);
                value_uses.extend(script.value_uses);
                shared.extend(mesos_flag_file::written_by_script(p.id, text, sink));
            }
            FileKind::MesosEnv { role, wrapper } => {
                let kind = if *wrapper {
                    EnvKind::InitDefaults
                } else {
                    EnvKind::Shell
                };
                let mut source = mesos_env::parse_mesos_env(p.id, text, kind, settings, sink);
                source.role = source.role.or(*role);
                shared.push(source);
            }
            FileKind::MesosFlagFile { role, name } => {
                shared.push(mesos_flag_file::parse_mesos_flag_file(
                    p.id,
                    Some(*role),
                    name,
                    text,
                    settings,
                    sink,
                ))
            }
            FileKind::MesosEtcFile { name } => shared.push(mesos_flag_file::parse_mesos_flag_file(
                p.id, None, name, text, settings, sink,
            )),
            _ => {}
        }
    }
    // What the parsers found is collected before sources are shared between processes.
    for source in invocations.iter_mut().chain(shared.iter_mut()) {
        problems.mesos.append(&mut source.problems);
    }
    let mut plans: Vec<(Role, Vec<MesosSource>)> = Vec::new();
    for invocation in invocations {
        let role = invocation.role.unwrap_or(Role::Master);
        // `/etc/mesos/zk` reaches the daemon only through the init wrapper; a command line
        // that gives its own `--zk`/`--master` (perhaps `file:///etc/mesos/zk`) does not use it.
        let own_url = invocation
            .settings
            .iter()
            .any(|s| s.key == "zk" || s.key == "master");
        let mut group = vec![invocation];
        group.extend(
            shared
                .iter()
                .filter(|s| applies(s, role) && !(own_url && s.kind == SourceKind::SharedZk))
                .cloned(),
        );
        plans.push((role, group));
    }
    for role in [Role::Master, Role::Agent] {
        if plans.iter().any(|(r, _)| *r == role) {
            continue;
        }
        // Without an invocation, settings written for the role make its process.
        let own = shared.iter().any(|s| match s.role {
            Some(r) => r == role && s.kind != SourceKind::SharedZk,
            None => names_role(s, role),
        });
        if own {
            let group = shared
                .iter()
                .filter(|s| applies(s, role))
                .cloned()
                .collect();
            plans.push((role, group));
        }
    }
    crate::sort::sort_by_key(&mut plans, |(role, _)| *role);
    for (role, group) in plans {
        let mut process = mesos_loader::resolve(role, &group, settings, sink);
        problems.mesos.append(&mut process.problems);
        follow_file_urls(&mut process, placed, sources, sink);
        host.mesos.push(process);
    }
    value_uses
}

/// The file of the host that `named` (in `EnvironmentFile=` or `. FILE` of `script`) is: the
/// same path inside the host directory (`/etc/default/mesos-master` is
/// `<host>/etc/default/mesos-master`), or else the file of that name beside the script.
fn followed_file<'p, 'a>(
    script: &Placed<'_>,
    placed: &'p [Placed<'a>],
    named: &str,
) -> Option<&'p Placed<'a>> {
    let wanted = match named.strip_prefix('/') {
        Some(inside) => inside.to_owned(),
        None => crate::layout::relative_to(&script.inside, named),
    };
    let others = || placed.iter().filter(|p| p.id != script.id);
    others().find(|p| p.inside == wanted).or_else(|| {
        let dir = script.inside.rsplit_once('/').map_or("", |(d, _)| d);
        let name = named.rsplit('/').next().unwrap_or(named);
        others().find(|p| {
            p.inside
                .rsplit_once('/')
                .map_or(("", p.inside.as_str()), |(d, n)| (d, n))
                == (dir, name)
        })
    })
}

/// `--zk=file:///etc/mesos/zk` and `--master=file://...`: Mesos reads the URL from that file at
/// start-up. When the file is part of the host's tree, read it here too, so the URL inside is
/// checked against the ensemble like any other.
fn follow_file_urls(
    process: &mut MesosProcess,
    placed: &[Placed<'_>],
    sources: &SourceMap,
    sink: &mut Sink,
) {
    let target = |path: &str| {
        let wanted = path.trim_start_matches('/');
        placed.iter().find(|p| p.inside == wanted).map(|p| {
            let text = sources.file(p.id).config_text();
            Spanned::new(text.to_owned(), Span::new(p.id, 0, text.len()))
        })
    };
    if let Some(path) = process.zk.as_ref().and_then(|u| u.file.as_ref())
        && let Some(contents) = target(&path.value)
    {
        process.zk = Some(parse_zk_url(&contents, sink));
    }
    if let Some(MasterAddr::File(path)) = &process.master
        && let Some(contents) = target(&path.value)
    {
        process.master = Some(parse_master_addr(&contents, sink));
    }
}

/// True when a file's settings are meant for `role`.
fn applies(source: &MesosSource, role: Role) -> bool {
    source.role.is_none_or(|r| r == role)
}

/// True when a role-less file sets a flag only `role` knows (`MESOS_QUORUM` for a master,
/// `MESOS_MASTER` for an agent).
fn names_role(source: &MesosSource, role: Role) -> bool {
    source.kind != SourceKind::SharedZk
        && source.settings.iter().any(|s| {
            catalog::lookup(role, &s.key).is_some()
                && catalog::lookup(role.other(), &s.key).is_none()
        })
}

/// No shell skips a byte order mark: it becomes part of the first line. systemd units (whose
/// reader skips it) are left alone.
fn byte_order_mark(p: &Placed<'_>, text: &str) -> Option<MesosProblem> {
    if p.inside.ends_with(".service") || !p.kind.is_mesos() {
        return None;
    }
    let bom = ["\u{feff}", "\u{ef}\u{bb}\u{bf}"]
        .into_iter()
        .find(|b| text.starts_with(b))?;
    let first = text[bom.len()..].lines().next().unwrap_or("");
    let assignment = first.trim_start_matches("export ");
    let assigns = assignment
        .split_once('=')
        .map(|(name, _)| name)
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .map(str::to_owned);
    Some(MesosProblem::ByteOrderMark {
        at: Span::new(p.id, 0, bom.len()),
        flag_file: matches!(
            p.kind,
            FileKind::MesosFlagFile { .. } | FileKind::MesosEtcFile { .. }
        ),
        shebang: first.starts_with("#!"),
        assigns,
    })
}

/// Shells keep the `\r` of CRLF line ends in every value; systemd units are left alone.
fn crlf_line_ends(p: &Placed<'_>, text: &str) -> Option<MesosProblem> {
    let is_unit = p.inside.ends_with(".service");
    if is_unit || !p.kind.is_mesos() {
        return None;
    }
    let at = text.find("\r\n")?;
    Some(MesosProblem::CrlfLineEnds {
        at: Span::new(p.id, at, at + 1),
        lines: text.matches("\r\n").count(),
    })
}
