//! End-to-end checks of the Mesos rules on whole command lines and files: known mistakes must
//! be found, and clean configurations must stay silent.

use crate::catalog::mesos::Role;
use crate::diagnostic::Severity;
use crate::parse::mesos_env::EnvKind;
use crate::rules::mesos::testing::{codes, lint_env, lint_script};

/// A setup guide's master line: a path after every ZooKeeper host and an empty `--ip=`.
const GUIDE_MASTER: &str = "* `./build/bin/mesos-master.sh --zk=zk://192.168.232.191:2181/mesos,192.168.232.192:2181/mesos,192.168.232.193:2181/mesos --port=5050 --log_dir=/var/log/mesos --cluster=test-cluster --quorum=2 --work_dir=/var/lib/mesos --ip=`\n";

/// The same guide's agent block.
const GUIDE_AGENT: &str = "````\nmkdir -p /var/lib/mesos/agent\n./mesos-agent.sh --work_dir=/var/lib/mesos/agent --master=zk://192.168.232.191:2181/mesos,192.168.232.192:2181/mesos,192.168.232.193:2181/mesos --log_dir=/var/log/mesos/agent --logging_level=ERROR --containerizers=docker,mesos\n````\n";

/// The per-process Mesos codes only: cluster-wide rules may add their own findings.
fn mesos_codes(d: &[crate::diagnostic::Diagnostic]) -> Vec<(&'static str, &'static str)> {
    codes(d)
        .into_iter()
        .filter(|(c, _)| c.starts_with("MS"))
        .collect()
}

#[test]
fn guide_master_line() {
    let text = format!("## Master\n{GUIDE_MASTER}\n{GUIDE_AGENT}");
    let d = lint_script(&text, 11);
    let path = d
        .iter()
        .filter(|d| d.code == "MS301")
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>();
    assert_eq!(
        path,
        // The same URL in the master's `--zk` and the agent's `--master`: one mistake.
        vec![
            "a zk URL has a path after every host: Mesos uses only `192.168.232.191:2181` and loses `192.168.232.192:2181`, `192.168.232.193:2181`",
        ]
    );
    let ip = d.iter().find(|d| d.code == "MS103").expect("empty --ip");
    assert_eq!(ip.severity, Severity::Error);
    assert_eq!(ip.message, "`--ip` is empty");
    let span = ip.primary_span().expect("span");
    assert!(span.is_empty());
    assert_eq!(&text[span.start as usize - 5..span.start as usize], "--ip=");
}

#[test]
fn clean_configurations_are_silent() {
    let scripts = [
        "mesos-master --zk=zk://zk1:2181,zk2:2181,zk3:2181/mesos --quorum=2 --work_dir=/var/lib/mesos --log_dir=/var/log/mesos --ip=10.0.0.1 --cluster=prod --logging_level=WARNING",
        "exec /usr/sbin/mesos-agent --master=zk://zk1:2181,zk2:2181,zk3:2181/mesos --work_dir=/var/lib/mesos --containerizers=mesos,docker --isolation=cgroups/cpu,cgroups/mem,filesystem/linux,docker/runtime --image_providers=docker --executor_registration_timeout=5mins",
        "ExecStart=/usr/bin/mesos-master \\\n  --zk=zk://u:p@zk1:2181/mesos \\\n  --quorum=1 \\\n  --work_dir=/var/lib/mesos\n",
    ];
    for text in scripts {
        let d = lint_script(text, 11);
        let loud: Vec<_> = d
            .iter()
            .filter(|d| d.code.starts_with("MS") && d.severity > Severity::Info)
            .collect();
        assert!(loud.is_empty(), "{text}: {loud:?}");
    }
    let env = "MESOS_ZK=zk://zk1:2181,zk2:2181,zk3:2181/mesos\nMESOS_QUORUM=2\nMESOS_WORK_DIR=/var/lib/mesos\nMESOS_MASTER=zk://zk1:2181/mesos\n";
    let d = lint_env(env, EnvKind::Shell, Role::Master, 11);
    assert!(
        d.iter()
            .all(|d| !d.code.starts_with("MS") || d.severity == Severity::Info),
        "{:?}",
        codes(&d)
    );
}

#[test]
fn templates_are_unknown_not_wrong() {
    let text =
        "mesos-master --zk={{ mesos_zk }} --quorum={{ quorum }} --work_dir=<%= @dir %> --ip=${IP}";
    let d = lint_script(text, 11);
    // Only the cluster-level note that one template cannot tell how many masters there are.
    assert!(d.iter().all(|d| d.code == "CM106"), "{:?}", codes(&d));
}

#[test]
fn secrets_never_reach_messages() {
    let text = "mesos-agent --work_dir=/w --master=zk://admin:s3cr3t@zk1:2181/mesos,zk2:2181/mesos --credential={\"principal\":\"a\",\"secret\":\"s3cr3t\"}";
    let d = lint_script(text, 11);
    assert!(d.iter().any(|d| d.code == "MS301"));
    assert!(d.iter().any(|d| d.code == "MS112"));
    for diagnostic in &d {
        let mut texts = vec![diagnostic.message.clone()];
        texts.extend(diagnostic.help.clone());
        texts.extend(diagnostic.labels.iter().map(|l| l.message.clone()));
        for t in texts {
            assert!(!t.contains("s3cr3t"), "{t}");
        }
    }
}

#[test]
fn single_dash_zk_leaves_the_quorum_alone() {
    let d = lint_script(
        "mesos-master -zk=zk://a:2181/mesos --quorum=2 --work_dir=/var/lib/mesos",
        11,
    );
    assert_eq!(
        mesos_codes(&d),
        vec![("MS005", "warning"), ("MS205", "warning")]
    );
}

