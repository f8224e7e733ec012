//! The `server.N`, `group.N` and `weight.N` grammars, per ZooKeeper release.
//!
//! 3.4 trims the value and splits it on `:` (IPv6 in brackets); 3.5 adds `;[host:]clientPort`
//! and reads the value untrimmed; 3.6 adds `|`-separated addresses. Each parse records what the
//! release would reject as [`LineProblem`]s on the entry; rules decide how to report them. This
//! module does not judge the ensemble (counts, groups covering servers): rules do.

use crate::diagnostic::Severity;
use crate::model::zookeeper::{
    ClientAddress, GroupEntry, LineProblem, ProblemKind, Role, ServerAddress, ServerEntry, Setting,
    Value, WeightEntry,
};
use crate::parse::java::{java_split, parse_java_integer};
use crate::parse::properties::{Entry, java_trim, java_trim_range};
use crate::source::{Span, Spanned};
use crate::template::has_placeholder;
use crate::version::ZkVersion;

/// A piece of an entry's value: decoded text plus its offset in the decoded value.
#[derive(Clone, Copy)]
struct Piece<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Piece<'a> {
    fn sub(self, from: usize, to: usize) -> Piece<'a> {
        Piece {
            text: self.text.get(from..to).unwrap_or(""),
            at: self.at + from,
        }
    }

    fn split(self, sep: char) -> Vec<Piece<'a>> {
        java_split(self.text, sep)
            .into_iter()
            .map(|(a, b)| self.sub(a, b))
            .collect()
    }
}

struct LineCtx<'a> {
    entry: &'a Entry,
    version: ZkVersion,
    problems: Vec<LineProblem>,
}

impl LineCtx<'_> {
    fn span(&self, piece: Piece<'_>) -> Span {
        self.entry.value_span(piece.at, piece.at + piece.text.len())
    }

    fn spanned(&self, piece: Piece<'_>) -> Spanned<String> {
        Spanned::new(piece.text.to_owned(), self.span(piece))
    }

    fn problem(&mut self, kind: ProblemKind, span: Span, message: String, label: &str, help: &str) {
        self.problems.push(LineProblem {
            kind,
            message,
            label: label.to_owned(),
            span,
            help: help.to_owned(),
            severity: Severity::Error,
        });
    }

    /// A port as `Integer.parseInt` plus `InetSocketAddress` read it.
    fn port(&mut self, piece: Piece<'_>, what: &str) -> Setting<i64> {
        let span = self.span(piece);
        if has_placeholder(piece.text) {
            return Spanned::new(Value::Unknown, span);
        }
        let at_line_end = piece.at + piece.text.len() >= self.entry.value.value.len();
        let trimmed = piece.text.trim_end_matches(|c: char| c <= ' ');
        if at_line_end
            && trimmed.len() < piece.text.len()
            && parse_java_integer(trimmed, 32).is_some()
        {
            // The trailing blanks are reported once, as such.
            return Spanned::new(Value::Invalid, span);
        }
        match parse_java_integer(piece.text, 32) {
            Some(p) if (0..=65535).contains(&p) => Spanned::new(Value::Known(p), span),
            Some(p) => {
                self.problem(
                    ProblemKind::Syntax,
                    span,
                    format!("{what} `{p}` is out of range"),
                    "not a port number",
                    "use a port between 1 and 65535",
                );
                Spanned::new(Value::Invalid, span)
            }
            None => {
                self.problem(
                    ProblemKind::Syntax,
                    span,
                    format!("{what} `{}` is not a number", piece.text),
                    "not a port number",
                    "write the port as plain digits, with no blanks",
                );
                Spanned::new(Value::Invalid, span)
            }
        }
    }
}

