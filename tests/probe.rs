//! The `--probe` tier: real ZooKeeper servers from Debian's `zookeeper` package on loopback,
//! a meslint cluster written to match them, and `meslint --probe` run against both.
//!
//! Each server gets its own loopback address (127.0.0.11-13 for the ensemble, like three
//! machines with the usual ports 2181/2888/3888; distinct free ports when those are taken).
//! Every Java process is owned by a [`Server`] guard that kills it on drop, so a failing
//! assertion never leaves one behind. Waits poll `srvr` with a bounded deadline.
//! `MESLINT_SKIP_PROBE=1` skips the tier where the jars are missing.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use zookeeper_client as zk;

const JARS: &[&str] = &[
    "/usr/share/java/zookeeper.jar",
    "/usr/share/java/slf4j-simple.jar",
];

/// How long a server may take to come up (a JVM on a busy two-core machine).
const START_LIMIT: Duration = Duration::from_secs(90);

/// One running ZooKeeper server; killed when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `java ... QuorumPeerMain zoo.cfg` with the data directory under `run`.
    fn start(run: &Path, name: &str, config: &str, myid: Option<u32>) -> Self {
        let dir = run.join(name);
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        if let Some(id) = myid {
            std::fs::write(data.join("myid"), format!("{id}\n")).expect("myid");
        }
        let cfg = dir.join("zoo.cfg");
        std::fs::write(&cfg, format!("{config}dataDir={}\n", data.display())).expect("zoo.cfg");
        let log = std::fs::File::create(dir.join("server.log")).expect("log");
        let child = Command::new("java")
            .args(["-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"])
            .arg("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
            .arg("-cp")
            .arg(JARS.join(":"))
            .arg("org.apache.zookeeper.server.quorum.QuorumPeerMain")
            .arg(&cfg)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("java starts");
        Server { child }
    }
}

/// Asks `srvr` once; `None` when nothing answers.
fn srvr(address: SocketAddr) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_millis(500)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream.write_all(b"srvr").ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    Some(text)
}

fn mode(address: SocketAddr) -> Option<String> {
    srvr(address)?
        .lines()
        .find_map(|l| l.strip_prefix("Mode: ").map(str::to_owned))
}

/// Polls until `done` holds, at most [`START_LIMIT`]; on failure shows the servers' logs.
fn wait_for(run: &Path, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        if start.elapsed() > START_LIMIT {
            let mut logs = String::new();
            for entry in std::fs::read_dir(run).into_iter().flatten().flatten() {
                let text =
                    std::fs::read_to_string(entry.path().join("server.log")).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(15).collect();
                logs.push_str(&format!("--- {:?}\n", entry.file_name()));
                logs.extend(tail.into_iter().rev().map(|l| format!("{l}\n")));
            }
            panic!("{what} did not happen within {START_LIMIT:?}\n{logs}");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn skip() -> bool {
    if JARS.iter().all(|j| Path::new(j).exists()) {
        return false;
    }
    if std::env::var("MESLINT_SKIP_PROBE").is_ok_and(|v| v == "1") {
        eprintln!("probe: skipped (no ZooKeeper jars; MESLINT_SKIP_PROBE=1)");
        return true;
    }
    panic!(
        "the ZooKeeper jars are missing ({JARS:?}): run scripts/setup.sh, \
         or set MESLINT_SKIP_PROBE=1 to skip this tier"
    );
}

fn free(address: &str, port: u16) -> bool {
    TcpListener::bind((address, port)).is_ok()
}

/// The ports for servers on `addresses`: 2181/2888/3888 when free on all, else distinct free
/// ports (the same on every address, so the configs still look alike).
fn ports(addresses: &[&str]) -> (u16, u16, u16) {
    let usual = (2181, 2888, 3888);
    if addresses
        .iter()
        .all(|a| free(a, usual.0) && free(a, usual.1) && free(a, usual.2))
    {
        return usual;
    }
    let mut picked = Vec::new();
    for _ in 0..3 {
        let port = (20000..40000)
            .find(|p| !picked.contains(p) && addresses.iter().all(|a| free(a, *p)))
            .expect("a free port");
        picked.push(port);
    }
    (picked[0], picked[1], picked[2])
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
    std::fs::write(path, text).expect("write");
}

fn meslint(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_meslint"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run meslint");
    (output, start.elapsed())
}

/// `meslint --probe --format json`, parsed; asserts meslint did not crash.
fn probe_json(dir: &Path, extra: &[&str]) -> (Value, String, Duration) {
    let mut args = vec!["check", "--probe", "--format", "json"];
    if !extra.contains(&"--probe-timeout") {
        args.extend(["--probe-timeout", "1s"]);
    }
    args.extend_from_slice(extra);
    let (output, elapsed) = meslint(dir, &args);
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "meslint exited {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let json: Value = serde_json::from_str(&text).expect("JSON output");
    (json, text, elapsed)
}

fn codes(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn messages<'a>(json: &'a Value, code: &str) -> Vec<&'a str> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["message"].as_str().unwrap_or(""))
        .collect()
}

