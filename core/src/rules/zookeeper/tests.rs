//! Conformance with ZooKeeper itself: every single-server case of the reference's oracle
//! table, linted for 3.8 and 3.4. Where ZooKeeper refused the config, meslint must report an
//! error; where it accepted it, meslint must not (unless the case is a documented startup
//! failure, which the parse alone does not show).

use super::test_support::{codes_at, lint};
use crate::diagnostic::{Diagnostic, Severity};
use crate::version::ZkVersion;

/// What ZooKeeper did with a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zk {
    Ok,
    Err,
    /// Parsed, but the server fails at startup (`My id N not in the peer list`, a class that
    /// cannot be loaded, TLS without Netty): an error from meslint is right.
    StartupFailure,
}

struct Case {
    id: &'static str,
    cfg: String,
    myid: Option<&'static str>,
    dynamic: Option<(&'static str, &'static str)>,
    v38: Zk,
    v34: Zk,
}

const BASE: &str = "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n";
const QUORUM: &str =
    "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n";
const THREE: &str =
    "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n";
const DYN3: &str = "server.1=127.0.0.1:2888:3888:participant;0.0.0.0:2181\nserver.2=127.0.0.2:2888:3888:participant;0.0.0.0:2181\nserver.3=127.0.0.3:2888:3888:participant;0.0.0.0:2181\n";
const DYN_NAME: &str = "zk1/zoo.cfg.dynamic.100000000";
const NO_PORT_BASE: &str = "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\n";
const PLACEHOLDER: &str =
    "replace this text with the cluster-unique zookeeper's instance id (1-255)\n";

fn case(id: &'static str, cfg: impl Into<String>, v38: Zk, v34: Zk) -> Case {
    Case {
        id,
        cfg: cfg.into(),
        myid: None,
        dynamic: None,
        v38,
        v34,
    }
}

fn quorum(id: &'static str, extra: &str, v38: Zk, v34: Zk) -> Case {
    Case {
        myid: Some("1\n"),
        ..case(id, format!("{QUORUM}{extra}"), v38, v34)
    }
}

fn with_myid(mut c: Case, myid: &'static str) -> Case {
    c.myid = Some(myid);
    c
}

fn with_dynamic(mut c: Case, text: &'static str) -> Case {
    c.dynamic = Some((DYN_NAME, text));
    c
}