/// The id after the first `.` of `server.N` / `group.N` / `weight.N`, or the whole key when
/// there is no dot (ZooKeeper's `substring(indexOf('.') + 1)`).
fn key_id(entry: &Entry, key: &Spanned<String>, problems: &mut Vec<LineProblem>) -> Setting<i64> {
    let text = &key.value;
    let from = text.find('.').map_or(0, |d| d + 1);
    let id = text.get(from..).unwrap_or("");
    let (k_from, _) = java_trim_range(&entry.key.value);
    let span = entry.key_span(k_from + from, k_from + text.len());
    if has_placeholder(id) {
        return Spanned::new(Value::Unknown, span);
    }
    match parse_java_integer(id, 64) {
        Some(n) => Spanned::new(Value::Known(n), span),
        None => {
            problems.push(LineProblem {
                kind: ProblemKind::Id,
                message: format!("`{text}` has no numeric id: `{id}` is not a number"),
                label: "not a number".to_owned(),
                span: if span.is_empty() { key.span } else { span },
                help: "write the id as plain digits, e.g. `server.1`, `group.1`, `weight.1`"
                    .to_owned(),
                severity: Severity::Error,
            });
            Spanned::new(Value::Invalid, span)
        }
    }
}

/// The value a release parses: trimmed on 3.4 (and never untrimmed in a 3.4 file), raw on 3.5+.
fn line_value(entry: &Entry, version: ZkVersion) -> (String, usize) {
    let value = &entry.value.value;
    if version < ZkVersion::V3_5 {
        let (a, b) = java_trim_range(value);
        (value.get(a..b).unwrap_or("").to_owned(), a)
    } else {
        (value.clone(), 0)
    }
}

fn trailing_blank(ctx: &mut LineCtx<'_>, value: &str, what: &str) {
    if ctx.version < ZkVersion::V3_5 {
        return;
    }
    let (_, end) = java_trim_range(value);
    if end < value.len() {
        let span = ctx.entry.value_span(end, value.len());
        ctx.problem(
            ProblemKind::TrailingBlank,
            span,
            format!(
                "`{what}` ends with blanks that ZooKeeper {} reads as part of the value",
                ctx.version
            ),
            "trailing blanks",
            "delete the blanks at the end of the line",
        );
    }
}

const WRONG_FORM_HELP: &str = "write `host:quorumPort:electionPort[:participant|observer]`, optionally followed by `;[host:]clientPort` on 3.5+";

/// Parses one `server.N` entry for `version`. `key` is the trimmed key.
pub fn parse_server(entry: &Entry, key: &Spanned<String>, version: ZkVersion) -> ServerEntry {
    let mut id_problems = Vec::new();
    let sid = key_id(entry, key, &mut id_problems);
    let (value, at) = line_value(entry, version);
    let templated = has_placeholder(&value) || has_placeholder(&key.value);
    let mut ctx = LineCtx {
        entry,
        version,
        problems: id_problems,
    };
    let whole = Piece { text: &value, at };
    let value_span = ctx.span(whole);
    trailing_blank(&mut ctx, &value, &key.value);
    let (addresses, client) = if version < ZkVersion::V3_5 {
        (parse_34(&mut ctx, whole, &key.value), None)
    } else {
        parse_35(&mut ctx, whole)
    };
    let mut role = Role::Participant;
    let mut role_span = None;
    for a in &addresses {
        if let Some(r) = &a.role {
            let text = if version >= ZkVersion::V3_6 {
                java_trim(&r.value)
            } else {
                r.value.as_str()
            };
            if let Some(parsed) = Role::parse(text) {
                role = parsed;
                role_span = Some(r.span);
                break;
            }
        }
    }
    let mut problems = ctx.problems;
    if templated {
        problems.retain(|p| p.kind == ProblemKind::TrailingBlank);
    }
    // 3.6+ trims the role, so blanks after a trailing role are harmless.
    let ends_with_role = client.is_none() && addresses.last().is_some_and(|a| a.role.is_some());
    if version >= ZkVersion::V3_6 && ends_with_role {
        problems.retain(|p| p.kind != ProblemKind::TrailingBlank);
    }
    ServerEntry {
        key: key.clone(),
        sid,
        value: Spanned::new(value.clone(), value_span),
        addresses,
        client,
        role,
        role_span,
        problems,
        overridden: false,
        templated,
    }
}

