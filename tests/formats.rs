//! Every output format, through the real binary: SARIF against the SARIF 2.1.0 schema, the JSON
//! report against its published schema, GitHub workflow commands parsed back, GitLab Code
//! Quality, JUnit and Checkstyle read as XML, and no format leaking a secret.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FORMATS: &[&str] = &[
    "human",
    "concise",
    "json",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "checkstyle",
];

fn meslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the meslint binary runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("output is UTF-8")
}

fn json_of(dir: &Path, format: &str) -> serde_json::Value {
    let output = meslint(dir, &["--format", format, "."]);
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{format} is not JSON ({e}): {}", stdout(&output)))
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// Clusters with many labels, several files, secondary labels in other hosts' files.
const SAMPLES: &[&str] = &[
    "seed",
    "CX101-zk-url-outside-ensemble",
    "CZ101-server-lists-differ",
    "CX104-zk-credentials-differ",
    "ML002-binary-myid",
    "MS112-inline-secret",
    "ok-ha-cluster",
];

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let validator = schema("tests/sarif-schema-2.1.0.json");
    for sample in SAMPLES {
        let sarif = json_of(&fixture(sample), "sarif");
        assert_valid(&validator, &sarif, sample);
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert!(rules.len() > 100, "every rule is described");
        for result in run["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "{sample}");
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri");
            assert!(
                !uri.starts_with('/') && !uri.contains(':'),
                "relative: {uri}"
            );
            assert!(result["partialFingerprints"].is_object());
        }
        for rule in rules {
            let url = rule["helpUri"].as_str().expect("helpUri");
            assert!(url.contains("docs/rules.md#"), "{url}");
            assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
    }
    // The secondary labels are related locations.
    let sarif = json_of(&fixture("CX101-zk-url-outside-ensemble"), "sarif");
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"];
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        "zk1/zoo.cfg"
    );
}

#[test]
fn json_output_validates_against_its_published_schema() {
    let validator = schema("docs/schema/report.schema.json");
    for sample in SAMPLES {
        let report = json_of(&fixture(sample), "json");
        assert_valid(&validator, &report, sample);
    }
    // The schema is strict enough to catch a change of shape.
    let mut report = json_of(&fixture("seed"), "json");
    report["diagnostics"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&report));
}

#[test]
fn every_diagnostic_links_to_a_heading_docs_rules_md_has() {
    let reference =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .expect("docs/rules.md");
    // GitHub's heading anchors: lower case, spaces to `-`, punctuation other than `-` and `_`
    // dropped.
    let anchors: Vec<String> = reference
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|heading| {
            heading
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect();
    let report = json_of(&fixture("seed"), "json");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let url = d["url"].as_str().expect("url");
        let anchor = url.split_once('#').expect("an anchor").1;
        assert!(anchors.iter().any(|a| a == anchor), "no heading for {url}");
    }
    let explain = stdout(&meslint(Path::new("."), &["explain", "ZK101"]));
    assert!(
        explain.contains(
            "https://github.com/meslint/meslint/blob/main/docs/rules.md#zk101-unknown_key"
        ),
        "{explain}"
    );
}

/// Reads a workflow command back as GitHub's runner does.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    fn unescape(text: &str) -> String {
        text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, data) = rest.split_once("::").expect("a second ::");
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape(v))
        })
        .collect();
    (command.to_owned(), properties, unescape(data))
}

#[test]
fn github_annotations_parse_back_to_the_diagnostics() {
    let dir = fixture("seed");
    let report = json_of(&dir, "json");
    let text = stdout(&meslint(&dir, &["--format", "github", "."]));
    let lines: Vec<&str> = text.lines().collect();
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(lines.len(), diagnostics.len());
    for (line, d) in lines.iter().zip(diagnostics) {
        let (command, properties, data) = parse_command(line);
        let expected = match d["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        assert_eq!(command, expected);
        let get = |k: &str| {
            properties
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {line}"))
        };
        let primary = d["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .find(|l| l["primary"] == true)
            .expect("a primary label");
        assert_eq!(get("file"), primary["file"].as_str().expect("file"));
        assert_eq!(get("line"), primary["line"].to_string());
        assert_eq!(get("col"), primary["column"].to_string());
        assert_eq!(get("endLine"), primary["end_line"].to_string());
        assert_eq!(get("endColumn"), primary["end_column"].to_string());
        assert!(get("title").starts_with(d["code"].as_str().expect("code")));
        assert!(
            data.starts_with(d["message"].as_str().expect("message")),
            "{data}"
        );
    }
}

#[test]
fn github_escaping_is_githubs() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A directory name with `,` and `:` and a value with `%`.
    let host = dir.path().join("zk,1:a");
    std::fs::create_dir_all(&host).expect("mkdir");
    std::fs::write(
        host.join("zoo.cfg"),
        "dataDir=/var/lib/zk\nclientPort=21%81\n",
    )
    .expect("write");
    let text = stdout(&meslint(dir.path(), &["--format", "github", "."]));
    let line = text
        .lines()
        .find(|l| l.contains("clientPort") || l.contains("21%2581"))
        .unwrap_or_else(|| panic!("a finding on clientPort: {text}"));
    assert!(line.contains("file=zk%2C1%3Aa/zoo.cfg"), "{line}");
    assert!(!line.contains("21%81"), "an unescaped %: {line}");
    let (_, properties, data) = parse_command(line);
    assert!(
        properties
            .iter()
            .any(|(k, v)| k == "file" && v == "zk,1:a/zoo.cfg")
    );
    assert!(data.contains("21%81"), "{data}");
}

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let issues = json_of(&fixture("seed"), "gitlab");
    let issues = issues.as_array().expect("an array");
    assert!(!issues.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for issue in issues {
        assert!(issue["description"].is_string());
        assert!(issue["check_name"].is_string());
        assert!(fingerprints.insert(issue["fingerprint"].as_str().expect("fingerprint")));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().expect("severity"))
        );
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().expect("begin") >= 1);
    }
}

