//! The seeded generator that mutates valid configs.

use super::*;

/// SplitMix64: small, fast, and the same sequence on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(crate) fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// `count` cases from `seed`: a valid base, then one to three mutations.
pub(crate) fn generate(seed: u64, count: usize) -> Vec<Case> {
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

pub(crate) fn base_case(rng: &mut Rng, i: usize) -> Case {
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

pub(crate) type Mutation = fn(&mut Rng, &mut Case) -> Option<String>;

pub(crate) const MUTATIONS: &[(&str, Mutation)] = &[
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
pub(crate) fn non_ascii(rng: &mut Rng, case: &mut Case) -> Option<String> {
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
pub(crate) const FUZZ: &[char] = &[
    '0', '1', '2', '3', '8', '9', '0', '1', '2', '3', '8', '9', ':', ':', ':', ';', '|', '[', ']',
    '.', ' ', '\t', '-', '+', 'a', 'e', 'x', '#', '\\', '=', ',', 'f', ':',
];

pub(crate) fn fuzz_text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| FUZZ[rng.below(FUZZ.len())]).collect()
}

/// A random short value for a random line: finds what hand-picked values miss.
pub(crate) fn fuzz_value(rng: &mut Rng, case: &mut Case) -> Option<String> {
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
pub(crate) fn fuzz_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
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
pub(crate) fn target<'a>(rng: &mut Rng, case: &'a mut Case) -> (&'a mut Doc, &'static str) {
    match &mut case.dynamic {
        Some((_, doc)) if rng.chance(30) => (doc, "dynamic"),
        _ => (&mut case.cfg, "cfg"),
    }
}

/// The doc holding the server lines: mostly the dynamic file when there is one.
pub(crate) fn server_doc<'a>(rng: &mut Rng, case: &'a mut Case) -> (&'a mut Doc, &'static str) {
    match &mut case.dynamic {
        Some((_, doc)) if rng.chance(85) => (doc, "dynamic"),
        _ => (&mut case.cfg, "cfg"),
    }
}

pub(crate) fn entry_index(rng: &mut Rng, doc: &Doc) -> Option<usize> {
    let indices: Vec<usize> = doc.entries().map(|(i, _, _)| i).collect();
    (!indices.is_empty()).then(|| indices[rng.below(indices.len())])
}

pub(crate) fn entry_mut(
    doc: &mut Doc,
    i: usize,
) -> Option<(&mut String, &mut String, &mut String)> {
    match doc.lines.get_mut(i) {
        Some(Line::Entry { key, sep, value }) => Some((key, sep, value)),
        _ => None,
    }
}

pub(crate) fn key_case(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn key_typo(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) const EXTRA_KEYS: &[(&str, &str)] = &[
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

pub(crate) fn extra_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn duplicate_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn remove_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let line = doc.lines.remove(i);
    match line {
        Line::Entry { key, .. } => Some(format!("{which} -`{key}`")),
        Line::Raw(_) => None,
    }
}

pub(crate) const SEPARATORS: &[&str] = &[
    "=", ":", " ", " = ", "==", "\t", " : ", "=  ", "  ", " =", ": ", "= =",
];

pub(crate) fn separator(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, sep, _) = entry_mut(doc, i)?;
    *sep = SEPARATORS[rng.below(SEPARATORS.len())].to_owned();
    Some(format!("{which} `{key}` separator {sep:?}"))
}

pub(crate) fn value(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (doc, which) = target(rng, case);
    let i = entry_index(rng, doc)?;
    let (key, _, value) = entry_mut(doc, i)?;
    *value = value_for(rng, key);
    Some(format!("{which} `{key}={value}`"))
}

pub(crate) const INTS: &[&str] = &[
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

pub(crate) const PORTS: &[&str] = &[
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

pub(crate) const BOOLS: &[&str] = &[
    "true", "false", "TRUE", "False", "yes", "no", "1", "0", "", "true ", "on",
];

pub(crate) const PATHS: &[&str] = &[
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

pub(crate) const HOSTS: &[&str] = &[
    "127.0.0.1",
    "0.0.0.0",
    "",
    "zk1",
    "127.0.0.1:2181",
    "[::1]",
    "::1",
    "10.0.0.1 ",
];

pub(crate) fn value_for(rng: &mut Rng, key: &str) -> String {
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

pub(crate) fn server_value(rng: &mut Rng) -> String {
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

pub(crate) fn group_value(rng: &mut Rng) -> String {
    rng.pick(&[
        "1:2:3", "4:5:6", "1:2", "3:4:5:6", "1,2,3", "4:5:6 ", "4:5:6:9", "", "1", "x",
    ])
    .to_owned()
}

pub(crate) fn server_line(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn server_key(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn groups(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) const MYIDS: &[&str] = &[
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

pub(crate) fn myid(rng: &mut Rng, case: &mut Case) -> Option<String> {
    if rng.chance(10) {
        case.myid = None;
        return Some("no myid".to_owned());
    }
    let content = rng.pick(MYIDS);
    case.myid = Some(content.as_bytes().to_vec());
    Some(format!("{content:?}"))
}

pub(crate) fn layout(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn comments(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) fn escape(rng: &mut Rng, case: &mut Case) -> Option<String> {
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

pub(crate) const VERSION_KEYS: &[(&str, &str)] = &[
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

pub(crate) fn version_keys(rng: &mut Rng, case: &mut Case) -> Option<String> {
    let (key, value) = VERSION_KEYS[rng.below(VERSION_KEYS.len())];
    case.cfg.set(key, value);
    Some(format!("`{key}={value}`"))
}

pub(crate) fn dynamic(rng: &mut Rng, case: &mut Case) -> Option<String> {
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
