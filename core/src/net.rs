//! Host names and addresses as the daemons compare them: loopback and wildcard addresses,
//! with or without IPv6 brackets.

use std::net::IpAddr;
use std::sync::OnceLock;

use ipnet::IpNet;

/// The address, when `host` is an IP literal (`10.0.0.1`, `::1`, `[::1]`).
pub fn parse_ip(host: &str) -> Option<IpAddr> {
    let host = host.trim();
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.parse().ok()
}

/// The networks that never leave the machine: `127.0.0.0/8` and `::1`.
fn loopback_nets() -> &'static [IpNet] {
    static NETS: OnceLock<Vec<IpNet>> = OnceLock::new();
    NETS.get_or_init(|| {
        ["127.0.0.0/8", "::1/128"]
            .iter()
            .filter_map(|n| n.parse().ok())
            .collect()
    })
}

/// True for `localhost` and loopback addresses, which peers on other machines cannot reach.
pub fn is_loopback(host: &str) -> bool {
    host.trim().eq_ignore_ascii_case("localhost")
        || parse_ip(host).is_some_and(|ip| loopback_nets().iter().any(|n| n.contains(&ip)))
}

/// True for the "any address" forms (`0.0.0.0`, `::`), which name no machine.
pub fn is_wildcard(host: &str) -> bool {
    parse_ip(host).is_some_and(|ip| ip.is_unspecified())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_wildcard() {
        for host in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.0.1.1",
            "::1",
            "[::1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["10.0.0.1", "zk1", "128.0.0.1", "::2", ""] {
            assert!(!is_loopback(host), "{host}");
        }
        assert!(is_wildcard("0.0.0.0") && is_wildcard("[::]"));
        assert!(!is_wildcard("0.0.0.1") && !is_wildcard("zk1"));
    }
}
