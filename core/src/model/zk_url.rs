//! ZooKeeper URLs as Mesos reads them (`--zk` of masters, `zk://` forms of the agent's
//! `--master`), and the agent's `--master` address in all its forms.
//!
//! The model keeps what Mesos would make of the text, including the ways it silently reads a
//! URL differently than its author meant; the zk URL parser (`parse/zk_url.rs`) builds it.

use crate::source::{Span, Spanned};

/// One `zk://` URL, or the `file://` that will hold one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZkUrl {
    /// The whole value after trimming, as written.
    pub raw: Spanned<String>,
    /// `Some` when the value is `file://...`: Mesos reads the URL from that file at start-up.
    pub file: Option<Spanned<String>>,
    /// The `user:password` part; its bytes are masked in every output.
    pub credentials: Option<Span>,
    /// The servers Mesos will hand to the ZooKeeper client, in order.
    pub hosts: Vec<Spanned<ZkHost>>,
    /// The znode path as Mesos reads it: from the first `/` after the hosts to the end; `/`
    /// (with an empty span) when the URL has none.
    pub path: Spanned<String>,
    /// Ways in which the URL is malformed or read differently than written.
    pub problems: Vec<ZkUrlProblem>,
}

/// One `host:port` item of a ZooKeeper server list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZkHost {
    pub host: String,
    /// `None` when the item has no usable port.
    pub port: Option<u16>,
}

impl ZkHost {
    /// `host:port`, or the host alone when it has no port.
    pub fn address(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }
}

/// What is wrong with a ZooKeeper URL, with the span to blame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZkUrlProblem {
    /// The value does not start with the exact `zk://`.
    Scheme { span: Span, kind: SchemeProblem },
    /// A path after every host: `zk://a:2181/mesos,b:2181/mesos`. Mesos uses only the first
    /// host and reads the rest as part of the path.
    PathPerHost { lost: Vec<Spanned<String>> },
    /// No path at all, or `/`: Mesos refuses it for leader election.
    MissingPath { span: Span },
    /// Doubled slashes: a znode path that is not normalised the same way everywhere.
    DoubleSlash { span: Span },
    /// No servers between `zk://` and the path.
    NoHosts { span: Span },
    /// A server without a port; ZooKeeper assumes none.
    MissingPort { span: Span, host: String },
    /// A port that is not a number from 1 to 65535, or that the client reads in another base.
    BadPort { span: Span, port: String },
    /// An empty item: a trailing, leading or doubled comma.
    EmptyHost { span: Span },
    /// Spaces inside the server list.
    Whitespace { span: Span },
    /// `[::1]:2181`: the ZooKeeper client Mesos bundles does not understand brackets.
    Ipv6Brackets { span: Span },
}

/// How a value misses the `zk://` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeProblem {
    /// `ZK://`: the prefix is case-sensitive.
    Uppercase,
    /// `zk:/`, `zk:` and other near misses.
    Malformed,
    /// No scheme at all, e.g. `10.0.0.1:2181/mesos`.
    Missing,
}

/// The agent's `--master` in each form Mesos accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MasterAddr {
    /// `zk://...`: the agent follows the leading master.
    Zk(ZkUrl),
    /// `file:///path`: the address is read from the file at start-up.
    File(Spanned<String>),
    /// `host:port` or `master@host:port`: one fixed master, no failover.
    Pid {
        host: Spanned<String>,
        port: Spanned<u16>,
    },
    /// Anything else; Mesos fails with `Failed to parse '<value>'`. The text says why.
    Invalid { span: Span, why: String },
}