/// `host` and the ports of one address, split as `ConfigUtils.getHostAndPort` (3.5+) or
/// `splitWithLeadingHostname` (3.4) does.
fn host_and_ports<'a>(ctx: &mut LineCtx<'_>, piece: Piece<'a>) -> Option<Vec<Piece<'a>>> {
    if !piece.text.starts_with('[') {
        return Some(piece.split(':'));
    }
    let close = if ctx.version < ZkVersion::V3_5 {
        piece.text.find("]:")
    } else {
        piece.text.find(']')
    };
    let Some(close) = close else {
        let span = ctx.span(piece);
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!("`{}` starts with `[` but has no matching `]:`", piece.text),
            "unclosed IPv6 bracket",
            "write IPv6 addresses as `[addr]:quorumPort:electionPort`",
        );
        return None;
    };
    let host = piece.sub(1, close);
    let rest_from = close + 1;
    if rest_from >= piece.text.len() {
        return Some(vec![host]);
    }
    if piece.text.get(rest_from..rest_from + 1) != Some(":") {
        let span = ctx.span(piece);
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!("`{}` has no `:` after `]`", piece.text),
            "expected `:` after `]`",
            "write IPv6 addresses as `[addr]:quorumPort:electionPort`",
        );
        return None;
    }
    let ports = piece.sub(rest_from + 1, piece.text.len());
    if ports.text.is_empty() {
        let span = ctx.span(piece);
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!("`{}` has no port after the colon", piece.text),
            "missing port",
            WRONG_FORM_HELP,
        );
        return None;
    }
    let mut parts = vec![host];
    parts.extend(ports.split(':'));
    Some(parts)
}

fn parse_34(ctx: &mut LineCtx<'_>, whole: Piece<'_>, key: &str) -> Vec<ServerAddress> {
    let Some(parts) = host_and_ports(ctx, whole) else {
        return Vec::new();
    };
    // A `;` matters only where 3.4 reads a port or the role (`host:q:e;2181` breaks the
    // election port). In the host it is an odd name; past the fourth part 3.4 ignores it.
    if let Some(part) = parts.iter().skip(1).take(3).find(|p| p.text.contains(';')) {
        // Reported once here rather than as a bad port number: the cause is 3.5 syntax.
        let semi = part.at.saturating_sub(whole.at) + part.text.find(';').unwrap_or(0);
        let span = ctx.span(whole.sub(semi, whole.text.len()));
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!("`{key}` uses the 3.5 `;clientPort` syntax, which ZooKeeper 3.4 cannot read"),
            "3.5+ only",
            "remove the `;...` part and set `clientPort` instead, or target ZooKeeper 3.5+",
        );
        return Vec::new();
    }
    let span = ctx.span(whole);
    if parts.len() < 2 {
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!("`{key}` has no quorum port"),
            "expected `host:quorumPort:electionPort`",
            WRONG_FORM_HELP,
        );
        return vec![ServerAddress {
            host: parts
                .first()
                .map_or_else(|| Spanned::new(String::new(), span), |h| ctx.spanned(*h)),
            quorum_port: None,
            election_port: None,
            role: None,
        }];
    }
    if parts.len() > 4 {
        let extra = parts.get(4).map_or(span, |p| {
            ctx.span(whole.sub(p.at - whole.at, whole.text.len()))
        });
        ctx.problems.push(LineProblem {
            kind: ProblemKind::Syntax,
            message: format!(
                "`{key}` has more than four `:` separated parts; ZooKeeper 3.4 ignores the rest"
            ),
            label: "ignored".to_owned(),
            span: extra,
            help: WRONG_FORM_HELP.to_owned(),
            severity: Severity::Warning,
        });
    }
    let mut parts = parts.into_iter();
    let host = parts
        .next()
        .map_or_else(|| Spanned::new(String::new(), span), |h| ctx.spanned(h));
    let quorum_port = parts.next().map(|p| ctx.port(p, "quorum port"));
    // 3.4 builds an election address only for a positive port: 0 or less means none.
    let election_port = parts.next().and_then(|p| {
        if parse_java_integer(p.text, 32).is_some_and(|n| n <= 0) {
            None
        } else {
            Some(ctx.port(p, "election port"))
        }
    });
    let role = parts.next().map(|r| {
        if Role::parse(r.text).is_none() && !has_placeholder(r.text) {
            let span = ctx.span(r);
            ctx.problem(
                ProblemKind::Syntax,
                span,
                format!("role `{}` is neither `participant` nor `observer`", r.text),
                "unknown role",
                "write `participant` or `observer`",
            );
        }
        ctx.spanned(r)
    });
    vec![ServerAddress {
        host,
        quorum_port,
        election_port,
        role,
    }]
}

