//! YAML documents as a tree with a byte span on every node, for the container formats
//! (docker-compose, Kubernetes).
//!
//! The grammar is `saphyr-parser`'s (YAML 1.2, event based, maintained); this module turns its
//! events into [`Node`]s, converts its character offsets into byte offsets, expands aliases and
//! `<<` merge keys, and turns every syntax error into a [`YamlProblem`] instead of failing. It
//! knows nothing about compose or Kubernetes keys. Scalars stay text: `1`, `true` and `"1"` are
//! all strings here, as the environment of a container sees them.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::source::{FileId, Span, Spanned};

/// Deeper nesting than this is refused: no real file comes close, and the limit keeps the
/// tree builder's stack bounded.
const MAX_DEPTH: usize = 128;

/// At most this many nodes per file, aliases expanded (against "billion laughs" files).
const MAX_NODES: usize = 200_000;

/// One YAML node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The bytes the node was written in (for a scalar, quotes included).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Entries in file order; merged (`<<`) entries follow the node's own.
    Map(Vec<(Node, Node)>),
}

/// A scalar's text as YAML reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    pub value: String,
    /// True for plain (unquoted) scalars: `null`, `~` and empty ones mean no value.
    pub plain: bool,
    /// Where `value` sits in the source byte for byte, when it does (plain and quoted scalars
    /// on one line without escapes); sub-spans of the value are exact only then.
    pub verbatim_at: Option<usize>,
}

/// A syntax error: the document stops being read at `span`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlProblem {
    pub message: String,
    pub span: Span,
}

/// Every document of a YAML stream, read as far as the text allows.
#[derive(Clone, Debug, Default)]
pub struct YamlStream {
    pub documents: Vec<Node>,
    pub problem: Option<YamlProblem>,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar that holds a value (not `null`, `~` or empty).
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| !s.is_null())
            .map(|s| s.value.as_str())
    }

    /// The scalar as spanned text.
    pub fn spanned(&self) -> Option<Spanned<String>> {
        self.as_str()
            .map(|s| Spanned::new(s.to_owned(), self.value_span(0, s.len())))
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, NodeKind::Map(_))
    }

    /// The value of `key` in a map (the first entry with that key, as merge keys expect).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and value of `key` in a map.
    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_scalar().is_some_and(|s| s.value == key))
    }

    /// The span of bytes `from..to` of a scalar's value: exact for verbatim scalars, the
    /// whole scalar otherwise.
    pub fn value_span(&self, from: usize, to: usize) -> Span {
        match self.as_scalar().and_then(|s| s.verbatim_at) {
            Some(at) => Span::new(self.span.file, at + from, at + to.max(from)),
            None => self.span,
        }
    }
}

impl Scalar {
    pub fn is_null(&self) -> bool {
        self.plain && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// Reads every document of `text`. Never fails: a syntax error ends the stream and is returned
/// with the documents read before it.
pub fn parse(file: FileId, text: &str) -> YamlStream {
    let bytes = ByteOffsets::new(text);
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        anchors: std::collections::BTreeMap::new(),
        nodes: 0,
        out: YamlStream::default(),
    };
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let span = Span::new(
                    file,
                    bytes.at(span.start.index()),
                    bytes.at(span.end.index()),
                );
                if let Err(problem) = builder.on_event(event, span) {
                    builder.out.problem = Some(problem);
                    break;
                }
            }
            Err(e) => {
                let at = bytes.at(e.marker().index());
                let end = next_char_end(text, at);
                builder.out.problem = Some(YamlProblem {
                    message: e.info().to_owned(),
                    span: Span::new(file, at, end),
                });
                break;
            }
        }
    }
    builder.out
}

fn next_char_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

/// Converts the parser's character offsets into byte offsets.
struct ByteOffsets {
    /// The byte offset of every character, and the text's length at the end.
    starts: Vec<usize>,
}

