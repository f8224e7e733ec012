//! A lexer that reads text exactly as Java's `java.util.Properties.load` does.
//!
//! It owns the `.properties` syntax only: logical lines, comments, continuations, the key/value
//! split and escapes. It knows nothing about ZooKeeper keys; [`super::zoo_cfg`] and
//! [`super::zk_dynamic`] give the entries their meaning. Every key and value keeps a map back to
//! the source bytes it was decoded from, so a rule can point at one port inside a value even
//! when the value was continued over several lines or held escapes.

use crate::source::{FileId, Span, Spanned};
pub use crate::source::{java_trim, java_trim_range};

/// One `key=value` pair in file order, decoded as Java decodes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The decoded key; its span covers the raw key bytes.
    pub key: Spanned<String>,
    /// The decoded value, untrimmed; its span covers the raw value bytes (empty when the line
    /// has no value).
    pub value: Spanned<String>,
    /// The whole logical line, from the first non-blank byte to the last byte before the line
    /// end (continuations included).
    pub line: Span,
    /// The raw source text of the value, before escapes were decoded.
    pub raw_value: String,
    key_map: Vec<Mapped>,
    value_map: Vec<Mapped>,
}

/// A malformed `\uXXXX` escape: Java stops loading with `Malformed \uxxxx encoding.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MalformedEscape {
    pub span: Span,
}

/// Everything the lexer read from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties {
    pub entries: Vec<Entry>,
    pub malformed_escapes: Vec<MalformedEscape>,
}

/// Where one decoded character came from: its byte offset in the decoded string and the
/// source byte range that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mapped {
    decoded: u32,
    src_start: u32,
    src_end: u32,
}

impl Entry {
    /// The source span of the decoded value bytes `from..to` (offsets into `value.value`).
    pub fn value_span(&self, from: usize, to: usize) -> Span {
        sub_span(&self.value_map, self.value.span, from, to)
    }

    /// The source span of the decoded key bytes `from..to` (offsets into `key.value`).
    pub fn key_span(&self, from: usize, to: usize) -> Span {
        sub_span(&self.key_map, self.key.span, from, to)
    }

    /// The value with leading and trailing characters `<= U+0020` removed (Java's `trim`),
    /// with its narrowed span.
    pub fn trimmed_value(&self) -> Spanned<String> {
        let (from, to) = java_trim_range(&self.value.value);
        Spanned::new(
            self.value.value.get(from..to).unwrap_or("").to_owned(),
            self.value_span(from, to),
        )
    }

    /// The key after Java's `trim`, with its narrowed span.
    pub fn trimmed_key(&self) -> Spanned<String> {
        let (from, to) = java_trim_range(&self.key.value);
        Spanned::new(
            self.key.value.get(from..to).unwrap_or("").to_owned(),
            self.key_span(from, to),
        )
    }
}

impl Entry {
    /// A `key=value` line that a container image's entrypoint writes into zoo.cfg: the key
    /// and each piece of the value point at the text they came from (a variable's value, or
    /// the image reference for a default), byte for byte where the piece is written verbatim.
    pub fn synthetic(key: Spanned<String>, pieces: &[Spanned<String>]) -> Entry {
        let mut value = String::new();
        let mut value_map = Vec::new();
        for piece in pieces {
            let exact = piece.span.len() == piece.value.len();
            for (i, c) in piece.value.char_indices() {
                let (src_start, src_end) = if exact {
                    (
                        piece.span.start as usize + i,
                        piece.span.start as usize + i + c.len_utf8(),
                    )
                } else {
                    (piece.span.start as usize, piece.span.end as usize)
                };
                value_map.push(Mapped {
                    decoded: (value.len() + i) as u32,
                    src_start: src_start as u32,
                    src_end: src_end as u32,
                });
            }
            value.push_str(&piece.value);
        }
        let file = key.span.file;
        let whole = match (pieces.first(), pieces.last()) {
            (Some(a), Some(b)) if a.span.file == b.span.file && a.span.start <= b.span.end => {
                a.span.cover(b.span)
            }
            (Some(a), _) => a.span,
            _ => Span::point(file, key.span.end as usize),
        };
        let key_map = key
            .value
            .char_indices()
            .map(|(i, c)| {
                let exact = key.span.len() == key.value.len();
                Mapped {
                    decoded: i as u32,
                    src_start: if exact {
                        key.span.start + i as u32
                    } else {
                        key.span.start
                    },
                    src_end: if exact {
                        key.span.start + (i + c.len_utf8()) as u32
                    } else {
                        key.span.end
                    },
                }
            })
            .collect();
        Entry {
            line: key.span,
            raw_value: value.clone(),
            value: Spanned::new(value, whole),
            key,
            key_map,
            value_map,
        }
    }
}