#[test]
fn version_dependent_containerizers() {
    let text = "mesos-agent --work_dir=/w --master=h:5050 --containerizers=mesos,external";
    assert!(!lint_script(text, 0).iter().any(|d| d.code == "MS401"));
    assert!(lint_script(text, 1).iter().any(|d| d.code == "MS401"));
    let dup = "mesos-agent --work_dir=/w --master=h:5050 --containerizers=mesos,mesos";
    assert!(lint_script(dup, 11).iter().any(|d| d.code == "MS401"));
}

#[test]
fn every_mesos_rule_is_registered_in_code_order() {
    let codes: Vec<_> = crate::rules::ALL
        .iter()
        .filter(|r| r.code.starts_with("MS"))
        .map(|r| r.code)
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted);
    assert!(codes.len() >= 30, "{}", codes.len());
    for rule in crate::rules::ALL
        .iter()
        .filter(|r| r.code.starts_with("MS"))
    {
        for section in [
            "## What it finds",
            "## Why it matters",
            "## How to fix",
            "## Example",
        ] {
            assert!(rule.docs.contains(section), "{} lacks {section}", rule.code);
        }
        assert!(rule.summary().ends_with('.'), "{}", rule.code);
    }
}

#[test]
fn docker_image_default_command_beats_the_environment() {
    let compose = "master:\n  image: mesosphere/mesos-master:1.0.1\n  environment:\n    MESOS_ZK: zk://zk1:2181/mesos\n    MESOS_QUORUM: 1\n    MESOS_REGISTRY: replicated_log\n    MESOS_WORK_DIR: /var/lib/mesos\n";
    let d = lint_script(compose, 11);
    // One finding: the registry the image's CMD forces, with the ignored variable as a label.
    assert_eq!(mesos_codes(&d), vec![("MS206", "warning")], "{d:?}");
    let ms206 = d.iter().find(|d| d.code == "MS206").expect("MS206");
    assert!(
        ms206.message.contains("MESOS_REGISTRY=replicated_log"),
        "{ms206:?}"
    );
    assert_eq!(ms206.labels.len(), 2, "{ms206:?}");
    let with_command = format!("{compose}  command: --registry=replicated_log\n");
    let d = lint_script(&with_command, 11);
    assert!(d.iter().all(|d| d.code != "MS206"), "{d:?}");
}

mod never_panics {
    use crate::catalog::mesos::Role;
    use crate::parse::mesos_env::EnvKind;
    use crate::rules::mesos::testing::{lint_env, lint_script};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn whole_pipeline_on_scripts(args in "[-a-z_=:/,.@ 0-9\"'\\\\$]{0,120}") {
            let _ = lint_script(&format!("mesos-master {args}"), 11);
            let _ = lint_script(&format!("mesos-agent {args}"), 0);
        }

        #[test]
        fn whole_pipeline_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..300)) {
            let (text, _) = crate::source::decode(&b);
            let _ = lint_script(&text, 11);
            let _ = lint_env(&text, EnvKind::Shell, Role::Agent, 5);
        }

        #[test]
        fn flags_with_arbitrary_values(
            name in "(zk|master|quorum|ip|port|isolation|containerizers|image_providers|work_dir|logging_level|registry|agent_ping_timeout|gc_disk_headroom|credential)",
            value in "\\PC{0,40}",
        ) {
            let _ = lint_env(&format!("MESOS_{}={value:?}\n", name.to_uppercase()), EnvKind::Shell, Role::Master, 11);
            let _ = lint_script(&format!("mesos-agent --{name}={value:?}"), 11);
        }
    }
}

