//! Whatever the bytes, `lint` returns and every renderer renders: no panic, no hang. Inputs are
//! arbitrary bytes and near-miss configs under every file name meslint recognises.

use meslint_core::render::{human, json, overview};
use meslint_core::{Input, Settings, lint};
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "zk1/zoo.cfg",
    "zk1/myid",
    "zk1/zoo.cfg.dynamic.100000000",
    "m1/mesos-master.sh",
    "m1/mesos-master.env",
    "m1/etc/mesos/zk",
    "m1/etc/mesos-master/quorum",
    "a1/etc/default/mesos-slave",
    "a1/mesos-agent.service",
    "meslint.toml",
];

/// Fragments real files are made of, so that generated text reaches deep into the parsers.
const PIECES: &[&str] = &[
    "server.1=",
    "zk1:2888:3888",
    ";2181",
    "|",
    "[::1]",
    "dataDir=",
    "/var/lib/zookeeper",
    "clientPort=",
    "2181",
    "\\u00",
    "\\",
    "\n",
    "\r\n",
    "#",
    "!",
    " ",
    "=",
    ":",
    "\u{feff}",
    "mesos-master ",
    "mesos-agent ",
    "--zk=",
    "zk://u:p@a:2181/mesos,b:2181/mesos",
    "--quorum=",
    "--master=",
    "MESOS_ZK=",
    "export ",
    "'",
    "\"",
    "{{ x }}",
    "{% for %}",
    "<%= @q %>",
    "${X}",
    "--",
    "-ip=",
    "--no-",
    "ExecStart=",
    "group.1=",
    "weight.1=",
    "é",
    "\u{0}",
    "[hosts.a]",
    "dynamicConfigFile=",
    "zoo.cfg.dynamic.1",
    "1",
    "-1",
    "99999999999999999999",
];

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
            .prop_map(|p| p.concat().into_bytes()),
    ]
}

fn files() -> impl Strategy<Value = Vec<(usize, Vec<u8>)>> {
    proptest::collection::vec((0..NAMES.len(), text()), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn lint_and_render_never_panic(files in files(), zk in 4u8..10, mesos in 0u8..12) {
        let inputs = files
            .into_iter()
            .map(|(i, bytes)| Input::file(NAMES[i], bytes))
            .collect();
        let settings = Settings {
            zookeeper: format!("3.{zk}").parse().expect("3.4 to 3.9"),
            mesos: format!("1.{mesos}").parse().expect("1.0 to 1.11"),
            ..Settings::default()
        };
        let report = lint(inputs, &settings);
        let _ = human::render(&report, human::Style::default());
        let _ = json::render(&report, "test");
        let _ = overview::tolerance_text(&overview::tolerance(&report));
        for name in overview::host_names(&report) {
            prop_assert!(overview::host_settings(&report, name).is_some());
        }
        for d in &report.diagnostics {
            prop_assert!(!d.labels.is_empty(), "{} has no label", d.code);
        }
    }
}
