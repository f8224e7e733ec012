//! The module's logic on native: whatever files and names a page hands over, the reports are
//! built without a panic (a panic in wasm aborts the page's module), and the UTF-16 offsets
//! stay inside the text they index.
#![cfg(not(target_arch = "wasm32"))]

use meslint_wasm::check::{self, ContentIn, FileIn, Options};
use proptest::prelude::*;

const DIRS: &[&str] = &[
    "",
    "zk1/",
    "zk2/",
    "m1/",
    "node1/etc/",
    "a/b/c/",
    "../",
    "/",
    "é/",
];
const NAMES: &[&str] = &[
    "zoo.cfg",
    "myid",
    "zoo.cfg.dynamic.1",
    "zoo2.cfg",
    "mesos-master.sh",
    "mesos-master.env",
    "mesos/zk",
    "mesos-master/quorum",
    "mesos-slave/master",
    "default/mesos-slave",
    "mesos-agent.service",
    "meslint.toml",
    "notes.txt",
    "data/myid",
];
const PIECES: &[&str] = &[
    "server.1=zk1:2888:3888",
    "server.2=zk2:2888:3888;2181\n",
    "dataDir=/var/lib/zookeeper\n",
    "clientPort=2181\n",
    "mesos-master --zk=zk://u:p@zk1:2181,zk2:2181/mesos --quorum=2 ",
    "mesos-agent --master=zk://zk1:2181/mesos ",
    "MESOS_ZK=zk://zk1:2181/mesos\n",
    "--ip=",
    "1\n",
    "😀",
    "é",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{feff}",
    "\\u00e9",
    "{{ x }}",
    "zookeeper_version = \"3.4\"\n",
    "[hosts.zk1]\naddress = \"10.0.0.1\"\n",
    "\n",
    " ",
    "=",
];

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
            .prop_map(|p| p.concat().into_bytes()),
    ]
}

fn file() -> impl Strategy<Value = FileIn> {
    (
        proptest::sample::select(DIRS),
        proptest::sample::select(NAMES),
        prop_oneof![
            9 => text().prop_map(ContentIn::Bytes),
            1 => Just(ContentIn::Unreadable("permission denied".to_owned())),
        ],
        proptest::bool::weighted(0.1),
    )
        .prop_filter_map("a path", |(dir, name, content, explicit)| {
            let path = check::normalize_path(&format!("{dir}{name}")).ok()?;
            Some(FileIn {
                path,
                content,
                explicit,
            })
        })
}

fn utf16_len(file: &FileIn) -> usize {
    match &file.content {
        ContentIn::Bytes(bytes) => meslint_core::source::decode(bytes).0.encode_utf16().count(),
        ContentIn::Unreadable(_) | ContentIn::Skipped(_) => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reports_never_panic_and_offsets_stay_in_the_text(
        files in proptest::collection::vec(file(), 0..8),
        zk in proptest::option::of(prop_oneof![Just("3.4"), Just("3.5"), Just("3.9")]),
        mesos in proptest::option::of(prop_oneof![Just("1.0"), Just("1.11")]),
        ignore_zk in any::<bool>(),
    ) {
        let ignore = if ignore_zk { vec!["ZK".to_owned()] } else { Vec::new() };
        let options = Options::parse(zk, mesos, Vec::new(), ignore).expect("valid options");
        let report = check::json_report(&files, &options);
        let _ = check::text_report(&files, &options);
        let masked = check::masked(&files);
        prop_assert_eq!(masked.len(), files.len());
        let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
        for diagnostic in diagnostics {
            let code = diagnostic["code"].as_str().expect("code");
            prop_assert!(!(ignore_zk && code.starts_with("ZK")), "{} was ignored", code);
            for label in diagnostic["labels"].as_array().expect("labels") {
                let path = label["file"].as_str().expect("file");
                let start = label["utf16_start"].as_u64().expect("start") as usize;
                let end = label["utf16_end"].as_u64().expect("end") as usize;
                let len = files.iter().find(|f| f.path == path).map_or(0, utf16_len);
                prop_assert!(start <= end && end <= len, "{} {}..{} of {}", path, start, end, len);
            }
        }
    }
}

#[test]
fn the_report_is_the_cli_document_plus_offsets() {
    let files = vec![FileIn {
        path: "zk1/zoo.cfg".to_owned(),
        content: ContentIn::Bytes(b"dataDir=/var/lib/zookeeper\nbogusKey=1\n".to_vec()),
        explicit: false,
    }];
    let report = check::json_report(&files, &Options::default());
    let mut keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["diagnostics", "skipped", "summary", "version"]);
    let unknown_key = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "ZK101")
        .expect("bogusKey is unknown");
    let label = &unknown_key["labels"][0];
    assert_eq!(label["line"], 2);
    assert_eq!(label["utf16_start"], 27);
    assert_eq!(label["utf16_end"], 35);
}