/// One input per rule that must trigger it, with the expected severity.
#[test]
fn every_rule_fires_on_its_example() {
    const A: &str = "mesos-agent --work_dir=/var/lib/mesos --master=zk://zk1:2181/mesos";
    const M: &str = "mesos-master --work_dir=/var/lib/mesos --zk=zk://zk1:2181/mesos --quorum=1";
    let cases: Vec<(String, u8, &str, Severity)> = vec![
        (format!("{A} --bogus=1"), 11, "MS001", Severity::Error),
        (
            format!("MESOS_ISOLATOR=x {A}"),
            11,
            "MS001",
            Severity::Warning,
        ),
        (
            format!("{A} --port=1 --port=2"),
            11,
            "MS002",
            Severity::Error,
        ),
        (format!("{M} --quorum 2"), 11, "MS003", Severity::Error),
        (format!("{A} --no-port"), 11, "MS004", Severity::Error),
        (format!("{A} -port=1"), 11, "MS005", Severity::Warning),
        (format!("{A} -- --port=1"), 11, "MS006", Severity::Warning),
        (
            format!("MESOS_PORT=1 {A} --port=2"),
            11,
            "MS007",
            Severity::Info,
        ),
        (format!("{A} --PORT=1"), 11, "MS008", Severity::Info),
        (format!("{A} --port=5050x"), 11, "MS101", Severity::Error),
        (format!("{A} --port=-1"), 11, "MS102", Severity::Warning),
        (format!("{A} --port="), 11, "MS103", Severity::Error),
        (format!("{A} --hostname="), 11, "MS103", Severity::Warning),
        (format!("{A} --ip=node1"), 11, "MS104", Severity::Error),
        (
            format!("{M} --ip=127.0.0.1"),
            11,
            "MS104",
            Severity::Warning,
        ),
        (
            format!("{A} --recover=restart"),
            11,
            "MS105",
            Severity::Error,
        ),
        (
            format!("{M} --offer_timeout=0secs"),
            11,
            "MS106",
            Severity::Error,
        ),
        (
            format!("{M} --registry_strict=true"),
            11,
            "MS107",
            Severity::Error,
        ),
        (
            format!("{M} --log_dir=logs"),
            11,
            "MS108",
            Severity::Warning,
        ),
        (
            "mesos-master --work_dir=/w --zk=zk://zk1:2181/mesos --quorum=0".to_owned(),
            11,
            "MS109",
            Severity::Warning,
        ),
        (
            format!("{A} --port=file:///etc/port"),
            11,
            "MS110",
            Severity::Info,
        ),
        (
            format!("{M} --role_sorter=random"),
            11,
            "MS111",
            Severity::Error,
        ),
        (
            format!("{A} --credential='principal secret'"),
            11,
            "MS112",
            Severity::Warning,
        ),
        (
            format!("{A} --attributes=rack"),
            11,
            "MS113",
            Severity::Error,
        ),
        (format!("{A} --modules='{{'"), 11, "MS114", Severity::Error),
        (
            format!("{A} --volume_gid_range=10000-20000"),
            11,
            "MS116",
            Severity::Error,
        ),
        (
            format!(
                "{A} --default_container_dns='{{\"docker\":[{{\"network_mode\":\"HOST\",\"dns\":{{}}}}]}}'"
            ),
            11,
            "MS117",
            Severity::Error,
        ),
        (
            "mesos-agent --master=zk://zk1:2181/mesos --quiet".to_owned(),
            11,
            "MS201",
            Severity::Error,
        ),
        (
            format!("{A} --ip=10.0.0.1 --ip_discovery_command=x"),
            11,
            "MS202",
            Severity::Error,
        ),
        (
            format!("{A} --csi_plugin_config_dir=/x"),
            10,
            "MS203",
            Severity::Error,
        ),
        (
            format!("{M} --slave_ping_timeout=15secs"),
            11,
            "MS204",
            Severity::Warning,
        ),
        (
            "mesos-master --work_dir=/w --quorum=2".to_owned(),
            11,
            "MS205",
            Severity::Warning,
        ),
        (
            format!("{M} --registry=in_memory"),
            11,
            "MS206",
            Severity::Warning,
        ),
        (
            format!("{M} --authenticate_agents"),
            11,
            "MS207",
            Severity::Warning,
        ),
        (
            format!("{M} --authenticate_http_readwrite"),
            11,
            "MS207",
            Severity::Error,
        ),
        (
            "mesos-slave --work_dir=/w --master=h:5050".to_owned(),
            11,
            "MS208",
            Severity::Info,
        ),
        (
            "mesos-master --work_dir=/w --zk=zk://a:2181/m,b:2181/m --quorum=1".to_owned(),
            11,
            "MS301",
            Severity::Error,
        ),
        (
            "mesos-master --work_dir=/w --zk=zk://a:2181 --quorum=1".to_owned(),
            11,
            "MS302",
            Severity::Error,
        ),
        (
            "mesos-agent --work_dir=/w --master=zk://a/mesos".to_owned(),
            11,
            "MS303",
            Severity::Error,
        ),
        (
            "mesos-master --work_dir=/w --zk=a:2181/mesos --quorum=1".to_owned(),
            11,
            "MS304",
            Severity::Error,
        ),
        (
            "mesos-agent --work_dir=/w --master=zk://a:2181,/mesos".to_owned(),
            11,
            "MS305",
            Severity::Warning,
        ),
        (
            "mesos-agent --work_dir=/w --master=zk:///mesos".to_owned(),
            11,
            "MS305",
            Severity::Error,
        ),
        (
            "mesos-agent --work_dir=/w --master=10.0.0.1".to_owned(),
            11,
            "MS306",
            Severity::Error,
        ),
        (
            "mesos-agent --work_dir=/w --master=10.0.0.1:5050".to_owned(),
            11,
            "MS307",
            Severity::Info,
        ),
        (
            format!("{A} --containerizers=rkt"),
            11,
            "MS401",
            Severity::Error,
        ),
        (
            format!("{A} --isolation=posix/memory"),
            11,
            "MS402",
            Severity::Error,
        ),
        (
            format!("{A} --isolation=process"),
            11,
            "MS403",
            Severity::Warning,
        ),
        (
            format!("{A} --containerizers=docker --isolation=cgroups/cpu"),
            11,
            "MS404",
            Severity::Warning,
        ),
        (
            format!("{A} --image_providers=docker"),
            11,
            "MS405",
            Severity::Error,
        ),
        (
            format!("{A} --launcher=posix --isolation=namespaces/pid"),
            11,
            "MS406",
            Severity::Error,
        ),
        (
            format!("{A} --isolation=gpu/nvidia"),
            11,
            "MS407",
            Severity::Error,
        ),
        (
            format!(
                "{A} --isolation=linux/capabilities --effective_capabilities='{{\"capabilities\":[\"NET_RAW\",\"SYS_ADMIN\"]}}' --bounding_capabilities='{{\"capabilities\":[\"NET_RAW\"]}}'"
            ),
            11,
            "MS408",
            Severity::Error,
        ),
        (
            format!("{A} --nvidia_gpu_devices=0,1"),
            11,
            "MS409",
            Severity::Error,
        ),
        (
            format!("{A} --isolation=cgroups/cpu,namespaces/pid"),
            11,
            "MS410",
            Severity::Error,
        ),
    ];
    for (text, minor, code, severity) in &cases {
        let d = lint_script(text, *minor);
        assert!(
            d.iter().any(|d| d.code == *code && d.severity == *severity),
            "{text}: expected {code} {severity:?}, got {:?}",
            codes(&d)
        );
    }
    // MS009 is raised by the flag-file reader (see `parse::mesos_flag_file`), MS115 and MS118
    // while the files of a host are read (see `build::mesos`; their fixtures are
    // `MS115-crlf-line-ends` and `MS118-byte-order-mark`), MS010 needs an environment file
    // named for one daemon (`MS010-flag-for-other-daemon`).
    let mut covered: Vec<&str> = cases.iter().map(|c| c.2).collect();
    covered.extend(["MS009", "MS010", "MS115", "MS118"]);
    for rule in crate::rules::ALL
        .iter()
        .filter(|r| r.code.starts_with("MS"))
    {
        assert!(covered.contains(&rule.code), "{} has no example", rule.code);
    }
}

