//! Reads ZooKeeper URLs and the agent's `--master` the way Mesos does.
//!
//! Mesos trims the value, insists on `zk://`, takes everything from the first `/` as the znode
//! path, splits credentials at the last `@`, and hands the server list to the ZooKeeper
//! client untouched. This parser follows those steps and records every place where the result
//! differs from what the author most likely meant. It never fails.

use crate::model::zk_url::{MasterAddr, SchemeProblem, ZkHost, ZkUrl, ZkUrlProblem};
use crate::parse::Sink;
use crate::source::{Span, Spanned};

const TRIMMED: &[char] = &[' ', '\t', '\r', '\n'];

/// Parses a `--zk` value (or a `zk://` agent `--master`). Credentials go to the sink's secrets.
pub fn parse_zk_url(value: &Spanned<String>, sink: &mut Sink) -> ZkUrl {
    let text = value.value.as_str();
    let trimmed_start = text.len() - text.trim_start_matches(TRIMMED).len();
    let trimmed = text.trim_matches(TRIMMED);
    let end = trimmed_start + trimmed.len();
    let at = |from: usize, to: usize| value.sub_span(trimmed_start + from, trimmed_start + to);
    let mut url = ZkUrl {
        raw: Spanned::new(trimmed.to_owned(), value.sub_span(trimmed_start, end)),
        file: None,
        credentials: None,
        hosts: Vec::new(),
        path: Spanned::new(
            "/".to_owned(),
            Span::point(value.span.file, value.span.end as usize),
        ),
        problems: Vec::new(),
    };
    if let Some(path) = trimmed.strip_prefix("file://") {
        url.file = Some(Spanned::new(path.to_owned(), at(7, trimmed.len())));
        return url;
    }
    let Some(rest) = trimmed.strip_prefix("zk://") else {
        let kind = if trimmed
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("zk://"))
        {
            SchemeProblem::Uppercase
        } else if trimmed.to_ascii_lowercase().starts_with("zk:") {
            SchemeProblem::Malformed
        } else {
            SchemeProblem::Missing
        };
        let scheme_end = match kind {
            SchemeProblem::Missing => trimmed.len(),
            _ => trimmed.find("//").map_or(3, |i| i + 2).min(trimmed.len()),
        };
        url.problems.push(ZkUrlProblem::Scheme {
            span: at(0, scheme_end),
            kind,
        });
        // Mask what looks like credentials even though Mesos would not get that far.
        let after_scheme = trimmed.find("://").map_or(0, |i| i + 3);
        let rest = trimmed.get(after_scheme..).unwrap_or("");
        let servers = rest.split('/').next().unwrap_or("");
        if let Some(i) = servers.rfind('@') {
            let span = at(after_scheme, after_scheme + i);
            url.credentials = Some(span);
            sink.secret(span);
        }
        return url;
    };
    let base = 5;
    let (servers, path_at) = match rest.find('/') {
        Some(slash) => (&rest[..slash], Some(slash)),
        None => (rest, None),
    };
    match path_at {
        Some(slash) => {
            let path = &rest[slash..];
            url.path = Spanned::new(path.to_owned(), at(base + slash, base + rest.len()));
            check_path(&mut url, path, base + slash, &at);
        }
        None => {
            url.path.span = Span::point(value.span.file, at(base, base + rest.len()).end as usize);
            url.problems.push(ZkUrlProblem::MissingPath {
                span: at(0, trimmed.len()),
            });
        }
    }
    let (hosts_text, hosts_at) = match servers.rfind('@') {
        Some(i) => {
            let span = at(base, base + i);
            url.credentials = Some(span);
            sink.secret(span);
            (&servers[i + 1..], base + i + 1)
        }
        None => (servers, base),
    };
    read_hosts(&mut url, hosts_text, hosts_at, &at);
    url
}

