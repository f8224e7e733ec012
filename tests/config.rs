//! meslint.toml's rule selection, severities and per-path ignores; inline suppressions; and
//! baselines, through the real binary on clusters written here.

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

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// `(code, severity, file:line)` of every diagnostic.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let output = meslint(dir, &all);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let label = d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .find(|l| l["primary"] == true)
                .expect("primary");
            (
                d["code"].as_str().expect("code").to_owned(),
                d["severity"].as_str().expect("severity").to_owned(),
                format!(
                    "{}:{}",
                    label["file"].as_str().expect("file"),
                    label["line"]
                ),
            )
        })
        .collect()
}

fn codes(found: &[(String, String, String)]) -> Vec<&str> {
    found.iter().map(|(c, _, _)| c.as_str()).collect()
}

/// A three-server ensemble with an unknown key (ZK101) on zk1 and a masterless template.
fn cluster(dir: &Path) {
    for n in 1..=3 {
        let extra = if n == 1 { "monitoring.port=9141\n" } else { "" };
        write(
            dir,
            &format!("cluster/zk{n}/zoo.cfg"),
            &format!(
                "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n{extra}\
                 server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"
            ),
        );
        write(dir, &format!("cluster/zk{n}/myid"), &format!("{n}\n"));
    }
    write(
        dir,
        "cluster/roles/zk/templates/zoo.cfg.j2",
        "dataDir={{ zk_data_dir }}\nclientPort=2181\n",
    );
}

#[test]
fn select_ignore_severity_and_per_path_from_meslint_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    let all = findings(d, &["cluster"]);
    assert!(codes(&all).contains(&"ZK101"), "{all:?}");
    assert!(codes(&all).contains(&"ML005"), "{all:?}");

    write(d, "cluster/meslint.toml", "ignore = [\"ZK1\"]\n");
    let found = findings(d, &["cluster"]);
    assert!(
        !codes(&found).contains(&"ZK101"),
        "a prefix ignores: {found:?}"
    );
    assert!(codes(&found).contains(&"ML005"));

    write(d, "cluster/meslint.toml", "select = [\"ML\"]\n");
    let found = findings(d, &["cluster"]);
    assert!(
        codes(&found).iter().all(|c| c.starts_with("ML")),
        "{found:?}"
    );

    write(
        d,
        "cluster/meslint.toml",
        "select = [\"ML\"]\nextend-select = [\"ZK101\"]\n",
    );
    let found = findings(d, &["cluster"]);
    assert!(
        codes(&found).contains(&"ZK101") && codes(&found).contains(&"ML005"),
        "{found:?}"
    );

    write(
        d,
        "cluster/meslint.toml",
        "[severity]\nZK101 = \"error\"\nZK = \"info\"\n",
    );
    let found = findings(d, &["cluster"]);
    let zk101 = found.iter().find(|f| f.0 == "ZK101").expect("ZK101");
    assert_eq!(zk101.1, "error", "the longest entry wins");
    assert_eq!(meslint(d, &["cluster"]).status.code(), Some(1));

    // Globs are relative to meslint.toml's directory.
    write(
        d,
        "cluster/meslint.toml",
        "[per-path]\n\"roles/**\" = [\"ML005\"]\n\"zk1/*\" = [\"ZK101\"]\n",
    );
    let found = findings(d, &["cluster"]);
    assert!(!codes(&found).contains(&"ML005"), "{found:?}");
    assert!(!codes(&found).contains(&"ZK101"), "{found:?}");
    assert!(
        !codes(&found).contains(&"ML007"),
        "both entries were used: {found:?}"
    );

    // Found by walking up from a linted sub-directory, and taken from --config.
    let found = findings(d, &["cluster/roles"]);
    assert!(!codes(&found).contains(&"ML005"), "walked up: {found:?}");
    write(d, "other.toml", "ignore = [\"ML005\", \"ZK101\"]\n");
    let found = findings(d, &["--config", "other.toml", "cluster"]);
    assert!(
        !codes(&found).contains(&"ML005") && !codes(&found).contains(&"ZK101"),
        "{found:?}"
    );
}

