//! ZooKeeper conformance: meslint must agree with ZooKeeper's own configuration parser.
//!
//! Every case is a directory holding a `zoo.cfg` and, optionally, a `myid` and a dynamic file.
//! ZooKeeper judges all cases in one JVM per version (`tests/conformance/ZkJudge.java` calls
//! `QuorumPeerConfig.parse`), meslint lints each case in-process for the same version, and the
//! verdict rule compares the two:
//!
//! * ZooKeeper rejects the file: meslint must report at least one error.
//! * ZooKeeper accepts the file: every error meslint reports must be on [`ALLOWED`], the short
//!   list of problems that `parse()` lets through but that still stop the server at start-up.
//!
//! Cases come from three places: every `zoo.cfg` under `fixtures/`, a table of hand-written
//! shapes ([`table_cases`]), and a seeded generator that mutates valid configs ([`generate`]).
//! All files are written under `target/conformance/`; nothing is written into the source tree.
//!
//! Run `scripts/setup-conformance.sh` once to get the jars, then
//! `cargo test --test conformance -- --nocapture`. Environment:
//! `MESLINT_CONFORMANCE_SEED` (default 1), `MESLINT_CONFORMANCE_CASES` (generated cases, default
//! 5000), `MESLINT_CONFORMANCE_SHOW` (disagreements printed in full, default 100; the rest get one
//! line each), `MESLINT_SKIP_CONFORMANCE=1` to skip when the jars are missing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use meslint_core::{Diagnostic, Input, Settings, Severity, ZkVersion, lint};

// ------------------------------------------------------------------------------------------
// The verdict rule
// ------------------------------------------------------------------------------------------

/// An error meslint may report on a file ZooKeeper's parser accepts.
struct Allowed {
    /// The rule's name (stable across code renumbering).
    name: &'static str,
    /// Why the server still does not come up (or certainly loses data).
    why: &'static str,
    /// Extra evidence the judge must show; `None` when the rule's name is enough.
    needs: Option<fn(&Judged) -> bool>,
}

/// Errors that are real start-up failures although `parse()` returns normally. Each entry is
/// explained in `docs/conformance.md`.
const ALLOWED: &[Allowed] = &[
    Allowed {
        name: "myid_not_in_server_list",
        why: "QuorumPeer refuses to start: `My id N not in the peer list`",
        needs: Some(|j| j.fact("myid_listed") == Some("false")),
    },
    Allowed {
        name: "port_clash",
        why: "two listeners of this server on one port: the second bind fails at start-up",
        needs: Some(|j| j.fact("port_clash").is_some_and(|v| v != "none")),
    },
    Allowed {
        name: "same_quorum_and_election_port",
        why: "ZooKeeper 3.4 accepts the line, but that server cannot bind its election port",
        needs: Some(|j| j.fact("shared_port_sids").is_some_and(|v| v != "none")),
    },
    Allowed {
        name: "invalid_server_cnxn_factory",
        why: "the client connection factory cannot be created, or is NIO with a TLS port",
        needs: Some(|j| j.fact("cnxn_factory").is_some_and(|v| v != "ok")),
    },
];

/// What ZooKeeper said about one case.
#[derive(Clone, Debug)]
struct Judged {
    verdict: Verdict,
    /// The exception chain on ERROR, the facts on OK, the reason on SKIP.
    detail: String,
    /// The `dataDir` ZooKeeper read (where it looks for `myid`); empty when unset.
    data_dir: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Ok,
    Error,
    Skip,
}

impl Judged {
    fn fact(&self, key: &str) -> Option<&str> {
        self.detail.split(' ').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then_some(v)
        })
    }
}

