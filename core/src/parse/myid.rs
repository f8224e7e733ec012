//! Reads a myid file exactly as ZooKeeper does: the first line, untrimmed, through
//! `Long.parseLong`.
//!
//! Any line end is fine (CRLF included) and later lines are never read. What is wrong is
//! recorded on the [`MyId`] model; whether it matters (3.4 reads myid only in quorum mode)
//! is for the rules to say.

use crate::model::zookeeper::{MyId, MyIdProblem};
use crate::parse::Sink;
use crate::parse::java::parse_java_integer;
use crate::settings::Settings;
use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

/// The start of the text Debian ships in `/etc/zookeeper/conf/myid`.
pub const DEBIAN_PLACEHOLDER: &str = "replace this text with the cluster-unique";

/// Parses a myid file. Never fails; reports nothing itself (the rules do).
pub fn parse_myid(file: FileId, text: &str, _settings: &Settings, _sink: &mut Sink) -> MyId {
    read(file, text, 0)
}

/// The myid a script writes (`echo 2 > /var/lib/zookeeper/myid`): `content` is what the file
/// will hold, its span the source of that text in the script.
pub fn written_myid(content: &Spanned<String>) -> MyId {
    read(
        content.span.file,
        &content.value,
        content.span.start as usize,
    )
}

/// Reads `text`, which starts at offset `base` of `file`.
fn read(file: FileId, text: &str, base: usize) -> MyId {
    let at = |start: usize, end: usize| Span::new(file, base + start, base + end);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    let first = text.get(..end).unwrap_or("");
    let first_line = Spanned::new(first.to_owned(), at(0, end));
    let id = parse_java_integer(first, 64).map(|n| Spanned::new(n, first_line.span));
    let problem = if id.is_some() {
        None
    } else if has_placeholder(first) {
        Some(MyIdProblem::Templated)
    } else if first.is_empty() {
        Some(MyIdProblem::Empty)
    } else if first.starts_with('\u{feff}') || first.starts_with("\u{ef}\u{bb}\u{bf}") {
        Some(MyIdProblem::ByteOrderMark)
    } else if first.trim_start().starts_with(DEBIAN_PLACEHOLDER) {
        Some(MyIdProblem::Placeholder)
    } else if parse_java_integer(first.trim(), 64).is_some() {
        Some(MyIdProblem::Blanks)
    } else {
        Some(MyIdProblem::NotANumber)
    };
    let rest_start = text
        .get(end..)
        .map_or(text.len(), |r| end + (r.len() - r.trim_start().len()));
    let rest = text.get(rest_start..).unwrap_or("").trim_end();
    let extra_lines = (!rest.is_empty()).then(|| at(rest_start, rest_start + rest.len()));
    MyId {
        file,
        first_line,
        id,
        problem,
        extra_lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn parse(text: &str) -> MyId {
        let mut map = SourceMap::new();
        let id = map.add("myid", text.as_bytes());
        parse_myid(id, text, &Settings::default(), &mut Sink::default())
    }

    #[test]
    fn myid_cases() {
        use MyIdProblem::*;
        let cases: &[(&str, Option<i64>, Option<MyIdProblem>, bool)] = &[
            ("1\n", Some(1), None, false),
            ("1", Some(1), None, false),
            ("1\r\n", Some(1), None, false),
            ("+01\n", Some(1), None, false),
            ("1\n1\n", Some(1), None, true),
            ("1 \n", None, Some(Blanks), false),
            (" 1\n", None, Some(Blanks), false),
            ("1\t\n", None, Some(Blanks), false),
            ("\u{feff}1\n", None, Some(ByteOrderMark), false),
            ("", None, Some(Empty), false),
            ("\n2\n", None, Some(Empty), true),
            ("id=1\n", None, Some(NotANumber), false),
            (
                "replace this text with the cluster-unique zookeeper's instance id (1-255)\n",
                None,
                Some(Placeholder),
                false,
            ),
            ("{{ zk_id }}\n", None, Some(Templated), false),
            ("-1\n", Some(-1), None, false),
            ("256\n", Some(256), None, false),
        ];
        for (text, id, problem, extra) in cases {
            let m = parse(text);
            assert_eq!(m.id.map(|i| i.value), *id, "{text:?}");
            assert_eq!(m.problem, *problem, "{text:?}");
            assert_eq!(m.extra_lines.is_some(), *extra, "{text:?}");
        }
    }

    #[test]
    fn first_line_span_excludes_line_end() {
        let m = parse("12\r\n");
        assert_eq!(m.first_line.span.range(), 0..2);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let (text, _) = crate::source::decode(&bytes);
            let m = parse(&text);
            proptest::prop_assert!(m.first_line.span.end as usize <= text.len());
            proptest::prop_assert!(m.id.is_some() != m.problem.is_some());
        }
    }
}