fn check_path(url: &mut ZkUrl, path: &str, path_at: usize, at: &impl Fn(usize, usize) -> Span) {
    if path == "/" {
        url.problems.push(ZkUrlProblem::MissingPath {
            span: at(path_at, path_at + 1),
        });
        return;
    }
    // `/mesos,b:2181/mesos`: every comma-separated piece after the first that starts with
    // `host:port` is a server the author meant to list.
    let mut lost = Vec::new();
    let mut offset = 0;
    // The path written after the first host, e.g. `/mesos`: a later piece `zk2/mesos` repeats it
    // after a host without a port.
    let first_path = path.split(',').next().unwrap_or("");
    for (i, piece) in path.split(',').enumerate() {
        let piece_at = offset;
        offset += piece.len() + 1;
        if i == 0 {
            continue;
        }
        let address = piece.split('/').next().unwrap_or("");
        let repeats_path = !address.is_empty()
            && piece.get(address.len()..) == Some(first_path)
            && address
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
        if looks_like_host_port(address) || repeats_path {
            lost.push(Spanned::new(
                address.to_owned(),
                at(path_at + piece_at, path_at + piece_at + address.len()),
            ));
        }
    }
    if !lost.is_empty() {
        url.problems.push(ZkUrlProblem::PathPerHost { lost });
    } else if let Some(i) = path.find("//") {
        url.problems.push(ZkUrlProblem::DoubleSlash {
            span: at(path_at + i, path_at + i + 2),
        });
    }
}

fn looks_like_host_port(text: &str) -> bool {
    match text.rsplit_once(':') {
        Some((host, port)) => {
            !host.is_empty()
                && !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
        }
        None => false,
    }
}

fn read_hosts(url: &mut ZkUrl, hosts: &str, hosts_at: usize, at: &impl Fn(usize, usize) -> Span) {
    if hosts.trim().is_empty() {
        url.problems.push(ZkUrlProblem::NoHosts {
            span: at(hosts_at.saturating_sub(2), hosts_at + hosts.len()),
        });
        return;
    }
    let mut offset = 0;
    for item in hosts.split(',') {
        let item_at = hosts_at + offset;
        offset += item.len() + 1;
        if item.is_empty() {
            url.problems.push(ZkUrlProblem::EmptyHost {
                span: at(item_at.saturating_sub(1), item_at + 1),
            });
            continue;
        }
        let leading = item.len() - item.trim_start().len();
        if item.contains([' ', '\t']) {
            url.problems.push(ZkUrlProblem::Whitespace {
                span: at(item_at, item_at + item.len()),
            });
        }
        let body = &item[leading..];
        let body_at = item_at + leading;
        let span = at(body_at, body_at + body.len());
        if body.starts_with('[') {
            url.problems.push(ZkUrlProblem::Ipv6Brackets { span });
        }
        let (host, port) = match body.rsplit_once(':') {
            Some((h, p)) if !body.ends_with(']') => (h, Some(p)),
            _ => (body, None),
        };
        let port = match port {
            None => {
                url.problems.push(ZkUrlProblem::MissingPort {
                    span,
                    host: host.to_owned(),
                });
                None
            }
            Some(p) => match decimal_port(p) {
                Some(n) => Some(n),
                None => {
                    let p_at = body_at + host.len() + 1;
                    url.problems.push(ZkUrlProblem::BadPort {
                        span: at(p_at, p_at + p.len()),
                        port: p.to_owned(),
                    });
                    None
                }
            },
        };
        url.hosts.push(Spanned::new(
            ZkHost {
                host: host.to_owned(),
                port,
            },
            span,
        ));
    }
}

/// A port the ZooKeeper client reads as the same decimal number: no leading `0` (octal),
/// no `0x` (hex), not zero.
fn decimal_port(text: &str) -> Option<u16> {
    if text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u16>().ok().filter(|p| *p != 0)
}