#[test]
fn unknown_keys_suggest_and_do_not_discard_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    write(
        d,
        "cluster/meslint.toml",
        "ignroe = [\"ML005\"]\nselect = [\"ZK1\", \"ZK9\"]\n[severity]\nZK101 = \"loud\"\n[hosts.zk1]\nadress = \"10.0.0.1\"\n",
    );
    let output = meslint(d, &["--format", "json", "cluster"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let problems: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "ML004")
        .map(|d| {
            (
                d["message"].as_str().expect("message").to_owned(),
                d["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        problems
            .iter()
            .any(|(m, h)| m.contains("ignroe") && h.contains("did you mean `ignore`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(m, h)| m.contains("adress") && h.contains("did you mean `address`")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|(m, _)| m.contains("`ZK9`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(m, _)| m.contains("severity of `ZK101`")),
        "{problems:?}"
    );
    // The good `select` still applies: only ZK1xx and the problems in meslint.toml itself.
    let found = findings(d, &["cluster"]);
    assert!(codes(&found).contains(&"ZK101"), "{found:?}");
    assert!(!codes(&found).contains(&"ML005"), "{found:?}");
}

#[test]
fn inline_suppressions_and_unused_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    let zoo = d.join("cluster/zk1/zoo.cfg");
    let text = std::fs::read_to_string(&zoo).expect("read");
    let suppressed = text.replace(
        "monitoring.port",
        "# meslint: ignore[ZK101] read by our agent\n! meslint: ignore[ZK104]\nmonitoring.port",
    );
    std::fs::write(&zoo, suppressed).expect("write");
    let found = findings(d, &["cluster"]);
    assert!(!codes(&found).contains(&"ZK101"), "{found:?}");
    // The ZK104 comment covers the same line, where there is no ZK104: reported.
    let unused: Vec<_> = found.iter().filter(|f| f.0 == "ML007").collect();
    assert_eq!(unused.len(), 1, "{found:?}");
    assert_eq!(unused[0].2, "cluster/zk1/zoo.cfg:7");
    assert_eq!(unused[0].1, "warning");
    // ML007 itself can be ignored.
    write(d, "cluster/meslint.toml", "ignore = [\"ML007\"]\n");
    assert!(!codes(&findings(d, &["cluster"])).contains(&"ML007"));
}

/// The primary places of every diagnostic of `code`: `file:line`.
fn places(dir: &Path, code: &str) -> Vec<Vec<String>> {
    let output = meslint(dir, &["--format", "json", "cluster"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .filter(|l| l["primary"] == true)
                .map(|l| format!("{}:{}", l["file"].as_str().expect("file"), l["line"]))
                .collect()
        })
        .collect()
}

#[test]
fn a_suppression_takes_away_its_place_of_a_finding_written_on_several_hosts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    let comment = "# meslint: ignore[ZK101] read by our agent\n";
    for n in 2..=3 {
        let zoo = d.join(format!("cluster/zk{n}/zoo.cfg"));
        let text = std::fs::read_to_string(&zoo).expect("read");
        std::fs::write(
            &zoo,
            text.replace(
                "clientPort=2181\n",
                "clientPort=2181\nmonitoring.port=9141\n",
            ),
        )
        .expect("write");
    }
    // One mistake copied to three hosts: one diagnostic with a place on each.
    let all = places(d, "ZK101");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].len(), 3, "{all:?}");
    // Suppressed on zk1 only: the other two places stay, and the comment is used.
    let zk1 = d.join("cluster/zk1/zoo.cfg");
    let text = std::fs::read_to_string(&zk1).expect("read");
    std::fs::write(
        &zk1,
        text.replacen("monitoring.port", &format!("{comment}monitoring.port"), 1),
    )
    .expect("write");
    let left = places(d, "ZK101");
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        left[0].iter().all(|p| !p.starts_with("cluster/zk1/")),
        "{left:?}"
    );
    assert_eq!(left[0].len(), 2, "{left:?}");
    assert!(places(d, "ML007").is_empty());
    // Suppressed at every place: gone.
    for n in 2..=3 {
        let zoo = d.join(format!("cluster/zk{n}/zoo.cfg"));
        let text = std::fs::read_to_string(&zoo).expect("read");
        std::fs::write(
            &zoo,
            text.replacen("monitoring.port", &format!("{comment}monitoring.port"), 1),
        )
        .expect("write");
    }
    assert!(places(d, "ZK101").is_empty());
    assert!(places(d, "ML007").is_empty());
}

