//! The `meslint` binary as users run it: arguments, exit codes, the JSON shape, and bad input
//! (FIFOs, link loops, binary and missing files) that must never crash, hang or be written to.

use std::path::Path;
use std::process::{Command, Output};

fn meslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the meslint binary runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "zk1/myid", b"\x00\x01");
    let output = meslint(dir.path(), &["--format", "json", "."]);
    let report = json(&output);
    let keys: Vec<_> = report
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["diagnostics", "skipped", "summary", "version"]);
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    let diagnostic = &report["diagnostics"][0];
    let mut keys: Vec<_> = diagnostic
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "fingerprint",
            "help",
            "labels",
            "message",
            "name",
            "severity",
            "url"
        ]
    );
    let label = &diagnostic["labels"][0];
    let mut keys: Vec<_> = label.as_object().expect("object").keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "column",
            "end_column",
            "end_line",
            "file",
            "line",
            "message",
            "primary"
        ]
    );
    assert_eq!(label["file"], "zk1/myid", "paths are relative as given");
    assert_eq!(label["line"], 1);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["errors"], 1);
    assert_eq!(summary["warnings"], 0);
    assert_eq!(summary["infos"], 0);
    assert_eq!(output.status.code(), Some(1), "errors found means exit 1");
}

#[test]
fn paths_keep_the_prefix_the_user_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "config/zk1/myid", b"\x00");
    let report = json(&meslint(dir.path(), &["--format", "json", "config"]));
    assert_eq!(
        report["diagnostics"][0]["labels"][0]["file"],
        "config/zk1/myid"
    );
    let report = json(&meslint(dir.path(), &["--format", "json", "./config/"]));
    assert_eq!(
        report["diagnostics"][0]["labels"][0]["file"],
        "config/zk1/myid"
    );
}

#[test]
fn an_empty_directory_is_a_failure_not_a_clean_cluster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = meslint(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("`.` holds no file meslint reads (0 skipped"),
        "{text}"
    );
}

#[test]
fn a_missing_path_is_an_io_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = meslint(dir.path(), &["--format", "json", "no-such-dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(codes(&json(&output)), ["ML001"]);
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        meslint(dir.path(), &["--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        meslint(dir.path(), &["--zookeeper-version", "3.10"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        meslint(dir.path(), &["--mesos-version", "2.0"])
            .status
            .code(),
        Some(2)
    );
    let output = meslint(dir.path(), &["explain", "NOPE999"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("NOPE999"));
}

#[cfg(unix)]
#[test]
fn fifos_and_link_loops_are_reported_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("zk1")).expect("mkdir");
    let fifo = dir.path().join("zk1/zoo.cfg");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("myid", dir.path().join("zk1/myid")).expect("symlink");
    std::os::unix::fs::symlink("..", dir.path().join("zk1/up")).expect("symlink");
    // Would hang forever if meslint opened the FIFO.
    let output = meslint(dir.path(), &["--format", "json", "."]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    let messages: Vec<_> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["message"].as_str().expect("message").to_owned())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("zk1/zoo.cfg") && m.contains("FIFO")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("zk1/myid") && m.contains("loop")),
        "{messages:?}"
    );
}

