//! The cases: valid bases, the table of shapes, the fixtures.

use super::*;

/// Stands for the case's own directory (absolute) inside generated files.
pub(crate) const DIR: &str = "@DIR@";

/// One ZooKeeper server's files.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub(crate) name: String,
    /// What the case exercises (mutations applied, or the table entry's description).
    pub(crate) note: String,
    pub(crate) cfg: Doc,
    pub(crate) myid: Option<Vec<u8>>,
    /// File name and content of the dynamic file, if one is written.
    pub(crate) dynamic: Option<(String, Doc)>,
    /// Raw bytes that replace the rendered zoo.cfg (fixtures are copied byte for byte).
    pub(crate) raw_cfg: Option<Vec<u8>>,
}

impl Case {
    pub(crate) fn new(name: impl Into<String>, note: impl Into<String>, cfg: Doc) -> Self {
        Case {
            name: name.into(),
            note: note.into(),
            cfg,
            myid: None,
            dynamic: None,
            raw_cfg: None,
        }
    }

    pub(crate) fn with_myid(mut self, myid: &str) -> Self {
        self.myid = Some(myid.as_bytes().to_vec());
        self
    }

    pub(crate) fn with_dynamic(mut self, name: &str, doc: Doc) -> Self {
        self.dynamic = Some((name.to_owned(), doc));
        self
    }

    /// True when the myid file sits where ZooKeeper looked for it: `<dataDir>/myid`.
    pub(crate) fn myid_in_data_dir(&self, dir: &Path, judged: &Judged) -> bool {
        let read = judged.data_dir.trim_end_matches('/');
        self.myid.is_some() && !read.is_empty() && Path::new(read) == dir
    }

    /// The files of the case as (file name, bytes), with [`DIR`] replaced by `dir`.
    pub(crate) fn files(&self, dir: &Path) -> Vec<(String, Vec<u8>)> {
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
pub(crate) struct Doc {
    pub(crate) lines: Vec<Line>,
    pub(crate) eol: &'static str,
    pub(crate) bom: bool,
    /// No line end after the last line.
    pub(crate) no_final_eol: bool,
    /// Written in ISO-8859-1 (one byte per char up to U+00FF) instead of UTF-8.
    pub(crate) latin1: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum Line {
    Entry {
        key: String,
        sep: String,
        value: String,
    },
    Raw(String),
}

impl Doc {
    pub(crate) fn parse(text: &str) -> Doc {
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

    pub(crate) fn render(&self) -> Vec<u8> {
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

    pub(crate) fn entries(&self) -> impl Iterator<Item = (usize, &str, &str)> {
        self.lines.iter().enumerate().filter_map(|(i, l)| match l {
            Line::Entry { key, value, .. } => Some((i, key.as_str(), value.as_str())),
            Line::Raw(_) => None,
        })
    }

    pub(crate) fn set(&mut self, key: &str, value: &str) {
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

    pub(crate) fn push(&mut self, key: &str, value: &str) {
        self.lines.push(Line::Entry {
            key: key.to_owned(),
            sep: "=".to_owned(),
            value: value.to_owned(),
        });
    }

    pub(crate) fn remove(&mut self, key: &str) {
        self.lines
            .retain(|l| !matches!(l, Line::Entry { key: k, .. } if k == key));
    }

    pub(crate) fn remove_servers(&mut self) -> Vec<Line> {
        let (servers, rest): (Vec<Line>, Vec<Line>) = self.lines.drain(..).partition(|l| {
            matches!(l, Line::Entry { key, .. } if key.starts_with("server.")
                || key.starts_with("group") || key.starts_with("weight"))
        });
        self.lines = rest;
        servers
    }
}

pub(crate) fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
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

pub(crate) fn standalone() -> Doc {
    Doc::parse(&format!(
        "tickTime=2000\ndataDir={DIR}\nclientPort=2181\ninitLimit=10\nsyncLimit=5\n"
    ))
}

pub(crate) fn quorum(servers: u32) -> Doc {
    let mut doc = standalone();
    for sid in 1..=servers {
        doc.push(&format!("server.{sid}"), &format!("10.0.0.{sid}:2888:3888"));
    }
    doc
}

/// 3.5+ layout: the client port is in every server line instead of `clientPort`.
pub(crate) fn quorum_client_parts() -> Doc {
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

pub(crate) const DYNAMIC_NAME: &str = "zoo.cfg.dynamic.100000000";

pub(crate) fn dynamic_pair() -> (Doc, Doc) {
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

pub(crate) fn hierarchical() -> Doc {
    let mut doc = quorum(6);
    doc.push("group.1", "1:2:3");
    doc.push("group.2", "4:5:6");
    for sid in 1..=6 {
        doc.push(&format!("weight.{sid}"), "1");
    }
    doc
}

// --- The table: shapes of the reference's oracle runs, in our own words -------------------------

pub(crate) fn with(mut doc: Doc, edits: &[(&str, &str)]) -> Doc {
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

pub(crate) fn raw(doc: Doc, extra: &str) -> Doc {
    let mut doc = doc;
    doc.lines.push(Line::Raw(extra.to_owned()));
    doc
}

pub(crate) fn table_cases() -> Vec<Case> {
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
pub(crate) fn fixture_cases(root: &Path) -> Vec<Case> {
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
pub(crate) fn relocate(line: &str, case: &mut Case, fixture_dir: &Path) -> String {
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

pub(crate) fn collect_zoo_cfgs(dir: &Path, out: &mut Vec<PathBuf>) {
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
