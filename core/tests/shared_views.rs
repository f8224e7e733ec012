//! The cross-host views rules share (the ensemble, host identities, the masters, the zk URLs)
//! are built once per run, however many rules read them.

use meslint_core::rules::{self, Context};
use meslint_core::{Input, Settings, lint};

/// Three ZooKeeper servers, three masters and an agent: every cross-host rule has work to do.
fn cluster() -> Vec<Input> {
    let zoo_cfg = "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\n\
                   clientPort=2181\nserver.1=zk1:2888:3888\nserver.2=zk2:2888:3888\n\
                   server.3=zk3:2888:3888\n";
    let mut inputs = Vec::new();
    for n in 1..=3 {
        inputs.push(Input::file(
            format!("zk{n}/etc/zookeeper/conf/zoo.cfg"),
            zoo_cfg.as_bytes().to_vec(),
        ));
        inputs.push(Input::file(
            format!("zk{n}/var/lib/zookeeper/myid"),
            format!("{n}\n").into_bytes(),
        ));
        inputs.push(Input::file(
            format!("m{n}/mesos-master.env"),
            b"MESOS_ZK=zk://zk1:2181,zk2:2181,zk3:2181/mesos\nMESOS_QUORUM=2\n\
              MESOS_WORK_DIR=/var/lib/mesos\n"
                .to_vec(),
        ));
    }
    inputs.push(Input::file(
        "a1/mesos-agent.env",
        b"MESOS_MASTER=zk://zk1:2181,zk2:2181,zk3:2181/mesos\nMESOS_WORK_DIR=/var/lib/mesos\n"
            .to_vec(),
    ));
    inputs
}

#[test]
fn each_view_is_built_once_per_run() {
    let report = lint(cluster(), &Settings::default());
    let context = Context::new(&report.model, &report.settings);
    let mut diagnostics = rules::run(&context);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let builds = context.builds();
    assert_eq!(
        (
            builds.ensemble,
            builds.identities,
            builds.masters,
            builds.zk_urls
        ),
        (1, 1, 1, 1),
        "every view is read by several rules and built once: {builds:?}"
    );
    // The same run as `lint`'s own: the views change how often work is done, not what is found.
    assert_eq!(diagnostics, report.diagnostics);
}