/// The elements of an XML document with their attributes, read by a real XML parser.
fn xml_elements(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .expect("value")
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs,
                ));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> &'a str {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key} in {attrs:?}"))
}

#[test]
fn junit_and_checkstyle_are_xml_with_one_entry_per_diagnostic() {
    let dir = fixture("seed");
    let report = json_of(&dir, "json");
    let count = report["diagnostics"].as_array().expect("diagnostics").len();

    let junit = xml_elements(&stdout(&meslint(&dir, &["--format", "junit", "."])));
    let cases: Vec<_> = junit.iter().filter(|(n, _)| n == "testcase").collect();
    let failures = junit.iter().filter(|(n, _)| n == "failure").count();
    assert_eq!(cases.len(), count);
    assert_eq!(failures, count);
    assert_eq!(attr(&junit[0].1, "failures"), count.to_string());

    let checkstyle = xml_elements(&stdout(&meslint(&dir, &["--format", "checkstyle", "."])));
    let errors: Vec<_> = checkstyle.iter().filter(|(n, _)| n == "error").collect();
    assert_eq!(errors.len(), count);
    for (_, attrs) in errors {
        assert!(["error", "warning", "info"].contains(&attr(attrs, "severity")));
        assert!(attr(attrs, "source").starts_with("meslint."));
        attr(attrs, "line").parse::<usize>().expect("a line number");
    }

    // A clean run is one passing test case.
    let clean = xml_elements(&stdout(&meslint(
        &fixture("ok-ha-cluster"),
        &["--format", "junit", "."],
    )));
    assert_eq!(clean.iter().filter(|(n, _)| n == "testcase").count(), 1);
    assert_eq!(clean.iter().filter(|(n, _)| n == "failure").count(), 0);
}

#[test]
fn concise_is_one_grepable_line_per_diagnostic() {
    let dir = fixture("seed");
    let report = json_of(&dir, "json");
    let text = stdout(&meslint(&dir, &["--format", "concise", "."]));
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(text.lines().count(), diagnostics.len());
    for (line, d) in text.lines().zip(diagnostics) {
        let primary = d["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .find(|l| l["primary"] == true)
            .expect("primary");
        let expected = format!(
            "{}:{}:{}: {}[{}] {}",
            primary["file"].as_str().expect("file"),
            primary["line"],
            primary["column"],
            d["severity"].as_str().expect("severity"),
            d["code"].as_str().expect("code"),
            d["message"].as_str().expect("message"),
        );
        assert_eq!(line, expected);
    }
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("meslint.sarif");
    let output = meslint(
        &fixture("seed"),
        &[
            "--format",
            "sarif",
            "--output-file",
            out.to_str().expect("utf-8"),
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn no_format_prints_a_secret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    for (n, host) in [(1, "zk1"), (2, "zk2"), (3, "zk3")] {
        write(
            &format!("{host}/zoo.cfg"),
            "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n\
             server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n\
             ssl.keyStore.password=KeyStorePw1\n",
        );
        write(&format!("{host}/myid"), &format!("{n}\n"));
    }
    write(
        "m1/mesos-master.sh",
        "#!/bin/sh\nexec mesos-master --zk=zk://admin:ZkPassw0rd@zk1:2181,zk2:2181,zk3:2181/mesos \
         --quorum=1 --work_dir=/var/lib/mesos \
         --credentials='{\"credentials\":[{\"principal\":\"fw\",\"secret\":\"FwSecret9\"}]}'\n",
    );
    write(
        "a1/mesos-agent.sh",
        "#!/bin/sh\nexec mesos-agent --master=zk://other:Zk2Passw0rd@zk1:2181/mesos \
         --work_dir=/var/lib/mesos \
         --credential='{\"principal\":\"agent\",\"secret\":\"AgentSecret7\"}'\n",
    );
    let secrets = [
        "ZkPassw0rd",
        "Zk2Passw0rd",
        "FwSecret9",
        "AgentSecret7",
        "KeyStorePw1",
    ];
    for format in FORMATS {
        for extra in [&[][..], &["--statistics"]] {
            let mut args = vec!["--format", format];
            args.extend(extra);
            args.push(".");
            let output = meslint(dir.path(), &args);
            let text = format!(
                "{}{}",
                stdout(&output),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                !text.is_empty() || format == &"never",
                "{format}: no output"
            );
            for secret in secrets {
                assert!(!text.contains(secret), "{format} leaked {secret}:\n{text}");
            }
        }
    }
    // The cluster did produce findings about those values, so the test sees them masked.
    let report = stdout(&meslint(dir.path(), &["--format", "json", "."]));
    assert!(report.contains("MS112"), "{report}");
}