impl ByteOffsets {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        ByteOffsets { starts }
    }

    fn at(&self, char_index: usize) -> usize {
        self.starts
            .get(char_index)
            .or(self.starts.last())
            .copied()
            .unwrap_or(0)
    }
}

/// A collection being built.
enum Open {
    Seq {
        anchor: usize,
        start: Span,
        items: Vec<Node>,
    },
    Map {
        anchor: usize,
        start: Span,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        merged: Vec<Node>,
    },
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Open>,
    anchors: std::collections::BTreeMap<usize, Node>,
    nodes: usize,
    out: YamlStream,
}

impl Builder<'_> {
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlProblem> {
        match event {
            Event::Scalar(value, style, anchor, _) => {
                let node = self.scalar(&value, style, span);
                self.finish(node, anchor)
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned().ok_or_else(|| YamlProblem {
                    message: "alias of an unknown anchor".to_owned(),
                    span,
                })?;
                self.count(&node, span)?;
                self.finish(node, 0)
            }
            Event::SequenceStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Open::Seq {
                    anchor,
                    start: span,
                    items: Vec::new(),
                });
                Ok(())
            }
            Event::MappingStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Open::Map {
                    anchor,
                    start: span,
                    entries: Vec::new(),
                    key: None,
                    merged: Vec::new(),
                });
                Ok(())
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Open::Seq {
                    anchor,
                    start,
                    items,
                }) => {
                    let node = Node {
                        kind: NodeKind::Seq(items),
                        span: start.cover(span),
                    };
                    self.finish(node, anchor)
                }
                _ => Ok(()),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Open::Map {
                    anchor,
                    start,
                    mut entries,
                    merged,
                    ..
                }) => {
                    merge(&mut entries, merged);
                    let node = Node {
                        kind: NodeKind::Map(entries),
                        span: start.cover(span),
                    };
                    self.finish(node, anchor)
                }
                _ => Ok(()),
            },
            Event::DocumentStart(_) => {
                self.anchors.clear();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn open(&mut self, span: Span) -> Result<(), YamlProblem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlProblem {
                message: format!("nested deeper than {MAX_DEPTH} levels"),
                span,
            });
        }
        self.nodes += 1;
        Ok(())
    }

    fn count(&mut self, node: &Node, span: Span) -> Result<(), YamlProblem> {
        self.nodes += size(node);
        if self.nodes > MAX_NODES {
            return Err(YamlProblem {
                message: format!("more than {MAX_NODES} nodes once aliases are expanded"),
                span,
            });
        }
        Ok(())
    }

    fn scalar(&mut self, value: &str, style: ScalarStyle, span: Span) -> Node {
        self.nodes += 1;
        let source = self.text.get(span.range()).unwrap_or("");
        let verbatim_at = match style {
            ScalarStyle::Plain if source == value => Some(span.start as usize),
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                if source.len() == value.len() + 2 && &source[1..source.len() - 1] == value =>
            {
                Some(span.start as usize + 1)
            }
            _ => None,
        };
        Node {
            kind: NodeKind::Scalar(Scalar {
                value: value.to_owned(),
                plain: style == ScalarStyle::Plain,
                verbatim_at,
            }),
            span,
        }
    }

    /// Places a finished node in its parent (or as a document).
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), YamlProblem> {
        if self.nodes > MAX_NODES {
            return Err(YamlProblem {
                message: format!("more than {MAX_NODES} nodes once aliases are expanded"),
                span: node.span,
            });
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.out.documents.push(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                entries,
                key,
                merged,
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let is_merge = k.as_scalar().is_some_and(|s| s.plain && s.value == "<<");
                    if is_merge {
                        match &node.kind {
                            NodeKind::Map(_) => merged.push(node),
                            NodeKind::Seq(items) => {
                                merged.extend(items.iter().filter(|n| n.is_map()).cloned());
                            }
                            NodeKind::Scalar(_) => entries.push((k, node)),
                        }
                    } else {
                        entries.push((k, node));
                    }
                }
            },
        }
        Ok(())
    }
}