fn sub_span(map: &[Mapped], whole: Span, from: usize, to: usize) -> Span {
    // The first char starting at or after `from`, and the last char starting before `to`.
    let first = map.partition_point(|m| (m.decoded as usize) < from);
    let last = map.partition_point(|m| (m.decoded as usize) < to);
    match (map.get(first), last.checked_sub(1).and_then(|i| map.get(i))) {
        (Some(a), Some(b)) if first < last => Span::new(
            whole.file,
            a.src_start as usize,
            (b.src_end as usize).max(a.src_start as usize),
        ),
        (Some(a), _) => Span::point(whole.file, a.src_start as usize),
        _ => Span::point(whole.file, whole.end as usize),
    }
}

/// One character of a logical line with the source bytes it occupies.
#[derive(Clone, Copy)]
struct Char {
    c: char,
    start: usize,
    end: usize,
}

/// Reads `text` as `Properties.load` would. Never fails; runs in linear time.
pub fn lex(file: FileId, text: &str) -> Properties {
    let mut out = Properties::default();
    let mut line: Vec<Char> = Vec::new();
    for logical in LogicalLines::new(text) {
        line.clear();
        line.extend(logical);
        split_line(file, text, &line, &mut out);
    }
    out
}

/// Iterates the logical lines of a file, skipping blank and comment lines, as Java's
/// `LineReader` does.
struct LogicalLines<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl<'a> LogicalLines<'a> {
    fn new(text: &'a str) -> Self {
        LogicalLines {
            chars: text.char_indices().peekable(),
        }
    }

    /// Consumes a line end that starts with `c` (`\r` may be followed by `\n`).
    fn eat_line_end(&mut self, c: char) {
        if c == '\r' && self.chars.peek().map(|&(_, n)| n) == Some('\n') {
            self.chars.next();
        }
    }
}

impl Iterator for LogicalLines<'_> {
    type Item = Vec<Char>;

    fn next(&mut self) -> Option<Vec<Char>> {
        let mut buf: Vec<Char> = Vec::new();
        // At the start of a natural line: skip blanks and blank lines, spot comments.
        loop {
            let &(_, c) = self.chars.peek()?;
            match c {
                ' ' | '\t' | '\u{c}' | '\n' | '\r' => {
                    self.chars.next();
                }
                '#' | '!' => {
                    // A comment runs to the end of its natural line, backslash or not.
                    for (_, c) in self.chars.by_ref() {
                        if c == '\n' || c == '\r' {
                            break;
                        }
                    }
                    // A `\r\n` leaves the `\n`; the blank skipping above eats it.
                }
                _ => break,
            }
        }
        let mut backslashes = 0usize;
        let mut skip_blanks = false;
        while let Some((i, c)) = self.chars.next() {
            if skip_blanks {
                if c == ' ' || c == '\t' || c == '\u{c}' {
                    continue;
                }
                skip_blanks = false;
            }
            if c == '\n' || c == '\r' {
                self.eat_line_end(c);
                if backslashes % 2 == 1 {
                    // Continuation: drop the backslash, join the next line without its indent.
                    buf.pop();
                    backslashes = 0;
                    skip_blanks = true;
                    continue;
                }
                return Some(buf);
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            buf.push(Char {
                c,
                start: i,
                end: i + c.len_utf8(),
            });
        }
        // End of input: a trailing lone backslash is dropped.
        if backslashes % 2 == 1 {
            buf.pop();
        }
        Some(buf)
    }
}

