//! Running ZooKeeper and meslint over every case, and the tests.

use super::*;

pub(crate) struct ZkRelease {
    pub(crate) version: ZkVersion,
    pub(crate) label: &'static str,
    pub(crate) jars: Vec<PathBuf>,
}

pub(crate) fn releases(root: &Path) -> Vec<ZkRelease> {
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

pub(crate) const HOSTS_FILE: &str = "\
127.0.0.1 localhost
::1 ip6-localhost
10.0.0.1 zk1
10.0.0.2 zk2
10.0.0.3 zk3
";

pub(crate) fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

pub(crate) fn setup_missing(what: &str) -> bool {
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
pub(crate) fn meslint_agrees_with_zookeeper() {
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

pub(crate) fn parse_judge_output(stdout: &str) -> BTreeMap<String, Judged> {
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
pub(crate) fn describe(
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
pub(crate) fn generator_is_reproducible() {
    let a = generate(7, 50);
    let b = generate(7, 50);
    let render = |cases: &[Case]| -> Vec<Vec<(String, Vec<u8>)>> {
        cases.iter().map(|c| c.files(Path::new("/d"))).collect()
    };
    assert_eq!(render(&a), render(&b));
    assert_ne!(render(&a), render(&generate(8, 50)));
}

#[test]
pub(crate) fn verdict_rule() {
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