#[test]
fn meslint_never_writes_to_the_files_it_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "zk1/zoo.cfg",
        b"dataDir=/var/lib/zookeeper\r\nclientPort=2181 # x\n",
    );
    write(dir.path(), "zk1/myid", b"\xef\xbb\xbf1 \n");
    let before = snapshot(dir.path());
    meslint(dir.path(), &["."]);
    meslint(dir.path(), &["--format", "json", "."]);
    assert_eq!(snapshot(dir.path()), before);
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            let meta = std::fs::metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.push((
                    path.display().to_string(),
                    bytes,
                    meta.modified().expect("mtime"),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn rules_and_explain_print_the_registry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = meslint(dir.path(), &["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("ML001") && text.contains("unreadable_file"),
        "{text}"
    );
    let output = meslint(dir.path(), &["explain", "unreadable_file"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("# ML001 unreadable_file"), "{text}");
    assert!(text.contains("How to fix"), "{text}");
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[test]
fn report_counts_what_each_tier_survives() {
    let output = meslint(
        &fixture("ok-ha-cluster"),
        &["report", "--format", "json", "."],
    );
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    let clusters = report["clusters"].as_array().expect("clusters");
    assert_eq!(clusters.len(), 1, "{report}");
    let report = &clusters[0];
    assert_eq!(report["root"], "");
    assert_eq!(report["zookeeper"]["voters"], 3);
    assert_eq!(report["zookeeper"]["tolerates"], 1);
    assert_eq!(report["masters"]["masters"], 3);
    assert_eq!(report["masters"]["quorum"], 2);
    assert_eq!(report["masters"]["tolerates"], 1);
    assert_eq!(report["agents"], 2);
    let text = String::from_utf8_lossy(&meslint(&fixture("ok-ha-cluster"), &["report"]).stdout)
        .into_owned();
    assert!(
        text.contains("3 voting servers: needs 2 up, survives 1 failure"),
        "{text}"
    );
}

#[test]
fn report_shows_no_tolerance_for_a_split_or_broken_tier() {
    let output = meslint(
        &fixture("report-four-masters-half-quorum"),
        &["report", "--format", "json", "."],
    );
    let report = &json(&output)["clusters"][0];
    assert_eq!(report["masters"]["state"], "split_brain");
    assert!(report["masters"]["tolerates"].is_null(), "{report}");
    assert_eq!(report["masters"]["errors"][0], "CM101");
    let output = meslint(
        &fixture("seed-literal-myid"),
        &["report", "--format", "json", "."],
    );
    let report = &json(&output)["clusters"][0];
    assert!(report["zookeeper"]["tolerates"].is_null(), "{report}");
    assert_eq!(report["zookeeper"]["errors"][0], "CZ102");
}

#[test]
fn report_judges_each_cluster_of_the_tree_alone() {
    let dir = fixture("CZ101-nested-cluster-copied-list");
    let report = json(&meslint(&dir, &["report", "--format", "json", "."]));
    let clusters = report["clusters"].as_array().expect("clusters");
    let roots: Vec<_> = clusters.iter().map(|c| c["root"].clone()).collect();
    assert_eq!(roots, ["deploy/dc1", "deploy/dc1/staging"], "{report}");
    for cluster in clusters {
        assert_eq!(cluster["masters"]["masters"], 3, "{cluster}");
        assert_eq!(cluster["masters"]["state"], "ok", "{cluster}");
    }
    // Only staging's server list is broken.
    assert_eq!(clusters[0]["zookeeper"]["tolerates"], 1, "{report}");
    assert_eq!(clusters[1]["zookeeper"]["errors"][0], "CZ101", "{report}");
    let text = String::from_utf8_lossy(&meslint(&dir, &["report", "."]).stdout).into_owned();
    assert!(
        text.contains("Fault tolerance of cluster deploy/dc1/staging\n"),
        "{text}"
    );
    assert!(!text.contains("split-brain"), "{text}");
}

#[test]
fn show_lists_effective_settings_with_sources_and_masks_secrets() {
    let dir = fixture("CX104-zk-credentials-differ");
    let output = meslint(&dir, &["show", "m1", "--format", "json", "."]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!text.contains("s3cret"), "a secret leaked: {text}");
    let rows = json(&output);
    let rows = rows.as_array().expect("rows");
    let zk = rows.iter().find(|r| r["name"] == "--zk").expect("--zk row");
    assert!(
        zk["value"].as_str().expect("value").starts_with("zk://***"),
        "{zk}"
    );
    assert_eq!(zk["source"], "environment (m1/mesos-master.env:1)");
    let port = rows
        .iter()
        .find(|r| r["name"] == "--port")
        .expect("--port row");
    assert_eq!(port["value"], "5050");
    assert_eq!(port["source"], "default");
    let output = meslint(&dir, &["show", "nope", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("m1"));
}

#[test]
fn no_output_format_prints_a_secret() {
    let dir = fixture("CX104-zk-credentials-differ");
    for args in [
        &["."][..],
        &["--format", "json", "."],
        &["report", "."],
        &["show", "m2", "."],
    ] {
        let output = meslint(&dir, args);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains("s3cret"), "{args:?} leaked a secret: {text}");
    }
}

#[test]
fn huge_files_are_reported_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("zk1")).expect("mkdir");
    let file = std::fs::File::create(dir.path().join("zk1/zoo.cfg")).expect("create");
    // Sparse: 17 MiB on paper, nothing on disk.
    file.set_len(17 * 1024 * 1024).expect("set_len");
    let output = meslint(dir.path(), &["--format", "json", "."]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    assert_eq!(codes(&report), ["ML001"]);
    let message = report["diagnostics"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("larger than"), "{message}");
}

#[test]
fn latin1_bytes_keep_their_columns_and_crlf_is_fine_for_zookeeper() {
    let dir = tempfile::tempdir().expect("tempdir");
    // `\xe9` is not UTF-8: read as ISO-8859-1 `é`, as Java does.
    write(
        dir.path(),
        "zk1/zoo.cfg",
        b"dataDir=/var/lib/zook\xe9eper\r\nclientPort=2181\r\n",
    );
    let output = meslint(dir.path(), &["--format", "json", "."]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report = json(&output);
    assert_eq!(
        codes(&report),
        ["ZK003"],
        "CRLF alone is no finding for zoo.cfg"
    );
    let label = &report["diagnostics"][0]["labels"][0];
    assert_eq!(label["line"], 1);
    // `é` is the 22nd character of the line.
    assert_eq!(label["column"], 22);
}

#[test]
fn fail_level_exit_zero_quiet_and_statistics() {
    // Warnings only: exit 0 by default, 1 from --fail-level warning, 0 again with --exit-zero.
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "zk1/zoo.cfg",
        b"dataDir=/var/lib/zookeeper\nclientPort=2181\nnoSuchKey=1\n",
    );
    let report = json(&meslint(dir.path(), &["--format", "json", "."]));
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    assert!(report["summary"]["warnings"].as_u64() > Some(0), "{report}");
    assert_eq!(meslint(dir.path(), &["."]).status.code(), Some(0));
    let strict = meslint(dir.path(), &["--fail-level", "warning", "."]);
    assert_eq!(strict.status.code(), Some(1));
    let zero = meslint(dir.path(), &["--fail-level", "info", "--exit-zero", "."]);
    assert_eq!(zero.status.code(), Some(0));

    let seed = fixture("seed");
    assert_eq!(meslint(&seed, &["."]).status.code(), Some(1));
    assert_eq!(meslint(&seed, &["--exit-zero", "."]).status.code(), Some(0));
    let quiet = String::from_utf8_lossy(&meslint(&seed, &["-q", "."]).stdout).into_owned();
    assert!(!quiet.contains("checked:"), "{quiet}");
    assert!(quiet.contains("CX101"), "{quiet}");
    let clean = meslint(&fixture("ok-ha-cluster"), &["--quiet", "."]);
    assert!(
        clean.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    let full = json(&meslint(&seed, &["--format", "json", "."]));
    let stats =
        String::from_utf8_lossy(&meslint(&seed, &["--statistics", "."]).stdout).into_owned();
    let mut total = 0;
    for line in stats.lines() {
        let mut parts = line.split_whitespace();
        let count: usize = parts.next().expect("count").parse().expect("a number");
        let code = parts.next().expect("code");
        assert_eq!(
            codes(&full).iter().filter(|c| *c == code).count(),
            count,
            "{line}"
        );
        total += count;
    }
    assert_eq!(total, codes(&full).len(), "{stats}");
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = meslint(dir.path(), &["explian", "ZK101"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `explain`"), "{stderr}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("cannot read"));
    // A directory of that name is linted, not taken for a typo.
    write(
        dir.path(),
        "explian/zk1/zoo.cfg",
        b"dataDir=/var/lib/zookeeper\nclientPort=2181\n",
    );
    assert_eq!(meslint(dir.path(), &["explian"]).status.code(), Some(0));
    // A word far from every subcommand is still a path that cannot be read (ML001).
    let output = meslint(dir.path(), &["zookeeper-configs"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("cannot read"));
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bash = meslint(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    let text = String::from_utf8_lossy(&bash.stdout);
    assert!(
        text.contains("_meslint()") && text.contains("--fail-level"),
        "{text}"
    );
    let zsh =
        String::from_utf8_lossy(&meslint(dir.path(), &["completions", "zsh"]).stdout).into_owned();
    assert!(zsh.starts_with("#compdef meslint"), "{zsh}");
    let man = String::from_utf8_lossy(&meslint(dir.path(), &["man"]).stdout).into_owned();
    assert!(man.contains(".TH meslint 1"), "{man}");
    assert!(man.contains("fail\\-level"), "{man}");
}

/// Runs meslint on a pseudo-terminal (util-linux `script`), where `--color auto` decides.
fn on_terminal(dir: &Path, env: &[(&str, &str)]) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let command = format!("{} .", env!("CARGO_BIN_EXE_meslint"));
    let mut cmd = Command::new(script);
    cmd.args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    Some(String::from_utf8_lossy(&cmd.output().ok()?.stdout).into_owned())
}

#[test]
fn colour_follows_the_terminal_no_color_and_term_dumb() {
    let dir = fixture("seed");
    let Some(plain) = on_terminal(&dir, &[]) else {
        eprintln!("no `script` here: skipping the terminal test");
        return;
    };
    assert!(plain.contains('\u{1b}'), "a terminal gets colour");
    let dumb = on_terminal(&dir, &[("TERM", "dumb")]).expect("script");
    assert!(!dumb.contains('\u{1b}'), "TERM=dumb gets no escape codes");
    let no_color = on_terminal(&dir, &[("NO_COLOR", "1")]).expect("script");
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR=1 gets none");
    let empty = on_terminal(&dir, &[("NO_COLOR", "")]).expect("script");
    assert!(empty.contains('\u{1b}'), "an empty NO_COLOR does not count");
    // Off a terminal, nothing.
    let piped = meslint(&dir, &["."]);
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\u{1b}'));
}

/// A link out of the linted tree must never make meslint read the checking machine's files:
/// `etc/zookeeper/conf -> /etc/alternatives/...` on a collected Debian tree.
#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_reported_not_read() {
    let outside = tempfile::tempdir().expect("tempdir");
    // Read as zk1's zoo.cfg, this would fire ZK101 (unknown key) and ZK108 (/tmp).
    write(
        outside.path(),
        "conf/zoo.cfg",
        b"tickTime=2000\ndataDir=/tmp/zookeeper\nclientPort=2181\nbogusKey=1\n",
    );
    write(outside.path(), "mesos-master.env", b"MESOS_QUORUM=9\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("node1/etc/zookeeper");
    std::fs::create_dir_all(&tree).expect("mkdir");
    std::os::unix::fs::symlink(outside.path().join("conf"), tree.join("conf")).expect("symlink");
    std::os::unix::fs::symlink(
        outside.path().join("mesos-master.env"),
        dir.path().join("node1/mesos-master.env"),
    )
    .expect("symlink");
    // A link inside the tree is read, under its own name.
    write(
        dir.path(),
        "shared/zoo.cfg",
        b"tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n",
    );
    std::fs::create_dir_all(dir.path().join("node2")).expect("mkdir");
    std::os::unix::fs::symlink("../shared/zoo.cfg", dir.path().join("node2/zoo.cfg"))
        .expect("symlink");

    let output = meslint(dir.path(), &["--format", "json", "."]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report = json(&output);
    let text = report.to_string();
    assert_eq!(codes(&report), ["ML006", "ML006"], "{text}");
    assert!(
        !text.contains("bogusKey") && !text.contains("QUORUM=9"),
        "{text}"
    );
    assert!(!text.contains("/tmp/zookeeper"), "{text}");
    let skipped: Vec<_> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| s["path"].as_str().expect("path").to_owned())
        .collect();
    assert_eq!(
        skipped,
        ["node1/etc/zookeeper/conf", "node1/mesos-master.env"]
    );
    assert_eq!(report["summary"]["checked"], 2, "{text}");

    // Asked for, the links are followed and the outside file is linted.
    let output = meslint(dir.path(), &["--format", "json", "--follow-links", "."]);
    let report = json(&output);
    assert!(codes(&report).contains(&"ZK101".to_owned()), "{report}");
}

#[test]
fn gitignore_applies_in_a_git_repository_and_ignore_files_always() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = b"tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\nbogusKey=1\n";
    let good = b"tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n";
    write(dir.path(), "zk1/zoo.cfg", good);
    write(dir.path(), "build/zk9/zoo.cfg", bad);
    write(dir.path(), "old/zk8/zoo.cfg", bad);
    write(dir.path(), "staging/zk7/zoo.cfg", bad);
    write(dir.path(), ".gitignore", b"build/\n");
    write(dir.path(), ".ignore", b"old/\n");
    write(dir.path(), "meslint.toml", b"exclude = [\"staging/\"]\n");
    let flagged = |args: &[&str]| -> Vec<String> {
        let report = json(&meslint(dir.path(), args));
        let mut files: Vec<String> = report["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            // One finding written in several files is one diagnostic with a label in each.
            .flat_map(|d| d["labels"].as_array().expect("labels").iter())
            .map(|l| l["file"].as_str().expect("file").to_owned())
            .collect();
        files.sort();
        files.dedup();
        files
    };
    // Not a git repository: `.gitignore` does not apply (as in ripgrep), `.ignore` does.
    assert_eq!(flagged(&["--format", "json", "."]), ["build/zk9/zoo.cfg"]);
    std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir .git");
    assert!(flagged(&["--format", "json", "."]).is_empty());
    assert_eq!(
        flagged(&["--format", "json", "--no-ignore", "."]),
        ["build/zk9/zoo.cfg", "old/zk8/zoo.cfg"]
    );
    // `staging/` stays out through meslint.toml even with --no-ignore; --exclude adds to it.
    assert_eq!(
        flagged(&["--format", "json", "--no-ignore", "--exclude", "old", "."]),
        ["build/zk9/zoo.cfg"]
    );
    let report = json(&meslint(
        dir.path(),
        &["--format", "json", "--exclude", "zk1", "."],
    ));
    let reasons: Vec<_> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["path"].as_str().expect("path"),
                s["reason"].as_str().expect("reason")
            )
        })
        .collect();
    assert!(
        reasons.contains(&"zk1 excluded by `zk1`".to_owned()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"staging excluded by `staging/`".to_owned()),
        "{reasons:?}"
    );
}

#[test]
fn a_path_with_nothing_to_read_is_a_failure_and_skipped_files_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "docs/README.md",
        b"Run mesos-master --quorum=2 on every master.\n",
    );
    write(
        dir.path(),
        "docs/zoo_sample.cfg",
        b"tickTime=2000\ndataDir=/tmp/zookeeper\n",
    );
    let output = meslint(dir.path(), &["docs"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`docs` holds no file meslint reads (2 skipped"),
        "{stderr}"
    );
    let output = meslint(dir.path(), &["--verbose", "docs"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\n  skipped docs/README.md: not a file meslint reads"),
        "{stderr}"
    );

    write(dir.path(), "docs/zk1/zoo.cfg", b"# only a comment\n");
    write(dir.path(), "docs/zk1/zoo.cfg.bak", b"tickTime=x\n");
    let output = meslint(dir.path(), &["--verbose", "docs"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The comment-only zoo.cfg lacks a dataDir (ZK106), so the run has an error.
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("skipped docs/zoo_sample.cfg: a sample, not live configuration"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped docs/zk1/zoo.cfg.bak: a backup copy"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped docs/README.md: not a file meslint reads"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "1 file checked (1 with no settings), 3 skipped: 1 error, 1 warning, 0 infos\n"
        ),
        "{stdout}"
    );
}

/// A snippet shows the lines around a finding: a secret on the next line must be masked in
/// every output, whatever file holds it.
#[test]
fn secrets_next_to_a_finding_are_masked_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "m1/mesos-master.env",
        b"MESOS_QUROUM=1\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIbPxRfiCYzEXAMPLEKEY\nMESOS_WORK_DIR=/var/lib/mesos\n",
    );
    write(
        dir.path(),
        "m1/run-master.sh",
        b"#!/bin/sh\nexport DB_PASSWORD='hunter2-pw'\nexec mesos-master --quroum=1 --work_dir=/var/lib/mesos\n",
    );
    write(
        dir.path(),
        "zk1/zoo.cfg",
        b"dataDir=/var/lib/zookeeper\nclientPort=2181\nssl.keyStore.password=changeit-pw\nbogusKey=1\n",
    );
    let mut seen_finding = false;
    for args in [
        &["."][..],
        &["--format", "json", "."],
        &["report", "."],
        &["show", "m1", "."],
        &["show", "zk1", "."],
        &["show", "m1", "--format", "json", "."],
    ] {
        let output = meslint(dir.path(), args);
        let text = String::from_utf8_lossy(&output.stdout);
        seen_finding |= text.contains("MESOS_QUROUM");
        for secret in ["wJalrXUtnFEMI", "hunter2", "changeit"] {
            assert!(!text.contains(secret), "{args:?} leaked {secret}: {text}");
        }
    }
    assert!(
        seen_finding,
        "the unknown flag next to the secret is reported"
    );
}

/// A file whose name says it is secret (a Mesos `credentials` file, `*.passwd`) is masked
/// whole, even where a snippet shows it only because meslint does not know it.
#[test]
fn files_named_as_secrets_are_masked_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "credentials", b"marathon s3cret-cred\n");
    write(dir.path(), "users.passwd", b"admin:{SHA}pw-hash-value\n");
    for format in ["human", "json", "sarif", "concise"] {
        let output = meslint(
            dir.path(),
            &["--format", format, "credentials", "users.passwd"],
        );
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("ML003"), "{format}: {text}");
        for secret in ["s3cret-cred", "pw-hash-value", "marathon"] {
            assert!(!text.contains(secret), "{format} leaked {secret}: {text}");
        }
    }
}