/// Parses the agent's `--master`: `zk://`, `file://`, `host:port` or `master@host:port`.
pub fn parse_master_addr(value: &Spanned<String>, sink: &mut Sink) -> MasterAddr {
    let text = value.value.as_str();
    let trimmed = text.trim_matches(TRIMMED);
    let start = text.len() - text.trim_start_matches(TRIMMED).len();
    let at = |from: usize, to: usize| value.sub_span(start + from, start + to);
    if trimmed.starts_with("zk://") || trimmed.to_ascii_lowercase().starts_with("zk:") {
        return MasterAddr::Zk(parse_zk_url(value, sink));
    }
    if let Some(path) = trimmed.strip_prefix("file://") {
        return MasterAddr::File(Spanned::new(path.to_owned(), at(7, trimmed.len())));
    }
    let (pid_at, address) = match trimmed.strip_prefix("master@") {
        Some(rest) => (7, rest),
        None => (0, trimmed),
    };
    let invalid = |why: &str| MasterAddr::Invalid {
        span: at(0, trimmed.len()),
        why: why.to_owned(),
    };
    if trimmed.is_empty() {
        return invalid("the value is empty");
    }
    if address.contains(',') {
        return invalid(
            "a list of masters is read only from a zk:// URL; `host:port` names one master",
        );
    }
    if address.contains('[') || address.matches(':').count() > 1 {
        return invalid("IPv6 addresses are not supported");
    }
    let Some((host, port)) = address.rsplit_once(':') else {
        return invalid("the port is missing (there is no default port)");
    };
    if host.is_empty() {
        return invalid("the host is missing");
    }
    // Mesos reads the port leniently: leading digits count, the rest is ignored.
    let digits: String = port.chars().take_while(char::is_ascii_digit).collect();
    let Ok(number) = digits.parse::<u16>() else {
        return invalid("the port is not a number from 0 to 65535");
    };
    let port_at = pid_at + host.len() + 1;
    MasterAddr::Pid {
        host: Spanned::new(host.to_owned(), at(pid_at, pid_at + host.len())),
        port: Spanned::new(number, at(port_at, port_at + port.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceMap};
    use proptest::prelude::*;

    fn spanned(text: &str) -> (Spanned<String>, FileId) {
        let mut map = SourceMap::new();
        let file = map.add("zk", text.as_bytes());
        (
            Spanned::new(text.to_owned(), Span::new(file, 0, text.len())),
            file,
        )
    }

    fn parse(text: &str) -> (ZkUrl, Sink) {
        let (value, _) = spanned(text);
        let mut sink = Sink::default();
        (parse_zk_url(&value, &mut sink), sink)
    }

    fn kinds(url: &ZkUrl) -> Vec<&'static str> {
        url.problems
            .iter()
            .map(|p| match p {
                ZkUrlProblem::Scheme { .. } => "scheme",
                ZkUrlProblem::PathPerHost { .. } => "path_per_host",
                ZkUrlProblem::MissingPath { .. } => "missing_path",
                ZkUrlProblem::DoubleSlash { .. } => "double_slash",
                ZkUrlProblem::NoHosts { .. } => "no_hosts",
                ZkUrlProblem::MissingPort { .. } => "missing_port",
                ZkUrlProblem::BadPort { .. } => "bad_port",
                ZkUrlProblem::EmptyHost { .. } => "empty_host",
                ZkUrlProblem::Whitespace { .. } => "whitespace",
                ZkUrlProblem::Ipv6Brackets { .. } => "ipv6",
            })
            .collect()
    }

    #[test]
    fn the_table_of_mesos_readings() {
        // (url, hosts Mesos uses, path Mesos uses, problems)
        let cases: &[(&str, &[&str], &str, &[&str])] = &[
            (
                "zk://h1:2181,h2:2181,h3:2181/mesos",
                &["h1:2181", "h2:2181", "h3:2181"],
                "/mesos",
                &[],
            ),
            (
                "zk://u:p@h1:2181,h2:2181/mesos",
                &["h1:2181", "h2:2181"],
                "/mesos",
                &[],
            ),
            (
                "zk://10.0.0.1:2181/mesos,10.0.0.2:2181/mesos",
                &["10.0.0.1:2181"],
                "/mesos,10.0.0.2:2181/mesos",
                &["path_per_host"],
            ),
            (
                "zk://h1:2181,h2:2181",
                &["h1:2181", "h2:2181"],
                "/",
                &["missing_path"],
            ),
            ("zk://h1:2181/", &["h1:2181"], "/", &["missing_path"]),
            ("zk://h1/mesos", &["h1"], "/mesos", &["missing_port"]),
            (
                "zk://h1:2181,/mesos",
                &["h1:2181"],
                "/mesos",
                &["empty_host"],
            ),
            (
                "zk://h1:2181, h2:2181/mesos",
                &["h1:2181", "h2:2181"],
                "/mesos",
                &["whitespace"],
            ),
            ("zk:///mesos", &[], "/mesos", &["no_hosts"]),
            ("ZK://h1:2181/mesos", &[], "/", &["scheme"]),
            ("zk:/h1:2181/mesos", &[], "/", &["scheme"]),
            ("10.0.0.1:2181/mesos", &[], "/", &["scheme"]),
            (
                "zk://[::1]:2181/mesos",
                &["[::1]:2181"],
                "/mesos",
                &["ipv6"],
            ),
            ("zk://h:2181/mesos/", &["h:2181"], "/mesos/", &[]),
            (
                "zk://h:2181//mesos",
                &["h:2181"],
                "//mesos",
                &["double_slash"],
            ),
            ("zk://h:0x885/mesos", &["h"], "/mesos", &["bad_port"]),
            ("  zk://h:2181/mesos\n", &["h:2181"], "/mesos", &[]),
        ];
        for (text, hosts, path, problems) in cases {
            let (url, _) = parse(text);
            let got: Vec<String> = url.hosts.iter().map(|h| h.value.address()).collect();
            assert_eq!(&got, hosts, "{text}");
            assert_eq!(url.path.value, *path, "{text}");
            assert_eq!(kinds(&url), *problems, "{text}");
        }
    }

    #[test]
    fn lost_hosts_are_named_with_narrow_spans() {
        let text = "zk://a:2181/mesos,b:2181/mesos,c:2181/mesos";
        let (url, _) = parse(text);
        let Some(ZkUrlProblem::PathPerHost { lost }) = url.problems.first() else {
            panic!("{:?}", url.problems);
        };
        let got: Vec<_> = lost
            .iter()
            .map(|l| (l.value.as_str(), &text[l.span.range()]))
            .collect();
        assert_eq!(got, vec![("b:2181", "b:2181"), ("c:2181", "c:2181")]);
        assert_eq!(&text[url.hosts[0].span.range()], "a:2181");
    }

    #[test]
    fn hosts_without_ports_that_repeat_the_path_are_lost_too() {
        let text = "zk://zk1/mesos,zk2/mesos,zk3/mesos";
        let (url, _) = parse(text);
        let lost = url.problems.iter().find_map(|p| match p {
            ZkUrlProblem::PathPerHost { lost } => Some(lost),
            _ => None,
        });
        let names: Vec<_> = lost
            .expect("path after every host")
            .iter()
            .map(|l| &text[l.span.range()])
            .collect();
        assert_eq!(names, ["zk2", "zk3"]);
        // A path that merely has a comma in it is no lost host.
        let (url, _) = parse("zk://zk1:2181/mesos,prod");
        assert!(
            !url.problems
                .iter()
                .any(|p| matches!(p, ZkUrlProblem::PathPerHost { .. }))
        );
    }

    #[test]
    fn credentials_are_secret_and_hosts_keep_their_spans() {
        let text = "zk://user:pa@ss@h1:2181,h2:2182/mesos";
        let (url, sink) = parse(text);
        let creds = url.credentials.expect("credentials");
        assert_eq!(&text[creds.range()], "user:pa@ss");
        assert_eq!(sink.secrets, vec![creds]);
        let spans: Vec<_> = url.hosts.iter().map(|h| &text[h.span.range()]).collect();
        assert_eq!(spans, vec!["h1:2181", "h2:2182"]);
    }

    #[test]
    fn credentials_are_masked_even_with_a_bad_scheme() {
        let text = "ZK://user:pw@h1:2181/mesos";
        let (_, sink) = parse(text);
        let masked: Vec<_> = sink.secrets.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(masked, vec!["user:pw"]);
    }

    #[test]
    fn file_indirection_is_recorded() {
        let (url, _) = parse("file:///etc/mesos/zk");
        assert_eq!(url.file.map(|f| f.value), Some("/etc/mesos/zk".to_owned()));
        assert!(url.problems.is_empty());
    }

    #[test]
    fn master_addresses() {
        let cases = [
            ("10.0.0.1:5050", "pid"),
            ("master@10.0.0.1:5050", "pid"),
            ("zk://h:2181/mesos", "zk"),
            ("file:///etc/mesos/zk", "file"),
            ("10.0.0.1", "invalid"),
            ("[::1]:5050", "invalid"),
            ("", "invalid"),
            ("host:abc", "invalid"),
        ];
        for (text, want) in cases {
            let (value, _) = spanned(text);
            let got = match parse_master_addr(&value, &mut Sink::default()) {
                MasterAddr::Zk(_) => "zk",
                MasterAddr::File(_) => "file",
                MasterAddr::Pid { .. } => "pid",
                MasterAddr::Invalid { .. } => "invalid",
            };
            assert_eq!(got, want, "{text}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let (value, _) = spanned(&s);
            let mut sink = Sink::default();
            let _ = parse_zk_url(&value, &mut sink);
            let _ = parse_master_addr(&value, &mut sink);
            let prefixed = format!("zk://{s}");
            let (value, _) = spanned(&prefixed);
            let url = parse_zk_url(&value, &mut sink);
            for h in &url.hosts {
                prop_assert!(h.span.end as usize <= prefixed.len());
            }
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..80)) {
            let (s, _) = crate::source::decode(&b);
            let (value, _) = spanned(&format!("zk://{s}"));
            let _ = parse_zk_url(&value, &mut Sink::default());
        }
    }
}