fn parse_35(
    ctx: &mut LineCtx<'_>,
    whole: Piece<'_>,
) -> (Vec<ServerAddress>, Option<ClientAddress>) {
    let server_client = whole.split(';');
    let wrong_form = |ctx: &mut LineCtx<'_>, span: Span, why: &str| {
        ctx.problem(
            ProblemKind::Syntax,
            span,
            format!(
                "server line `{}` does not have the form ZooKeeper reads: {why}",
                whole.text.trim_end()
            ),
            why,
            WRONG_FORM_HELP,
        );
    };
    let whole_span = ctx.span(whole);
    if server_client.len() > 2 {
        wrong_form(ctx, whole_span, "more than one `;`");
        return (Vec::new(), None);
    }
    let server_part = server_client.first().copied().unwrap_or(whole);
    let mut client = None;
    if let Some(&client_part) = server_client.get(1) {
        if let Some(parts) = host_and_ports(ctx, client_part) {
            let span = ctx.span(client_part);
            match parts.as_slice() {
                [port] => {
                    client = Some(ClientAddress {
                        host: None,
                        port: ctx.port(*port, "client port"),
                    })
                }
                [host, port] => {
                    client = Some(ClientAddress {
                        host: Some(ctx.spanned(*host)),
                        port: ctx.port(*port, "client port"),
                    })
                }
                _ => wrong_form(ctx, span, "the client part is not `port` or `host:port`"),
            }
        }
    }
    let addresses = server_part.split('|');
    if addresses.len() > 1 {
        let span = ctx.span(server_part);
        if ctx.version < ZkVersion::V3_6 {
            wrong_form(ctx, span, "`|` separated addresses need ZooKeeper 3.6+");
            return (Vec::new(), client);
        }
        let sid_note = "multiple addresses for one server";
        ctx.problem(
            ProblemKind::MultiAddress,
            span,
            "server line lists several addresses, which ZooKeeper rejects unless the JVM runs with `-Dzookeeper.multiAddress.enabled=true`".to_owned(),
            sid_note,
            "add `-Dzookeeper.multiAddress.enabled=true` to the server's JVM flags (the zoo.cfg key `multiAddress.enabled` is not enough), or keep one address",
        );
    }
    let mut out = Vec::new();
    let mut first_role: Option<(Role, String)> = None;
    for address in addresses {
        let Some(parts) = host_and_ports(ctx, address) else {
            continue;
        };
        let span = ctx.span(address);
        if parts.len() < 3 {
            let why = if parts.len() == 2 {
                "the election port is missing"
            } else {
                "the quorum and election ports are missing"
            };
            wrong_form(ctx, if span.is_empty() { whole_span } else { span }, why);
            continue;
        }
        if parts.len() > 4 {
            wrong_form(ctx, span, "more than four `:` separated parts");
            continue;
        }
        let mut it = parts.into_iter();
        let host = it
            .next()
            .map_or_else(|| Spanned::new(String::new(), span), |h| ctx.spanned(h));
        let quorum_port = it.next().map(|p| ctx.port(p, "quorum port"));
        let election_port = it.next().map(|p| ctx.port(p, "election port"));
        let role = it.next().map(|r| {
            let text = if ctx.version >= ZkVersion::V3_6 {
                java_trim(r.text)
            } else {
                r.text
            };
            match Role::parse(text) {
                Some(parsed) => match &first_role {
                    Some((earlier, earlier_text)) if *earlier != parsed => {
                        let span = ctx.span(r);
                        ctx.problem(
                            ProblemKind::Syntax,
                            span,
                            format!("addresses of one server have different roles: `{earlier_text}` and `{text}`"),
                            "differs from an earlier address",
                            "give every address of a server the same role",
                        );
                    }
                    Some(_) => {}
                    None => first_role = Some((parsed, text.to_owned())),
                },
                None if has_placeholder(text) => {}
                None => {
                    let span = ctx.span(r);
                    let extra = if r.text != java_trim(r.text) && ctx.version < ZkVersion::V3_6 {
                        " (ZooKeeper 3.5 does not trim it)"
                    } else {
                        ""
                    };
                    ctx.problem(
                        ProblemKind::Syntax,
                        span,
                        format!("role `{}` is neither `participant` nor `observer`{extra}", r.text),
                        "unknown role",
                        "write `participant` or `observer`",
                    );
                }
            }
            ctx.spanned(r)
        });
        out.push(ServerAddress {
            host,
            quorum_port,
            election_port,
            role,
        });
    }
    (out, client)
}