#[test]
fn baseline_round_trip_survives_edits_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    let before = findings(d, &["cluster"]);
    assert!(!before.is_empty());
    let written = meslint(d, &["--write-baseline", "baseline.json", "cluster"]);
    assert_eq!(
        written.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let baseline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("baseline.json")).expect("written"))
            .expect("JSON");
    let entries = baseline["findings"].as_array().expect("findings");
    assert!(
        entries
            .iter()
            .any(|e| e["code"] == "ZK101" && e["file"] == "cluster/zk1/zoo.cfg")
    );
    assert!(
        entries.iter().all(|e| e.get("line").is_none()),
        "no line numbers"
    );

    assert!(findings(d, &["--baseline", "baseline.json", "cluster"]).is_empty());

    // Lines added above the finding move it; the baseline still accepts it.
    let zoo = d.join("cluster/zk1/zoo.cfg");
    let text = std::fs::read_to_string(&zoo).expect("read");
    std::fs::write(&zoo, format!("# rack 4\n# managed by hand\n{text}")).expect("write");
    assert!(findings(d, &["--baseline", "baseline.json", "cluster"]).is_empty());

    // A new finding is reported; the accepted one stays quiet.
    std::fs::write(&zoo, format!("{text}otherUnknown=1\n")).expect("write");
    let found = findings(d, &["--baseline", "baseline.json", "cluster"]);
    assert_eq!(codes(&found), ["ZK101"], "{found:?}");
    assert_eq!(found[0].2, "cluster/zk1/zoo.cfg:10");

    // A broken baseline file is meslint's own failure.
    write(d, "bad.json", "{}");
    assert_eq!(
        meslint(d, &["--baseline", "bad.json", "cluster"])
            .status
            .code(),
        Some(2)
    );
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/meslint.schema.json"),
    )
    .expect("schema");
    jsonschema::validator_for(&serde_json::from_str(&text).expect("JSON")).expect("a schema")
}

fn as_json(toml_text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(toml_text).expect("TOML");
    serde_json::to_value(value).expect("JSON")
}

#[test]
fn the_documented_examples_and_fixtures_validate_against_the_schema() {
    let validator = schema();
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let mut examples = Vec::new();
    let mut block: Option<String> = None;
    for line in readme.lines() {
        match (&mut block, line.trim()) {
            (None, "```toml") => block = Some(String::new()),
            (Some(text), "```") => {
                examples.push(text.clone());
                block = None;
            }
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {}
        }
    }
    assert!(examples.len() >= 2, "the README documents meslint.toml");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path().join("meslint.toml");
        if path.is_file() && !path.to_string_lossy().contains("ML004") {
            examples.push(std::fs::read_to_string(path).expect("read"));
        }
    }
    for example in &examples {
        let value = as_json(example);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{example}\n{errors:?}");
        // And meslint itself reads it without a complaint.
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "meslint.toml", example);
        write(
            dir.path(),
            "zk1/zoo.cfg",
            "dataDir=/var/lib/zookeeper\nclientPort=2181\n",
        );
        let found = findings(dir.path(), &["."]);
        assert!(!codes(&found).contains(&"ML004"), "{example}\n{found:?}");
    }
    assert!(!validator.is_valid(&as_json("master = 3\n")));
    assert!(!validator.is_valid(&as_json("[severity]\nZK101 = \"loud\"\n")));
}