/// `prod/` and `staging/` are each clean; linted together they must stay clean, and
/// `show --clusters` says how the tree was split and which file made each role.
#[test]
fn several_clusters_in_one_tree_are_checked_apart() {
    let dir = fixture("ok-repo-several-clusters");
    let output = meslint(&dir, &["--format", "json", "."]);
    assert_eq!(output.status.code(), Some(0));
    assert!(codes(&json(&output)).is_empty());
    let output = meslint(&dir, &["show", "--clusters", "--format", "json", "."]);
    let clusters = json(&output);
    let roots: Vec<_> = clusters
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["root"].as_str().expect("root").to_owned())
        .collect();
    assert_eq!(roots, ["lab", "prod", "staging"]);
    assert_eq!(clusters[1]["hosts"][0]["name"], "prod/m1");
    assert_eq!(
        clusters[1]["hosts"][0]["roles"][0]["file"],
        "prod/m1/mesos-master.env"
    );
    // The same files, one directory level up, still split (the first word is a path).
    let up = dir.parent().expect("fixtures");
    let output = meslint(up, &["show", "--clusters", "ok-repo-several-clusters"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("cluster lab (1 host)\n"), "{text}");
}

fn meslint_stdin(dir: &Path, args: &[&str], buffer: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_meslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the meslint binary runs");
    // meslint may refuse its arguments before it reads: a closed pipe is no failure here.
    let _ = child.stdin.take().expect("stdin").write_all(buffer);
    child.wait_with_output().expect("meslint ends")
}

