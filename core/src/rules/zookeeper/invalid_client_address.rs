use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A `clientPortAddress` or `secureClientPortAddress` ZooKeeper cannot use.
    ///
    /// ## What it finds
    /// An address written with a port (`127.0.0.1:2181`), an address set without its port key, or
    /// an empty address.
    ///
    /// ## Why it matters
    /// ZooKeeper resolves the address while parsing: `127.0.0.1:2181` fails with
    /// `UnknownHostException ... invalid IPv6 address literal`, and an address without `clientPort`
    /// fails with `clientPortAddress is set but clientPort is not set`. An empty value (an unset
    /// template variable) silently binds the client port to loopback only, so remote clients cannot
    /// connect (a warning).
    ///
    /// ## Severity
    /// An error for an address ZooKeeper refuses; a warning for an empty address, which
    /// ZooKeeper accepts and binds to loopback only.
    ///
    /// ## How to fix
    /// Put only the host or IP in the address key and the port in `clientPort` /
    /// `secureClientPort`.
    ///
    /// ## Example
    /// `clientPortAddress=0.0.0.0:2181`.
    pub static INVALID_CLIENT_ADDRESS = Rule {
        code: "ZK111",
        name: "invalid_client_address",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let pairs = [
            (
                "clientPortAddress",
                &cfg.client_port_address,
                "clientPort",
                &cfg.client_port,
            ),
            (
                "secureClientPortAddress",
                &cfg.secure_client_port_address,
                "secureClientPort",
                &cfg.secure_client_port,
            ),
        ];
        for (key, address, port_key, port) in pairs {
            // ZooKeeper 3.4 has no secure client port: the key is an ignored system property.
            if key == "secureClientPortAddress" && cfg.version < ZkVersion::V3_5 {
                continue;
            }
            let Some(address) = address else { continue };
            let Value::Known(text) = &address.value else {
                continue;
            };
            let port_set = matches!(port.as_ref().map(|p| &p.value), Some(Value::Known(p)) if *p != 0)
                || port.as_ref().is_some_and(|p| p.value.is_unknown());
            // An empty address still counts as set: 3.5+ refuses it without its port key.
            if text.is_empty() && (port_set || cfg.version < ZkVersion::V3_5) {
                out.push(
                    Finding::new(format!("`{key}` is empty, so ZooKeeper binds the port to loopback only"))
                        .primary(address.span, "empty address")
                        .help(format!("set `{key}` to the address clients use, or delete the line to listen on all interfaces"))
                        .severity(Severity::Warning),
                );
                continue;
            }
            // No host name or IP literal holds these: the lookup fails whatever the DNS says.
            let host_char = |c: char| c.is_ascii_alphanumeric() || ".-_:%[]".contains(c);
            if !text.is_empty() && !text.chars().all(host_char) {
                out.push(
                    Finding::new(format!("`{key}` `{text}` is not a host name or IP address"))
                        .primary(address.span, "cannot be resolved")
                        .help(format!("write only the host or IP in `{key}`")),
                );
                continue;
            }
            if text.matches(':').count() == 1 && !text.starts_with('[') {
                out.push(
                    Finding::new(format!(
                        "`{key}` `{text}` holds a port; ZooKeeper cannot resolve it as a host"
                    ))
                    .primary(address.span, "host and port")
                    .help(format!(
                        "write only the host in `{key}` and the port in `{port_key}`"
                    )),
                );
                continue;
            }
            // Java reads any text with a `:` as an IPv6 literal (brackets and `%scope` allowed).
            let literal = text.trim_start_matches('[').trim_end_matches(']');
            let literal = literal.split_once('%').map_or(literal, |(ip, _)| ip);
            if text.contains(':') && literal.parse::<std::net::Ipv6Addr>().is_err() {
                out.push(
                    Finding::new(format!("`{key}` `{text}` is not a valid IPv6 address"))
                        .primary(address.span, "invalid IPv6 address literal")
                        .help(format!("write only the host or IP in `{key}`")),
                );
                continue;
            }
            // 3.4 reports the missing clientPort itself first.
            if !port_set && cfg.version >= ZkVersion::V3_5 {
                out.push(
                    Finding::new(format!("`{key}` is set but `{port_key}` is not"))
                        .primary(address.span, format!("needs `{port_key}`"))
                        .help(format!("add `{port_key}`, or delete `{key}`")),
                );
            }
        }
    }
    out
}