/// What `group.N` and `weight.N` lines share: the id after the dot, the value as the release
/// reads it (and where it starts), whether a template wrote it, and trailing blanks reported.
fn start_id_line<'a>(
    entry: &'a Entry,
    key: &Spanned<String>,
    version: ZkVersion,
) -> (LineCtx<'a>, Setting<i64>, String, usize, bool) {
    let mut problems = Vec::new();
    let id = key_id(entry, key, &mut problems);
    let (value, at) = line_value(entry, version);
    let templated = has_placeholder(&value) || has_placeholder(&key.value);
    let mut ctx = LineCtx {
        entry,
        version,
        problems,
    };
    trailing_blank(&mut ctx, &value, &key.value);
    (ctx, id, value, at, templated)
}

/// Parses one key that starts with `group` for `version`.
pub fn parse_group(entry: &Entry, key: &Spanned<String>, version: ZkVersion) -> GroupEntry {
    let (mut ctx, gid, value, at, templated) = start_id_line(entry, key, version);
    let whole = Piece { text: &value, at };
    let mut members = Vec::new();
    for part in whole.split(':') {
        let span = ctx.span(part);
        if has_placeholder(part.text) {
            members.push(Spanned::new(Value::Unknown, span));
            continue;
        }
        match parse_java_integer(part.text, 64) {
            Some(n) => members.push(Spanned::new(Value::Known(n), span)),
            None => {
                if java_trim_range(part.text).1 < part.text.len()
                    && parse_java_integer(part.text.trim_end_matches(|c: char| c <= ' '), 64)
                        .is_some()
                {
                    // Already reported as trailing blanks.
                    members.push(Spanned::new(Value::Invalid, span));
                    continue;
                }
                let help = if part.text.contains(',') {
                    "separate the server ids with `:`, not `,`"
                } else {
                    "list server ids separated by `:`, e.g. `group.1=1:2:3`"
                };
                ctx.problem(
                    ProblemKind::Group,
                    if span.is_empty() {
                        ctx.span(whole)
                    } else {
                        span
                    },
                    format!("group member `{}` is not a server id", part.text),
                    "not a number",
                    help,
                );
                members.push(Spanned::new(Value::Invalid, span));
            }
        }
    }
    let mut problems = ctx.problems;
    if templated {
        problems.retain(|p| p.kind == ProblemKind::TrailingBlank);
    }
    GroupEntry {
        key: key.clone(),
        gid,
        members,
        problems,
        templated,
    }
}

