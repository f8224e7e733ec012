use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A TLS client port whose `ssl.authProvider` scheme has no provider class.
    ///
    /// ## What it finds
    /// `secureClientPort` with `ssl.authProvider=<scheme>` where the scheme is not `x509` and no
    /// `authProvider.<scheme>` key names its class.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ refuses to start: `No auth provider configured for the SSL authentication
    /// scheme '<scheme>'.`.
    ///
    /// ## How to fix
    /// Add `authProvider.<scheme>=<provider class>`, or delete `ssl.authProvider` to use `x509`.
    ///
    /// ## Example
    /// `secureClientPort=2281` with `ssl.authProvider=foo`.
    pub static SSL_AUTH_PROVIDER_MISSING = Rule {
        code: "ZK123",
        name: "ssl_auth_provider_missing",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        if cfg.version < ZkVersion::V3_5 || cfg.secure_client_port.is_none() {
            continue;
        }
        let Some(e) = cfg.get("ssl.authProvider").filter(|e| !e.templated) else {
            continue;
        };
        let scheme = e.value.value.as_str();
        if scheme == "x509" || cfg.get(&format!("authProvider.{scheme}")).is_some() {
            continue;
        }
        out.push(
            Finding::new(format!("no auth provider is configured for the TLS scheme `{scheme}`"))
                .primary(e.value.span, "scheme without provider")
                .help(format!("add `authProvider.{scheme}=<provider class>`, or delete `ssl.authProvider` to use `x509`")),
        );
    }
    out
}