#[test]
fn package_layout_defaults_are_not_missing_flags() {
    let with_quorum = lint_layout(&[
        (Some(Role::Master), "ip", "10.0.0.1\n"),
        (Some(Role::Master), "quorum", "2\n"),
        (None, "zk", "zk://zk1:2181,zk2:2181,zk3:2181/mesos\n"),
        (Some(Role::Master), "zk~", "zk://old:2181/mesos\n"),
    ]);
    let unknown = with_quorum
        .iter()
        .find(|d| d.code == "MS001")
        .expect("editor leftover");
    assert_eq!(unknown.message, "`zk~` is not a mesos-master flag");
    assert_eq!(unknown.help.as_deref(), Some("did you mean `zk`?"));
    assert!(
        with_quorum.iter().all(|d| d.code != "MS201"),
        "{:?}",
        codes(&with_quorum)
    );
    let without_quorum = lint_layout(&[
        (Some(Role::Master), "ip", "10.0.0.1\n"),
        (None, "zk", "zk://zk1:2181,zk2:2181,zk3:2181/mesos\n"),
    ]);
    let missing: Vec<_> = without_quorum
        .iter()
        .filter(|d| d.code == "MS201")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(missing, vec!["master with `--zk` but without `--quorum`"]);
}

/// Lints one master built from flag files `(directory role, name, content)`.
fn lint_layout(files: &[(Option<Role>, &str, &str)]) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::model::{Cluster, Host};
    use crate::parse::Sink;
    use crate::parse::mesos_flag_file::parse_mesos_flag_file;
    use crate::parse::mesos_loader::resolve;
    use crate::rules::{self, Context};
    use crate::settings::Settings;
    use crate::source::SourceMap;

    let settings = Settings::default();
    let mut map = SourceMap::new();
    let mut sink = Sink::default();
    let mut problems = crate::model::problems::Problems::default();
    let mut sources = Vec::new();
    for (role, name, text) in files {
        let id = map.add(name, text.as_bytes());
        let mut source = parse_mesos_flag_file(id, *role, name, text, &settings, &mut sink);
        problems.mesos.append(&mut source.problems);
        sources.push(source);
    }
    let mut master = resolve(Role::Master, &sources, &settings, &mut sink);
    problems.mesos.append(&mut master.problems);
    assert_eq!(master.zk().map(|z| z.hosts.len()), Some(3));
    let cluster = Cluster {
        hosts: vec![Host {
            name: "m1".into(),
            zookeeper: vec![],
            mesos: vec![master],
            ..Host::default()
        }],
        problems,
        ..Cluster::default()
    };
    rules::run(&Context::new(&cluster, &settings))
}

/// What Mesos's flag loader refuses or drops (the `MS0xx` rules), end to end.
mod loader {
    use crate::catalog::mesos::Role;
    use crate::parse::mesos_env::EnvKind;
    use crate::rules::mesos::testing::{codes, lint_env, lint_script};

    const AGENT: &str = "mesos-agent --work_dir=/var/lib/mesos --master=10.0.0.1:5050";
    const MASTER: &str = "mesos-master --work_dir=/var/lib/mesos";

    /// Only the loader's own codes (MS0xx).
    fn loader_codes(text: &str) -> Vec<(&'static str, &'static str)> {
        codes(&lint_script(text, 11))
            .into_iter()
            .filter(|(c, _)| c.starts_with("MS0"))
            .collect()
    }

