//! Input files, byte spans into them, and the map that turns spans into lines and columns.
//!
//! Every file meslint reads becomes a [`SourceFile`] inside one [`SourceMap`]. Its text is
//! decoded without losing a byte: UTF-8 when the bytes are valid UTF-8, ISO-8859-1 (one
//! character per byte, as Java's `Properties` reads them) otherwise. Spans are byte ranges
//! into that decoded text and never cross a file. This module does no IO.

use std::fmt;

/// Identifies one input file inside a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(u32);

impl FileId {
    /// The position of the file in its map; files are numbered in the order they were added.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range inside one input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            file,
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }

    /// An empty span at `offset`, for problems that have no text of their own (a missing key).
    pub fn point(file: FileId, offset: usize) -> Self {
        Span::new(file, offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The sub-span `from..to`, counted in bytes from this span's start.
    pub fn slice(self, from: usize, to: usize) -> Span {
        let start = self.start as usize + from;
        let end = (self.start as usize + to).min(self.end as usize);
        Span::new(self.file, start.min(end), end)
    }

    /// The smallest span that covers both; both must be in the same file.
    pub fn cover(self, other: Span) -> Span {
        debug_assert_eq!(self.file, other.file);
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A parsed value together with the bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            span: self.span,
        }
    }

    pub fn as_ref(&self) -> Spanned<&T> {
        Spanned {
            value: &self.value,
            span: self.span,
        }
    }
}

impl Spanned<String> {
    /// The span of `value[from..to]`, or the whole value's span when the text does not map byte
    /// for byte onto its source (a quoted word with escapes).
    pub fn sub_span(&self, from: usize, to: usize) -> Span {
        if self.span.len() == self.value.len() {
            self.span.slice(from, to)
        } else {
            self.span
        }
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// How the bytes of a file were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Not valid UTF-8: every byte became the character with the same number.
    Latin1,
}

/// One input file: where it came from and its decoded text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    path: String,
    text: String,
    /// For a template with conditionals, the text with only the first branch of each; what
    /// parsers read. Always as long as `text`.
    config: Option<String>,
    encoding: Encoding,
    line_starts: Vec<u32>,
    /// Where this file starts in the map-wide offset space that miette works in.
    #[cfg_attr(not(feature = "graphical"), allow(dead_code))]
    base: usize,
}

impl SourceFile {
    /// The path as the user gave it, with `/` separators.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as configuration, for parsers: [`SourceFile::text`] with the later branches of
    /// template conditionals blanked out. Same length, so spans into it point into the file.
    pub fn config_text(&self) -> &str {
        self.config.as_deref().unwrap_or(&self.text)
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// 1-based line and 1-based column (counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = match self.line_starts.binary_search(&clamp_u32(offset)) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line] as usize;
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte range of the 1-based line `line`, without its line end.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)?)? as usize;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| *next as usize);
        let body = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some(start..start + body.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Decodes bytes without losing any: UTF-8 when valid, ISO-8859-1 otherwise.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => (
            bytes.iter().map(|&b| char::from(b)).collect(),
            Encoding::Latin1,
        ),
    }
}