/// `<<: *base` (or a list of them): the entries of each merged map that the map does not set
/// itself, earlier maps first.
fn merge(entries: &mut Vec<(Node, Node)>, merged: Vec<Node>) {
    for map in merged {
        let NodeKind::Map(more) = map.kind else {
            continue;
        };
        for (k, v) in more {
            let key = k.as_scalar().map(|s| s.value.clone());
            let present = entries
                .iter()
                .any(|(e, _)| e.as_scalar().map(|s| &s.value) == key.as_ref());
            if !present {
                entries.push((k, v));
            }
        }
    }
}

fn size(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar(_) => 1,
        NodeKind::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| size(k) + size(v))
                .sum::<usize>()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn read(text: &str) -> (YamlStream, FileId) {
        let mut map = SourceMap::new();
        let id = map.add("c.yml", text.as_bytes());
        (parse(id, text), id)
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn scalars_have_byte_spans_after_multibyte_text() {
        let text = "# é\nservices:\n  zk: {image: \"zoo\", x: 'é q'}\n  m:\n    command: --zk=zk://a:2181/m\n";
        let (y, _) = read(text);
        let doc = &y.documents[0];
        let services = doc.get("services").expect("present");
        let zk = services.get("zk").expect("present");
        assert_eq!(at(text, zk.get("image").expect("present").span), "\"zoo\"");
        let x = zk.get("x").expect("present");
        assert_eq!(at(text, x.value_span(0, 2)), "é");
        let cmd = services
            .get("m")
            .expect("present")
            .get("command")
            .expect("present");
        assert_eq!(at(text, cmd.value_span(5, 10)), "zk://");
        assert!(y.problem.is_none());
    }

    #[test]
    fn anchors_and_merge_keys_expand() {
        let text = "x-env: &env\n  A: 1\n  B: 2\ns:\n  <<: *env\n  B: 3\nl: *env\n";
        let (y, _) = read(text);
        let doc = &y.documents[0];
        let s = doc.get("s").expect("present");
        assert_eq!(s.get("A").expect("present").as_str(), Some("1"));
        assert_eq!(s.get("B").expect("present").as_str(), Some("3"));
        assert_eq!(s.entries().len(), 2);
        // An alias points at the text where the value is written.
        let a = doc.get("l").expect("present").get("A").expect("present");
        assert_eq!(at(text, a.span), "1");
        assert_eq!(a.span.start, 17);
    }

    #[test]
    fn errors_are_problems_with_the_documents_before_them() {
        let text = "a: 1\n---\nb: [\n";
        let (y, _) = read(text);
        assert_eq!(y.documents.len(), 1);
        let p = y.problem.expect("present");
        assert!(p.span.start as usize >= 9, "{p:?}");
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused() {
        let deep = "[".repeat(1000);
        assert!(read(&deep).0.problem.is_some());
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..10 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("b{}", i - 1)
            };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let (y, _) = read(&bomb);
        assert!(y.problem.expect("present").message.contains("nodes"));
    }

    #[test]
    fn nulls_and_multiple_documents() {
        let (y, _) = read("a:\nb: ~\nc: ''\n---\nd: 1\n");
        assert_eq!(y.documents.len(), 2);
        let doc = &y.documents[0];
        assert_eq!(doc.get("a").expect("present").as_str(), None);
        assert_eq!(doc.get("b").expect("present").as_str(), None);
        assert_eq!(doc.get("c").expect("present").as_str(), Some(""));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[a-z:{}\\[\\]&*<>!|'\"#\\- \n\té,]{0,80}") {
            let (y, _) = read(&text);
            for d in &y.documents {
                proptest::prop_assert!(d.span.end as usize <= text.len());
            }
        }
    }
}