    #[test]
    fn command_line_forms_of_section_one() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // `--name=value`, value may hold `=` or be empty (for strings).
            (" --default_role=a=b", &[]),
            (" --hostname=", &[]),
            // `--name` alone: booleans only.
            (" --switch_user", &[]),
            (" --recover", &[("MS003", "error")]),
            // `--no-name`: booleans only, never with a value (empty is fine).
            (" --no-switch_user", &[]),
            (" --no-switch_user=", &[]),
            (" --no-recover", &[("MS004", "error")]),
            (" --no-switch_user=false", &[("MS004", "error")]),
            // `--name value`.
            (" --recover cleanup", &[("MS003", "error")]),
            (" --switch_user false", &[("MS003", "warning")]),
            // Single dash and stray words are skipped.
            (" -ip=10.0.0.2", &[("MS005", "warning")]),
            (" stray", &[("MS005", "warning")]),
            // `--` ends the flags.
            (" -- --quiet", &[("MS006", "warning")]),
            // Names are lower-cased; `-` and `_` are not interchangeable.
            (" --Quiet", &[("MS008", "info")]),
            (" --work-dir=/x", &[("MS001", "error")]),
            // Unknown, duplicate, alias with canonical, `--x` with `--no-x`.
            (" --bogus=1", &[("MS001", "error")]),
            (" --port=1 --port=2", &[("MS002", "error")]),
            (
                " --slave_subsystems=cpu --agent_subsystems=cpu",
                &[("MS002", "error")],
            ),
            (" --quiet --no-quiet", &[("MS002", "error")]),
        ];
        for (args, want) in cases {
            let text = format!("{AGENT}{args}");
            assert_eq!(loader_codes(&text), *want, "{text}");
        }
    }

    #[test]
    fn environment_rules_of_section_one() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Same name in env and CLI: the CLI wins silently (info).
            ("MESOS_PORT=1 {AGENT} --port=2", &[("MS007", "info")]),
            // Alias in env, canonical on the CLI: error.
            (
                "MESOS_SLAVE_SUBSYSTEMS=cpu {AGENT} --agent_subsystems=cpu",
                &[("MS002", "error")],
            ),
            // Env true, CLI `--no-`: different names, error.
            (
                "MESOS_SWITCH_USER=true {AGENT} --no-switch_user",
                &[("MS002", "error")],
            ),
            // Unknown env var: ignored (warning); known to the other daemon: nothing.
            (
                "MESOS_ISOLATOR=cgroups/cpu {AGENT}",
                &[("MS001", "warning")],
            ),
            ("MESOS_QUORUM=2 {AGENT}", &[]),
            // Variables that scripts and bindings use, not flags: nothing.
            ("MESOS_HOME=/opt/mesos {AGENT}", &[]),
            (
                "MESOS_NATIVE_JAVA_LIBRARY=/usr/lib/libmesos.so {AGENT}",
                &[],
            ),
            // `MESOS_NO_FOO` negates nothing: it is flag `no_foo`.
            ("MESOS_NO_SWITCH_USER=1 {AGENT}", &[("MS001", "warning")]),
            // Case of the suffix does not matter.
            ("MESOS_work_dir=/w mesos-agent --master=h:5050", &[]),
        ];
        for (template, want) in cases {
            let text = template.replace("{AGENT}", AGENT);
            assert_eq!(loader_codes(&text), *want, "{text}");
        }
    }

    #[test]
    fn env_files_merge_like_the_environment() {
        let text = "MESOS_QUORUM=2\nMESOS_quorum=3\nMESOS_ZK=zk://a:2181/m\n";
        let got = codes(&lint_env(text, EnvKind::Shell, Role::Master, 11));
        assert!(got.contains(&("MS002", "warning")), "{got:?}");
    }

    #[test]
    fn unknown_flag_suggests_a_name() {
        let diagnostics = lint_script(&format!("{MASTER} --qourum=2"), 11);
        let d = diagnostics
            .iter()
            .find(|d| d.code == "MS001")
            .expect("unknown flag");
        assert_eq!(d.message, "`--qourum` is not a mesos-master flag");
        assert_eq!(d.help.as_deref(), Some("did you mean `--quorum`?"));
    }

    #[test]
    fn wrapper_variable_and_flag_file_collide() {
        use crate::model::mesos::{MesosProblem, Role};
        use crate::parse::Sink;
        use crate::parse::mesos_flag_file::parse_mesos_flag_file;
        use crate::parse::mesos_loader::resolve;
        use crate::settings::Settings;
        use crate::source::SourceMap;
        let settings = Settings::default();
        let mut map = SourceMap::new();
        let mut sink = Sink::default();
        let defaults = "ZK=`cat /etc/mesos/zk`\nPORT=5050\n";
        let d = map.add("etc/default/mesos-master", defaults.as_bytes());
        let env = crate::parse::mesos_env::parse_mesos_env(
            d,
            defaults,
            EnvKind::InitDefaults,
            &settings,
            &mut sink,
        );
        let z = map.add("etc/mesos/zk", b"zk://a:2181/mesos\n");
        let zk = parse_mesos_flag_file(z, None, "zk", "zk://a:2181/mesos\n", &settings, &mut sink);
        let p = map.add("etc/mesos-master/port", b"5050\n");
        let port = parse_mesos_flag_file(
            p,
            Some(Role::Master),
            "port",
            "5050\n",
            &settings,
            &mut sink,
        );
        let process = resolve(Role::Master, &[env, zk, port], &settings, &mut sink);
        assert_eq!(
            process.zk().map(|u| u.path.value.as_str()),
            Some("/mesos"),
            "the zk file feeds ZK="
        );
        let dup: Vec<_> = process
            .problems
            .iter()
            .filter_map(|p| match p {
                MesosProblem::DuplicateFlag { later, first, .. } => {
                    Some((first.display.as_str(), later.display.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(dup, [("PORT", "port")], "{:?}", process.problems);
    }
}

/// Cases of `flag_unavailable_in_version`.
mod flag_unavailable_in_version {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn versions() {
        let text = "mesos-master --work_dir=/w --role_sorter=drf --framework_sorter=drf";
        assert!(lint_script(text, 6).iter().any(|d| d.code == "MS203"));
        assert!(!lint_script(text, 7).iter().any(|d| d.code == "MS203"));
        let agent = "mesos-agent --work_dir=/w --master=h:5050 --containerizer_path=/x";
        assert!(!lint_script(agent, 0).iter().any(|d| d.code == "MS203"));
        assert!(lint_script(agent, 1).iter().any(|d| d.code == "MS203"));
    }
}

/// Cases of `flag_value_out_of_range`.
mod flag_value_out_of_range {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn ranges() {
        let cases = [
            (
                "mesos-master --work_dir=/w --agent_reregister_timeout=5mins",
                true,
            ),
            (
                "mesos-master --work_dir=/w --agent_reregister_timeout=10mins",
                false,
            ),
            (
                "mesos-master --work_dir=/w --agent_ping_timeout=20mins",
                true,
            ),
            (
                "mesos-master --work_dir=/w --max_agent_ping_timeouts=0",
                true,
            ),
            (
                "mesos-agent --work_dir=/w --master=h:5050 --gc_disk_headroom=10",
                true,
            ),
            (
                "mesos-agent --work_dir=/w --master=h:5050 --registration_backoff_factor=2mins",
                true,
            ),
        ];
        for (text, bad) in cases {
            let d = lint_script(text, 11);
            assert_eq!(d.iter().any(|d| d.code == "MS106"), bad, "{text}");
        }
    }
}

/// Cases of `filesystem_linux_required`.
mod filesystem_linux_required {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn isolators_that_need_filesystem_linux() {
        let base = "mesos-agent --work_dir=/w --master=h:5050 --isolation=";
        let cases = [
            ("cgroups/cpu,namespaces/pid", 11, 1),
            ("volume/host_path,volume/secret", 11, 1),
            (
                "filesystem/linux,namespaces/pid,volume/image,volume/csi",
                11,
                0,
            ),
            ("cgroups/cpu,volume/sandbox_path,docker/volume", 11, 0),
            ("namespaces/pid", 1, 0),
        ];
        for (list, minor, n) in cases {
            let d = lint_script(&format!("{base}{list}"), minor);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS410").count(),
                n,
                "{list} on 1.{minor}: {d:?}"
            );
        }
    }
}

/// Cases of `gpu_flags_disagree`.
mod gpu_flags_disagree {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn devices_resources_and_isolation() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let gpu = "--isolation=filesystem/linux,cgroups/devices,gpu/nvidia";
        let cases = [
            (
                format!("{gpu} --resources='cpus:8;gpus:2' --nvidia_gpu_devices=0,1"),
                None,
            ),
            (gpu.to_owned(), None),
            (format!("{gpu} --resources=gpus:0"), None),
            (
                "--nvidia_gpu_devices=0,1".to_owned(),
                Some("without `gpu/nvidia`"),
            ),
            (
                "--isolation=cgroups/devices --nvidia_gpu_devices=0".to_owned(),
                Some("without `gpu/nvidia`"),
            ),
            // Without the isolator `gpus` is passed through as it is.
            ("--resources=gpus:2".to_owned(), None),
            (
                format!("{gpu} --nvidia_gpu_devices=0,1"),
                Some("without `gpus`"),
            ),
            (
                format!("{gpu} --resources=gpus:2"),
                Some("without `--nvidia_gpu_devices`"),
            ),
            (
                format!("{gpu} --resources=gpus:0 --nvidia_gpu_devices=0"),
                Some("`gpus:0`"),
            ),
            (
                format!("{gpu} --resources=gpus:1.5 --nvidia_gpu_devices=0"),
                Some("whole number"),
            ),
            (
                format!("{gpu} --resources=gpus:2 --nvidia_gpu_devices=0,0"),
                Some("twice"),
            ),
            (
                format!("{gpu} --resources='gpus(*):4' --nvidia_gpu_devices=0,1"),
                Some("lists 2 devices"),
            ),
            (
                format!("{gpu} --resources='gpus:1;gpus:1' --nvidia_gpu_devices=0,1"),
                None,
            ),
        ];
        for (args, expected) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            let found: Vec<_> = d.iter().filter(|d| d.code == "MS409").collect();
            match expected {
                None => assert!(found.is_empty(), "{args}: {found:?}"),
                Some(part) => {
                    assert_eq!(found.len(), 1, "{args}: {d:?}");
                    assert!(
                        found[0].message.contains(part),
                        "{args}: {}",
                        found[0].message
                    );
                }
            }
        }
    }
}

/// Cases of `image_providers_requirements`.
mod image_providers_requirements {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn requirements() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let cases = [
            (
                "--image_providers=docker --isolation=filesystem/linux,docker/runtime",
                0,
            ),
            ("--image_providers=docker --isolation=filesystem/linux", 1),
            ("--image_providers=docker", 2),
            ("--image_providers=appc,oci --isolation=filesystem/linux", 1),
            (
                "--image_providers=appc --isolation=filesystem/linux --launcher=posix",
                1,
            ),
        ];
        for (args, n) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS405").count(),
                n,
                "{args}: {d:?}"
            );
        }
    }
}

