use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A `serverCnxnFactory` that ZooKeeper cannot load, or a TLS client port without Netty.
    ///
    /// ## What it finds
    /// `serverCnxnFactory` given as a short class name (`NettyServerCnxnFactory`), and a
    /// `secureClientPort` with the default NIO connection factory (3.5+).
    ///
    /// ## Why it matters
    /// The factory is loaded by its fully qualified name at startup: a short name fails with
    /// `Couldn't instantiate NettyServerCnxnFactory`. The NIO factory cannot serve TLS, so a secure
    /// client port without Netty fails with `SSL isn't supported in NIOServerCnxn`.
    ///
    /// ## How to fix
    /// Write `serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory`.
    ///
    /// ## Example
    /// `serverCnxnFactory=NettyServerCnxnFactory`.
    pub static INVALID_SERVER_CNXN_FACTORY = Rule {
        code: "ZK121",
        name: "invalid_server_cnxn_factory",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

const NETTY: &str = "org.apache.zookeeper.server.NettyServerCnxnFactory";

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let factory = cfg.get("serverCnxnFactory").filter(|e| !e.templated);
        if let Some(e) = factory
            && !e.value.value.contains('.')
        {
            let help = if e.value.value.contains("Netty") {
                format!("write `{NETTY}`")
            } else {
                "write the fully qualified class name, e.g. `org.apache.zookeeper.server.NIOServerCnxnFactory`".to_owned()
            };
            out.push(
                Finding::new(format!(
                    "`serverCnxnFactory` `{}` is not a fully qualified class name",
                    e.value.value
                ))
                .primary(e.value.span, "class cannot be loaded")
                .help(help),
            );
            continue;
        }
        if cfg.version < ZkVersion::V3_5 {
            continue;
        }
        let Some(secure) = &cfg.secure_client_port else {
            continue;
        };
        if !matches!(secure.value, Value::Known(p) if p > 0) {
            continue;
        }
        let netty = factory.is_none_or(|e| e.value.value.ends_with("NettyServerCnxnFactory"));
        if factory.is_none() || !netty {
            let mut f = Finding::new("`secureClientPort` needs the Netty connection factory, but the NIO factory is in use")
                .primary(secure.span, "TLS port")
                .help(format!("add `serverCnxnFactory={NETTY}`"));
            if let Some(e) = factory {
                f = f.secondary(e.value.span, "cannot serve TLS");
            }
            out.push(f);
        }
    }
    out
}