/// How one case came out for one version.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Agree,
    /// ZooKeeper rejected, meslint found no error.
    Missed,
    /// ZooKeeper accepted, meslint reported errors that are not allowed.
    Noise(Vec<&'static str>),
    /// ZooKeeper's answer depends on files meslint cannot see (a myid or dynamic file outside
    /// the case), or the judge did not run the case.
    Excused(&'static str),
}

fn verdict(case: &Case, dir: &Path, judged: &Judged, diagnostics: &[Diagnostic]) -> Outcome {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match judged.verdict {
        Verdict::Skip => Outcome::Excused("not judged"),
        Verdict::Error if errors.is_empty() => {
            if judged.detail.contains("myid file is missing") && !case.myid_in_data_dir(dir, judged)
            {
                Outcome::Excused("myid outside the case")
            } else if judged
                .detail
                .contains("metrics provider class was not found")
            {
                // Whether a class loads depends on the server's classpath, not on the file.
                Outcome::Excused("class not on the judge's classpath")
            } else if judged.detail.contains("FileNotFoundException") {
                // Every file of the case exists, so ZooKeeper looked for one meslint never saw
                // (a dynamic file under another name, or a relative path).
                Outcome::Excused("file outside the case")
            } else {
                Outcome::Missed
            }
        }
        Verdict::Error => Outcome::Agree,
        Verdict::Ok => {
            let noise: Vec<&'static str> = errors
                .iter()
                .filter(|d| {
                    !ALLOWED
                        .iter()
                        .any(|a| a.name == d.name && a.needs.is_none_or(|needs| needs(judged)))
                })
                .map(|d| d.code)
                .collect();
            let myid_rule =
                |d: &&&Diagnostic| d.name == "invalid_myid" || d.name.starts_with("myid_");
            if noise.is_empty() {
                Outcome::Agree
            } else if case.myid.is_some()
                && !case.myid_in_data_dir(dir, judged)
                && errors
                    .iter()
                    .filter(|d| noise.contains(&d.code))
                    .all(|d| myid_rule(&d))
            {
                // meslint judged the myid beside zoo.cfg; ZooKeeper looked in another dataDir.
                Outcome::Excused("myid outside the case")
            } else {
                Outcome::Noise(noise)
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Cases
// ------------------------------------------------------------------------------------------

/// Stands for the case's own directory (absolute) inside generated files.
const DIR: &str = "@DIR@";

/// One ZooKeeper server's files.
#[derive(Clone, Debug)]
struct Case {
    name: String,
    /// What the case exercises (mutations applied, or the table entry's description).
    note: String,
    cfg: Doc,
    myid: Option<Vec<u8>>,
    /// File name and content of the dynamic file, if one is written.
    dynamic: Option<(String, Doc)>,
    /// Raw bytes that replace the rendered zoo.cfg (fixtures are copied byte for byte).
    raw_cfg: Option<Vec<u8>>,
}

impl Case {
    fn new(name: impl Into<String>, note: impl Into<String>, cfg: Doc) -> Self {
        Case {
            name: name.into(),
            note: note.into(),
            cfg,
            myid: None,
            dynamic: None,
            raw_cfg: None,
        }
    }

    fn with_myid(mut self, myid: &str) -> Self {
        self.myid = Some(myid.as_bytes().to_vec());
        self
    }

    fn with_dynamic(mut self, name: &str, doc: Doc) -> Self {
        self.dynamic = Some((name.to_owned(), doc));
        self
    }

    /// True when the myid file sits where ZooKeeper looked for it: `<dataDir>/myid`.
    fn myid_in_data_dir(&self, dir: &Path, judged: &Judged) -> bool {
        let read = judged.data_dir.trim_end_matches('/');
        self.myid.is_some() && !read.is_empty() && Path::new(read) == dir
    }

    /// The files of the case as (file name, bytes), with [`DIR`] replaced by `dir`.
    fn files(&self, dir: &Path) -> Vec<(String, Vec<u8>)> {
        let dir = dir.to_string_lossy();
        let fill = |bytes: Vec<u8>| replace_bytes(&bytes, DIR.as_bytes(), dir.as_bytes());
        let cfg = self.raw_cfg.clone().unwrap_or_else(|| self.cfg.render());
        let mut files = vec![("zoo.cfg".to_owned(), fill(cfg))];
        if let Some(myid) = &self.myid {
            files.push(("myid".to_owned(), myid.clone()));
        }
        if let Some((name, doc)) = &self.dynamic {
            files.push((name.clone(), fill(doc.render())));
        }
        files
    }
}

/// A Properties file as lines, so mutations can work on keys, separators and values.
#[derive(Clone, Debug, Default)]
struct Doc {
    lines: Vec<Line>,
    eol: &'static str,
    bom: bool,
    /// No line end after the last line.
    no_final_eol: bool,
    /// Written in ISO-8859-1 (one byte per char up to U+00FF) instead of UTF-8.
    latin1: bool,
}

#[derive(Clone, Debug)]
enum Line {
    Entry {
        key: String,
        sep: String,
        value: String,
    },
    Raw(String),
}

impl Doc {
    fn parse(text: &str) -> Doc {
        let lines = text
            .lines()
            .map(|l| match l.split_once('=') {
                Some((k, v)) if !l.starts_with('#') => Line::Entry {
                    key: k.to_owned(),
                    sep: "=".to_owned(),
                    value: v.to_owned(),
                },
                _ => Line::Raw(l.to_owned()),
            })
            .collect();
        Doc {
            lines,
            eol: "\n",
            ..Doc::default()
        }
    }

    fn render(&self) -> Vec<u8> {
        let mut text = String::new();
        if self.bom {
            text.push('\u{feff}');
        }
        for (i, line) in self.lines.iter().enumerate() {
            match line {
                Line::Entry { key, sep, value } => {
                    text.push_str(key);
                    text.push_str(sep);
                    text.push_str(value);
                }
                Line::Raw(raw) => text.push_str(raw),
            }
            if !(self.no_final_eol && i + 1 == self.lines.len()) {
                text.push_str(self.eol);
            }
        }
        if self.latin1 {
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect()
        } else {
            text.into_bytes()
        }
    }

    fn entries(&self) -> impl Iterator<Item = (usize, &str, &str)> {
        self.lines.iter().enumerate().filter_map(|(i, l)| match l {
            Line::Entry { key, value, .. } => Some((i, key.as_str(), value.as_str())),
            Line::Raw(_) => None,
        })
    }

    fn set(&mut self, key: &str, value: &str) {
        for line in &mut self.lines {
            if let Line::Entry {
                key: k, value: v, ..
            } = line
            {
                if k == key {
                    *v = value.to_owned();
                    return;
                }
            }
        }
        self.push(key, value);
    }

    fn push(&mut self, key: &str, value: &str) {
        self.lines.push(Line::Entry {
            key: key.to_owned(),
            sep: "=".to_owned(),
            value: value.to_owned(),
        });
    }

    fn remove(&mut self, key: &str) {
        self.lines
            .retain(|l| !matches!(l, Line::Entry { key: k, .. } if k == key));
    }

    fn remove_servers(&mut self) -> Vec<Line> {
        let (servers, rest): (Vec<Line>, Vec<Line>) = self.lines.drain(..).partition(|l| {
            matches!(l, Line::Entry { key, .. } if key.starts_with("server.")
                || key.starts_with("group") || key.starts_with("weight"))
        });
        self.lines = rest;
        servers
    }
}

fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

// --- Valid bases ---------------------------------------------------------------------------

fn standalone() -> Doc {
    Doc::parse(&format!(
        "tickTime=2000\ndataDir={DIR}\nclientPort=2181\ninitLimit=10\nsyncLimit=5\n"
    ))
}

fn quorum(servers: u32) -> Doc {
    let mut doc = standalone();
    for sid in 1..=servers {
        doc.push(&format!("server.{sid}"), &format!("10.0.0.{sid}:2888:3888"));
    }
    doc
}

/// 3.5+ layout: the client port is in every server line instead of `clientPort`.
fn quorum_client_parts() -> Doc {
    let mut doc = quorum(0);
    doc.remove("clientPort");
    for sid in 1..=3 {
        doc.push(
            &format!("server.{sid}"),
            &format!("10.0.0.{sid}:2888:3888;2181"),
        );
    }
    doc
}

const DYNAMIC_NAME: &str = "zoo.cfg.dynamic.100000000";

fn dynamic_pair() -> (Doc, Doc) {
    let mut stat = quorum(0);
    stat.remove("clientPort");
    stat.push("dynamicConfigFile", &format!("{DIR}/{DYNAMIC_NAME}"));
    let mut dynamic = Doc::parse("");
    for sid in 1..=3 {
        dynamic.push(
            &format!("server.{sid}"),
            &format!("10.0.0.{sid}:2888:3888:participant;0.0.0.0:2181"),
        );
    }
    (stat, dynamic)
}

fn hierarchical() -> Doc {
    let mut doc = quorum(6);
    doc.push("group.1", "1:2:3");
    doc.push("group.2", "4:5:6");
    for sid in 1..=6 {
        doc.push(&format!("weight.{sid}"), "1");
    }
    doc
}

// --- The table: shapes of the reference's oracle runs, in our own words -------------------------

fn with(mut doc: Doc, edits: &[(&str, &str)]) -> Doc {
    for (key, value) in edits {
        if let Some(key) = key.strip_prefix('-') {
            doc.remove(key);
        } else if let Some(key) = key.strip_prefix('+') {
            doc.push(key, value);
        } else {
            doc.set(key, value);
        }
    }
    doc
}

fn raw(doc: Doc, extra: &str) -> Doc {
    let mut doc = doc;
    doc.lines.push(Line::Raw(extra.to_owned()));
    doc
}

fn table_cases() -> Vec<Case> {
    let q = || quorum(3);
    let s = standalone;
    let mut cases = vec![
        Case::new("t-standalone", "minimal standalone", s()),
        Case::new("t-quorum", "three servers", q()).with_myid("1\n"),
        Case::new("t-quorum-five", "five servers", quorum(5)).with_myid("3\n"),
        Case::new(
            "t-election-port-missing",
            "server line without election port",
            with(q(), &[("server.2", "10.0.0.2:2888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-same-ports",
            "quorum port equals election port",
            with(q(), &[("server.2", "10.0.0.2:2888:2888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-ipv6",
            "bracketed IPv6 with client part",
            with(q(), &[("server.3", "[::1]:2888:3888;[::1]:2181")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-ipv6-bare",
            "unbracketed IPv6",
            with(q(), &[("server.3", "::1:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-ipv6-open",
            "IPv6 without closing bracket",
            with(q(), &[("server.3", "[::1:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-observer",
            "three participants and an observer",
            with(q(), &[("+server.4", "10.0.0.4:2888:3888:observer")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-only-observers",
            "observers only",
            with(
                s(),
                &[
                    ("+server.1", "10.0.0.1:2888:3888:observer"),
                    ("+server.2", "10.0.0.2:2888:3888:observer"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-one-voter-one-observer",
            "one participant and one observer",
            with(
                s(),
                &[
                    ("+server.1", "10.0.0.1:2888:3888"),
                    ("+server.2", "10.0.0.2:2888:3888:observer"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-single-line",
            "one server line",
            with(s(), &[("+server.1", "10.0.0.1:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-single-line-not-standalone",
            "one server line, standaloneEnabled=false",
            with(
                s(),
                &[
                    ("+server.1", "10.0.0.1:2888:3888"),
                    ("+standaloneEnabled", "false"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new("t-myid-missing", "quorum without myid", q()),
        Case::new("t-myid-unlisted", "myid 4 with servers 1-3", q()).with_myid("4\n"),
        Case::new("t-myid-space", "myid with trailing space", q()).with_myid("1 \n"),
        Case::new("t-myid-empty", "empty myid", q()).with_myid(""),
        Case::new("t-myid-placeholder", "Debian's placeholder myid", q()).with_myid(
            "replace this text with the cluster-unique zookeeper's instance id (1-255)\n",
        ),
        Case::new("t-myid-crlf", "myid with CRLF", q()).with_myid("1\r\n"),
        Case::new("t-myid-two-lines", "myid written twice", q()).with_myid("1\n1\n"),
        Case::new("t-myid-bom", "myid with a BOM", q()).with_myid("\u{feff}1\n"),
        Case::new(
            "t-no-initlimit",
            "quorum without initLimit",
            with(q(), &[("-initLimit", "")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-bad-role",
            "role voter",
            with(q(), &[("+server.4", "10.0.0.4:2888:3888:voter")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-server-trailing-blanks",
            "trailing blanks after a server line",
            with(q(), &[("server.3", "10.0.0.3:2888:3888   ")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-role-trailing-blank",
            "trailing blank after the role",
            with(q(), &[("+server.4", "10.0.0.4:2888:3888:observer ")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-client-parts",
            "client port in every server line",
            quorum_client_parts(),
        )
        .with_myid("1\n"),
        Case::new(
            "t-client-part-mismatch",
            "`;2182` against clientPort=2181",
            with(q(), &[("server.1", "10.0.0.1:2888:3888;2182")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-multi-address",
            "`|` addresses with only the zoo.cfg key",
            with(
                q(),
                &[
                    ("server.1", "10.0.0.1:2888:3888|10.0.1.1:2888:3888"),
                    ("+multiAddress.enabled", "true"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-duplicate-addresses",
            "two sids with one address",
            with(q(), &[("server.3", "10.0.0.2:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-sid-leading-zero",
            "server.1 and server.01",
            with(q(), &[("+server.01", "10.0.0.1:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-sid-word",
            "server.four",
            with(q(), &[("+server.four", "10.0.0.4:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-sid-256",
            "sid and myid 256",
            with(q(), &[("+server.256", "10.0.0.4:2888:3888")]),
        )
        .with_myid("256\n"),
        Case::new(
            "t-sid-zero",
            "sid and myid 0",
            with(q(), &[("+server.0", "10.0.0.4:2888:3888")]),
        )
        .with_myid("0\n"),
        Case::new("t-two-servers", "two servers", quorum(2)).with_myid("1\n"),
        Case::new("t-four-servers", "four servers", quorum(4)).with_myid("1\n"),
        Case::new("t-groups", "two groups of three", hierarchical()).with_myid("1\n"),
        Case::new(
            "t-group-missing-server",
            "a server in no group",
            with(hierarchical(), &[("group.2", "4:5")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-server-in-two-groups",
            "a server in two groups",
            with(hierarchical(), &[("group.2", "3:4:5:6")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-group-commas",
            "group with commas",
            with(hierarchical(), &[("group.1", "1,2,3")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-group-phantom",
            "group names a sid without server line",
            with(hierarchical(), &[("group.2", "4:5:6:9")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-group-trailing-blank",
            "group with trailing blank",
            with(hierarchical(), &[("group.2", "4:5:6 ")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-weight-word",
            "weight that is a word",
            with(hierarchical(), &[("weight.1", "heavy")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-group-zero-weight",
            "a group whose weights are all zero",
            with(
                hierarchical(),
                &[("weight.4", "0"), ("weight.5", "0"), ("weight.6", "0")],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-hostnames",
            "server names that do not resolve",
            with(
                q(),
                &[
                    ("server.1", "zk1.invalid:2888:3888"),
                    ("server.2", "zk2.invalid:2888:3888"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-port-range",
            "election port out of range",
            with(q(), &[("server.2", "10.0.0.2:2888:38888888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-reconfig-static",
            "reconfigEnabled with static servers",
            with(q(), &[("+reconfigEnabled", "true")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-peertype-mismatch",
            "peerType observer on a participant line",
            with(q(), &[("+peerType", "observer")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-no-prefix",
            "server line without `server.`",
            with(q(), &[("-server.1", ""), ("+1", "10.0.0.1:2888:3888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-bare-address",
            "bare address line",
            raw(with(q(), &[("-server.1", "")]), "10.0.0.1:2888:3888"),
        )
        .with_myid("1\n"),
        Case::new(
            "t-client-is-quorum-port",
            "clientPort equals the quorum port",
            with(q(), &[("clientPort", "2888")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-five-parts",
            "five parts",
            with(q(), &[("+server.4", "10.0.0.4:2888:3888:observer:extra")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-three-semicolons",
            "three semicolon parts",
            with(q(), &[("server.1", "10.0.0.1:2888:3888;2181;2281")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-election-alg-0",
            "electionAlg 0 without election ports",
            with(
                q(),
                &[
                    ("+electionAlg", "0"),
                    ("server.1", "10.0.0.1:2888"),
                    ("server.2", "10.0.0.2:2888"),
                    ("server.3", "10.0.0.3:2888"),
                ],
            ),
        )
        .with_myid("1\n"),
        Case::new(
            "t-host-only",
            "server line without ports",
            with(q(), &[("server.3", "10.0.0.3")]),
        )
        .with_myid("1\n"),
        Case::new(
            "t-negative-sid",
            "myid -1",
            with(q(), &[("+server.-1", "10.0.0.4:2888:3888")]),
        )
        .with_myid("-1\n"),
    ];
    let (stat, dynamic) = dynamic_pair();
    cases.extend([
        Case::new("t-dynamic", "static plus dynamic file", stat.clone())
            .with_myid("1\n")
            .with_dynamic(DYNAMIC_NAME, dynamic.clone()),
        Case::new(
            "t-dynamic-static-servers",
            "server lines in both files",
            with(stat.clone(), &[("+server.4", "10.0.0.4:2888:3888")]),
        )
        .with_myid("1\n")
        .with_dynamic(DYNAMIC_NAME, dynamic.clone()),
        Case::new(
            "t-dynamic-client-port",
            "clientPort in the dynamic file",
            stat.clone(),
        )
        .with_myid("1\n")
        .with_dynamic(
            DYNAMIC_NAME,
            with(dynamic.clone(), &[("+clientPort", "2181")]),
        ),
        Case::new(
            "t-dynamic-version",
            "version in the dynamic file",
            stat.clone(),
        )
        .with_myid("1\n")
        .with_dynamic(
            DYNAMIC_NAME,
            with(dynamic.clone(), &[("+version", "100000000")]),
        ),
        Case::new(
            "t-dynamic-port-conflict",
            "static clientPort differs from the dynamic `;port`",
            with(stat.clone(), &[("+clientPort", "2182")]),
        )
        .with_myid("1\n")
        .with_dynamic(DYNAMIC_NAME, dynamic.clone()),
        Case::new(
            "t-dynamic-groups",
            "groups in the dynamic file",
            stat.clone(),
        )
        .with_myid("1\n")
        .with_dynamic(
            DYNAMIC_NAME,
            with(
                dynamic.clone(),
                &[("+group.1", "1:2:3"), ("+weight.1", "2")],
            ),
        ),
        Case::new(
            "t-dynamic-no-client-part",
            "dynamic lines without client part, static clientPort",
            with(stat.clone(), &[("+clientPort", "2181")]),
        )
        .with_myid("1\n")
        .with_dynamic(
            DYNAMIC_NAME,
            with(
                dynamic,
                &[
                    ("server.1", "10.0.0.1:2888:3888"),
                    ("server.2", "10.0.0.2:2888:3888"),
                    ("server.3", "10.0.0.3:2888:3888"),
                ],
            ),
        ),
    ]);
    let plain = [
        ("t-separators", "space and colon separators", {
            let mut d = s();
            if let Some(Line::Entry { sep, .. }) = d.lines.get_mut(0) {
                *sep = " ".to_owned();
            }
            if let Some(Line::Entry { sep, .. }) = d.lines.get_mut(2) {
                *sep = " : ".to_owned();
            }
            d
        }),
        (
            "t-inline-comment",
            "inline comment after a number",
            with(s(), &[("clientPort", "2181 # client port")]),
        ),
        (
            "t-bang-continuation",
            "`!` comment and continuation",
            raw(raw(s(), "! a comment"), "maxClientCnxns=6\\\n     0"),
        ),
        (
            "t-windows-path",
            "backslashes in dataDir",
            with(s(), &[("dataLogDir", "C:\\zookeeper\\logs")]),
        ),
        (
            "t-bad-escape",
            "malformed \\u escape",
            with(s(), &[("+maxClientCnxns", "\\uZZZZ")]),
        ),
        (
            "t-duplicate-key",
            "clientPort twice",
            with(s(), &[("+clientPort", "2182")]),
        ),
        (
            "t-wrong-case",
            "clientport",
            with(s(), &[("-clientPort", ""), ("+clientport", "2181")]),
        ),
        ("t-bom", "UTF-8 BOM", {
            let mut d = s();
            d.bom = true;
            d
        }),
        ("t-crlf", "CRLF and trailing blanks", {
            let mut d = with(s(), &[("tickTime", "2000  \t")]);
            d.eol = "\r\n";
            d
        }),
        ("t-no-datadir", "no dataDir", with(s(), &[("-dataDir", "")])),
        (
            "t-no-clientport",
            "no clientPort",
            with(s(), &[("-clientPort", "")]),
        ),
        (
            "t-address-without-port",
            "clientPortAddress without clientPort",
            with(
                s(),
                &[("-clientPort", ""), ("+clientPortAddress", "127.0.0.1")],
            ),
        ),
        ("t-tick-zero", "tickTime 0", with(s(), &[("tickTime", "0")])),
        (
            "t-tick-negative",
            "tickTime -1",
            with(s(), &[("tickTime", "-1")]),
        ),
        (
            "t-tick-missing",
            "no tickTime",
            with(s(), &[("-tickTime", "")]),
        ),
        (
            "t-min-over-max",
            "minSessionTimeout above 20 ticks",
            with(s(), &[("+minSessionTimeout", "50000")]),
        ),
        (
            "t-min-only",
            "only minSessionTimeout",
            with(s(), &[("+minSessionTimeout", "4000")]),
        ),
        (
            "t-max-below-min",
            "maxSessionTimeout below 2 ticks",
            with(s(), &[("+maxSessionTimeout", "3000")]),
        ),
        (
            "t-port-range-client",
            "clientPort 70000",
            with(s(), &[("clientPort", "70000")]),
        ),
        (
            "t-port-word",
            "clientPort two",
            with(s(), &[("clientPort", "two")]),
        ),
        (
            "t-election-alg-1",
            "electionAlg 1",
            with(s(), &[("+electionAlg", "1")]),
        ),
        (
            "t-peertype-bad",
            "peerType learner",
            with(s(), &[("+peerType", "learner")]),
        ),
        (
            "t-bool-yes",
            "syncEnabled yes",
            with(s(), &[("+syncEnabled", "yes")]),
        ),
        (
            "t-standalone-no",
            "standaloneEnabled no",
            with(s(), &[("+standaloneEnabled", "no")]),
        ),
        (
            "t-snap-retain-low",
            "snapRetainCount 1",
            with(s(), &[("+autopurge.snapRetainCount", "1")]),
        ),
        (
            "t-purge-units",
            "purgeInterval 1h",
            with(s(), &[("+autopurge.purgeInterval", "1h")]),
        ),
        (
            "t-sasl-alone",
            "serverRequireSasl without enableSasl",
            with(s(), &[("+quorum.auth.serverRequireSasl", "true")]),
        ),
        (
            "t-passthrough",
            "pass-through keys",
            with(
                s(),
                &[
                    ("+4lw.commands.whitelist", "srvr,ruok"),
                    ("+admin.serverPort", "notaport"),
                    ("+jute.maxbuffer", "4194304"),
                    ("+snapCount", "100000"),
                ],
            ),
        ),
        (
            "t-secure-only",
            "secureClientPort only",
            with(s(), &[("-clientPort", ""), ("+secureClientPort", "2281")]),
        ),
        (
            "t-clientport-zero",
            "clientPort 0",
            with(s(), &[("clientPort", "0")]),
        ),
        (
            "t-datadir-empty",
            "empty dataDir",
            with(s(), &[("dataDir", "")]),
        ),
        (
            "t-maxcnxns-negative",
            "maxClientCnxns -5",
            with(s(), &[("+maxClientCnxns", "-5")]),
        ),
        ("t-key-only", "key without value", raw(s(), "syncLimit")),
        (
            "t-escape-in-key",
            "\\u escape inside a key",
            with(s(), &[("-clientPort", ""), ("+client\\u0050ort", "2181")]),
        ),
        (
            "t-plus-sign",
            "numbers with a plus sign",
            with(s(), &[("tickTime", "+2000"), ("clientPort", "+2181")]),
        ),
        (
            "t-unit",
            "tickTime with unit",
            with(s(), &[("tickTime", "2000ms")]),
        ),
        ("t-empty", "empty file", Doc::parse("")),
        (
            "t-address-with-port",
            "clientPortAddress with a port",
            with(s(), &[("+clientPortAddress", "127.0.0.1:2181")]),
        ),
        (
            "t-ssl-provider",
            "secureClientPort with an unknown ssl.authProvider",
            with(
                s(),
                &[("+secureClientPort", "2281"), ("+ssl.authProvider", "foo")],
            ),
        ),
        (
            "t-relative-datadir",
            "relative dataDir",
            with(s(), &[("dataDir", "data/none")]),
        ),
        (
            "t-bool-case",
            "booleans in upper and mixed case",
            with(
                s(),
                &[("+syncEnabled", "TRUE"), ("+quorumListenOnAllIPs", "False")],
            ),
        ),
        (
            "t-datadir-one-char",
            "one-character dataDir",
            with(s(), &[("dataDir", "x")]),
        ),
        (
            "t-inline-comment-path",
            "inline comment after dataLogDir",
            with(s(), &[("+dataLogDir", "./data/none # logs")]),
        ),
        (
            "t-4lw-spaces",
            "whitelist with spaces",
            with(s(), &[("+4lw.commands.whitelist", "ruok srvr mntr")]),
        ),
        (
            "t-not-standalone-no-servers",
            "standaloneEnabled false without servers",
            with(s(), &[("+standaloneEnabled", "false")]),
        ),
        (
            "t-float",
            "maxSessionTimeout 6e+07",
            with(s(), &[("+maxSessionTimeout", "6e+07")]),
        ),
        (
            "t-prefixed-keys",
            "zookeeper.-prefixed and admin keys",
            with(
                s(),
                &[
                    ("+zookeeper.snapshot.trust.empty", "true"),
                    ("+admin.enableServer", "False"),
                ],
            ),
        ),
        (
            "t-group-prefixed-key",
            "key that starts with group",
            with(s(), &[("+groupName", "x")]),
        ),
    ];
    cases.extend(
        plain
            .into_iter()
            .map(|(name, note, doc)| Case::new(name, note, doc)),
    );
    cases.push(
        Case::new(
            "t-standalone-placeholder-myid",
            "standalone with the placeholder myid",
            s(),
        )
        .with_myid("replace this text with the cluster-unique zookeeper's instance id (1-255)\n"),
    );
    cases
}

// --- Fixtures ------------------------------------------------------------------------------------

/// Every `zoo.cfg` under `fixtures/` with the myid and dynamic file next to it. Paths inside are
/// moved into the case directory so ZooKeeper reads the same files meslint does. Templates are
/// left out: ZooKeeper cannot judge a placeholder.
fn fixture_cases(root: &Path) -> Vec<Case> {
    let mut found = Vec::new();
    collect_zoo_cfgs(&root.join("fixtures"), &mut found);
    found.sort();
    let mut cases = Vec::new();
    for path in found {
        let Ok(bytes) = fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        if meslint_core::template::is_template(&text) {
            continue;
        }
        let dir = path.parent().unwrap_or(root);
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy();
        let name = format!("f-{}", rel.replace(['/', '\\'], "_"));
        let mut case = Case::new(name, format!("fixture {rel}"), Doc::default());
        let mut cfg = Vec::new();
        for line in text.split_inclusive('\n') {
            cfg.extend_from_slice(relocate(line, &mut case, dir).as_bytes());
        }
        case.raw_cfg = Some(cfg);
        if let Ok(myid) = fs::read(dir.join("myid")) {
            case.myid = Some(myid);
        }
        cases.push(case);
    }
    cases
}

/// Points `dataDir` and `dynamicConfigFile` of one fixture line at the case directory.
fn relocate(line: &str, case: &mut Case, fixture_dir: &Path) -> String {
    let trimmed = line.trim_start();
    let key_end = trimmed
        .find(|c: char| c == '=' || c == ':' || c.is_whitespace())
        .unwrap_or(trimmed.len());
    let (key, rest) = trimmed.split_at(key_end);
    let eol = if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    match key {
        "dataDir" => format!("dataDir={DIR}{eol}"),
        "dynamicConfigFile" => {
            let value =
                rest.trim_start_matches(|c: char| c == '=' || c == ':' || c.is_whitespace());
            let file = value.trim().rsplit('/').next().unwrap_or("zoo.cfg.dynamic");
            if let Ok(bytes) = fs::read(fixture_dir.join(file)) {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                case.dynamic = Some((file.to_owned(), Doc::parse(&text)));
            }
            format!("dynamicConfigFile={DIR}/{file}{eol}")
        }
        _ => line.to_owned(),
    }
}

fn collect_zoo_cfgs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_zoo_cfgs(&path, out);
        } else if path.file_name().is_some_and(|n| n == "zoo.cfg") {
            out.push(path);
        }
    }
}

// ------------------------------------------------------------------------------------------
// The generator
// ------------------------------------------------------------------------------------------

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// `count` cases from `seed`: a valid base, then one to three mutations.
fn generate(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            let mut case = base_case(&mut rng, i);
            let mutations = if rng.chance(8) { 0 } else { 1 + rng.below(3) };
            for _ in 0..mutations {
                let (name, mutate) = MUTATIONS[rng.below(MUTATIONS.len())];
                if let Some(note) = mutate(&mut rng, &mut case) {
                    let _ = write!(case.note, "; {name}: {note}");
                }
            }
            case
        })
        .collect()
}

fn base_case(rng: &mut Rng, i: usize) -> Case {
    let name = format!("g{i:05}");
    match rng.below(10) {
        0 | 1 => Case::new(name, "base standalone", standalone()),
        2..=5 => {
            let n = [3, 3, 3, 5, 2, 4][rng.below(6)];
            let myid = 1 + rng.below(n);
            Case::new(name, format!("base quorum of {n}"), quorum(n as u32))
                .with_myid(&format!("{myid}\n"))
        }
        6 => Case::new(name, "base client parts", quorum_client_parts()).with_myid("2\n"),
        7 | 8 => {
            let (stat, dynamic) = dynamic_pair();
            Case::new(name, "base dynamic", stat)
                .with_myid("1\n")
                .with_dynamic(DYNAMIC_NAME, dynamic)
        }
        _ => Case::new(name, "base hierarchical", hierarchical()).with_myid("4\n"),
    }
}

type Mutation = fn(&mut Rng, &mut Case) -> Option<String>;

const MUTATIONS: &[(&str, Mutation)] = &[
    ("key case", key_case),
    ("key typo", key_typo),
    ("extra key", extra_key),
    ("duplicate", duplicate_line),
    ("remove", remove_line),
    ("separator", separator),
    ("value", value),
    ("value", value),
    ("value", value),
    ("server line", server_line),
    ("server line", server_line),
    ("server key", server_key),
    ("groups", groups),
    ("myid", myid),
    ("myid", myid),
    ("layout", layout),
    ("comments", comments),
    ("escape", escape),
    ("version keys", version_keys),
    ("version keys", version_keys),
    ("dynamic", dynamic),
    ("fuzz value", fuzz_value),
    ("fuzz value", fuzz_value),
    ("fuzz key", fuzz_key),
    ("non-ASCII", non_ascii),
];

/// A non-ASCII character in a key or value, written as UTF-8 (ZooKeeper reads the bytes as
/// ISO-8859-1) or as ISO-8859-1 itself.
fn non_ascii(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let c = rng.pick(&["é", "\u{a0}", "ü", "™", "\u{85}", "ÿ"]);
    if rng.chance(30) {
        doc.latin1 = true;
    }
    let i = entry_index(rng, doc)?;
    let latin1 = doc.latin1;
    let (key, _, value) = entry_mut(doc, i)?;
    if key.ends_with("PortAddress") {
        // ZooKeeper resolves these names; meslint does no DNS (see docs/conformance.md).
        return None;
    }
    let text = if rng.chance(25) { key } else { value };
    if latin1 && text.is_empty() {
        // One ISO-8859-1 byte alone: see docs/conformance.md, known gaps.
        return None;
    }
    let at = (0..=text.len())
        .filter(|&m| text.is_char_boundary(m))
        .nth(rng.below(text.chars().count() + 1))
        .unwrap_or(0);
    // A value of one non-ASCII character only in UTF-8: see docs/conformance.md, known gaps.
    if rng.chance(20) && !latin1 {
        text.clear();
    }
    let at = at.min(text.len());
    text.insert_str(at, c);
    Some(format!(
        "{which} {c:?} in `{text}`{}",
        if latin1 { " (ISO-8859-1)" } else { "" }
    ))
}

/// Characters that matter to Properties, server lines and numbers.
const FUZZ: &[char] = &[
    '0', '1', '2', '3', '8', '9', '0', '1', '2', '3', '8', '9', ':', ':', ':', ';', '|', '[', ']',
    '.', ' ', '\t', '-', '+', 'a', 'e', 'x', '#', '\\', '=', ',', 'f', ':',
];

fn fuzz_text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| FUZZ[rng.below(FUZZ.len())]).collect()
}

/// A random short value for a random line: finds what hand-picked values miss.
fn fuzz_value(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = if rng.chance(50) {
        server_doc(rng, case)
    } else {
        target(rng, case)
    };
    let i = entry_index(rng, doc)?;
    let (key, _, value) = entry_mut(doc, i)?;
    if key.ends_with("PortAddress") {
        // ZooKeeper resolves these names; meslint does no DNS (see docs/conformance.md).
        return None;
    }
    *value = if key.starts_with("server.") && rng.chance(60) {
        // Keep the shape of a server line, fuzz one piece of it.
        let mut parts: Vec<String> = server_value(rng).split(':').map(str::to_owned).collect();
        let at = rng.below(parts.len());
        if let Some(part) = parts.get_mut(at) {
            *part = fuzz_text(rng, 8);
        }
        parts.join(":")
    } else {
        fuzz_text(rng, 20)
    };
    Some(format!("{which} `{key}={value}`"))
}

/// A key made of pieces of real keys.
fn fuzz_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let pieces = [
        "server", "group", "weight", ".", "1", "2", "0", "-", "+", "client", "Port", "data", "Dir",
        "tick", "Time", "version", "peer", "Type", "x", "\\u0050",
    ];
    let n = 1 + rng.below(4);
    let key: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
    let value = if key.starts_with("server") {
        server_value(rng)
    } else {
        fuzz_text(rng, 10)
    };
    let (doc, which) = target(rng, case);
    let at = rng.below(doc.lines.len() + 1);
    doc.lines.insert(
        at,
        Line::Entry {
            key: key.clone(),
            sep: "=".to_owned(),
            value: value.clone(),
        },
    );
    Some(format!("{which} +`{key}={value}`"))
}

/// The doc a mutation works on: mostly zoo.cfg, sometimes the dynamic file.
fn target<'a>(rng: &mut Rng, case: &'a mut Case) -> (&'a mut Doc, &'static str) {
    match &mut case.dynamic {
        Some((_, doc)) if rng.chance(30) => (doc, "dynamic"),
        _ => (&mut case.cfg, "cfg"),
    }
}

/// The doc holding the server lines: mostly the dynamic file when there is one.
fn server_doc<'a>(rng: &mut Rng, case: &'a mut Case) -> (&'a mut Doc, &'static str) {
    match &mut case.dynamic {
        Some((_, doc)) if rng.chance(85) => (doc, "dynamic"),
        _ => (&mut case.cfg, "cfg"),
    }
}

fn entry_index(rng: &mut Rng, doc: &Doc) -> Option<usize> {
    let indices: Vec<usize> = doc.entries().map(|(i, _, _)| i).collect();
    (!indices.is_empty()).then(|| indices[rng.below(indices.len())])
}

fn entry_mut(doc: &mut Doc, i: usize) -> Option<(&mut String, &mut String, &mut String)> {
    match doc.lines.get_mut(i) {
        Some(Line::Entry { key, sep, value }) => Some((key, sep, value)),
        _ => None,
    }
}

fn key_case(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, _, _) = entry_mut(doc, i)?;
    let old = key.clone();
    *key = match rng.below(3) {
        0 => old.to_lowercase(),
        1 => old.to_uppercase(),
        _ => {
            let mut chars: Vec<char> = old.chars().collect();
            if let Some(c) = chars.first_mut() {
                *c = if c.is_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                };
            }
            chars.into_iter().collect()
        }
    };
    Some(format!("{which} `{old}` -> `{key}`"))
}

fn key_typo(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, _, _) = entry_mut(doc, i)?;
    let old = key.clone();
    let mut chars: Vec<char> = old.chars().collect();
    if chars.len() < 2 {
        return None;
    }
    let at = rng.below(chars.len() - 1);
    match rng.below(3) {
        0 => {
            chars.remove(at);
        }
        1 => chars.swap(at, at + 1),
        _ => chars.insert(at, chars[at]),
    }
    *key = chars.into_iter().collect();
    Some(format!("{which} `{old}` -> `{key}`"))
}

const EXTRA_KEYS: &[(&str, &str)] = &[
    ("foo", "bar"),
    ("snapCount", "100000"),
    ("preAllocSize", "65536"),
    ("4lw.commands.whitelist", "srvr,ruok,mntr"),
    ("4lw.commands.whitelist", "*"),
    ("admin.serverPort", "8081"),
    ("admin.enableServer", "false"),
    ("admin.enableServer", "no"),
    ("jute.maxbuffer", "4194304"),
    ("readonlymode.enabled", "true"),
    ("zookeeper.snapshot.trust.empty", "true"),
    ("snapshot.trust.empty", "true"),
    ("groupName", "x"),
    ("weightless", "1"),
    ("serverx", "1"),
    ("server.", "10.0.0.9:2888:3888"),
    ("leaderServes", "no"),
    ("forceSync", "yes"),
    ("multiAddress.enabled", "true"),
    ("connectionMaxTokens", "100"),
    ("electionPortBindRetry", "3"),
    ("maxClientCnxns", "0"),
    ("globalOutstandingLimit", "1000"),
    (
        "serverCnxnFactory",
        "org.apache.zookeeper.server.NettyServerCnxnFactory",
    ),
    (
        "authProvider.1",
        "org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
    ),
    ("ssl.keyStore.location", "/etc/zk/keystore.jks"),
    ("quorumListenOnAllIPs", "true"),
    ("autopurge.snapRetainCount", "5"),
    ("autopurge.purgeInterval", "24"),
    ("dataLogDir", "@DIR@"),
    ("clientPortAddress", "0.0.0.0"),
    ("clientPortAddress", "zk1"),
    (
        "metricsProvider.className",
        "org.apache.zookeeper.metrics.impl.DefaultMetricsProvider",
    ),
    ("localSessionsEnabled", "true"),
    ("syncEnabled", "true"),
    ("cnxTimeout", "5000"),
];

fn extra_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (key, value) = EXTRA_KEYS[rng.below(EXTRA_KEYS.len())];
    let (doc, which) = if rng.chance(85) {
        (&mut case.cfg, "cfg")
    } else {
        target(rng, case)
    };
    let at = rng.below(doc.lines.len() + 1);
    doc.lines.insert(
        at,
        Line::Entry {
            key: key.to_owned(),
            sep: "=".to_owned(),
            value: value.to_owned(),
        },
    );
    Some(format!("{which} +`{key}={value}`"))
}

fn duplicate_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let mut line = doc.lines.get(i)?.clone();
    let mut note = String::new();
    if let Line::Entry { key, value, .. } = &mut line {
        if rng.chance(50) {
            *value = value_for(rng, key);
        }
        note = format!("{which} `{key}={value}` again");
    }
    let at = rng.below(doc.lines.len() + 1);
    doc.lines.insert(at, line);
    Some(note)
}

fn remove_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let line = doc.lines.remove(i);
    match line {
        Line::Entry { key, .. } => Some(format!("{which} -`{key}`")),
        Line::Raw(_) => None,
    }
}

const SEPARATORS: &[&str] = &[
    "=", ":", " ", " = ", "==", "\t", " : ", "=  ", "  ", " =", ": ", "= =",
];

fn separator(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, sep, _) = entry_mut(doc, i)?;
    *sep = SEPARATORS[rng.below(SEPARATORS.len())].to_owned();
    Some(format!("{which} `{key}` separator {sep:?}"))
}

fn value(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, _, value) = entry_mut(doc, i)?;
    *value = value_for(rng, key);
    Some(format!("{which} `{key}={value}`"))
}

const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "5",
    "10",
    "+2000",
    "002000",
    "2000",
    "3000",
    "4000",
    "40000",
    "60000",
    "2147483647",
    "2147483648",
    "-2147483648",
    "99999999999",
    "2000ms",
    "1h",
    "6e+07",
    "0x10",
    "",
    " ",
    "2000 # ticks",
    "2000  ",
    "\t2000",
    "2 000",
    "two",
    "1_000",
    "20\\\n    00",
    "\\u0032000",
    "2000\\u0020",
    "\\uZZ00",
    "2000\\",
];

const PORTS: &[&str] = &[
    "0",
    "1",
    "2181",
    "+2181",
    "02181",
    "2182",
    "2888",
    "3888",
    "8080",
    "65535",
    "65536",
    "-1",
    "70000",
    "",
    "2181 # client",
    "2181 ",
    "port",
];

const BOOLS: &[&str] = &[
    "true", "false", "TRUE", "False", "yes", "no", "1", "0", "", "true ", "on",
];

const PATHS: &[&str] = &[
    "@DIR@",
    "@DIR@/",
    "@DIR@ ",
    "@DIR@ # data",
    "",
    "x",
    "./x",
    "data",
    "./data/none",
    "C:\\zookeeper\\data",
    "/tmp/zookeeper",
    "@DIR@/\\",
    "@DIR@\\\n    ",
];

const HOSTS: &[&str] = &[
    "127.0.0.1",
    "0.0.0.0",
    "",
    "zk1",
    "127.0.0.1:2181",
    "[::1]",
    "::1",
    "10.0.0.1 ",
];

fn value_for(rng: &mut Rng, key: &str) -> String {
    let pool: &[&str] = match key {
        "tickTime"
        | "initLimit"
        | "syncLimit"
        | "maxClientCnxns"
        | "minSessionTimeout"
        | "maxSessionTimeout"
        | "autopurge.snapRetainCount"
        | "autopurge.purgeInterval"
        | "electionAlg"
        | "connectToLearnerMasterLimit"
        | "observerMasterPort"
        | "quorum.cnxn.threads.size" => INTS,
        "clientPort" | "secureClientPort" => PORTS,
        "dataDir" | "dataLogDir" => PATHS,
        "clientPortAddress" | "secureClientPortAddress" => HOSTS,
        "syncEnabled"
        | "quorumListenOnAllIPs"
        | "standaloneEnabled"
        | "reconfigEnabled"
        | "localSessionsEnabled"
        | "sslQuorum"
        | "portUnification" => BOOLS,
        k if k.starts_with("server.") => return server_value(rng),
        k if k.starts_with("group") => return group_value(rng),
        k if k.starts_with("weight") => {
            return ["1", "0", "2", "-1", "heavy", "1 ", ""][rng.below(7)].to_owned();
        }
        "dynamicConfigFile" => {
            return [
                format!("{DIR}/{DYNAMIC_NAME}"),
                format!("{DIR}/{DYNAMIC_NAME} "),
                format!("{DIR}/zoo.cfg.dynamic.missing"),
                DYNAMIC_NAME.to_owned(),
            ][rng.below(4)]
            .clone();
        }
        _ => {
            if rng.chance(50) {
                INTS
            } else {
                BOOLS
            }
        }
    };
    rng.pick(pool).to_owned()
}

fn server_value(rng: &mut Rng) -> String {
    let sid = 1 + rng.below(6);
    let host = rng.pick(&[
        "10.0.0.1",
        "10.0.0.7",
        "zk1",
        "zk2.invalid",
        "[::1]",
        "::1",
        "[::1",
        "",
        "127.0.0.1",
        "[fe80::1]",
    ]);
    let host = if host == "10.0.0.7" {
        format!("10.0.0.{sid}")
    } else {
        host.to_owned()
    };
    let port = |rng: &mut Rng, default: &str| -> String {
        if rng.chance(75) {
            default.to_owned()
        } else {
            rng.pick(&[
                "0", "65535", "65536", "-1", "2888", "3888", "x", " 2888", "2888 ", "", "38888888",
                "+2888",
            ])
            .to_owned()
        }
    };
    let mut value = host.clone();
    let parts = [3, 3, 3, 3, 4, 4, 2, 1, 5][rng.below(9)];
    if parts >= 2 {
        value += &format!(":{}", port(rng, "2888"));
    }
    if parts >= 3 {
        value += &format!(":{}", port(rng, "3888"));
    }
    if parts >= 4 {
        value += ":";
        value += rng.pick(&[
            "participant",
            "observer",
            "OBSERVER",
            "Participant",
            "voter",
            "observer ",
            "",
        ]);
    }
    if parts >= 5 {
        value += ":extra";
    }
    if rng.chance(15) {
        value += &format!("|10.0.1.{sid}:2888:3888");
    }
    if rng.chance(30) {
        value += rng.pick(&[
            ";2181",
            ";0.0.0.0:2181",
            ";127.0.0.1:2181",
            ";2182",
            ";",
            ";2181;2281",
            ";x",
            ";[::1]:2181",
            "; 2181",
        ]);
    }
    if rng.chance(10) {
        value += rng.pick(&[" ", "\t", "  "]);
    }
    value
}

fn group_value(rng: &mut Rng) -> String {
    rng.pick(&[
        "1:2:3", "4:5:6", "1:2", "3:4:5:6", "1,2,3", "4:5:6 ", "4:5:6:9", "", "1", "x",
    ])
    .to_owned()
}

fn server_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = server_doc(rng, case);
    let servers: Vec<usize> = doc
        .entries()
        .filter(|(_, k, _)| k.starts_with("server."))
        .map(|(i, _, _)| i)
        .collect();
    if servers.is_empty() || rng.chance(20) {
        let sid = 1 + rng.below(7);
        let value = server_value(rng);
        doc.push(&format!("server.{sid}"), &value);
        return Some(format!("{which} +`server.{sid}={value}`"));
    }
    let i = servers[rng.below(servers.len())];
    let (key, _, value) = entry_mut(doc, i)?;
    *value = server_value(rng);
    Some(format!("{which} `{key}={value}`"))
}

fn server_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = server_doc(rng, case);
    let servers: Vec<usize> = doc
        .entries()
        .filter(|(_, k, _)| k.starts_with("server."))
        .map(|(i, _, _)| i)
        .collect();
    let i = *servers.get(rng.below(servers.len()))?;
    let (key, sep, value) = entry_mut(doc, i)?;
    let old = key.clone();
    let sid = old.trim_start_matches("server.").to_owned();
    match rng.below(8) {
        0 => *key = format!("server.0{sid}"),
        1 => *key = format!("server.+{sid}"),
        2 => *key = "server.four".to_owned(),
        3 => *key = sid,
        4 => {
            // The bare address as its own line.
            *key = value.clone();
            *sep = String::new();
            *value = String::new();
        }
        5 => *key = "server.0".to_owned(),
        6 => *key = "server.256".to_owned(),
        _ => *key = format!("server.{sid}.x"),
    }
    Some(format!("{which} `{old}` -> `{key}`"))
}

fn groups(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = server_doc(rng, case);
    if !doc.entries().any(|(_, k, _)| k.starts_with("group")) {
        let sids: Vec<String> = doc
            .entries()
            .filter_map(|(_, k, _)| k.strip_prefix("server.").map(str::to_owned))
            .collect();
        if sids.is_empty() {
            return None;
        }
        let half = sids.len().div_ceil(2);
        doc.push("group.1", &sids[..half].join(":"));
        if half < sids.len() {
            doc.push("group.2", &sids[half..].join(":"));
        }
        return Some(format!("{which} groups over {}", sids.join(",")));
    }
    let key = rng.pick(&[
        "group.1", "group.2", "group.3", "weight.1", "weight.4", "weight.9",
    ]);
    let value = value_for(rng, key);
    doc.set(key, &value);
    Some(format!("{which} `{key}={value}`"))
}

const MYIDS: &[&str] = &[
    "1",
    "1\n",
    "1\r\n",
    "2\n",
    " 1\n",
    "1 \n",
    "\t1\n",
    "\u{feff}1\n",
    "",
    "\n",
    "replace this text with the cluster-unique zookeeper's instance id (1-255)\n",
    "1\n1\n",
    "+1\n",
    "01\n",
    "-1\n",
    "4\n",
    "9\n",
    "id=1\n",
    "0\n",
    "256\n",
    "1\n2\n",
    "one\n",
    "99999999999999999999\n",
    "3\r",
];

fn myid(rng: &mut Rng, case: &mut Case) -> Option<String> {
    if rng.chance(10) {
        case.myid = None;
        return Some("no myid".to_owned());
    }
    let content = rng.pick(MYIDS);
    case.myid = Some(content.as_bytes().to_vec());
    Some(format!("{content:?}"))
}

fn layout(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    match rng.below(4) {
        0 => {
            doc.eol = "\r\n";
            Some(format!("{which} CRLF"))
        }
        1 => {
            doc.eol = "\r";
            Some(format!("{which} CR"))
        }
        2 => {
            doc.bom = true;
            Some(format!("{which} BOM"))
        }
        _ => {
            doc.no_final_eol = true;
            Some(format!("{which} no final line end"))
        }
    }
}

fn comments(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let text = rng.pick(&[
        "# a comment",
        "! a comment",
        "",
        "   ",
        "\t",
        "   # indented comment",
        "#dataDir=/nowhere",
        "# server.9=10.0.0.9:2888:3888",
    ]);
    let at = rng.below(doc.lines.len() + 1);
    doc.lines.insert(at, Line::Raw(text.to_owned()));
    if rng.chance(30) {
        if let Some(i) = entry_index(rng, doc) {
            if let Some((_, _, value)) = entry_mut(doc, i) {
                // Never inside the case-directory placeholder: it must stay whole to be filled.
                let keep = value.find(DIR).map_or(0..0, |at| at..at + DIR.len());
                if let Some(mid) = (1..value.len())
                    .find(|&m| value.is_char_boundary(m) && (m <= keep.start || m >= keep.end))
                {
                    value.insert_str(mid, "\\\n     ");
                }
            }
        }
    }
    Some(format!("{which} {text:?}"))
}

fn escape(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, _, value) = entry_mut(doc, i)?;
    let in_key = rng.chance(40);
    let text = if in_key { key } else { value };
    let chars: Vec<char> = text.chars().collect();
    let mut at = rng.below(chars.len() + 1);
    // Never inside the case-directory placeholder (ASCII, so byte and char offsets agree).
    if let Some(start) = text.find(DIR).filter(|_| text.is_ascii()) {
        if at > start && at < start + DIR.len() {
            at = start + DIR.len();
        }
    }
    let (before, after) = chars.split_at(at);
    let mut before: String = before.iter().collect();
    let after: String = after.iter().collect();
    let mut skip = 0;
    match rng.below(6) {
        0 => {
            if let Some(c) = after.chars().next() {
                before += &format!("\\u{:04X}", c as u32);
                skip = c.len_utf8();
            }
        }
        1 => before += "\\uZZZZ",
        2 => before += "\\u00",
        3 => {
            if let Some(c) = after.chars().next() {
                before += &format!("\\{c}");
                skip = c.len_utf8();
            }
        }
        4 => before += "\\:",
        _ => before += "\\\\",
    }
    let old = text.clone();
    *text = before + &after[skip..];
    Some(format!(
        "{which} {} `{old}` -> `{text}`",
        if in_key { "key" } else { "value" }
    ))
}

const VERSION_KEYS: &[(&str, &str)] = &[
    ("electionAlg", "0"),
    ("electionAlg", "1"),
    ("electionAlg", "2"),
    ("electionAlg", "3"),
    ("syncEnabled", "yes"),
    ("syncEnabled", "TRUE"),
    ("syncEnabled", "1"),
    ("quorumListenOnAllIPs", "no"),
    ("standaloneEnabled", "false"),
    ("standaloneEnabled", "no"),
    ("standaloneEnabled", "true"),
    ("reconfigEnabled", "true"),
    ("reconfigEnabled", "yes"),
    ("peerType", "observer"),
    ("peerType", "participant"),
    ("peerType", "Observer"),
    ("peerType", "learner"),
    ("minSessionTimeout", "4000"),
    ("minSessionTimeout", "50000"),
    ("maxSessionTimeout", "3000"),
    ("maxSessionTimeout", "60000"),
    ("clientPortAddress", "127.0.0.1"),
    ("clientPortAddress", ""),
    ("clientPortAddress", "127.0.0.1:2181"),
    ("secureClientPort", "2281"),
    ("secureClientPortAddress", "127.0.0.1"),
    ("quorum.auth.enableSasl", "true"),
    ("quorum.auth.serverRequireSasl", "true"),
    ("quorum.auth.learnerRequireSasl", "true"),
    ("localSessionsEnabled", "on"),
    ("observerMasterPort", "2191"),
    ("clientPortListenBacklog", "100"),
    ("connectToLearnerMasterLimit", "10"),
    ("sslQuorum", "true"),
    ("multiAddress.reachabilityCheckTimeoutMs", "1000"),
    ("jvm.pause.monitor", "true"),
    ("oraclePath", "@DIR@/oracle"),
    ("dynamicConfigFile", "@DIR@/zoo.cfg.dynamic.100000000"),
    ("version", "100000000"),
];

fn version_keys(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (key, value) = VERSION_KEYS[rng.below(VERSION_KEYS.len())];
    case.cfg.set(key, value);
    Some(format!("`{key}={value}`"))
}

fn dynamic(rng: &mut Rng, case: &mut Case) -> Option<String> {
    match &mut case.dynamic {
        None => {
            // Move the server lines of a static quorum into a dynamic file.
            let servers = case.cfg.remove_servers();
            if servers.is_empty() {
                return None;
            }
            let name = rng.pick(&[DYNAMIC_NAME, "zoo.cfg.dynamic", "zoo.cfg.dynamic.dead"]);
            case.cfg.push("dynamicConfigFile", &format!("{DIR}/{name}"));
            if rng.chance(50) {
                case.cfg.remove("clientPort");
            }
            let doc = Doc {
                lines: servers,
                eol: "\n",
                ..Doc::default()
            };
            case.dynamic = Some((name.to_owned(), doc));
            Some(format!("servers moved to {name}"))
        }
        Some((name, doc)) => match rng.below(5) {
            0 => {
                doc.push("clientPort", "2181");
                Some("clientPort in dynamic".to_owned())
            }
            1 => {
                doc.push("version", "100000000");
                Some("version in dynamic".to_owned())
            }
            2 => {
                case.cfg.push("server.4", "10.0.0.4:2888:3888");
                Some("server line in static".to_owned())
            }
            3 => {
                let port = rng.pick(&["2181", "2182"]);
                case.cfg.set("clientPort", port);
                Some(format!("static clientPort={port}"))
            }
            _ => {
                let new = rng.pick(&[
                    "zoo.cfg.dynamic",
                    "zoo.cfg.dynamic.cafe",
                    "zoo.cfg.dynamic.1",
                ]);
                *name = new.to_owned();
                case.cfg.set("dynamicConfigFile", &format!("{DIR}/{new}"));
                Some(format!("dynamic file renamed {new}"))
            }
        },
    }
}

// ------------------------------------------------------------------------------------------
// Running ZooKeeper and meslint
// ------------------------------------------------------------------------------------------

struct ZkRelease {
    version: ZkVersion,
    label: &'static str,
    jars: Vec<PathBuf>,
}

fn releases(root: &Path) -> Vec<ZkRelease> {
    let java = Path::new("/usr/share/java");
    vec![
        ZkRelease {
            version: ZkVersion::V3_8,
            label: "3.8",
            jars: vec![java.join("zookeeper.jar"), java.join("slf4j-nop.jar")],
        },
        ZkRelease {
            version: ZkVersion::V3_4,
            label: "3.4",
            jars: vec![
                root.join(".cache/zk34/usr/share/java/zookeeper-3.4.13.jar"),
                java.join("slf4j-api.jar"),
                java.join("slf4j-nop.jar"),
            ],
        },
    ]
}

const HOSTS_FILE: &str = "\
127.0.0.1 localhost
::1 ip6-localhost
10.0.0.1 zk1
10.0.0.2 zk2
10.0.0.3 zk3
";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn setup_missing(what: &str) -> bool {
    if std::env::var("MESLINT_SKIP_CONFORMANCE").is_ok_and(|v| v == "1") {
        eprintln!("conformance: skipped ({what}; MESLINT_SKIP_CONFORMANCE=1)");
        return true;
    }
    panic!(
        "conformance: {what}; run `scripts/setup-conformance.sh` (as root) first, \
         or set MESLINT_SKIP_CONFORMANCE=1 to skip this test"
    );
}

#[test]
fn meslint_agrees_with_zookeeper() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or(root)
        .join("conformance");
    let probe = lint(
        vec![Input::file(
            "probe/zoo.cfg",
            b"clientPort=x\nk=\\uZZZZ\n".to_vec(),
        )],
        &Settings::default(),
    );
    if !probe.diagnostics.iter().any(|d| d.code.starts_with("ZK")) {
        eprintln!("conformance: skipped (this meslint does not lint zoo.cfg yet)");
        return;
    }
    let releases = releases(root);
    for release in &releases {
        if let Some(jar) = release.jars.iter().find(|j| !j.exists()) {
            if setup_missing(&format!("{} is missing", jar.display())) {
                return;
            }
        }
    }

    // Compile the judge.
    let classes = work.join("classes");
    fs::create_dir_all(&classes).expect("create target/conformance/classes");
    let javac = Command::new("javac")
        .arg("-d")
        .arg(&classes)
        .arg(root.join("tests/conformance/ZkJudge.java"))
        .status();
    match javac {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("javac failed on ZkJudge.java: {status}"),
        Err(_) => {
            if setup_missing("javac is not installed") {
                return;
            }
        }
    }

    // Write the cases.
    let seed = env_number("MESLINT_CONFORMANCE_SEED", 1);
    let count = env_number("MESLINT_CONFORMANCE_CASES", 5000) as usize;
    let mut cases = fixture_cases(root);
    let fixtures = cases.len();
    cases.extend(table_cases());
    let table = cases.len() - fixtures;
    cases.extend(generate(seed, count));
    let case_root = work.join("cases");
    if case_root.exists() {
        fs::remove_dir_all(&case_root).expect("clear target/conformance/cases");
    }
    let mut written = Vec::new();
    let mut list = String::new();
    for case in &cases {
        let dir = case_root.join(&case.name);
        fs::create_dir_all(&dir).expect("create case dir");
        let files = case.files(&dir);
        for (name, bytes) in &files {
            fs::write(dir.join(name), bytes).expect("write case file");
        }
        let cfg = dir.join("zoo.cfg");
        list.push_str(&cfg.to_string_lossy());
        list.push('\n');
        written.push((dir, files));
    }
    let list_path = work.join("cases.txt");
    fs::write(&list_path, &list).expect("write case list");
    let hosts = work.join("hosts");
    fs::write(&hosts, HOSTS_FILE).expect("write hosts file");
    // The server's working directory: relative paths in a case resolve here.
    let cwd = work.join("cwd");
    fs::create_dir_all(&cwd).expect("create working dir");

    // One JVM per release, both at once.
    let children: Vec<_> = releases
        .iter()
        .map(|release| {
            let mut classpath = classes.to_string_lossy().into_owned();
            for jar in &release.jars {
                classpath.push(':');
                classpath.push_str(&jar.to_string_lossy());
            }
            Command::new("java")
                .arg(format!("-Djdk.net.hosts.file={}", hosts.display()))
                .arg("-cp")
                .arg(classpath)
                .arg("ZkJudge")
                .current_dir(&cwd)
                .stdin(fs::File::open(&list_path).expect("open case list"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start java")
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait for java"))
        .collect();

    let show = env_number("MESLINT_CONFORMANCE_SHOW", 100) as usize;
    let mut report = String::new();
    let mut failures = 0;
    let mut summary = String::new();
    for (release, output) in releases.iter().zip(&outputs) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let judged = parse_judge_output(&stdout);
        assert!(
            output.status.success() && judged.len() == cases.len(),
            "ZkJudge {} failed ({}; {} of {} answers): {}",
            release.label,
            output.status,
            judged.len(),
            cases.len(),
            String::from_utf8_lossy(&output.stderr)
        );
        let settings = Settings {
            zookeeper: release.version,
            ..Settings::default()
        };
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        let mut shown = 0;
        let mut allowed_seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut excused: BTreeMap<&str, usize> = BTreeMap::new();
        let mut rejected = 0;
        for (case, (dir, files)) in cases.iter().zip(&written) {
            let cfg = dir.join("zoo.cfg").to_string_lossy().into_owned();
            let Some(judged) = judged.get(&cfg) else {
                panic!("ZkJudge {} gave no answer for {cfg}", release.label);
            };
            let inputs = files
                .iter()
                .map(|(name, bytes)| {
                    Input::file(dir.join(name).to_string_lossy().into_owned(), bytes.clone())
                })
                .collect();
            let lint_report = lint(inputs, &settings);
            let outcome = verdict(case, dir, judged, &lint_report.diagnostics);
            if outcome == Outcome::Agree && judged.verdict == Verdict::Ok {
                for d in &lint_report.diagnostics {
                    if d.severity == Severity::Error {
                        *allowed_seen.entry(d.name).or_default() += 1;
                    }
                }
            }
            let key = match &outcome {
                Outcome::Agree => "agree",
                Outcome::Missed => "missed",
                Outcome::Noise(_) => "noise",
                Outcome::Excused(_) => "excused",
            };
            *tally.entry(key).or_default() += 1;
            if judged.verdict == Verdict::Error {
                rejected += 1;
            }
            if let Outcome::Excused(why) = outcome {
                *excused.entry(why).or_default() += 1;
            }
            if matches!(outcome, Outcome::Missed | Outcome::Noise(_)) {
                failures += 1;
                shown += 1;
                describe(
                    &mut report,
                    release.label,
                    case,
                    files,
                    judged,
                    &lint_report.diagnostics,
                    &outcome,
                    shown <= show,
                );
            }
        }
        let compared = tally.get("agree").copied().unwrap_or(0)
            + tally.get("missed").copied().unwrap_or(0)
            + tally.get("noise").copied().unwrap_or(0);
        let agree = tally.get("agree").copied().unwrap_or(0);
        let _ = writeln!(
            summary,
            "ZooKeeper {}: {} cases ({fixtures} fixtures, {table} table, {count} generated, seed {seed}); \
             compared {compared}, agree {agree} ({:.2}%), missed {}, noise {}, excused {}",
            release.label,
            cases.len(),
            if compared == 0 {
                100.0
            } else {
                100.0 * agree as f64 / compared as f64
            },
            tally.get("missed").copied().unwrap_or(0),
            tally.get("noise").copied().unwrap_or(0),
            tally.get("excused").copied().unwrap_or(0),
        );
        let _ = writeln!(summary, "    ZooKeeper rejected {rejected} case(s)");
        for (why, n) in &excused {
            let _ = writeln!(summary, "    excused {n}: {why}");
        }
        for (name, n) in &allowed_seen {
            let why = ALLOWED
                .iter()
                .find(|a| a.name == *name)
                .map_or("", |a| a.why);
            let _ = writeln!(
                summary,
                "    allowed error {name} on {n} accepted case(s): {why}"
            );
        }
    }
    print!("{report}");
    print!("{summary}");
    let _ = fs::write(work.join("summary.txt"), &summary);
    let _ = fs::write(work.join("disagreements.txt"), &report);
    assert_eq!(
        failures, 0,
        "meslint disagrees with ZooKeeper on {failures} case(s); see above or \
         target/conformance/disagreements.txt\n{summary}"
    );
}

fn parse_judge_output(stdout: &str) -> BTreeMap<String, Judged> {
    stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\t');
            let path = parts.next()?;
            let verdict = match parts.next()? {
                "OK" => Verdict::Ok,
                "ERROR" => Verdict::Error,
                "SKIP" => Verdict::Skip,
                _ => return None,
            };
            let detail = parts.next().unwrap_or("").to_owned();
            let data_dir = parts.next().unwrap_or("").to_owned();
            Some((
                path.to_owned(),
                Judged {
                    verdict,
                    detail,
                    data_dir,
                },
            ))
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn describe(
    out: &mut String,
    label: &str,
    case: &Case,
    files: &[(String, Vec<u8>)],
    judged: &Judged,
    diagnostics: &[Diagnostic],
    outcome: &Outcome,
    full: bool,
) {
    let what = match outcome {
        Outcome::Missed => "ZooKeeper rejects, meslint reports no error".to_owned(),
        Outcome::Noise(codes) => format!(
            "ZooKeeper accepts, meslint reports errors not on the allow-list: {}",
            codes.join(", ")
        ),
        _ => String::new(),
    };
    let _ = writeln!(out, "--- {label} {}: {what}", case.name);
    if !full {
        let _ = writeln!(out, "    zookeeper: {}", judged.detail);
        return;
    }
    let _ = writeln!(out, "    case: {}", case.note);
    for (name, bytes) in files {
        let _ = writeln!(out, "    {name}: {:?}", String::from_utf8_lossy(bytes));
    }
    let _ = writeln!(out, "    zookeeper: {:?} {}", judged.verdict, judged.detail);
    if diagnostics.is_empty() {
        let _ = writeln!(out, "    meslint: nothing");
    }
    for d in diagnostics {
        let _ = writeln!(
            out,
            "    meslint: {} {} [{}] {}",
            d.severity.as_str(),
            d.code,
            d.name,
            d.message
        );
    }
}

#[test]
fn generator_is_reproducible() {
    let a = generate(7, 50);
    let b = generate(7, 50);
    let render = |cases: &[Case]| -> Vec<Vec<(String, Vec<u8>)>> {
        cases.iter().map(|c| c.files(Path::new("/d"))).collect()
    };
    assert_eq!(render(&a), render(&b));
    assert_ne!(render(&a), render(&generate(8, 50)));
}

#[test]
fn verdict_rule() {
    let dir = Path::new("/cases/x");
    let judged = |verdict, detail: &str, data_dir: &str| Judged {
        verdict,
        detail: detail.to_owned(),
        data_dir: data_dir.to_owned(),
    };
    let diagnostic = |name: &'static str, severity| Diagnostic {
        code: "ZK999",
        name,
        severity,
        message: String::new(),
        help: None,
        labels: Vec::new(),
    };
    let unlisted = "mode=quorum myid=4 myid_listed=false port_clash=none";
    let listed = "mode=quorum myid=1 myid_listed=true port_clash=none";
    let nfe = "NumberFormatException: For input string: \"x\"";
    let no_myid = "IllegalArgumentException: myid file is missing";
    let bare = Case::new("x", "", standalone());
    let with_myid = Case::new("x", "", standalone()).with_myid("1\n");
    let table = [
        (
            &bare,
            judged(Verdict::Ok, listed, ""),
            vec![],
            Outcome::Agree,
        ),
        (
            &bare,
            judged(Verdict::Ok, listed, ""),
            vec![diagnostic("unknown_key", Severity::Warning)],
            Outcome::Agree,
        ),
        (
            &bare,
            judged(Verdict::Ok, unlisted, ""),
            vec![diagnostic("myid_not_in_server_list", Severity::Error)],
            Outcome::Agree,
        ),
        (
            &bare,
            judged(Verdict::Ok, listed, ""),
            vec![diagnostic("myid_not_in_server_list", Severity::Error)],
            Outcome::Noise(vec!["ZK999"]),
        ),
        (
            &bare,
            judged(Verdict::Ok, listed, ""),
            vec![diagnostic("invalid_number", Severity::Error)],
            Outcome::Noise(vec!["ZK999"]),
        ),
        (
            &bare,
            judged(Verdict::Error, nfe, ""),
            vec![],
            Outcome::Missed,
        ),
        (
            &bare,
            judged(Verdict::Error, nfe, ""),
            vec![diagnostic("invalid_number", Severity::Error)],
            Outcome::Agree,
        ),
        (
            &bare,
            judged(Verdict::Error, no_myid, "/cases/x"),
            vec![],
            Outcome::Excused("myid outside the case"),
        ),
        (
            &with_myid,
            judged(Verdict::Error, no_myid, "/cases/x/"),
            vec![],
            Outcome::Missed,
        ),
        (
            &with_myid,
            judged(Verdict::Error, no_myid, "/elsewhere"),
            vec![],
            Outcome::Excused("myid outside the case"),
        ),
        (
            &bare,
            judged(Verdict::Skip, "network", ""),
            vec![],
            Outcome::Excused("not judged"),
        ),
    ];
    for (i, (case, judged, diagnostics, expected)) in table.into_iter().enumerate() {
        assert_eq!(
            verdict(case, dir, &judged, &diagnostics),
            expected,
            "row {i}"
        );
    }
    assert_eq!(
        judged(Verdict::Ok, unlisted, "").fact("myid_listed"),
        Some("false")
    );
}
