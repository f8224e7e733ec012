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
    assert_eq!(keys, ["diagnostics", "summary", "version"]);
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
        ["code", "help", "labels", "message", "name", "severity"]
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
fn an_empty_directory_is_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = meslint(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("0 files checked: 0 errors"), "{text}");
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
    let report = json(&output);
    assert_eq!(report["masters"]["state"], "split_brain");
    assert!(report["masters"]["tolerates"].is_null(), "{report}");
    assert_eq!(report["masters"]["errors"][0], "CM101");
    let output = meslint(
        &fixture("seed-literal-myid"),
        &["report", "--format", "json", "."],
    );
    let report = json(&output);
    assert!(report["zookeeper"]["tolerates"].is_null(), "{report}");
    assert_eq!(report["zookeeper"]["errors"][0], "CZ102");
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