fn server<'a>(json: &'a Value, address: &str) -> &'a Value {
    json["probe"]["servers"]
        .as_array()
        .expect("probe.servers")
        .iter()
        .find(|s| s["address"] == address)
        .unwrap_or_else(|| panic!("{address} not probed: {}", json["probe"]))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs a ZooKeeper call until it gets past a lost connection, as every ZooKeeper client must:
/// on a loaded machine a freshly elected ensemble may still drop a connection or two. Bounded
/// by attempts; any other error fails the test at once.
async fn retrying<T, F, Fut>(what: &str, mut call: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, zk::Error>>,
{
    for _ in 0..40 {
        match call().await {
            Ok(value) => return value,
            Err(zk::Error::ConnectionLoss | zk::Error::Timeout) => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(other) => panic!("{what}: {other}"),
        }
    }
    panic!("{what}: the connection was lost 40 times")
}

/// MasterInfo JSON as a Mesos 1.x master writes it into its `json.info_` znode.
fn master_info(ip: &str, port: u16) -> Vec<u8> {
    format!(
        r#"{{"address":{{"hostname":"{ip}","ip":"{ip}","port":{port}}},"hostname":"{ip}","id":"{ip}-{port}","pid":"master@{ip}:{port}","port":{port},"version":"1.11.0"}}"#
    )
    .into_bytes()
}

fn master(ip: &str, zk: &str, quorum: u32) -> String {
    format!(
        "mesos-master --zk={zk} --quorum={quorum} --ip={ip} --hostname={ip} \
         --work_dir=/var/lib/mesos --cluster=probe\n"
    )
}

/// A three-server ensemble; one follower, then the leader, are killed between probes.
#[test]
fn ensemble_then_one_server_down_then_the_leader_down() {
    if skip() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let (run, cluster) = (tmp.path().join("run"), tmp.path().join("cluster"));
    let addresses = ["127.0.0.11", "127.0.0.12", "127.0.0.13"];
    let (client, quorum, election) = ports(&addresses);
    // One zoo.cfg for all three, as in production; each server binds its client port on the
    // address of its own line (the 3.5+ `;address:port` form).
    let mut config = "tickTime=500\ninitLimit=10\nsyncLimit=5\nadmin.enableServer=false\n\
                      4lw.commands.whitelist=srvr,ruok\n"
        .to_owned();
    for (i, a) in addresses.iter().enumerate() {
        config.push_str(&format!(
            "server.{}={a}:{quorum}:{election};{a}:{client}\n",
            i + 1
        ));
    }
    let url_hosts: Vec<String> = addresses.iter().map(|a| format!("{a}:{client}")).collect();
    let url = format!("zk://{}/mesos", url_hosts.join(","));
    for i in 0..addresses.len() {
        let host = format!("zk{}", i + 1);
        write(
            &cluster,
            &format!("{host}/zoo.cfg"),
            &format!("{config}dataDir=/var/lib/zookeeper\n"),
        );
        write(&cluster, &format!("{host}/myid"), &format!("{}\n", i + 1));
        let ip = format!("127.0.0.3{}", i + 1);
        write(
            &cluster,
            &format!("m{}/mesos-master.sh", i + 1),
            &master(&ip, &url, 2),
        );
    }
    let sockets: Vec<SocketAddr> = addresses
        .iter()
        .map(|a| format!("{a}:{client}").parse().expect("address"))
        .collect();
    let mut servers: Vec<Option<Server>> = addresses
        .iter()
        .enumerate()
        .map(|(i, _)| {
            Some(Server::start(
                &run,
                &format!("zk{}", i + 1),
                &config,
                Some(i as u32 + 1),
            ))
        })
        .collect();
    wait_for(&run, "a leader and two followers", || {
        let modes: Vec<_> = sockets.iter().map(|s| mode(*s)).collect();
        modes
            .iter()
            .filter(|m| m.as_deref() == Some("leader"))
            .count()
            == 1
            && modes
                .iter()
                .filter(|m| m.as_deref() == Some("follower"))
                .count()
                == 2
    });

    // Mesos masters register under /mesos: two configured ones and a stray one.
    let rt = runtime();
    let zk_client = rt.block_on(async {
        let hosts = url_hosts.join(",");
        let client = retrying("a session", || zk::Client::connect(&hosts)).await;
        let persistent = zk::CreateMode::Persistent.with_acls(zk::Acls::anyone_all());
        retrying("/mesos", || async {
            match client.create("/mesos", b"", &persistent).await {
                Err(zk::Error::NodeExists) => Ok(()),
                other => other.map(|_| ()),
            }
        })
        .await;
        let ephemeral = zk::CreateMode::EphemeralSequential.with_acls(zk::Acls::anyone_all());
        for (ip, port) in [
            ("127.0.0.31", 5050),
            ("127.0.0.32", 5050),
            ("127.0.0.39", 5050),
        ] {
            let info = master_info(ip, port);
            retrying("json.info_", || {
                client.create("/mesos/json.info_", &info, &ephemeral)
            })
            .await;
        }
        client
    });

    // 1. All up.
    let (json, _, _) = probe_json(&cluster, &[]);
    let found = codes(&json);
    let leaders = sockets
        .iter()
        .filter(|s| server(&json, &s.to_string())["mode"] == "leader")
        .count();
    assert_eq!(leaders, 1, "one leader: {}", json["probe"]);
    for s in &sockets {
        let result = server(&json, &s.to_string());
        assert_eq!(result["status"], "answered");
        assert_eq!(result["version"], "3.8.0");
        assert!(result["zxid"].as_str().is_some_and(|z| z.starts_with("0x")));
    }
    for absent in [
        "PR001", "PR002", "PR003", "PR004", "PR005", "PR006", "PR101", "PR104",
    ] {
        assert!(!found.contains(&absent.to_owned()), "{absent} in {found:?}");
    }
    let registration = messages(&json, "PR103");
    assert!(
        registration.iter().any(|m| m.contains("`127.0.0.39:5050`")),
        "the stray master is reported: {registration:?}"
    );
    assert!(
        registration.iter().any(|m| m.contains("the master on m3")),
        "the unregistered master m3 is reported: {registration:?}"
    );
    assert!(
        !registration
            .iter()
            .any(|m| m.contains("127.0.0.31") || m.contains("on m1")),
        "m1 is registered as configured: {registration:?}"
    );
    let session = &json["probe"]["sessions"][0];
    assert_eq!(session["status"], "read");
    assert_eq!(
        session["registered_masters"].as_array().map(Vec::len),
        Some(3)
    );

    // The target release differs from the running one.
    let (json, _, _) = probe_json(&cluster, &["--zookeeper-version", "3.7"]);
    let version = messages(&json, "PR006");
    assert_eq!(version.len(), 1, "{version:?}");
    assert!(version[0].contains("3 servers run ZooKeeper 3.8.0") && version[0].contains("3.7"));

    // 2. A follower down; two of the three masters stop (their znodes go).
    let follower = (0..3)
        .find(|i| mode(sockets[*i]).as_deref() == Some("follower"))
        .expect("a follower");
    rt.block_on(async {
        let children = retrying("children", || zk_client.list_children("/mesos")).await;
        for child in children
            .iter()
            .filter(|c| c.starts_with("json.info_"))
            .skip(1)
        {
            let path = format!("/mesos/{child}");
            retrying("delete", || async {
                match zk_client.delete(&path, None).await {
                    Err(zk::Error::NoNode) => Ok(()),
                    other => other,
                }
            })
            .await;
        }
    });
    servers[follower] = None;
    let (json, _, _) = probe_json(&cluster, &[]);
    let down = sockets[follower].to_string();
    assert_eq!(server(&json, &down)["status"], "unreachable");
    let unreachable = messages(&json, "PR001");
    assert_eq!(unreachable.len(), 1, "{unreachable:?}");
    assert!(unreachable[0].contains(&down) && unreachable[0].contains("connection refused"));
    assert!(
        !codes(&json).contains(&"PR004".to_owned()),
        "a leader remains"
    );
    let below = messages(&json, "PR104");
    assert_eq!(below.len(), 1, "{below:?}");
    assert!(below[0].contains("1 Mesos master is registered") && below[0].contains("--quorum=2"));

    // 3. The leader down too: the last server runs without quorum.
    let leader = (0..3)
        .find(|i| *i != follower && mode(sockets[*i]).as_deref() == Some("leader"))
        .expect("the leader");
    drop(zk_client);
    drop(rt);
    servers[leader] = None;
    let last = (0..3)
        .find(|i| *i != follower && *i != leader)
        .expect("one left");
    wait_for(&run, "the last server to stop serving", || {
        srvr(sockets[last]).is_some_and(|t| t.contains("not currently serving"))
    });
    let (json, _, _) = probe_json(&cluster, &[]);
    assert_eq!(
        server(&json, &sockets[last].to_string())["status"],
        "not_serving"
    );
    assert_eq!(messages(&json, "PR001").len(), 2);
    let leaderless = messages(&json, "PR004");
    assert_eq!(leaderless.len(), 1, "{:?}", codes(&json));
    assert!(
        leaderless[0].contains("1 of 3 servers answer"),
        "{leaderless:?}"
    );
    assert!(
        !messages(&json, "PR101").is_empty(),
        "no session through a server without quorum: {:?}",
        codes(&json)
    );
    drop(servers);
}

/// One standalone server where the config says ensemble, one that refuses `srvr`, digest
/// credentials, a missing path, and credentials that never show.
#[test]
fn standalone_servers_credentials_and_paths() {
    if skip() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let (run, cluster) = (tmp.path().join("run"), tmp.path().join("cluster"));
    let ensemble = ["127.0.0.41", "127.0.0.42", "127.0.0.43"];
    let (client, quorum, election) =
        ports(&["127.0.0.41", "127.0.0.42", "127.0.0.43", "127.0.0.21"]);
    // The configuration: a three-server ensemble ...
    let mut config = format!("tickTime=2000\ninitLimit=10\nsyncLimit=5\nclientPort={client}\n");
    for (i, a) in ensemble.iter().enumerate() {
        config.push_str(&format!("server.{}={a}:{quorum}:{election}\n", i + 1));
    }
    for i in 1..=3 {
        write(
            &cluster,
            &format!("zk{i}/zoo.cfg"),
            &format!("{config}dataDir=/var/lib/zookeeper\n"),
        );
        write(&cluster, &format!("zk{i}/myid"), &format!("{i}\n"));
    }
    // ... and a separate standalone server, whose whitelist does not list `srvr`.
    let lone_config = format!(
        "tickTime=2000\nclientPort={client}\nclientPortAddress=127.0.0.21\n\
         admin.enableServer=false\n4lw.commands.whitelist=ruok\n"
    );
    write(
        &cluster,
        "lone/zoo.cfg",
        &format!("{lone_config}dataDir=/var/lib/zookeeper\n"),
    );
    let good = "mesos:s3cret-pw";
    let wrong = "mesos:wrong-pw";
    let zk1 = format!("127.0.0.41:{client}");
    let lone = format!("127.0.0.21:{client}");
    write(
        &cluster,
        "m1/mesos-master.sh",
        &master("127.0.0.31", &format!("zk://{good}@{zk1}/mesos"), 2),
    );
    write(
        &cluster,
        "a1/mesos-agent.sh",
        &format!("mesos-agent --master=zk://{wrong}@{zk1}/mesos --work_dir=/var/lib/mesos\n"),
    );
    write(
        &cluster,
        "a2/mesos-agent.sh",
        &format!(
            "mesos-agent --master=zk://{zk1},{lone}/mesos-elsewhere --work_dir=/var/lib/mesos\n"
        ),
    );
    // Only zk1 runs, started with a zoo.cfg without server lines: standalone.
    let zk1_socket: SocketAddr = zk1.parse().expect("address");
    let lone_socket: SocketAddr = lone.parse().expect("address");
    let _zk1 = Server::start(
        &run,
        "zk1",
        &format!(
            "tickTime=2000\nclientPort={client}\nclientPortAddress=127.0.0.41\nadmin.enableServer=false\n"
        ),
        None,
    );
    let _lone = Server::start(&run, "lone", &lone_config, None);
    wait_for(&run, "zk1 standalone", || {
        mode(zk1_socket).as_deref() == Some("standalone")
    });
    // `srvr` is always allowed (zkServer.sh relies on it), whatever the whitelist says.
    wait_for(&run, "the lone server", || {
        mode(lone_socket).as_deref() == Some("standalone")
    });
    // /mesos is readable only with the masters' credentials.
    let rt = runtime();
    rt.block_on(async {
        let client = zk::Client::connector()
            .with_auth("digest", good.as_bytes())
            .connect(&zk1)
            .await
            .expect("session");
        let only_us = zk::CreateMode::Persistent.with_acls(zk::Acls::creator_all());
        client
            .create("/mesos", b"", &only_us)
            .await
            .expect("/mesos");
    });

    let (json, text, _) = probe_json(&cluster, &[]);
    let found = codes(&json);
    assert_eq!(server(&json, &zk1)["mode"], "standalone");
    assert_eq!(messages(&json, "PR003").len(), 1, "{found:?}");
    assert!(messages(&json, "PR003")[0].contains(&zk1));
    // zk2 and zk3 are configured but not running.
    assert_eq!(messages(&json, "PR001").len(), 2, "{found:?}");
    // The lone server answers, and is not in the ensemble.
    assert_eq!(server(&json, &lone)["mode"], "standalone");
    assert!(!found.contains(&"PR002".to_owned()), "{found:?}");
    assert!(
        messages(&json, "PR007").iter().any(|m| m.contains(&lone)),
        "{found:?}"
    );
    // The masters' credentials read /mesos (nothing registered: below --quorum=2) ...
    let below = messages(&json, "PR104");
    assert_eq!(below.len(), 1, "{found:?}");
    assert!(below[0].contains("0 Mesos masters are registered"));
    // ... the agent's wrong ones do not, and the other agent's path does not exist.
    let failed = messages(&json, "PR101");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].contains("not authorized"), "{failed:?}");
    let missing = messages(&json, "PR102");
    assert_eq!(missing.len(), 1);
    assert!(missing[0].contains("/mesos-elsewhere"));
    let sessions = json["probe"]["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 3);
    assert!(
        sessions
            .iter()
            .any(|s| s["credentials"] == true && s["status"] == "read")
    );
    // No output shows a password.
    let (human, _) = meslint(&cluster, &["check", "--probe", "--probe-timeout", "1s"]);
    let human = String::from_utf8_lossy(&human.stdout).into_owned();
    for output in [&text, &human] {
        assert!(!output.contains("s3cret-pw") && !output.contains("wrong-pw"));
    }
    assert!(
        human.contains("PR003(standalone_ensemble_member)"),
        "{human}"
    );
}