/// Cases of `capabilities_outside_bounding_set`.
mod capabilities_outside_bounding_set {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn effective_within_bounding() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let caps = |names: &str| format!("'{{\"capabilities\":[{names}]}}'");
        let raw_admin = caps("\"NET_RAW\",\"SYS_ADMIN\"");
        let raw = caps("\"NET_RAW\"");
        let cases = [
            (
                format!(
                    "--isolation=linux/capabilities --effective_capabilities={raw_admin} --bounding_capabilities={raw}"
                ),
                1,
            ),
            (
                format!(
                    "--isolation=linux/capabilities --allowed_capabilities={raw_admin} --bounding_capabilities={raw}"
                ),
                1,
            ),
            (
                format!(
                    "--isolation=linux/capabilities --effective_capabilities={raw} --bounding_capabilities={raw_admin}"
                ),
                0,
            ),
            (
                format!("--isolation=linux/capabilities --effective_capabilities={raw_admin}"),
                0,
            ),
            (
                format!(
                    "--isolation=cgroups/cpu --effective_capabilities={raw_admin} --bounding_capabilities={raw}"
                ),
                0,
            ),
            (
                format!(
                    "--isolation=linux/capabilities --effective_capabilities=file:///etc/caps.json --bounding_capabilities={raw}"
                ),
                0,
            ),
        ];
        for (args, n) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS408").count(),
                n,
                "{args}: {d:?}"
            );
        }
    }
}

/// Cases of `conflicting_flags`.
mod conflicting_flags {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn port_policies_of_network_ports() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let range = "--container_ports_isolated_range=[30000-40000]";
        let cases = [
            (
                format!("--isolation=network/ports --check_agent_port_range_only {range}"),
                1,
            ),
            (
                format!("--isolation=network/ports --check_agent_port_range_only=false {range}"),
                0,
            ),
            (format!("--isolation=network/ports {range}"), 0),
            (
                format!("--isolation=cgroups/cpu --check_agent_port_range_only {range}"),
                0,
            ),
        ];
        for (args, n) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS202").count(),
                n,
                "{args}: {d:?}"
            );
        }
    }
}

/// Cases of `linux_launcher_required`.
mod linux_launcher_required {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn isolators_that_refuse_the_posix_launcher() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let cases = [
            ("--launcher=posix --isolation=network/ports", 1),
            // One finding for the launcher, with a label on each isolator.
            (
                "--launcher=posix --isolation=volume/host_path,volume/secret",
                1,
            ),
            (
                "--launcher=posix --isolation=cgroups/cpu,volume/sandbox_path",
                0,
            ),
            (
                "--launcher=linux --isolation=network/ports,volume/host_path",
                0,
            ),
            ("--isolation=filesystem/linux,volume/secret", 0),
        ];
        for (args, n) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS406").count(),
                n,
                "{args}: {d:?}"
            );
        }
    }
}