/// Splits one logical line into key and value (`Properties.load0`) and decodes both.
fn split_line(file: FileId, text: &str, line: &[Char], out: &mut Properties) {
    let (Some(first), Some(last)) = (line.first(), line.last()) else {
        // A continuation that led to nothing still makes an entry with an empty key in Java
        // only when some character was read; an empty buffer is no entry.
        return;
    };
    let line_span = Span::new(file, first.start, last.end);
    let limit = line.len();
    let mut key_len = 0;
    let mut value_start = limit;
    let mut has_sep = false;
    let mut preceding_backslash = false;
    while let Some(ch) = line.get(key_len) {
        let c = ch.c;
        if (c == '=' || c == ':') && !preceding_backslash {
            value_start = key_len + 1;
            has_sep = true;
            break;
        } else if (c == ' ' || c == '\t' || c == '\u{c}') && !preceding_backslash {
            value_start = key_len + 1;
            break;
        }
        preceding_backslash = c == '\\' && !preceding_backslash;
        key_len += 1;
    }
    while let Some(ch) = line.get(value_start) {
        let c = ch.c;
        if c != ' ' && c != '\t' && c != '\u{c}' {
            if !has_sep && (c == '=' || c == ':') {
                has_sep = true;
            } else {
                break;
            }
        }
        value_start += 1;
    }
    let key_chars = line.get(..key_len).unwrap_or(&[]);
    let value_chars = line.get(value_start..).unwrap_or(&[]);
    let (key, key_map) = decode(file, key_chars, out);
    let (value, value_map) = decode(file, value_chars, out);
    let key_span = chars_span(file, key_chars, first.start);
    let value_span = chars_span(file, value_chars, last.end);
    let raw_value = text.get(value_span.range()).unwrap_or("").to_owned();
    out.entries.push(Entry {
        key: Spanned::new(key, key_span),
        value: Spanned::new(value, value_span),
        line: line_span,
        raw_value,
        key_map,
        value_map,
    });
}

fn chars_span(file: FileId, chars: &[Char], empty_at: usize) -> Span {
    match (chars.first(), chars.last()) {
        (Some(a), Some(b)) => Span::new(file, a.start, b.end),
        _ => Span::point(file, empty_at),
    }
}