/// Every file of one lint run.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    next_base: usize,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; `path` is shown to the user as given (backslashes become `/`).
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> FileId {
        let (text, encoding) = decode(bytes);
        self.add_text(path, text, encoding)
    }

    fn add_text(&mut self, path: &str, text: String, encoding: Encoding) -> FileId {
        let id = FileId(clamp_u32(self.files.len()));
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // `\n`, `\r\n` and a lone `\r` all end a line, as in Java's Properties.
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(clamp_u32(i + 1));
            }
        }
        let base = self.next_base;
        // One spare byte between files so that no global offset belongs to two files.
        self.next_base += text.len() + 1;
        self.files.push(SourceFile {
            path: path.replace('\\', "/"),
            text,
            config: None,
            encoding,
            line_starts,
            base,
        });
        id
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.index()]
    }

    pub fn files(&self) -> impl ExactSizeIterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(clamp_u32(i)), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn text(&self, span: Span) -> &str {
        let text = self.file(span.file).text();
        text.get(span.range()).unwrap_or("")
    }

    /// Overwrites the bytes of `span` with `*` so that no output can show them.
    ///
    /// The length stays the same, so every other span in the file keeps pointing at the same
    /// text. A span that splits a character is widened to whole characters.
    pub fn redact(&mut self, span: Span) {
        let file = &mut self.files[span.file.index()];
        let start = floor_char_boundary(&file.text, (span.start as usize).min(file.text.len()));
        let mut end = (span.end as usize).min(file.text.len());
        while !file.text.is_char_boundary(end) {
            end += 1;
        }
        // Keep the byte length: a multi-byte character becomes as many stars as it had bytes.
        let replaced: String = file.text[start..end]
            .chars()
            .flat_map(|c| {
                let n = if c == '\n' || c == '\r' {
                    0
                } else {
                    c.len_utf8()
                };
                std::iter::repeat_n('*', n).chain((n == 0).then_some(c))
            })
            .collect();
        file.text.replace_range(start..end, &replaced);
        // The parsers' copy is never shown, but a secret stays masked in every copy.
        if let Some(config) = &mut file.config
            && config.is_char_boundary(start)
            && config.is_char_boundary(end)
        {
            config.replace_range(start..end, &replaced);
        }
    }

    /// Gives a file the text its parsers read instead of [`SourceFile::text`] (a template with
    /// its later branches blanked out); ignored unless it is exactly as long, so spans stay valid.
    pub fn set_config_text(&mut self, id: FileId, config: String) {
        let file = &mut self.files[id.index()];
        if config.len() == file.text.len() {
            file.config = Some(config);
        }
    }

    /// The file that holds the map-wide offset `global`.
    #[cfg(feature = "graphical")]
    fn file_at_global(&self, global: usize) -> Option<&SourceFile> {
        let index = self.files.partition_point(|f| f.base <= global);
        let file = self.files.get(index.checked_sub(1)?)?;
        (global <= file.base + file.text.len()).then_some(file)
    }

    /// The map-wide offset range of a span, as miette wants it.
    #[cfg(feature = "graphical")]
    pub fn global_range(&self, span: Span) -> (usize, usize) {
        let base = self.file(span.file).base;
        (base + span.start as usize, span.len())
    }
}

#[cfg(feature = "graphical")]
impl miette::SourceCode for SourceMap {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let file = self
            .file_at_global(span.offset())
            .ok_or(miette::MietteError::OutOfBounds)?;
        let local = span.offset() - file.base;
        if local + span.len() > file.text.len() {
            // Never let one snippet run into the next file.
            return Err(miette::MietteError::OutOfBounds);
        }
        let inner = file.text.as_str().read_span(
            &(local, span.len()).into(),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            file.path.clone(),
            inner.data(),
            (file.base + inner.span().offset(), inner.span().len()).into(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The byte range Java's `String.trim` keeps: it drops every char `<= U+0020` at both ends.
pub fn java_trim_range(s: &str) -> (usize, usize) {
    let is_blank = |c: char| c <= ' ';
    let start = s.len() - s.trim_start_matches(is_blank).len();
    let end = s.trim_end_matches(is_blank).len().max(start);
    (start, end)
}

/// Java's `String.trim`.
pub fn java_trim(s: &str) -> &str {
    let (from, to) = java_trim_range(s);
    s.get(from..to).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_and_every_line_end() {
        let mut map = SourceMap::new();
        let id = map.add("a", "a=1\r\nbé=2\rc=3\n".as_bytes());
        let file = map.file(id);
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(5), (2, 1));
        // `=` after the two-byte `é` is the third character of line 2.
        assert_eq!(file.line_col(8), (2, 3));
        assert_eq!(file.line_col(11), (3, 1));
        assert_eq!(file.line_range(2), Some(5..10));
    }

    #[test]
    fn invalid_utf8_is_read_as_latin1_without_losing_bytes() {
        let mut map = SourceMap::new();
        let id = map.add("a", b"k=\xe9\xff");
        assert_eq!(map.file(id).encoding(), Encoding::Latin1);
        assert_eq!(map.file(id).text(), "k=\u{e9}\u{ff}");
    }

    #[test]
    fn redaction_keeps_length_and_line_ends() {
        let mut map = SourceMap::new();
        let id = map.add("a", "zk://u:pässword@h:1/x\n".as_bytes());
        let before = map.file(id).text().len();
        map.redact(Span::new(id, 5, 16));
        let text = map.file(id).text();
        assert_eq!(text.len(), before);
        assert!(!text.contains("ssword"), "{text}");
        assert!(text.starts_with("zk://*"));
        assert!(text.ends_with("@h:1/x\n"));
    }

    #[test]
    #[cfg(feature = "graphical")]
    fn miette_never_reads_across_files() {
        use miette::SourceCode;
        let mut map = SourceMap::new();
        let a = map.add("a", b"one\n");
        map.add("b", b"two\n");
        let (start, _) = map.global_range(Span::new(a, 0, 3));
        assert!(map.read_span(&(start, 3).into(), 0, 0).is_ok());
        assert!(map.read_span(&(start, 8).into(), 0, 0).is_err());
    }
}