/// Cases of `malformed_range`.
mod malformed_range {
    use crate::diagnostic::Severity;
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn ranges_as_the_agent_reads_them() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let ports = "--isolation=network/ports --container_ports_isolated_range=";
        let xfs = "--isolation=disk/xfs --xfs_project_range=";
        let cases: [(String, Option<Severity>); 13] = [
            ("--volume_gid_range=[10000-20000]".into(), None),
            ("--volume_gid_range=[100-200,300-400]".into(), None),
            (
                "--volume_gid_range=10000-20000".into(),
                Some(Severity::Error),
            ),
            ("--volume_gid_range=10000".into(), Some(Severity::Error)),
            (
                "--volume_gid_range=[10000-20000".into(),
                Some(Severity::Error),
            ),
            ("--volume_gid_range=[10000-x]".into(), Some(Severity::Error)),
            (
                "--volume_gid_range=[20000-10000]".into(),
                Some(Severity::Warning),
            ),
            (format!("{ports}[30000-40000]"), None),
            (format!("{ports}[30000-70000]"), Some(Severity::Error)),
            // Without the isolator the flag is never read.
            ("--container_ports_isolated_range=30000".into(), None),
            (format!("{xfs}[5000-10000]"), None),
            (format!("{xfs}[0-10000]"), Some(Severity::Error)),
            ("--xfs_project_range=5000".into(), None),
        ];
        for (args, expected) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            let found: Vec<_> = d.iter().filter(|d| d.code == "MS116").collect();
            assert_eq!(
                found.len(),
                usize::from(expected.is_some()),
                "{args}: {d:?}"
            );
            if let Some(severity) = expected {
                assert_eq!(found[0].severity, severity, "{args}");
            }
        }
    }
}

/// Cases of `invalid_choice`.
mod invalid_choice {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn logging_level_is_case_sensitive() {
        let d = lint_script("mesos-master --work_dir=/w --logging_level=info", 11);
        let found = d.iter().find(|d| d.code == "MS105").expect("reported");
        assert_eq!(
            found.help.as_deref(),
            Some("write `INFO`: the value is case-sensitive")
        );
        assert!(
            found.labels[0]
                .message
                .starts_with("'info' is not a valid logging level.")
        );
    }
}

/// Cases of `invalid_container_dns`.
mod invalid_container_dns {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn container_dns_as_the_validator_reads_it() {
        let base = "mesos-agent --work_dir=/w --master=h:5050 --default_container_dns=";
        let dns = r#""dns": {"nameservers": ["8.8.8.8"]}"#;
        let cases = [
            (
                format!(
                    r#"{{"mesos": [{{"network_mode": "CNI", "network_name": "net1", {dns}}}, {{"network_mode": "CNI", {dns}}}], "docker": [{{"network_mode": "BRIDGE", {dns}}}, {{"network_mode": "USER", "network_name": "net1", {dns}}}]}}"#
                ),
                None,
            ),
            ("file:///etc/mesos/dns.json".to_owned(), None),
            (
                format!(r#"{{"docker": [{{"network_mode": "HOST", {dns}}}]}}"#),
                Some("HOST network"),
            ),
            (
                format!(r#"{{"mesos": [{{{dns}}}]}}"#),
                Some("UNKNOWN network mode"),
            ),
            (
                format!(r#"{{"mesos": [{{"network_mode": "BRIDGE", {dns}}}]}}"#),
                Some("not a network mode of `mesos`"),
            ),
            (
                r#"{"mesos": [{"network_mode": "CNI"}]}"#.to_owned(),
                Some("no `dns`"),
            ),
            (
                format!(r#"{{"mesos": {{"network_mode": "CNI", {dns}}}}}"#),
                Some("not a list"),
            ),
            (
                format!(
                    r#"{{"mesos": [{{"network_mode": "CNI", "network_name": "a", {dns}}}, {{"network_mode": "CNI", "network_name": "a", {dns}}}]}}"#
                ),
                Some("network `a`"),
            ),
            (
                format!(
                    r#"{{"docker": [{{"network_mode": "BRIDGE", {dns}}}, {{"network_mode": "BRIDGE", {dns}}}]}}"#
                ),
                Some("bridge"),
            ),
            (
                format!(
                    r#"{{"docker": [{{"network_mode": "USER", {dns}}}, {{"network_mode": "USER", {dns}}}]}}"#
                ),
                Some("without a name"),
            ),
        ];
        for (value, expected) in cases {
            let text = format!("{base}'{value}'");
            let d = lint_script(&text, 11);
            let found: Vec<_> = d.iter().filter(|d| d.code == "MS117").collect();
            match expected {
                None => assert!(found.is_empty(), "{value}: {found:?}"),
                Some(part) => {
                    assert_eq!(found.len(), 1, "{value}: {d:?}");
                    assert!(
                        found[0].message.contains(part),
                        "{value}: {}",
                        found[0].message
                    );
                }
            }
        }
    }
}

/// Cases of `invalid_flag_value`.
mod invalid_flag_value {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn bad_values_are_errors_with_mesos_text() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let cases = [
            (
                "--executor_registration_timeout=5m",
                "Unknown duration unit 'm'",
            ),
            ("--fetcher_cache_size=2048", "Invalid bytes '2048'"),
            ("--switch_user=yes", "Expecting a boolean"),
            ("--gc_disk_headroom=nan", "Failed to convert"),
            ("--port=70000", "Failed to convert"),
        ];
        for (arg, why) in cases {
            let d = lint_script(&format!("{base} {arg}"), 11);
            let found = d.iter().find(|d| d.code == "MS101").expect(arg);
            assert!(found.labels[0].message.starts_with(why), "{arg}: {found:?}");
        }
        let fine = lint_script(&format!("{base} --executor_registration_timeout=5mins"), 11);
        assert!(fine.iter().all(|d| d.code != "MS101"));
    }
}

/// Cases of `invalid_isolator`.
mod invalid_isolator {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn isolators() {
        let base = "mesos-agent --work_dir=/w --master=h:5050 --isolation=";
        let cases = [
            ("cgroups/cpu,cgroups/mem", 11, 0),
            ("cgroups/cpu,cgroups/memory", 11, 1),
            ("cgroups/cpu,cgroups/cpu", 11, 1),
            ("filesystem/linux,filesystem/posix", 11, 1),
            ("filesystem/linux,filesystem/posix", 4, 0),
            ("cgroups/all", 6, 1),
            ("external", 0, 0),
            ("external", 1, 1),
            ("network/cni,network/ports", 11, 0),
            ("cgroups,docker/runtime", 5, 1),
            ("cgroups,docker/runtime", 6, 0),
        ];
        for (list, minor, n) in cases {
            let d = lint_script(&format!("{base}{list}"), minor);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS402").count(),
                n,
                "{list} on 1.{minor}: {d:?}"
            );
        }
    }
}

/// Cases of `invalid_json_value`.
mod invalid_json_value {
    use crate::rules::mesos::testing::{codes, lint_script};