fn cases() -> Vec<Case> {
    use Zk::{Err, Ok, StartupFailure as Startup};
    let dyn_static =
        format!("{NO_PORT_BASE}dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.100000000\n");
    vec![
        // Dynamic files (d05 and d08 are about files meslint was not given).
        with_dynamic(with_myid(case("d01", dyn_static.clone(), Ok, Err), "1\n"), DYN3),
        with_dynamic(
            with_myid(case("d02", format!("{dyn_static}server.2=127.0.0.2:2888:3888\n"), Err, Err), "1\n"),
            DYN3,
        ),
        with_dynamic(
            with_myid(case("d03", dyn_static.clone(), Err, Err), "1\n"),
            "server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\nclientPort=2181\n",
        ),
        with_dynamic(
            with_myid(case("d04", dyn_static.clone(), Err, Err), "1\n"),
            "server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\nversion=100000000\n",
        ),
        with_dynamic(
            with_myid(case("d06", format!("{dyn_static}clientPort=2182\n"), Err, Ok), "1\n"),
            DYN3,
        ),
        with_dynamic(
            with_myid(case("d07", dyn_static.clone(), Ok, Err), "1\n"),
            "server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\nserver.4=127.0.0.4:2888:3888;2181\ngroup.1=1:2\ngroup.2=3:4\nweight.1=1\nweight.2=1\nweight.3=1\nweight.4=1\n",
        ),
        with_dynamic(
            with_myid(case("d09", format!("{dyn_static}clientPort=2181\n"), Ok, Ok), "1\n"),
            "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n",
        ),
        // Quorum configs (q13 and q53 need a missing myid file, q43 name resolution).
        quorum("q01", THREE, Ok, Ok),
        quorum(
            "q02",
            "server.1=192.168.113.1:2888:3888\nserver.2=192.168.113.2:2888:3888\nserver.3=192.168.113.3:2888:3888\nserver.4=192.168.113.4:2888:3888\nserver.5=192.168.113.5:2888:3888\n",
            Ok,
            Ok,
        ),
        quorum("q03", "server.1=127.0.0.1:2888\nserver.2=127.0.0.2:2888\nserver.3=127.0.0.3:2888\n", Err, Err),
        quorum("q04", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2889:2889\nserver.3=127.0.0.3:2888:3888\n", Err, Ok),
        Case {
            cfg: format!(
                "{NO_PORT_BASE}server.1=[::1]:2888:3888;[::1]:2181\nserver.2=[::1]:2889:3889;[::1]:2182\nserver.3=[::1]:2890:3890;[::1]:2183\n"
            ),
            ..quorum("q05", "", Ok, Err)
        },
        quorum("q06", "server.1=::1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q07", "server.1=[::1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q08", &format!("{THREE}server.4=127.0.0.4:2888:3888:observer\n"), Ok, Ok),
        quorum("q09", "server.1=127.0.0.1:2888:3888:observer\nserver.2=127.0.0.2:2888:3888:observer\n", Err, Err),
        quorum("q10", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888:observer\n", Err, Err),
        quorum("q11", "server.1=127.0.0.1:2888:3888\n", Ok, Ok),
        quorum("q12", "server.1=127.0.0.1:2888:3888\nstandaloneEnabled=false\n", Ok, Ok),
        quorum("q14", THREE, Startup, Startup).myid_is("4\n"),
        quorum("q15", THREE, Err, Err).myid_is("1 \n"),
        quorum("q16", THREE, Err, Err).myid_is(""),
        quorum("q17", THREE, Err, Err).myid_is(PLACEHOLDER),
        quorum("q18", THREE, Ok, Ok).myid_is("1\r\n"),
        quorum("q19", THREE, Ok, Ok).myid_is("1\n1\n"),
        quorum("q20", THREE, Err, Err).myid_is("\u{feff}1\n"),
        Case {
            cfg: format!("tickTime=2000\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n{THREE}"),
            ..quorum("q21", "", Err, Err)
        },
        quorum("q22", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\nserver.4=127.0.0.4:2888:3888:voter\n", Err, Err),
        quorum("q23", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888   \n", Err, Ok),
        quorum("q24", &format!("{THREE}server.4=127.0.0.4:2888:3888:observer \n"), Ok, Ok),
        Case {
            cfg: format!("{NO_PORT_BASE}server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\n"),
            ..quorum("q25", "", Ok, Err)
        },
        quorum("q26", "server.1=127.0.0.1:2888:3888;2182\nserver.2=127.0.0.2:2888:3888;2182\nserver.3=127.0.0.3:2888:3888;2182\n", Err, Err),
        quorum("q27", "multiAddress.enabled=true\nserver.1=127.0.0.1:2888:3888|127.0.1.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q28", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Ok, Ok),
        quorum("q29", &format!("{THREE}server.01=127.0.0.4:2888:3888\n"), Ok, Ok),
        quorum("q30", &format!("{THREE}server.four=127.0.0.4:2888:3888\n"), Err, Err),
        quorum("q31", "server.256=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Ok, Ok).myid_is("256\n"),
        quorum("q32", "server.0=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Ok, Ok).myid_is("0\n"),
        quorum("q33", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\n", Ok, Ok),
        quorum("q34", &format!("{THREE}server.4=127.0.0.4:2888:3888\n"), Ok, Ok),
        quorum("q35", &format!("{THREE}server.4=127.0.0.4:2888:3888\ngroup.1=1:2\ngroup.2=3:4\nweight.1=1\nweight.2=1\nweight.3=1\nweight.4=1\n"), Ok, Ok),
        quorum("q36", &format!("{THREE}group.1=1:2\n"), Err, Err),
        quorum("q37", &format!("{THREE}group.1=1:2\ngroup.2=2:3\n"), Err, Err),
        quorum("q38", &format!("{THREE}group.1=1,2,3\n"), Err, Err),
        quorum("q39", "server.1=zoo1:2888:3888\nserver.2=zoo2:2888:3888\nserver.3=zoo3:2888:3888\n", Ok, Ok),
        quorum("q40", "server.1=127.0.0.1:2888:38888888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q41", &format!("reconfigEnabled=true\n{THREE}"), Ok, Ok),
        quorum("q42", &format!("peerType=observer\n{THREE}"), Ok, Ok),
        quorum("q44", &format!("{THREE}server.3=127.0.0.4:2888:3888\n"), Ok, Ok),
        quorum("q45", &format!("{THREE}group.1=1:2:3:9\n"), Err, Err),
        quorum("q46", &format!("{THREE}server.4=127.0.0.4:2888:3888:observer\ngroup.1=1:2:3:4\n"), Err, Err),
        quorum("q47", &format!("{THREE}group.1=1:2\ngroup.2=3 \n"), Err, Ok),
        quorum("q48", "server.1 = 127.0.0.1:2888:3888\nserver.2 = 127.0.0.2:2888:3888\nserver.3 = 127.0.0.3:2888:3888\n", Ok, Ok),
        quorum("q49", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2: 2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q50", "clientPortAddress=127.0.0.1\nserver.1=127.0.0.1:2888:3888;127.0.0.1:2181\nserver.2=127.0.0.2:2888:3888;127.0.0.2:2181\nserver.3=127.0.0.3:2888:3888;127.0.0.3:2181\n", Ok, Err),
        quorum("q51", "server.1=127.0.0.1:2888:3888;2181;2281\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q52", "server.-1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Ok).myid_is("-1\n"),
        quorum("q54", &format!("{THREE}group.1=1:2:3\nweight.1=heavy\n"), Err, Err),
        quorum("q55", &format!("{THREE}server.4=127.0.0.4:2888:3888\ngroup.1=1:2:3\ngroup.2=4\nweight.4=0\n"), Ok, Ok),
        quorum("q56", "server.1=127.0.0.1\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("q57", &format!("{THREE}server.4=127.0.0.4:2888:3888:observer:extra\n"), Err, Ok),
        quorum("q58", "electionAlg=0\nserver.1=127.0.0.1:2888\nserver.2=127.0.0.2:2888\nserver.3=127.0.0.3:2888\n", Err, Ok),
        quorum("q59", "1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Startup, Startup),
        quorum("q60", "127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n", Startup, Startup),
        Case {
            cfg: format!("tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2888\n{THREE}"),
            ..quorum("q61", "", Ok, Ok)
        },
        quorum("q62", "server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\n", Ok, Err),
        quorum("q63", "server.1=[::1]:2888:3888\nserver.2=[::1]:2889:3889\nserver.3=[::1]:2890:3890\n", Ok, Ok),
        // Found by the conformance tier (tests/conformance/), checked against both jars.
        quorum("cf01", &format!("{THREE}server.3=[::1 \nserver.3=127.0.0.3:2888:3888\n"), Ok, Ok),
        quorum("cf02", &format!("{THREE}server.4=127.0.0.4:2888:3888:observer:extra;2181\n"), Err, Ok),
        case("cf03", "tickTime=2147483647\ndataDir=/var/lib/zookeeper\nclientPort=2181\n", Err, Ok),
        case("cf04", "tickTime=-2147483648\ndataDir=/var/lib/zookeeper\nclientPort=2181\n", Ok, Ok),
        with_myid(
            case(
                "cf05",
                format!("{NO_PORT_BASE}clientPortAddress=\nserver.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\n"),
                Err,
                Err,
            ),
            "1\n",
        ),
        case("cf06", format!("{BASE}server.4=127.0.0.4:2888:3888;2182\n"), Ok, Err),
        quorum("cf07", &format!("{THREE}group.1=1:2\ngroup.2=9\n"), Err, Err),
        quorum("cf08", &format!("{THREE}group.1=1:2\ngroup.2=9\nweight.9=1\n"), Err, Ok),
        with_dynamic(
            with_myid(
                case(
                    "cf09",
                    format!("{QUORUM}dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.100000000\n"),
                    Err,
                    Ok,
                ),
                "1\n",
            ),
            "server.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181 \nweight.9=1 \nserver.3=x\n",
        ),
        quorum("cf10", &format!("{THREE}server.4=127.0.0.4:2888:-1:observer\n"), Err, Ok),
        quorum("cf11", &format!("{THREE}group.1=1:2:3\nweightt.3=1\n"), Ok, Ok),
        case("cf12", format!("{BASE}electionAlg=2000\n"), Err, Ok),
        quorum(
            "cf13",
            "clientPortAddress=127.0.0.1\nserver.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.2:2888:3888;2181\nserver.3=127.0.0.3:2888:3888;2181\n",
            Err,
            Err,
        ),
        quorum("cf14", "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.2:2888:-1\nserver.3=127.0.0.3:2888:3888\n", Err, Err),
        quorum("cf15", &format!("{THREE}version=2000  \n"), Err, Ok),
        quorum("cf16", &format!("{THREE}oraclePath=/x\ngroup.1=1:2\nweight.9=1 \n"), Ok, Err),
        with_dynamic(
            quorum("cf17", "dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.100000000\n", Err, Ok),
            "weightless=1\nserver.1=127.0.0.1:2888:3888:participant;0.0.0.0:2181\nserver.2=127.0.0.2:2888:3888:participant;0.0.0.0:2181\nserver.3=127.0.0.3:2888:3888:participant;0.0.0.0:2181\n",
        ),
        quorum("cf18", &format!("{THREE}weight.1=2\n"), Err, Ok),
        quorum("cf19", &format!("{THREE}secureClientPortAddress=127.0.0.1:2281\n"), Err, Ok),
        quorum("cf20", &format!("{THREE}group.1=1:2:3\nweight.1=1\u{a0}\n"), Err, Err),
        case("cf21", "tickTime=2000\ndataDir=\u{fc}\nclientPort=2181\n", Ok, Ok),
        quorum("cf22", &format!("{THREE}clientPortAddress==127.0.0.1\n"), Err, Err),
        with_dynamic(
            quorum(
                "cf23",
                "clientPortAddress=zk1\ndynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.100000000\n",
                Err,
                Ok,
            ),
            DYN3,
        ),
        quorum(
            "cf24",
            "clientPortAddress=\nserver.1=127.0.0.1:2888:3888;0.0.0.0:2181\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n",
            Err,
            Err,
        ),
        case("cf25", format!("{BASE}clientPortAddress=127.0.0.1:218:1\n"), Err, Err),
        case("cf26", format!("{BASE}clientPortAddress=::ffff:10.0.0.1\n"), Ok, Ok),
        // Standalone configs (s29 depends on the jar's classpath).
        case("s01", BASE, Ok, Ok),
        case("s02", "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/tmp/zookeeper\nclientPort=2181\n", Ok, Ok),
        case("s03", "tickTime 2000\ndataDir : /var/lib/zookeeper\nclientPort   =   2181\n", Ok, Ok),
        case("s04", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181 # client port\n", Err, Err),
        case("s05", "! comment\ntickTime=2000\ndataDir=/var/lib/\\\n    zookeeper\nclientPort=21\\\n  81\n", Ok, Ok),
        case("s06", "tickTime=2000\ndataDir=C:\\zookeeper\\data\nclientPort=2181\n", Ok, Ok),
        case("s07", "tickTime=2000\ndataDir=/var/lib/zookeeper\\uZZZZ\nclientPort=2181\n", Err, Err),
        case("s08", format!("{BASE}clientPort=2182\n"), Ok, Ok),
        case("s09", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientport=2181\n", Ok, Err),
        case("s10", format!("\u{feff}{BASE}"), Ok, Ok),
        case("s11", "tickTime=2000  \r\ndataDir=/var/lib/zookeeper\t\r\nclientPort=2181 \r\n", Ok, Ok),
        case("s12", "tickTime=2000\nclientPort=2181\n", Err, Err),
        case("s13", "tickTime=2000\ndataDir=/var/lib/zookeeper\n", Ok, Err),
        case("s14", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPortAddress=127.0.0.1\n", Err, Err),
        case("s15", format!("{BASE}tickTime=0\n"), Err, Err),
        case("s16", "tickTime=-1\ndataDir=/var/lib/zookeeper\nclientPort=2181\n", Err, Ok),
        case("s17", "dataDir=/var/lib/zookeeper\nclientPort=2181\n", Ok, Ok),
        case("s18", format!("{BASE}minSessionTimeout=50000\n"), Err, Err),
        case("s19", format!("{BASE}minSessionTimeout=3000\n"), Ok, Err),
        case("s20", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=70000\n", Err, Err),
        case("s21", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=two\n", Err, Err),
        case("s22", format!("{BASE}electionAlg=1\n"), Err, Ok),
        case("s23", format!("{BASE}peerType=learner\n"), Err, Err),
        case("s24", format!("{BASE}syncEnabled=yes\n"), Err, Ok),
        case("s25", format!("{BASE}standaloneEnabled=no\n"), Err, Ok),
        case("s26", format!("{BASE}autopurge.snapRetainCount=1\n"), Ok, Ok),
        case("s27", format!("{BASE}autopurge.purgeInterval=1h\n"), Err, Err),
        case("s28", format!("{BASE}quorum.auth.serverRequireSasl=true\n"), Err, Err),
        case(
            "s30",
            format!("{BASE}4lw.commands.whitelist=ruok,srvr,mntr\nadmin.serverPort=notaport\njute.maxbuffer=4194304\nsnapCount=100000\n"),
            Ok,
            Ok,
        ),
        case("s31", "tickTime=2000\ndataDir=/var/lib/zookeeper\nsecureClientPort=2281\n", Startup, Err),
        case("s32", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=0\n", Ok, Err),
        case("s33", "tickTime=2000\ndataDir=\nclientPort=2181\n", Err, Ok),
        case("s34", format!("{BASE}maxClientCnxns=-5\n"), Ok, Ok),
        case("s35", format!("{BASE}syncLimit\n"), Err, Err),
        case("s36", "tickTime=2000\ndataDir=/var/lib/zookeeper\nclient\\u0050ort=2181\n", Ok, Ok),
        case("s37", "tickTime=+2000\ndataDir=/var/lib/zookeeper\nclientPort=+2181\n", Ok, Ok),
        case("s38", "tickTime=2000ms\ndataDir=/var/lib/zookeeper\nclientPort=2181\n", Err, Err),
        case("s39", "", Err, Err),
        case("s40", format!("{BASE}clientPortAddress=127.0.0.1:2181\n"), Err, Err),
        case(
            "s41",
            "tickTime=2000\ndataDir=/var/lib/zookeeper\nsecureClientPort=2281\nserverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory\nssl.authProvider=foo\n",
            Err,
            Err,
        ),
        case("s42", format!("{BASE}maxSessionTimeout=3000\n"), Err, Ok),
        case("s43", "tickTime=2000\ndataDir=data/none\nclientPort=2181\n", Ok, Ok),
        case("s44", format!("{BASE}syncEnabled=TRUE\nquorumListenOnAllIPs=False\n"), Ok, Ok),
        case("s45", "tickTime=2000\ndataDir=x\nclientPort=2181\n", Err, Ok),
        case("s46", "tickTime=2000\ndataDir=./data/none # data directory\nclientPort=2181\n", Ok, Ok),
        case("s47", format!("{BASE}4lw.commands.whitelist=ruok srvr mntr\n"), Ok, Ok),
        case("s48", format!("{BASE}standaloneEnabled=false\n"), Err, Ok),
        case("s49", format!("{BASE}maxSessionTimeout=6e+07\n"), Err, Err),
        case(
            "s50",
            format!("{BASE}zookeeper.snapshot.trust.empty=true\nadmin.enableServer=False\nserverCnxnFactory=NettyServerCnxnFactory\n"),
            Startup,
            Startup,
        ),
        with_myid(case("s51", BASE, Err, Ok), PLACEHOLDER),
    ]
}

impl Case {
    fn myid_is(mut self, myid: &'static str) -> Case {
        self.myid = Some(myid);
        self
    }
}

fn describe(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("\n  {} {} {}", d.severity.as_str(), d.code, d.message))
        .collect()
}

#[test]
fn meslint_agrees_with_zookeeper_on_every_single_server_case() {
    let mut failures = Vec::new();
    for c in cases() {
        for (version, expected) in [(ZkVersion::V3_8, c.v38), (ZkVersion::V3_4, c.v34)] {
            let diags = lint(version, &c.cfg, c.myid, c.dynamic);
            let errors = codes_at(&diags, Severity::Error);
            let ok = match expected {
                Zk::Err => !errors.is_empty(),
                Zk::Ok => errors.is_empty(),
                Zk::StartupFailure => true,
            };
            if !ok {
                failures.push(format!(
                    "{} on {version}: ZooKeeper {expected:?}, meslint:{}",
                    c.id,
                    describe(&diags)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn startup_failures_are_errors() {
    for c in cases().into_iter().filter(|c| c.v38 == Zk::StartupFailure) {
        let diags = lint(ZkVersion::V3_8, &c.cfg, c.myid, c.dynamic);
        assert!(
            !codes_at(&diags, Severity::Error).is_empty(),
            "{}:{}",
            c.id,
            describe(&diags)
        );
    }
}

#[test]
fn clean_configs_have_no_findings() {
    let cases = [
        (BASE.to_owned(), None, None),
        (format!("{QUORUM}{THREE}"), Some("1\n"), None),
        (
            format!("{NO_PORT_BASE}dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic.100000000\n"),
            Some("2\n"),
            Some((DYN_NAME, DYN3)),
        ),
    ];
    for (i, (cfg, myid, dynamic)) in cases.into_iter().enumerate() {
        for version in ZkVersion::ALL {
            if dynamic.is_some() && version < ZkVersion::V3_5 {
                continue;
            }
            let diags = lint(version, &cfg, myid, dynamic);
            let found = codes_at(&diags, Severity::Warning);
            assert!(
                found.is_empty(),
                "clean config {i} on {version}:{}",
                describe(&diags)
            );
        }
    }
}

#[test]
fn findings_point_at_the_offending_bytes() {
    let cfg =
        format!("{QUORUM}server.1=zk1:2888:3888\nserver.2=zk2:2888:2888\nserver.3=zk3:2888:3888\n");
    let diags = lint(ZkVersion::V3_8, &cfg, Some("1\n"), None);
    let same = diags.iter().find(|d| d.code == "ZK206");
    let span = same.and_then(|d| d.primary_span()).map(|s| s.range());
    let at = cfg.find("2888:2888").map(|i| i + 5..i + 9);
    assert_eq!(span, at);
}

#[test]
fn secrets_never_reach_messages() {
    let cfg = format!("{BASE}ssl.keyStore.password=hunter2\nssl.keyStore.password=hunter3\n");
    let diags = lint(ZkVersion::V3_8, &cfg, None, None);
    assert!(diags.iter().any(|d| d.code == "ZK006"));
    for d in &diags {
        let text = format!("{} {:?} {:?}", d.message, d.help, d.labels);
        assert!(!text.contains("hunter"), "{text}");
    }
}

#[test]
fn zookeeper_rules_are_documented_and_unique() {
    let rules: Vec<_> = crate::rules::ALL
        .iter()
        .filter(|r| r.code.starts_with("ZK"))
        .collect();
    assert!(rules.len() >= 30, "{} rules", rules.len());
    let mut codes: Vec<_> = rules.iter().map(|r| r.code).collect();
    let sorted = {
        let mut c = codes.clone();
        c.sort_unstable();
        c
    };
    assert_eq!(codes, sorted, "ALL must be sorted by code");
    codes.dedup();
    assert_eq!(codes.len(), rules.len(), "codes must be unique");
    for r in rules {
        assert!(
            r.summary().ends_with('.'),
            "{}: summary must end with a full stop",
            r.code
        );
        for section in [
            "## What it finds",
            "## Why it matters",
            "## How to fix",
            "## Example",
        ] {
            assert!(r.docs.contains(section), "{} lacks {section}", r.code);
        }
        assert!(
            !r.name.starts_with("check_") && !r.name.starts_with("no_"),
            "{}: name the problem",
            r.code
        );
    }
}

#[test]
fn messages_follow_the_convention() {
    let cases = cases();
    for c in &cases {
        for version in [ZkVersion::V3_4, ZkVersion::V3_8] {
            for d in lint(version, &c.cfg, c.myid, c.dynamic) {
                let first = d.message.chars().next().unwrap_or('a');
                assert!(!first.is_uppercase(), "{}: {}", d.code, d.message);
                assert!(!d.message.ends_with('.'), "{}: {}", d.code, d.message);
                assert!(d.primary_span().is_some(), "{}: no label", d.code);
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn linting_never_panics(
        cfg in "(([a-zA-Z.]{1,12}|server\\.[0-9]{1,3}|group\\.[0-9])[=: ]([a-z0-9:;|. ]{0,24}|\\PC{0,10})\n){0,12}",
        myid in proptest::option::of("\\PC{0,6}\n?"),
        minor in 4u8..10,
    ) {
        let version = ZkVersion::ALL[usize::from(minor - 4)];
        let diags = lint(version, &cfg, myid.as_deref(), Some((DYN_NAME, cfg.as_str())));
        for d in diags {
            proptest::prop_assert!(!d.message.is_empty());
        }
    }
}

/// A rule code, the release, zoo.cfg, and optionally a myid and a dynamic file (name, text).
type Example<'a> = (
    &'a str,
    ZkVersion,
    String,
    Option<&'a str>,
    Option<(&'a str, &'a str)>,
);

/// One minimal example per rule: linting it must report that rule's code.
#[test]
fn every_rule_has_a_firing_example() {
    let v34 = ZkVersion::V3_4;
    let v35 = ZkVersion::V3_5;
    let v38 = ZkVersion::V3_8;
    let quorum = |extra: &str| format!("{QUORUM}{THREE}{extra}");
    let examples: Vec<Example<'_>> = vec![
        ("ZK001", v38, format!("{BASE}x=\\u12G4\n"), None, None),
        ("ZK002", v38, format!("\u{feff}{BASE}"), None, None),
        (
            "ZK003",
            v38,
            format!("{BASE}dataLogDir=/donn\u{e9}es\n"),
            None,
            None,
        ),
        (
            "ZK004",
            v38,
            format!("{BASE}dataLogDir=/x # logs\n"),
            None,
            None,
        ),
        (
            "ZK005",
            v38,
            format!("{BASE}dataLogDir=C:\\zk\\logs\n"),
            None,
            None,
        ),
        ("ZK006", v38, format!("{BASE}tickTime=3000\n"), None, None),
        ("ZK101", v38, format!("{BASE}ticktime=2000\n"), None, None),
        (
            "ZK102",
            v38,
            format!("{BASE}readonlymode.enabled=true\n"),
            None,
            None,
        ),
        (
            "ZK103",
            v34,
            format!("{BASE}standaloneEnabled=true\n"),
            None,
            None,
        ),
        (
            "ZK104",
            v38,
            format!("{BASE}initLimit=10 ticks\n"),
            None,
            None,
        ),
        (
            "ZK105",
            v38,
            format!("{BASE}quorumListenOnAllIPs=1\n"),
            None,
            None,
        ),
        ("ZK106", v38, "clientPort=2181\n".to_owned(), None, None),
        ("ZK107", v38, format!("{BASE}dataLogDir=\n"), None, None),
        (
            "ZK108",
            v38,
            "dataDir=/tmp/zk\nclientPort=2181\n".to_owned(),
            None,
            None,
        ),
        (
            "ZK109",
            v38,
            "dataDir=var/zk\nclientPort=2181\n".to_owned(),
            None,
            None,
        ),
        ("ZK110", v34, "dataDir=/var/zk\n".to_owned(), None, None),
        (
            "ZK111",
            v38,
            format!("{BASE}clientPortAddress=\n"),
            None,
            None,
        ),
        ("ZK112", v38, format!("{BASE}tickTime=0\n"), None, None),
        (
            "ZK113",
            v34,
            format!("{BASE}minSessionTimeout=4000\n"),
            None,
            None,
        ),
        ("ZK114", v38, format!("{BASE}{THREE}"), Some("1\n"), None),
        ("ZK115", v38, format!("{BASE}electionAlg=2\n"), None, None),
        ("ZK116", v38, format!("{BASE}peerType=voter\n"), None, None),
        ("ZK117", v38, format!("{BASE}weightFactor=2\n"), None, None),
        (
            "ZK118",
            v38,
            format!("{BASE}autopurge.snapRetainCount=2\n"),
            None,
            None,
        ),
        ("ZK119", v38, format!("{BASE}forceSync=false\n"), None, None),
        (
            "ZK120",
            v38,
            format!("{BASE}4lw.commands.whitelist=RUOK\n"),
            None,
            None,
        ),
        (
            "ZK121",
            v38,
            format!("{BASE}serverCnxnFactory=NIOServerCnxnFactory\n"),
            None,
            None,
        ),
        (
            "ZK122",
            v38,
            format!("{BASE}quorum.auth.enableSasl=true\nquorum.auth.serverRequireSasl=true\n"),
            None,
            None,
        ),
        (
            "ZK123",
            v38,
            format!(
                "{BASE}secureClientPort=2281\nserverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory\nssl.authProvider=x\n"
            ),
            None,
            None,
        ),
        (
            "ZK201",
            v38,
            quorum("server.4=zk4:2888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK202",
            v38,
            quorum("server.4=zk4:2888:3888\t\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK203",
            v38,
            quorum("server.4=a:1:2|b:1:2\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK204",
            v38,
            quorum("server.+3=zk4:2888:3888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK205",
            v38,
            quorum("server.300=zk4:2888:3888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK206",
            v38,
            quorum("server.4=zk4:3888:3888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK207",
            v34,
            quorum("server.4=zk4:2888\n"),
            Some("1\n"),
            None,
        ),
        ("ZK208", v38, quorum("4=zk4:2888:3888\n"), Some("1\n"), None),
        (
            "ZK209",
            v38,
            format!("{BASE}server.1=zk1:2888:3888\n"),
            None,
            None,
        ),
        (
            "ZK210",
            v38,
            format!("{QUORUM}server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK211",
            v38,
            quorum("server.4=zk4:2888:3888\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK212",
            v38,
            format!("{QUORUM}server.1=zk1:2888:3888\nserver.2=zk2:2888:3888:observer\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK213",
            v38,
            quorum("group.1=1:2\ngroup.2=3\nweight.9=1\n"),
            Some("1\n"),
            None,
        ),
        (
            "ZK214",
            v38,
            format!(
                "{QUORUM}clientPortAddress=10.0.0.9\nserver.1=127.0.0.1:2888:3888;10.0.0.1:2181\nserver.2=127.0.0.2:2888:3888\nserver.3=127.0.0.3:2888:3888\n"
            ),
            Some("1\n"),
            None,
        ),
        (
            "ZK215",
            v38,
            format!("{QUORUM}clientPort=8080\n{THREE}"),
            Some("1\n"),
            None,
        ),
        (
            "ZK216",
            v38,
            format!(
                "{QUORUM}server.1=localhost:2888:3888\nserver.2=10.0.0.2:2888:3888\nserver.3=10.0.0.3:2888:3888\n"
            ),
            Some("1\n"),
            None,
        ),
        ("ZK301", v38, BASE.to_owned(), Some("one\n"), None),
        // With a `server.0` line the pair is one `server_id_out_of_range` finding; a 3.5+
        // standalone server still reads its myid.
        ("ZK302", v38, BASE.to_owned(), Some("0\n"), None),
        ("ZK303", v38, quorum(""), Some("7\n"), None),
        ("ZK304", v38, quorum(""), Some("1\n2\n"), None),
        (
            "ZK401",
            v38,
            format!("{NO_PORT_BASE}dynamicConfigFile=/zk/zoo.cfg.dynamic\n"),
            Some("1\n"),
            Some((DYN_NAME, "server.1=a:1:2\nstandaloneEnabled=false\n")),
        ),
        (
            "ZK402",
            v34,
            format!("{BASE}dynamicConfigFile=/zk/zoo.cfg.dynamic\n"),
            None,
            None,
        ),
        (
            "ZK403",
            v35,
            format!("{QUORUM}dynamicConfigFile=/zk/zoo.cfg.dynamic\nserver.1=a:1:2\n"),
            Some("1\n"),
            Some((DYN_NAME, DYN3)),
        ),
        (
            "ZK404",
            v38,
            format!("{NO_PORT_BASE}dynamicConfigFile=/zk/zoo.cfg.dynamic.bad\n"),
            Some("1\n"),
            Some(("zk1/zoo.cfg.dynamic.bad", DYN3)),
        ),
        (
            "ZK405",
            v38,
            quorum("reconfigEnabled=true\n"),
            Some("1\n"),
            None,
        ),
    ];
    let all: Vec<&str> = crate::rules::ALL
        .iter()
        .map(|r| r.code)
        .filter(|c| c.starts_with("ZK"))
        // Which dynamic file a zoo.cfg reads is decided when hosts are assembled: ZK406 fires
        // in its fixtures.
        .filter(|c| *c != "ZK406")
        .collect();
    let covered: Vec<&str> = examples.iter().map(|e| e.0).collect();
    assert_eq!(
        covered, all,
        "one example per ZooKeeper rule, in code order"
    );
    for (code, version, cfg, myid, dynamic) in &examples {
        let diags = lint(*version, cfg, *myid, *dynamic);
        assert!(
            diags.iter().any(|d| d.code == *code),
            "{code} did not fire:{}",
            describe(&diags)
        );
    }
}

#[test]
fn seed_guide_setup_is_caught() {
    // zoo_sample.cfg copied, then `dataDir` added a second time and five servers appended.
    let cfg = "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/tmp/zookeeper\nclientPort=2181\ndataDir=/var/zookeeper/data\nserver.1=192.168.113.160:2888:3888\nserver.2=192.168.113.161:2888:3888\nserver.3=192.168.113.162:2888:3888\nserver.4=192.168.113.163:2888:3888\nserver.5=192.168.113.164:2888:3888\n";
    let diags = lint(ZkVersion::V3_4, cfg, Some("1\n"), None);
    // The second `dataDir` wins, so only the duplicate is worth a warning.
    assert_eq!(codes_at(&diags, Severity::Warning), vec!["ZK006"]);
    assert!(codes_at(&diags, Severity::Error).is_empty());
}

#[test]
fn templated_keys_may_define_anything() {
    let cfg = "{% for k, v in zk_conf.items() %}\n{{ k }}={{ v }}\n{% endfor %}\nserver.1=a:2888:3888\nserver.2=b:2888:3888\nserver.3=c:2888:3888\n";
    for version in [ZkVersion::V3_4, ZkVersion::V3_8] {
        let diags = lint(version, cfg, Some("1\n"), None);
        assert!(
            codes_at(&diags, Severity::Warning).is_empty(),
            "{version}:{}",
            describe(&diags)
        );
    }
}

/// Rules whose weight depends on the release: the same text, different severities.
#[test]
fn severities_follow_the_release() {
    use Severity::{Error, Info, Warning};
    let v34 = ZkVersion::V3_4;
    let v35 = ZkVersion::V3_5;
    let v36 = ZkVersion::V3_6;
    let v37 = ZkVersion::V3_7;
    let three = |extra: &str| format!("{QUORUM}{THREE}{extra}");
    let cases: Vec<(&str, ZkVersion, String, Option<&str>, Severity)> = vec![
        (
            "ZK105",
            v36,
            format!("{BASE}syncEnabled=yes\n"),
            None,
            Warning,
        ),
        (
            "ZK105",
            v37,
            format!("{BASE}syncEnabled=yes\n"),
            None,
            Error,
        ),
        (
            "ZK105",
            v35,
            format!("{BASE}reconfigEnabled=yes\n"),
            None,
            Error,
        ),
        (
            "ZK107",
            v34,
            "dataDir=\nclientPort=2181\n".to_owned(),
            None,
            Warning,
        ),
        (
            "ZK107",
            v35,
            "dataDir=\nclientPort=2181\n".to_owned(),
            None,
            Error,
        ),
        (
            "ZK110",
            v34,
            "dataDir=/zk\nclientPort=0\n".to_owned(),
            None,
            Error,
        ),
        (
            "ZK110",
            v35,
            "dataDir=/zk\nclientPort=0\n".to_owned(),
            None,
            Warning,
        ),
        ("ZK112", v34, format!("{BASE}tickTime=-5\n"), None, Warning),
        ("ZK112", v35, format!("{BASE}tickTime=-5\n"), None, Warning), // ZK113 reports the error: 2 x -5 > 20 x -5.
        (
            "ZK113",
            v34,
            format!("{BASE}maxSessionTimeout=3000\n"),
            None,
            Warning,
        ),
        (
            "ZK113",
            v35,
            format!("{BASE}maxSessionTimeout=3000\n"),
            None,
            Error,
        ),
        (
            "ZK115",
            v35,
            format!("{BASE}electionAlg=0\n"),
            None,
            Warning,
        ),
        ("ZK115", v36, format!("{BASE}electionAlg=0\n"), None, Error),
        (
            "ZK205",
            v34,
            three("server.-1=zk9:2888:3888\n"),
            Some("1\n"),
            Warning,
        ),
        (
            "ZK205",
            v35,
            three("server.-1=zk9:2888:3888\n"),
            Some("1\n"),
            Error,
        ),
        (
            "ZK206",
            v34,
            three("server.4=zk4:3888:3888\n"),
            Some("1\n"),
            Warning,
        ),
        (
            "ZK206",
            v35,
            three("server.4=zk4:3888:3888\n"),
            Some("1\n"),
            Error,
        ),
        (
            "ZK210",
            v35,
            format!("{QUORUM}standaloneEnabled=false\nserver.1=zk1:2888:3888\n"),
            Some("1\n"),
            Info,
        ),
        ("ZK301", v34, BASE.to_owned(), Some("1 \n"), Warning),
        ("ZK301", v34, three(""), Some("1 \n"), Error),
        ("ZK301", v35, BASE.to_owned(), Some("1 \n"), Error),
    ];
    for (code, version, cfg, myid, want) in cases {
        let diags = lint(version, &cfg, myid, None);
        let got: Vec<Severity> = diags
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.severity)
            .collect();
        assert_eq!(got, vec![want], "{code} on {version}:{}", describe(&diags));
    }
}

/// `port_conflict` counts the client part of server lines: two servers on one host with one
/// client port, or a client port that is another server's quorum port there.
#[test]
fn client_addresses_of_server_lines_collide() {
    let cases = [
        (
            "server.1=10.0.0.1:2888:3888;2181\nserver.2=10.0.0.1:2889:3889;2181\nserver.3=10.0.0.3:2888:3888;2181\n",
            1,
        ),
        (
            "server.1=10.0.0.1:2888:3888;10.0.0.1:2888\nserver.2=10.0.0.2:2888:3888;2181\nserver.3=10.0.0.3:2888:3888;2181\n",
            0,
        ),
        (
            "server.1=10.0.0.1:2888:3888;2181\nserver.2=10.0.0.1:2889:3889;2888\nserver.3=10.0.0.3:2888:3888;2181\n",
            1,
        ),
        (
            "server.1=zk1:2888:3888;0.0.0.0:2181\nserver.2=zk2:2888:3888;0.0.0.0:2181\nserver.3=zk3:2888:3888;0.0.0.0:2181\n",
            0,
        ),
        (
            "server.1=zk1:2888:3888;2181\nserver.2=zk1:2889:3889;2182\nserver.3=zk1:2890:3890;2183\n",
            0,
        ),
    ];
    for (servers, n) in cases {
        let cfg = format!("{NO_PORT_BASE}{servers}");
        let diags = lint(ZkVersion::V3_8, &cfg, Some("1\n"), None);
        let found: Vec<_> = diags
            .iter()
            .filter(|d| d.code == "ZK215" && d.message.contains("client port is already used"))
            .collect();
        assert_eq!(found.len(), n, "{servers}:{}", describe(&diags));
    }
}