#[test]
fn exclude_from_config_file_applies_to_the_walk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    write(
        d,
        "cluster/old/zk9/zoo.cfg",
        "dataDir=/tmp/zk\nclientPort=2181\nold.key=1\n",
    );
    let all = findings(d, &["cluster"]);
    assert!(
        all.iter().any(|f| f.2.starts_with("cluster/old/")),
        "{all:?}"
    );

    write(d, "ci/meslint.toml", "exclude = [\"old/\", \"*.j2\"]\n");
    let found = findings(d, &["--config", "ci/meslint.toml", "cluster"]);
    assert!(
        found.iter().all(|f| !f.2.starts_with("cluster/old/")),
        "{found:?}"
    );
    assert!(!codes(&found).contains(&"ML005"), "{found:?}");
    let output = meslint(d, &["--verbose", "--config", "ci/meslint.toml", "cluster"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("excluded by `old/`"), "{text}");

    // `--config` stands in for the tree's own meslint.toml, whose `exclude` then does not apply.
    write(d, "cluster/meslint.toml", "exclude = [\"zk1/\"]\n");
    let found = findings(d, &["--config", "ci/meslint.toml", "cluster"]);
    assert!(
        found.iter().any(|f| f.2.starts_with("cluster/zk1/")),
        "{found:?}"
    );
}

#[test]
fn each_cluster_takes_its_own_meslint_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for c in ["prod", "staging"] {
        for n in 1..=3 {
            let servers: String = (1..=3)
                .map(|s| format!("server.{s}={c}-zk{s}:2888:3888;2181\n"))
                .collect();
            write(
                d,
                &format!("repo/{c}/zk{n}/zoo.cfg"),
                &format!(
                    "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\n\
                     clientPort=2181\nbogus.key=1\n{servers}"
                ),
            );
            write(d, &format!("repo/{c}/zk{n}/myid"), &format!("{n}\n"));
        }
    }
    write(d, "repo/prod/meslint.toml", "ignore = [\"ZK101\"]\n");
    write(
        d,
        "repo/staging/meslint.toml",
        "zookeeper_version = \"3.4\"\n[severity]\nZK101 = \"error\"\n",
    );
    // The top file adds to both: its `ignore` applies in staging too.
    write(d, "repo/meslint.toml", "ignore = [\"ZK201\"]\n");
    let found = findings(d, &["repo"]);
    assert_eq!(
        found,
        [(
            "ZK101".to_owned(),
            "error".to_owned(),
            "repo/staging/zk1/zoo.cfg:6".to_owned()
        )],
        "prod ignores ZK101; staging makes it an error and checks 3.4"
    );
    // The same mistake in both clusters is one diagnostic; prod's `ignore` takes away only
    // prod's places of it.
    write(d, "repo/staging/meslint.toml", "ignore = [\"ZK201\"]\n");
    let found = findings(d, &["repo"]);
    let zk101: Vec<_> = found.iter().filter(|f| f.0 == "ZK101").collect();
    assert_eq!(zk101.len(), 1, "{found:?}");
    assert!(zk101[0].2.starts_with("repo/staging/"), "{found:?}");
    write(
        d,
        "repo/staging/meslint.toml",
        "zookeeper_version = \"3.4\"\n[severity]\nZK101 = \"error\"\n",
    );
    std::fs::remove_file(d.join("repo/meslint.toml")).expect("remove");
    let found = findings(d, &["repo"]);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "ZK201" && f.2.starts_with("repo/staging/")),
        "staging is checked against its own release: {found:?}"
    );
    assert!(
        found.iter().all(|f| !f.2.starts_with("repo/prod/")),
        "{found:?}"
    );
}

#[test]
fn a_clusters_own_exclude_applies_below_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cluster(d);
    let broken = "dataDir=/tmp/zk\nclientPort=2181\nold.key=1\n";
    write(d, "cluster/old/zk9/zoo.cfg", broken);
    write(d, "other/old/zk9/zoo.cfg", broken);
    write(d, "cluster/meslint.toml", "exclude = [\"/old/\"]\n");
    let found = findings(d, &["."]);
    assert!(
        found.iter().all(|f| !f.2.starts_with("cluster/old/")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.2.starts_with("other/old/")),
        "only below cluster/: {found:?}"
    );
}