    #[test]
    fn json_values() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let cases = [
            (
                "--executor_environment_variables='{\"PATH\": \"/bin\"}'",
                vec![],
            ),
            (
                "--executor_environment_variables='{\"PATH\": \"/bin\",}'",
                vec![("MS114", "error")],
            ),
            ("--acls=/etc/mesos/acls.json", vec![("MS114", "warning")]),
            ("--acls=file:///etc/mesos/acls.json", vec![]),
        ];
        for (args, want) in cases {
            let got: Vec<_> = codes(&lint_script(&format!("{base} {args}"), 11))
                .into_iter()
                .filter(|(c, _)| *c == "MS114")
                .collect();
            assert_eq!(got, want, "{args}");
        }
    }
}

/// Cases of `malformed_resources`.
mod malformed_resources {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn entries() {
        let base = "mesos-agent --work_dir=/w --master=h:5050";
        let cases = [
            ("--attributes='rack:r1;zone:a'", 0),
            ("--attributes=rack=r1", 1),
            ("--resources='cpus:4;mem:8192;ports(*):[31000-32000]'", 0),
            ("--resources='cpus(role):4;disk:{a:1}'", 0),
            ("--resources=cpus=4", 1),
            ("--resources='cpus:4:5'", 1),
        ];
        for (args, n) in cases {
            let d = lint_script(&format!("{base} {args}"), 11);
            assert_eq!(d.iter().filter(|d| d.code == "MS113").count(), n, "{args}");
        }
    }
}

/// Cases of `missing_required_flag`.
mod missing_required_flag {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn required_flags() {
        let cases = [
            ("mesos-agent --master=h:5050", 1),
            ("mesos-agent --work_dir=/w", 1),
            ("mesos-agent --quiet", 2),
            ("mesos-agent", 0),
            ("mesos-agent --help", 0),
            ("MESOS_ZK=zk://a:2181/m mesos-agent --work_dir=/w", 1),
            ("mesos-agent --work_dir=/w --master=h:5050", 0),
            ("mesos-agent \"$@\"", 0),
            ("mesos-master --zk=zk://a:2181/m --work_dir=/w", 1),
            ("mesos-master --quiet", 1),
            ("mesos-master --registry=in_memory", 0),
            (
                "mesos-master --zk=zk://a:2181/m --work_dir=/w --quorum=2",
                0,
            ),
            // Written without `=`: MS003's finding, not a missing flag.
            (
                "mesos-master --zk=zk://a:2181/m --work_dir=/w --quorum 2",
                0,
            ),
            ("mesos-agent --master=h:5050 --work_dir /w", 0),
            (
                "mesos-agent --master=h:5050 --work_dir=/w --isolation=filesystem/linux,linux/seccomp",
                1,
            ),
            (
                "mesos-agent --master=h:5050 --work_dir=/w --isolation=linux/seccomp --seccomp_config_dir=/etc/mesos/seccomp",
                0,
            ),
        ];
        for (text, n) in cases {
            let d = lint_script(text, 11);
            assert_eq!(
                d.iter().filter(|d| d.code == "MS201").count(),
                n,
                "{text}: {d:?}"
            );
        }
    }
}

/// Cases of `zk_url_path_per_host`.
mod zk_url_path_per_host {
    use crate::rules::mesos::testing::lint_script;

    #[test]
    fn names_the_lost_hosts() {
        let d = lint_script(
            "mesos-agent --work_dir=/w --master=zk://a:2181/mesos,b:2181/mesos,c:2181/mesos",
            11,
        );
        let found = d.iter().find(|d| d.code == "MS301").expect("reported");
        assert_eq!(
            found.message,
            "a zk URL has a path after every host: Mesos uses only `a:2181` and loses `b:2181`, `c:2181`"
        );
        assert_eq!(
            found.help.as_deref(),
            Some("write the path once, after all hosts: `zk://a:2181,b:2181,c:2181/mesos`")
        );
    }
}

#[test]
fn an_image_named_mesos_slave_is_no_old_binary_name() {
    let fires = |text: &str| {
        codes(&lint_script(text, 11))
            .iter()
            .any(|(c, _)| *c == "MS208")
    };
    assert!(!fires(
        "docker run -d --net=host cmssw/mesos-slave --master=zk://zk1:2181/mesos --work_dir=/w\n"
    ));
    assert!(!fires(
        "services:\n  agent:\n    image: cmssw/mesos-slave\n    command: --master=zk://zk1:2181/mesos --work_dir=/w\n"
    ));
    // A program path is the binary itself.
    assert!(fires(
        "exec /usr/sbin/mesos-slave --master=zk://zk1:2181/mesos --work_dir=/w\n"
    ));
}