/// Nothing listening, and a listener that never answers: unreachable within the limits.
#[test]
fn closed_and_silent_ports_are_unreachable_within_the_timeout() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cluster = tmp.path();
    // A port nothing listens on, and one that accepts and then says nothing.
    let closed = (30000..40000)
        .find(|p| free("127.0.0.51", *p))
        .expect("a closed port");
    let silent = TcpListener::bind("127.0.0.52:0").expect("listener");
    let silent_address = silent.local_addr().expect("address");
    // Stock ZooKeeper always answers `srvr`; a build or proxy that refuses it answers with
    // ZooKeeper's own refusal text, which this listener sends.
    let refusing = TcpListener::bind("127.0.0.54:0").expect("listener");
    let refusing_address = refusing.local_addr().expect("address");
    std::thread::spawn(move || {
        for mut stream in refusing.incoming().flatten() {
            let mut word = [0u8; 4];
            if stream.read_exact(&mut word).is_ok() {
                let text = String::from_utf8_lossy(&word).into_owned();
                let _ = stream.write_all(
                    format!("{text} is not executed because it is not in the whitelist.\n")
                        .as_bytes(),
                );
            }
        }
    });
    write(
        cluster,
        "zk1/zoo.cfg",
        &format!(
            "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort={}\n\
             clientPortAddress=127.0.0.54\n4lw.commands.whitelist=ruok, mntr\n",
            refusing_address.port()
        ),
    );
    write(
        cluster,
        "m1/mesos-master.sh",
        &master(
            "127.0.0.31",
            &format!("zk://127.0.0.51:{closed},{silent_address}/mesos"),
            1,
        ),
    );
    let timeout = Duration::from_secs(1);
    let (json, _, elapsed) = probe_json(cluster, &[]);
    let unreachable = messages(&json, "PR001");
    assert_eq!(unreachable.len(), 2, "{unreachable:?}");
    assert!(
        unreachable.iter().any(
            |m| m.contains(&format!("127.0.0.51:{closed}")) && m.contains("connection refused")
        )
    );
    assert!(
        unreachable
            .iter()
            .any(|m| m.contains(&silent_address.to_string())
                && m.contains("no answer to `srvr` within 1s"))
    );
    assert_eq!(
        server(&json, &format!("127.0.0.51:{closed}"))["status"],
        "unreachable"
    );
    assert_eq!(
        server(&json, &refusing_address.to_string())["status"],
        "refused"
    );
    let refused: Vec<&Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PR002")
        .collect();
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("`4lw.commands.whitelist=srvr,ruok,mntr`")),
        "{}",
        refused[0]
    );
    assert_eq!(
        refused[0]["labels"][0]["file"]
            .as_str()
            .map(|f| f.ends_with("zk1/zoo.cfg")),
        Some(true)
    );
    assert_eq!(messages(&json, "PR101").len(), 1, "the session fails too");
    // Bounded: the answer wait, then the session's attempts, each within the timeout, with a
    // generous margin for a loaded machine. A bound, not a speed test.
    let bound = timeout * 2 + timeout * 2 * 4 + Duration::from_secs(10);
    assert!(elapsed < bound, "took {elapsed:?}, more than {bound:?}");
    // The total deadline cuts the probe short and says so.
    let (json, _, elapsed) = probe_json(
        cluster,
        &["--probe-timeout", "5s", "--probe-deadline", "1s"],
    );
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
    assert!(
        messages(&json, "PR001")
            .iter()
            .any(|m| m.contains("total limit of 1s")),
        "{:?}",
        messages(&json, "PR001")
    );
    drop(silent);
}