/// Decodes escapes (`Properties.loadConvert`), recording where each output char came from.
fn decode(file: FileId, chars: &[Char], out: &mut Properties) -> (String, Vec<Mapped>) {
    let mut s = String::with_capacity(chars.len());
    let mut map = Vec::with_capacity(chars.len());
    let mut i = 0;
    let mut push = |s: &mut String, c: char, start: usize, end: usize| {
        map.push(Mapped {
            decoded: u32::try_from(s.len()).unwrap_or(u32::MAX),
            src_start: u32::try_from(start).unwrap_or(u32::MAX),
            src_end: u32::try_from(end).unwrap_or(u32::MAX),
        });
        s.push(c);
    };
    while let Some(ch) = chars.get(i) {
        if ch.c != '\\' {
            push(&mut s, ch.c, ch.start, ch.end);
            i += 1;
            continue;
        }
        let Some(next) = chars.get(i + 1) else {
            // A lone trailing backslash decodes to nothing.
            break;
        };
        match next.c {
            'u' => {
                let digits = chars.get(i + 2..i + 6).unwrap_or(&[]);
                let code = (digits.len() == 4)
                    .then(|| {
                        digits
                            .iter()
                            .try_fold(0u32, |acc, d| d.c.to_digit(16).map(|v| acc * 16 + v))
                    })
                    .flatten();
                let end = digits.last().map_or(next.end, |d| d.end);
                match code {
                    Some(code) => {
                        // Lone surrogates cannot live in a Rust string; keep a replacement char.
                        let c = char::from_u32(code).unwrap_or('\u{fffd}');
                        push(&mut s, c, ch.start, end);
                        i += 6;
                    }
                    None => {
                        out.malformed_escapes.push(MalformedEscape {
                            span: Span::new(file, ch.start, end),
                        });
                        // Skip the `\u` and carry on so the rest of the file is still read.
                        i += 2;
                    }
                }
            }
            other => {
                let c = match other {
                    't' => '\t',
                    'r' => '\r',
                    'n' => '\n',
                    'f' => '\u{c}',
                    c => c,
                };
                push(&mut s, c, ch.start, next.end);
                i += 2;
            }
        }
    }
    (s, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn lex_text(text: &str) -> (Properties, FileId) {
        let mut map = SourceMap::new();
        let id = map.add("zoo.cfg", text.as_bytes());
        (lex(id, text), id)
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        lex_text(text)
            .0
            .entries
            .into_iter()
            .map(|e| (e.key.value, e.value.value))
            .collect()
    }

    #[test]
    fn key_value_splitting_matches_java() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("k=v", &[("k", "v")]),
            ("k = v", &[("k", "v")]),
            ("k:v", &[("k", "v")]),
            ("k v", &[("k", "v")]),
            ("k : v", &[("k", "v")]),
            ("k==v", &[("k", "=v")]),
            ("k = = v", &[("k", "= v")]),
            ("x:y:z", &[("x", "y:z")]),
            ("127.0.0.1:2888:3888", &[("127.0.0.1", "2888:3888")]),
            ("syncLimit", &[("syncLimit", "")]),
            ("=v", &[("", "v")]),
            ("   k=v  ", &[("k", "v  ")]),
            ("k\\ x=v", &[("k x", "v")]),
            ("k\t\tv", &[("k", "v")]),
            ("clientPort=2181 # c", &[("clientPort", "2181 # c")]),
        ];
        for (text, want) in cases {
            let got = pairs(text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn lines_comments_and_continuations() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("# c\n! c\n\n  \t\na=1\n", &[("a", "1")]),
            ("a=1\r\nb=2\rc=3\n", &[("a", "1"), ("b", "2"), ("c", "3")]),
            ("a=1 # not a comment", &[("a", "1 # not a comment")]),
            ("a=x\\\n    y\nb=2", &[("a", "xy"), ("b", "2")]),
            ("a=x\\\r\n  y", &[("a", "xy")]),
            ("a=x\\\\\nb=2", &[("a", "x\\"), ("b", "2")]),
            ("a=x\\", &[("a", "x")]),
            ("# comment \\\nb=2", &[("b", "2")]),
            ("a=x\\\n# not comment", &[("a", "x# not comment")]),
            ("a=x\\\n\nb=2", &[("a", "x"), ("b", "2")]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got = pairs(text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn escapes_decode_and_malformed_unicode_is_reported() {
        let cases: &[(&str, &str, usize)] = &[
            ("k=a\\tb", "a\tb", 0),
            ("k=C:\\zk\\data", "C:zkdata", 0),
            ("k=\\u0050x", "Px", 0),
            ("k=\\uZZZZ", "ZZZZ", 1),
            ("k=\\u12", "12", 1),
            ("k=a\\:b\\=c", "a:b=c", 0),
        ];
        for (text, want, bad) in cases {
            let (props, _) = lex_text(text);
            assert_eq!(props.entries[0].value.value, *want, "{text:?}");
            assert_eq!(props.malformed_escapes.len(), *bad, "{text:?}");
        }
        assert_eq!(pairs("client\\u0050ort=2181")[0].0, "clientPort");
    }

    #[test]
    fn spans_point_at_raw_bytes() {
        let text = "# x\n  clientPort = 2181  \nserver.1=a:2888:\\\n   3888\n";
        let (props, _) = lex_text(text);
        let e = &props.entries[0];
        assert_eq!(&text[e.key.span.range()], "clientPort");
        assert_eq!(&text[e.value.span.range()], "2181  ");
        assert_eq!(&text[e.trimmed_value().span.range()], "2181");
        let s = &props.entries[1];
        assert_eq!(s.value.value, "a:2888:3888");
        assert_eq!(&text[s.value_span(2, 6).range()], "2888");
        assert_eq!(&text[s.value_span(7, 11).range()], "3888");
        assert_eq!(s.raw_value, "a:2888:\\\n   3888");
        let (p, _) = lex_text("k=\\u0041B");
        assert_eq!(p.entries[0].value_span(0, 1).range(), 2..8);
    }

    #[test]
    fn java_trim_drops_control_characters() {
        assert_eq!(java_trim(" \t\u{1}x y\u{b} "), "x y");
        assert_eq!(java_trim("   "), "");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_strings(s in ".{0,200}") {
            let (props, _) = lex_text(&s);
            for e in &props.entries {
                proptest::prop_assert!(e.key.span.end as usize <= s.len());
                proptest::prop_assert!(e.value.span.end as usize <= s.len());
                let _ = e.value_span(0, e.value.value.len());
                let _ = e.trimmed_value();
            }
        }

        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let (text, _) = crate::source::decode(&bytes);
            let (props, _) = lex_text(&text);
            proptest::prop_assert!(props.entries.len() <= text.len() + 1);
        }
    }
}
