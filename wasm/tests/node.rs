//! The exported API as JavaScript calls it, run in node by wasm-bindgen-test-runner
//! (`scripts/test-wasm.sh`). Hostile arguments must throw, never abort the module.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, JSON, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .expect("the test's JavaScript runs")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("an object")
}

fn codes(report: &JsValue) -> Vec<String> {
    Array::from(&get(report, "diagnostics"))
        .iter()
        .map(|d| get(&d, "code").as_string().expect("a code"))
        .collect()
}

fn message(error: JsValue) -> String {
    get(&error, "message").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn lint_reports_codes_and_utf16_offsets() {
    let files = js(r##"[
        {path: "zk1/zoo.cfg", text: "# 😀 café\ntickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\nbogusKey=1\n"},
    ]"##);
    let report = meslint_wasm::lint(files, JsValue::UNDEFINED).expect("lints");
    assert!(
        codes(&report).contains(&"ZK101".to_owned()),
        "{:?}",
        codes(&report)
    );
    let diagnostic = Array::from(&get(&report, "diagnostics"))
        .iter()
        .find(|d| get(d, "code").as_string().as_deref() == Some("ZK101"))
        .expect("ZK101");
    let label = Array::from(&get(&diagnostic, "labels")).get(0);
    assert_eq!(
        get(&label, "file").as_string().as_deref(),
        Some("zk1/zoo.cfg")
    );
    assert_eq!(get(&label, "line").as_f64(), Some(5.0));
    // "# 😀 café\n" is 10 UTF-16 units (the emoji is two), then 14 + 27 + 16 for three lines.
    assert_eq!(get(&label, "utf16_start").as_f64(), Some(67.0));
    assert_eq!(
        get(&get(&report, "summary"), "files").as_f64(),
        Some(1.0),
        "the summary is the CLI's"
    );
}

#[wasm_bindgen_test]
fn versions_and_rule_selection_apply() {
    // ZooKeeper 3.4 rejects the 3.5-style `;2181` client port of a server line (ZK201).
    let files = js(
        r#"[{path: "zk1/zoo.cfg", text: "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\nserver.1=zk1:2888:3888;2181\n"}]"#,
    );
    let v34 = meslint_wasm::lint(files.clone(), js(r#"{zookeeperVersion: "3.4"}"#)).expect("3.4");
    assert!(
        codes(&v34).contains(&"ZK201".to_owned()),
        "{:?}",
        codes(&v34)
    );
    let v38 = meslint_wasm::lint(files.clone(), js(r#"{zookeeperVersion: "3.8"}"#)).expect("3.8");
    assert!(
        !codes(&v38).contains(&"ZK201".to_owned()),
        "{:?}",
        codes(&v38)
    );
    let ignored = meslint_wasm::lint(
        files.clone(),
        js(r#"{zookeeperVersion: "3.4", ignore: ["ZK2"]}"#),
    )
    .expect("ignore");
    assert!(codes(&ignored).iter().all(|c| !c.starts_with("ZK2")));
    assert_eq!(
        get(&get(&ignored, "summary"), "errors").as_f64(),
        Some(0.0),
        "the summary counts what is kept"
    );
    let selected = meslint_wasm::lint(files, js(r#"{zookeeperVersion: "3.4", select: ["ZK201"]}"#))
        .expect("select");
    assert_eq!(codes(&selected), vec!["ZK201".to_owned()]);
}

#[wasm_bindgen_test]
fn hostile_arguments_throw_and_the_module_lives_on() {
    let cases = [
        ("42", "undefined"),
        ("null", "undefined"),
        ("{length: 3}", "undefined"),
        ("[1, 2]", "undefined"),
        ("[{}]", "undefined"),
        (r#"[{path: 7, text: ""}]"#, "undefined"),
        (r#"[{path: "", text: ""}]"#, "undefined"),
        (r#"[{path: "./", text: ""}]"#, "undefined"),
        (r#"[{path: "a\u0000b", text: ""}]"#, "undefined"),
        (r#"[{path: "zk1/zoo.cfg"}]"#, "undefined"),
        (
            r#"[{path: "zk1/zoo.cfg", text: "", bytes: new Uint8Array(1)}]"#,
            "undefined",
        ),
        (r#"[{path: "zk1/zoo.cfg", text: 5}]"#, "undefined"),
        (r#"[{path: "zk1/zoo.cfg", bytes: [1, 2]}]"#, "undefined"),
        (
            r#"[{path: "zk1/zoo.cfg", text: "", explicit: "yes"}]"#,
            "undefined",
        ),
        (
            r#"[{get path() { throw new Error("no") }, text: ""}]"#,
            "undefined",
        ),
        (r#"[{path: "zk1/zoo.cfg", text: ""}]"#, "7"),
        (
            r#"[{path: "zk1/zoo.cfg", text: ""}]"#,
            r#"{zookeeperVersion: "3.10"}"#,
        ),
        (
            r#"[{path: "zk1/zoo.cfg", text: ""}]"#,
            r#"{mesosVersion: 1.5}"#,
        ),
        (r#"[{path: "zk1/zoo.cfg", text: ""}]"#, r#"{select: "ZK"}"#),
        (
            r#"[{path: "zk1/zoo.cfg", text: ""}]"#,
            r#"{ignore: ["NOPE"]}"#,
        ),
        (
            r#"[{path: "zk1/zoo.cfg", text: ""}]"#,
            r#"{get select() { throw 1 }}"#,
        ),
    ];
    for (files, options) in cases {
        let error = meslint_wasm::lint(js(files), js(options))
            .map(|_| ())
            .expect_err(&format!("lint({files}, {options}) must throw"));
        let text = message(JsValue::from(error));
        assert!(
            !text.is_empty(),
            "lint({files}, {options}) threw without a message"
        );
        assert!(
            meslint_wasm::render_text(js(files), js(options)).is_err(),
            "renderText({files}, {options}) must throw too"
        );
    }
    // Odd but valid input is linted, not refused.
    let odd = js(r#"[
        {path: "../../etc/zoo.cfg", text: "\u0000\u0001\uffff\ud800"},
        {path: "zk1/myid", bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x31])},
        {path: "m1/mesos-master.sh", text: "mesos-master " + "--zk=zk://".repeat(5000)},
        {path: "zk1/zoo.cfg", text: "server.1=" + ":".repeat(100000)},
        {path: "zk2/zoo.cfg", unreadable: "permission denied"},
        {path: "big/zoo.cfg", text: "x".repeat(17 * 1024 * 1024)},
        {path: "zk1/zoo.cfg", text: "duplicate path"},
        {path: "notes.txt", text: "hello", explicit: true},
    ]"#);
    let report = meslint_wasm::lint(odd.clone(), JsValue::NULL).expect("odd input is linted");
    let found = codes(&report);
    assert!(found.contains(&"ML001".to_owned()), "{found:?}");
    assert!(found.contains(&"ML003".to_owned()), "{found:?}");
    assert!(meslint_wasm::render_text(odd, JsValue::NULL).is_ok());
    // And the module still answers.
    let again = meslint_wasm::lint(
        js(r#"[{path: "zk1/zoo.cfg", text: "bogus=1\n"}]"#),
        JsValue::UNDEFINED,
    )
    .expect("the module survived");
    assert!(codes(&again).contains(&"ZK101".to_owned()));
}

#[wasm_bindgen_test]
fn rules_explain_and_version() {
    let rules = Array::from(&meslint_wasm::rules().expect("rules"));
    assert!(rules.length() > 100);
    let first = rules.get(0);
    assert!(
        get(&first, "summary")
            .as_string()
            .is_some_and(|s| !s.is_empty())
    );
    let doc = meslint_wasm::explain("zk101").expect("ZK101 is documented");
    assert!(doc.contains("ZK101"), "{doc}");
    assert_eq!(meslint_wasm::explain("NOPE999"), None);
    assert_eq!(meslint_wasm::version(), env!("CARGO_PKG_VERSION"));
    assert!(meslint_wasm::is_candidate("zk1/zoo.cfg"));
    assert!(!meslint_wasm::is_candidate("expected.snap"));
    assert!(!meslint_wasm::is_candidate(""));
}

#[wasm_bindgen_test]
fn render_text_is_the_human_report() {
    let files = js(r#"[{path: "zk1/zoo.cfg", text: "dataDir=/var/lib/zookeeper\nbogusKey=1\n"}]"#);
    let text = meslint_wasm::render_text(files, JsValue::UNDEFINED).expect("renders");
    assert!(text.contains("ZK101"), "{text}");
    assert!(text.contains("zk1/zoo.cfg:2"), "{text}");
    let summary = text.lines().last().unwrap_or_default();
    assert!(summary.starts_with("1 file checked: "), "{text}");
}

#[wasm_bindgen_test]
fn secrets_are_masked_for_share_links() {
    let files = js(r#"[
        {path: "m1/mesos-master.sh", text: "mesos-master --zk=zk://alice:s3cret@zk1:2181/mesos --quorum=1 --work_dir=/var/lib/mesos\n"},
        {path: "notes.txt", text: "password=hunter2"},
    ]"#);
    let masked = Array::from(&meslint_wasm::mask_secrets(files).expect("masks"));
    let script = get(&masked.get(0), "text")
        .as_string()
        .expect("read by meslint");
    assert!(!script.contains("s3cret"), "{script}");
    assert!(script.contains("zk1:2181/mesos"), "{script}");
    assert!(
        get(&masked.get(1), "text").is_null(),
        "a file meslint does not read is left out"
    );
    let json = JSON::stringify(&masked.into())
        .expect("json")
        .as_string()
        .unwrap_or_default();
    assert!(!json.contains("s3cret"));
}