/// Without `--probe` nothing is contacted and no `probe` section appears.
#[test]
fn probe_is_off_by_default() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let listener = TcpListener::bind("127.0.0.53:0").expect("listener");
    listener.set_nonblocking(true).expect("nonblocking");
    let address = listener.local_addr().expect("address");
    write(
        tmp.path(),
        "m1/mesos-master.sh",
        &master("127.0.0.31", &format!("zk://{address}/mesos"), 1),
    );
    let (output, _) = meslint(tmp.path(), &["--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(json.get("probe").is_none());
    assert!(
        listener.accept().is_err(),
        "meslint connected without --probe"
    );
}

/// Probe findings go through the run's policy like lint findings: `meslint.toml` selection and
/// severities, inline suppressions, `--fail-level` and the baseline. No ZooKeeper is needed: the
/// zk URL names a port nothing listens on.
#[test]
fn probe_findings_go_through_the_policy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cluster = tmp.path();
    let closed = (30000..40000)
        .find(|p| free("127.0.0.55", *p))
        .expect("a closed port");
    let script = master("127.0.0.31", &format!("zk://127.0.0.55:{closed}/mesos"), 1);
    write(cluster, "m1/mesos-master.sh", &script);
    let pr = |json: &Value| -> Vec<(String, String)> {
        json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("PR")))
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_owned(),
                    d["severity"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let (json, _, _) = probe_json(cluster, &[]);
    let found = pr(&json);
    assert!(
        found.contains(&("PR001".into(), "warning".into())),
        "{found:?}"
    );
    assert!(found.iter().any(|(c, _)| c == "PR101"), "{found:?}");
    let (output, _) = meslint(
        cluster,
        &[
            "--probe",
            "--probe-timeout",
            "1s",
            "--fail-level",
            "warning",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "PR001 is a warning");

    write(
        cluster,
        "meslint.toml",
        "ignore = [\"PR101\"]\n[severity]\nPR001 = \"error\"\n",
    );
    let (json, _, _) = probe_json(cluster, &[]);
    assert_eq!(pr(&json), [("PR001".to_owned(), "error".to_owned())]);

    // An inline comment before the line PR001 points at is used, not reported as unused.
    write(
        cluster,
        "m1/mesos-master.sh",
        &format!("# meslint: ignore[PR001] retired server, being replaced\n{script}"),
    );
    let (json, _, _) = probe_json(cluster, &[]);
    assert!(pr(&json).is_empty(), "{:?}", pr(&json));
    assert!(
        !codes(&json).contains(&"ML007".to_owned()),
        "{:?}",
        codes(&json)
    );

    // A baseline written with --probe accepts the probe's findings.
    write(cluster, "m1/mesos-master.sh", &script);
    write(cluster, "meslint.toml", "");
    let baseline = tmp.path().join("baseline.json");
    let baseline = baseline.to_str().expect("utf-8 path");
    probe_json(cluster, &["--write-baseline", baseline]);
    let written = std::fs::read_to_string(baseline).expect("baseline");
    assert!(written.contains("PR001"), "{written}");
    let (json, _, _) = probe_json(cluster, &["--baseline", baseline]);
    assert!(pr(&json).is_empty(), "{:?}", pr(&json));
}
