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
        vec![
            "`--zk` has a path after every host: Mesos uses only `192.168.232.191:2181` and loses `192.168.232.192:2181`, `192.168.232.193:2181`",
            "`--master` has a path after every host: Mesos uses only `192.168.232.191:2181` and loses `192.168.232.192:2181`, `192.168.232.193:2181`",
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
        let loud: Vec<_> = d.iter().filter(|d| d.severity > Severity::Info).collect();
        assert!(loud.is_empty(), "{text}: {loud:?}");
    }
    let env = "MESOS_ZK=zk://zk1:2181,zk2:2181,zk3:2181/mesos\nMESOS_QUORUM=2\nMESOS_WORK_DIR=/var/lib/mesos\nMESOS_MASTER=zk://zk1:2181/mesos\n";
    let d = lint_env(env, EnvKind::Shell, Role::Master, 11);
    assert!(
        d.iter().all(|d| d.severity == Severity::Info),
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
    assert_eq!(codes(&d), vec![("MS005", "warning"), ("MS205", "warning")]);
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