/// Parses one key that starts with `weight` for `version`.
pub fn parse_weight(entry: &Entry, key: &Spanned<String>, version: ZkVersion) -> WeightEntry {
    let (mut ctx, sid, value, at, templated) = start_id_line(entry, key, version);
    let whole = Piece { text: &value, at };
    let span = ctx.span(whole);
    let weight = if has_placeholder(&value) {
        Spanned::new(Value::Unknown, span)
    } else if let Some(w) = parse_java_integer(&value, 64) {
        Spanned::new(Value::Known(w), span)
    } else {
        // Java's trim, not Rust's: a no-break space is no blank to ZooKeeper.
        if parse_java_integer(value.trim_end_matches(|c: char| c <= ' '), 64).is_none() {
            ctx.problem(
                ProblemKind::Group,
                span,
                format!("weight `{value}` is not a number"),
                "not a number",
                "write the weight as plain digits, e.g. `weight.1=1`",
            );
        }
        Spanned::new(Value::Invalid, span)
    };
    let mut problems = ctx.problems;
    if templated {
        problems.retain(|p| p.kind == ProblemKind::TrailingBlank);
    }
    WeightEntry {
        key: key.clone(),
        sid,
        weight,
        problems,
        templated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::properties::lex;
    use crate::source::SourceMap;

    fn server(line: &str, version: ZkVersion) -> (ServerEntry, String) {
        let mut map = SourceMap::new();
        let id = map.add("zoo.cfg", line.as_bytes());
        let props = lex(id, line);
        let entry = &props.entries[0];
        (
            parse_server(entry, &entry.trimmed_key(), version),
            line.to_owned(),
        )
    }

    fn kinds(s: &ServerEntry) -> Vec<ProblemKind> {
        s.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.kind)
            .collect()
    }

    #[test]
    fn java_integers() {
        let cases = [
            ("1", Some(1)),
            ("+1", Some(1)),
            ("01", Some(1)),
            ("-5", Some(-5)),
            ("", None),
            ("+", None),
            ("1 ", None),
            ("0x10", None),
            ("2147483648", None),
            ("6e+07", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_java_integer(text, 32), want, "{text}");
        }
        assert_eq!(parse_java_integer("2147483648", 64), Some(2_147_483_648));
        assert_eq!(parse_java_integer("9223372036854775808", 64), None);
        assert_eq!(
            parse_java_integer("-9223372036854775808", 64),
            Some(i64::MIN)
        );
    }

    #[test]
    fn java_split_drops_trailing_empties() {
        assert_eq!(java_split("a:b:", ':'), vec![(0, 1), (2, 3)]);
        assert_eq!(java_split(":a", ':'), vec![(0, 0), (1, 2)]);
        assert_eq!(java_split("", ':'), vec![(0, 0)]);
        assert!(java_split(":", ':').is_empty());
    }

    #[test]
    fn server_lines_per_version() {
        use ProblemKind::*;
        let v34 = ZkVersion::V3_4;
        let v35 = ZkVersion::V3_5;
        let v38 = ZkVersion::V3_8;
        let cases: &[(&str, ZkVersion, &[ProblemKind])] = &[
            ("server.1=h:2888:3888", v34, &[]),
            ("server.1=h:2888:3888", v38, &[]),
            ("server.1=h:2888", v34, &[]),
            ("server.1=h:2888", v38, &[Syntax]),
            ("server.1=h", v34, &[Syntax]),
            ("server.1=h", v38, &[Syntax]),
            ("server.1=h:2888:3888:observer", v38, &[]),
            ("server.1=h:2888:3888:learner", v38, &[Syntax]),
            ("server.1=h:2888:3888;2181", v34, &[Syntax]),
            ("server.1=h:2888:3888;2181", v38, &[]),
            ("server.1=h:2888:3888;h:2181", v38, &[]),
            ("server.1=h:2888:3888;2181;2281", v38, &[Syntax]),
            ("server.1=h:2888:3888;", v38, &[]),
            ("server.1=h:2888:3888   ", v34, &[]),
            ("server.1=h:2888:3888   ", v38, &[TrailingBlank]),
            ("server.1=h:70000:3888", v38, &[Syntax]),
            ("server.1=h: 2888:3888", v38, &[Syntax]),
            ("server.1=[::1]:2888:3888", v38, &[]),
            ("server.1=[::1]:2888:3888", v34, &[]),
            ("server.1=[::1:2888:3888", v38, &[Syntax]),
            ("server.1=::1:2888:3888", v38, &[Syntax]),
            ("server.1=a:1:2|b:1:2", v38, &[MultiAddress]),
            ("server.1=a:1:2|b:1:2", v35, &[Syntax]),
            ("server.1=a:1:2:observer |b:1:2", v38, &[MultiAddress]),
            (
                "server.1=h:2888:3888:observer ",
                v35,
                &[TrailingBlank, Syntax],
            ),
            ("server.1=h:2888:3888:observer:x", v38, &[Syntax]),
            ("server.four=h:2888:3888", v38, &[Id]),
            ("server.+1=h:2888:3888", v38, &[]),
            ("server.{{ i }}=h:2888:3888", v38, &[]),
            ("server.1={{ host }}:2888:3888", v38, &[]),
        ];
        for (line, version, want) in cases {
            let (s, _) = server(line, *version);
            assert_eq!(kinds(&s), *want, "{line} on {version}: {:?}", s.problems);
        }
    }

    #[test]
    fn server_line_parts_are_spanned() {
        let (s, text) = server(
            "server.01=zk1:2888:3888:observer;0.0.0.0:2181",
            ZkVersion::V3_8,
        );
        assert_eq!(s.sid.value, Value::Known(1));
        assert_eq!(&text[s.sid.span.range()], "01");
        let a = &s.addresses[0];
        assert_eq!(&text[a.host.span.range()], "zk1");
        assert_eq!(
            a.quorum_port.as_ref().map(|p| &text[p.span.range()]),
            Some("2888")
        );
        assert_eq!(
            a.election_port.as_ref().map(|p| p.value.clone()),
            Some(Value::Known(3888))
        );
        assert_eq!(s.role, Role::Observer);
        let c = s
            .client
            .as_ref()
            .map(|c| (&text[c.port.span.range()], c.port.value.clone()));
        assert_eq!(c, Some(("2181", Value::Known(2181))));
    }

    #[test]
    fn groups_and_weights() {
        let mut map = SourceMap::new();
        let text =
            "group.1=1:2:3\ngroup.2=4,5\ngroupName=x\nweight.1=2\nweight.2=heavy\ngroup.3=6 \n";
        let id = map.add("zoo.cfg", text.as_bytes());
        let props = lex(id, text);
        let g = |i: usize| {
            let e = &props.entries[i];
            parse_group(e, &e.trimmed_key(), ZkVersion::V3_8)
        };
        assert_eq!(g(0).members.len(), 3);
        assert!(g(0).problems.is_empty());
        assert_eq!(g(1).problems.len(), 1);
        assert!(g(1).problems[0].help.contains("not `,`"));
        assert_eq!(g(2).problems[0].kind, ProblemKind::Id);
        let trailing: Vec<_> = g(5).problems.iter().map(|p| p.kind).collect();
        assert_eq!(trailing, vec![ProblemKind::TrailingBlank]);
        let w = |i: usize| {
            let e = &props.entries[i];
            parse_weight(e, &e.trimmed_key(), ZkVersion::V3_8)
        };
        assert_eq!(w(3).weight.value, Value::Known(2));
        assert_eq!(w(4).problems.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn server_lines_never_panic(value in ".{0,80}", minor in 4u8..10) {
            let version = ZkVersion::ALL[usize::from(minor - 4)];
            let line = format!("server.1={value}");
            let (s, _) = server(&line, version);
            for p in &s.problems {
                proptest::prop_assert!(p.span.end as usize <= line.len());
            }
        }
    }
}