/// `(code, file of the primary label)` of every diagnostic.
fn placed_codes(report: &serde_json::Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let primary = d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .find(|l| l["primary"] == true)
                .expect("a primary label");
            (
                d["code"].as_str().expect("code").to_owned(),
                primary["file"].as_str().expect("file").to_owned(),
            )
        })
        .collect()
}

fn zoo_cfg(servers: &[u32], extra: &str) -> String {
    let mut text = format!(
        "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n{extra}"
    );
    for n in servers {
        text.push_str(&format!("server.{n}=zk{n}:2888:3888\n"));
    }
    text
}

#[test]
fn stdin_with_a_filename_is_linted_inside_its_cluster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for n in 1..=3 {
        let extra = if n == 2 { "bogus.key=1\n" } else { "" };
        write(
            d,
            &format!("repo/zk{n}/zoo.cfg"),
            zoo_cfg(&[1, 2, 3], extra).as_bytes(),
        );
        write(d, &format!("repo/zk{n}/myid"), format!("{n}\n").as_bytes());
    }
    write(d, "repo/meslint.toml", b"zookeeper_version = \"3.8\"\n");
    write(d, "elsewhere/zk9/zoo.cfg", b"unrelated=1\n");
    let before = snapshot(d);

    // The buffer drops `server.3`: the other hosts on disk still list it, so the cross-host
    // check fires on the buffer. zk2's own finding on disk is not about the buffer.
    let buffer = zoo_cfg(&[1, 2], "");
    let args = [
        "--format",
        "json",
        "-",
        "--stdin-filename",
        "repo/zk1/zoo.cfg",
    ];
    let output = meslint_stdin(d, &args, buffer.as_bytes());
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let found = placed_codes(&json(&output));
    assert!(
        found.contains(&("CZ101".to_owned(), "repo/zk1/zoo.cfg".to_owned())),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, file)| file == "repo/zk1/zoo.cfg"),
        "only what touches the buffer: {found:?}"
    );

    // The same file as it is on disk is clean; an absolute name shows absolute paths only when
    // the cluster lies outside the current directory.
    let on_disk = std::fs::read(d.join("repo/zk1/zoo.cfg")).expect("read");
    let absolute = d.join("repo/zk1/zoo.cfg");
    let absolute = absolute.to_str().expect("utf-8 path");
    let args = ["--format", "json", "-", "--stdin-filename", absolute];
    let output = meslint_stdin(d, &args, &on_disk);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(codes(&json(&output)).is_empty());

    // From inside a host directory, a buffer for a file that does not exist yet: the cluster
    // (at meslint.toml) lies above the current directory, so paths are shown absolute.
    let args = [
        "--format",
        "concise",
        "-",
        "--stdin-filename",
        "../zk4/zoo.cfg",
    ];
    let buffer = zoo_cfg(&[1, 2, 3], "foo=1\n");
    let output = meslint_stdin(&d.join("repo/zk3"), &args, buffer.as_bytes());
    let text = String::from_utf8_lossy(&output.stdout);
    let shown = std::fs::canonicalize(d)
        .expect("real path")
        .join("repo/zk4/zoo.cfg");
    assert!(
        text.contains(&format!("{}:6:1: warning[ZK101]", shown.display())),
        "{text}"
    );
    assert!(!text.contains("bogus.key"), "{text}");

    assert_eq!(snapshot(d), before, "nothing on disk was written");
}

#[test]
fn stdin_alone_is_known_by_its_text_or_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let output = meslint_stdin(
        d,
        &["--format", "concise", "-"],
        b"dataDir=/var/lib/zookeeper\nclientPort=2181\nfoo=1\n",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("-:3:1: warning[ZK101]"), "{text}");

    let output = meslint_stdin(d, &["--format", "json", "-"], b"MESOS_QUORUM=0\n");
    assert!(codes(&json(&output)).contains(&"MS109".to_owned()));

    // A lone number could be a myid or a flag file: meslint does not guess.
    let output = meslint_stdin(d, &["-"], b"1\n");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--stdin-filename"), "{stderr}");

    let output = meslint_stdin(d, &["--stdin-filename", "zk1/zoo.cfg"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = meslint_stdin(d, &["-", "."], b"tickTime=2000\ndataDir=/x\n");
    assert_eq!(output.status.code(), Some(2));
}
