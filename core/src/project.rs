//! `meslint.toml`: what the files alone cannot say about a cluster.
//!
//! The file is optional. It names target releases, the number of masters when only a template
//! is linted, and for each host its addresses and roles, so that `server.N` lines and zk URLs
//! that call one machine by different names are understood. Command-line flags win over it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::source::{FileId, Span};
use crate::version::{MesosVersion, ZkVersion};

/// The contents of `meslint.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    pub zookeeper_version: Option<ZkVersion>,
    pub mesos_version: Option<MesosVersion>,
    /// How many masters the cluster runs, when the files cannot tell.
    pub masters: Option<usize>,
    /// Hosts by the name of their directory.
    pub hosts: BTreeMap<String, HostConfig>,
    /// Gitignore-style patterns of paths, relative to the file's directory, that are not linted.
    pub exclude: Vec<String>,
}

/// What `meslint.toml` says about one host.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostConfig {
    /// The address peers use for the host (an IP or a DNS name).
    #[serde(default)]
    pub address: Option<String>,
    /// Other names the host goes by in `server.N` lines or zk URLs.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `zookeeper`, `master`, `agent`: what the host runs, for hosts whose files are missing.
    #[serde(default)]
    pub roles: Vec<HostRole>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HostRole {
    Zookeeper,
    Master,
    Agent,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    zookeeper_version: Option<String>,
    mesos_version: Option<String>,
    masters: Option<usize>,
    #[serde(default)]
    hosts: BTreeMap<String, HostConfig>,
    #[serde(default)]
    exclude: Vec<String>,
}

/// Why `meslint.toml` (or one of its values) cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectProblem {
    /// The TOML does not read: `error` is the first line of the TOML reader's explanation.
    Unreadable { span: Span, error: String },
    /// A release `key` names that meslint does not know, and why.
    BadRelease {
        span: Span,
        key: &'static str,
        why: String,
    },
}

/// Reads `meslint.toml`, with what is wrong in it pointing into the file.
pub fn parse(file: FileId, text: &str) -> (Project, Vec<ProjectProblem>) {
    let mut problems = Vec::new();
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let span = error
                .span()
                .map_or(Span::point(file, 0), |r| Span::new(file, r.start, r.end));
            problems.push(ProjectProblem::Unreadable {
                span,
                error: first_line(error.message()).to_owned(),
            });
            return (Project::default(), problems);
        }
    };
    let mut project = Project {
        masters: raw.masters,
        hosts: raw.hosts,
        exclude: raw.exclude,
        ..Project::default()
    };
    if let Some(v) = &raw.zookeeper_version {
        match v.parse() {
            Ok(parsed) => project.zookeeper_version = Some(parsed),
            Err(error) => problems.push(bad_release(file, text, "zookeeper_version", &error)),
        }
    }
    if let Some(v) = &raw.mesos_version {
        match v.parse() {
            Ok(parsed) => project.mesos_version = Some(parsed),
            Err(error) => problems.push(bad_release(file, text, "mesos_version", &error)),
        }
    }
    (project, problems)
}

/// The `exclude` patterns of a `meslint.toml`, for a caller that walks directories before
/// linting; a file that cannot be read yields none (its problems are reported by [`parse`]).
pub fn exclude_patterns(text: &str) -> Vec<String> {
    toml::from_str::<Raw>(text).map_or_else(|_| Vec::new(), |raw| raw.exclude)
}

fn bad_release(
    file: FileId,
    text: &str,
    key: &'static str,
    why: &dyn std::fmt::Display,
) -> ProjectProblem {
    let span = text.find(key).map_or(Span::point(file, 0), |at| {
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        Span::new(file, at, end)
    });
    ProjectProblem::BadRelease {
        span,
        key,
        why: why.to_string(),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn read(text: &str) -> (Project, Vec<String>) {
        let mut map = SourceMap::new();
        let id = map.add("meslint.toml", text.as_bytes());
        let (project, problems) = parse(id, text);
        (project, problems.iter().map(|p| format!("{p:?}")).collect())
    }

    #[test]
    fn a_full_file() {
        let (project, problems) = read(
            "zookeeper_version = \"3.4\"\nmesos_version = \"1.9\"\nmasters = 3\n\
             [hosts.zk1]\naddress = \"10.0.0.1\"\naliases = [\"zk1.example\"]\nroles = [\"zookeeper\", \"master\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(project.zookeeper_version, Some(ZkVersion::V3_4));
        assert_eq!(project.mesos_version, Some(MesosVersion::new(9)));
        assert_eq!(project.masters, Some(3));
        let zk1 = &project.hosts["zk1"];
        assert_eq!(zk1.address.as_deref(), Some("10.0.0.1"));
        assert_eq!(zk1.roles, [HostRole::Zookeeper, HostRole::Master]);
        assert!(project.exclude.is_empty());
        let text = "exclude = [\"staging/\", \"*.j2\"]\n";
        let (project, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(project.exclude, ["staging/", "*.j2"]);
        assert_eq!(exclude_patterns(text), ["staging/", "*.j2"]);
        assert!(exclude_patterns("exclude = 3").is_empty());
    }

    #[test]
    fn problems_point_into_the_file() {
        let (_, problems) = read("zookeeper_version = \"3.10\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("zookeeper_version"));
        let (_, problems) = read("[hosts.a]\nadress = \"x\"\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("adress"), "{problems:?}");
        let (_, problems) = read("masters = \"three\"\n");
        assert_eq!(problems.len(), 1);
    }
}
