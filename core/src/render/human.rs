//! The human format: each diagnostic with source snippets from every file it points into, then
//! a one-line summary. With the `graphical` feature (the CLI's) miette draws the snippets;
//! without it (the browser module, where miette's handler and its Unicode tables would be a
//! third of the download) a lighter renderer puts each label under its source line.

#[cfg(feature = "graphical")]
use crate::sort::CollectSorted;
#[cfg(feature = "graphical")]
use std::fmt;

#[cfg(feature = "graphical")]
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use crate::diagnostic::Severity;
#[cfg(feature = "graphical")]
use crate::diagnostic::{Diagnostic, Label};
use crate::report::FileStatus;
use crate::report::Report;
#[cfg(feature = "graphical")]
use crate::source::{FileId, SourceMap, Span};

/// How the human output should look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    /// The terminal's width; callers that do not write to a terminal keep the default, so that
    /// the output is the same everywhere.
    pub width: usize,
    /// Rule codes as terminal hyperlinks (OSC 8) to their documentation.
    pub links: bool,
    /// List every input that was not read, with the reason, before the summary line.
    pub list_skipped: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            links: false,
            list_skipped: false,
        }
    }
}

#[cfg(feature = "graphical")]
/// Adapts one diagnostic to miette, with the whole source map as its source code.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    /// The labels, into `sources`.
    labels: &'a [Label],
    sources: &'a SourceMap,
    code: &'a dyn miette::SourceCode,
    links: bool,
}

#[cfg(feature = "graphical")]
impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

#[cfg(feature = "graphical")]
/// The severity as a word next to miette's glyph, so it reads without colour: `× error: ...`.
impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.diagnostic.severity.as_str(),
            self.diagnostic.message
        )
    }
}

#[cfg(feature = "graphical")]
impl std::error::Error for MietteView<'_> {}

#[cfg(feature = "graphical")]
impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.diagnostic.code, self.diagnostic.name
        )))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if !self.links {
            return None;
        }
        super::docs_url(self.diagnostic).map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Empty and binary files have no snippet worth showing; the message names the file.
        let showable = |label: &&Label| {
            let text = self.sources.file(label.span.file).text();
            !text.is_empty() && !text.contains('\0')
        };
        Some(Box::new(self.labels.iter().filter(showable).map(|label| {
            let (mut offset, len) = self.sources.global_range(label.span);
            // A point at the very end of a file (a missing key) would fall after the last line
            // and not be drawn: show it at the end of the last line instead.
            let text = self.sources.file(label.span.file).text();
            if len == 0 && label.span.start as usize == text.len() && text.ends_with('\n') {
                offset -= 1;
            }
            let text = (!label.message.is_empty()).then(|| label.message.clone());
            if label.primary {
                LabeledSpan::new_primary_with_span(text, (offset, len))
            } else {
                LabeledSpan::new_with_span(text, (offset, len))
            }
        })))
    }
}

/// Renders every diagnostic and a summary line.
pub fn render(report: &Report, style: Style) -> String {
    let mut out = render_diagnostics(report, style);
    if style.list_skipped {
        out.push_str(&skipped_list(report));
    }
    out.push_str(&summary_line(report));
    out
}

#[cfg(feature = "graphical")]
/// Renders every diagnostic, without the summary (`--quiet`).
pub fn render_diagnostics(report: &Report, style: Style) -> String {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(style.links)
        .with_context_lines(1);
    let mut out = String::new();
    // Room for a snippet line beside the gutter (` 13 │ `) and the label arrows.
    let budget = style.width.saturating_sub(8).max(40);
    // Files with a line too wide, found once for the whole report.
    let wide: std::collections::BTreeSet<FileId> = report
        .sources
        .files()
        .filter(|(_, file)| {
            file.text()
                .split(['\n', '\r'])
                .any(|line| line.len() > budget && line.chars().count() > budget)
        })
        .map(|(id, _)| id)
        .collect_set();
    for diagnostic in &report.diagnostics {
        let cut = Cut::of(diagnostic, &report.sources, &wide, budget);
        let view = match &cut {
            Some(cut) => MietteView {
                diagnostic,
                labels: &cut.labels,
                sources: &cut.map,
                code: cut,
                links: style.links,
            },
            None => MietteView {
                diagnostic,
                labels: &diagnostic.labels,
                sources: &report.sources,
                code: &report.sources,
                links: style.links,
            },
        };
        if handler.render_report(&mut out, &view).is_err() {
            // A snippet that cannot be shown must not hide the finding itself.
            out.push_str(&format!(
                "{} {}: {}\n",
                diagnostic.severity.as_str(),
                diagnostic.code,
                diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(feature = "graphical")]
/// A diagnostic's files with every line longer than the budget cut to a window around the
/// labels on it (or to its start, for a line shown as context), each cut marked `…`, and the
/// labels moved into the cut text; lines are never removed, so line numbers stay. Built only
/// when a file the diagnostic points into has such a line: a 2000-character line with a finding
/// at column 1500 shows the part around the label, not 2000 characters wrapped.
struct Cut<'a> {
    map: SourceMap,
    labels: Vec<Label>,
    original: &'a SourceMap,
    /// For each file of `map`: the original file, and its kept pieces as (original start,
    /// original end, start in the cut text), in order.
    pieces: Vec<(FileId, Vec<Piece>)>,
    /// The files of `map`, in the order of `pieces`.
    ids: Vec<FileId>,
}

#[cfg(feature = "graphical")]
const CUT_MARK: &str = "…";

#[cfg(feature = "graphical")]
/// A kept run of an original file: its start and end there, and its start in the cut text.
type Piece = (usize, usize, usize);

#[cfg(feature = "graphical")]
impl<'a> Cut<'a> {
    /// `wide`: the files with a line wider than `budget`.
    fn of(
        diagnostic: &Diagnostic,
        sources: &'a SourceMap,
        wide: &std::collections::BTreeSet<FileId>,
        budget: usize,
    ) -> Option<Self> {
        let mut files: Vec<FileId> = diagnostic.labels.iter().map(|l| l.span.file).collect();
        crate::sort::sort(&mut files);
        files.dedup();
        if !files.iter().any(|id| wide.contains(id)) {
            return None;
        }
        let mut map = SourceMap::new();
        let mut pieces = Vec::new();
        let mut new_ids = Vec::new();
        for &id in &files {
            let file = sources.file(id);
            let points: Vec<usize> = diagnostic
                .labels
                .iter()
                .filter(|l| l.span.file == id)
                .flat_map(|l| [l.span.start as usize, l.span.end as usize])
                .collect();
            let (text, kept) = cut_text(file.text(), &points, budget);
            new_ids.push(map.add(file.path(), text.as_bytes()));
            pieces.push((id, kept));
        }
        let labels = diagnostic
            .labels
            .iter()
            .map(|label| {
                let at = files.binary_search(&label.span.file).unwrap_or(0);
                let kept = &pieces[at].1;
                let start = to_cut(kept, label.span.start as usize);
                let end = to_cut(kept, label.span.end as usize).max(start);
                Label {
                    span: Span::new(new_ids[at], start, end),
                    ..label.clone()
                }
            })
            .collect();
        Some(Cut {
            map,
            labels,
            original: sources,
            pieces,
            ids: new_ids,
        })
    }

    /// The original file and offset of an offset into the cut file `id`.
    fn to_original(&self, id: FileId, offset: usize) -> (FileId, usize) {
        let at = self.ids.iter().position(|n| *n == id).unwrap_or(0);
        let (original, kept) = &self.pieces[at];
        let at = kept
            .iter()
            .rev()
            .find(|(_, _, new)| *new <= offset)
            .map_or(offset, |(start, end, new)| {
                (start + (offset - new)).min(*end)
            });
        (*original, at)
    }
}

#[cfg(feature = "graphical")]
/// The cut text of a file and its kept pieces; `points` are the label ends in the file.
fn cut_text(text: &str, points: &[usize], budget: usize) -> (String, Vec<Piece>) {
    let mut out = String::with_capacity(text.len().min(budget * 64));
    let mut kept = Vec::new();
    let mut keep = |out: &mut String, from: usize, to: usize| {
        kept.push((from, to, out.len()));
        out.push_str(&text[from..to]);
    };
    let mut line_start = 0;
    while line_start < text.len() {
        let content_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| line_start + i);
        let line_end = match text.as_bytes().get(content_end) {
            Some(b'\r') if text.as_bytes().get(content_end + 1) == Some(&b'\n') => content_end + 2,
            Some(_) => content_end + 1,
            None => content_end,
        };
        let line = &text[line_start..content_end];
        let chars: Vec<usize> = line.char_indices().map(|(i, _)| line_start + i).collect();
        if chars.len() <= budget {
            keep(&mut out, line_start, line_end);
        } else {
            // The characters the labels on this line start and end at.
            let index = |p: usize| chars.partition_point(|&c| c < p);
            let on_line: Vec<usize> = points
                .iter()
                .filter(|&&p| (line_start..=content_end).contains(&p))
                .map(|&p| index(p))
                .collect();
            let room = budget - 2;
            let (lo, hi) = match (on_line.iter().min(), on_line.iter().max()) {
                (Some(&lo), Some(&hi)) => (lo, hi),
                _ => (0, 0),
            };
            let byte = |i: usize| chars.get(i).copied().unwrap_or(content_end);
            if hi - lo >= room {
                // Labels wider than the room: their two ends, the middle cut out.
                let half = room / 2 - 1;
                if lo > 0 {
                    out.push_str(CUT_MARK);
                }
                keep(&mut out, byte(lo), byte(lo + half));
                out.push_str(CUT_MARK);
                keep(&mut out, byte(hi - half), byte(hi));
                if hi < chars.len() {
                    out.push_str(CUT_MARK);
                }
            } else {
                // From the line's start when the labels fit there, else centred on them.
                let from = if hi < room {
                    0
                } else {
                    lo.saturating_sub((room - (hi - lo)) / 2)
                };
                let to = (from + room).min(chars.len());
                let from = to.saturating_sub(room);
                if from > 0 {
                    out.push_str(CUT_MARK);
                }
                keep(&mut out, byte(from), byte(to));
                if to < chars.len() {
                    out.push_str(CUT_MARK);
                }
            }
            keep(&mut out, content_end, line_end);
        }
        line_start = line_end;
    }
    (out, kept)
}

#[cfg(feature = "graphical")]
/// Where an original offset lands in the cut text: inside its piece, or at the cut mark.
fn to_cut(kept: &[Piece], offset: usize) -> usize {
    let mut at = 0;
    for (start, end, new) in kept {
        if *start > offset {
            break;
        }
        at = new + (offset.min(*end) - start);
    }
    at
}

#[cfg(feature = "graphical")]
/// The cut text as miette reads it; a label's own line and column (the snippet's header) are
/// those of the original file.
impl miette::SourceCode for Cut<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let contents = self
            .map
            .read_span(span, context_lines_before, context_lines_after)?;
        if context_lines_before > 0 || context_lines_after > 0 {
            return Ok(contents);
        }
        let Some((id, _)) = self
            .map
            .files()
            .filter(|(id, _)| self.map.global_range(Span::new(*id, 0, 0)).0 <= span.offset())
            .last()
        else {
            return Ok(contents);
        };
        let base = self.map.global_range(Span::new(id, 0, 0)).0;
        let (original, at) = self.to_original(id, span.offset() - base);
        let text = self.original.file(original).text();
        let line_start = text[..at.min(text.len())]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        Ok(Box::new(miette::MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            at - line_start,
            contents.line_count(),
        )))
    }
}

/// Renders every diagnostic, without the summary (`--quiet`): the heading, each label under its
/// source line, the help. Colour, width and links are the graphical renderer's; this one has
/// none.
#[cfg(not(feature = "graphical"))]
pub fn render_diagnostics(report: &Report, _style: Style) -> String {
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        out.push_str(&format!(
            "{}[{}]({}): {}\n",
            diagnostic.severity.as_str(),
            diagnostic.code,
            diagnostic.name,
            diagnostic.message
        ));
        for label in &diagnostic.labels {
            plain::snippet(&mut out, &report.sources, label);
        }
        if let Some(help) = &diagnostic.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(not(feature = "graphical"))]
mod plain {
    use crate::diagnostic::Label;
    use crate::source::SourceMap;

    /// ```text
    ///   --> zk1/zoo.cfg:2:1
    ///    |
    ///  2 | bogusKey=1
    ///    | ^^^^^^^^ not a ZooKeeper setting
    /// ```
    /// `^` marks a primary label (where to fix), `-` a secondary one (the evidence).
    pub(super) fn snippet(out: &mut String, sources: &SourceMap, label: &Label) {
        let file = sources.file(label.span.file);
        let text = file.text();
        let (mut start, mut end) = (label.span.start as usize, label.span.end as usize);
        let (line, column) = file.line_col(start);
        out.push_str(&format!("  --> {}:{line}:{column}\n", file.path()));
        // A point at the very end of a file (a missing key) is drawn at the end of its last line.
        if start == end && start == text.len() && text.ends_with('\n') {
            start -= 1;
            end -= 1;
        }
        let (line, _) = file.line_col(start);
        // Empty and binary files have no snippet worth showing; the message names the file.
        let range = file
            .line_range(line)
            .filter(|_| !text.is_empty() && !text.contains('\0'));
        let Some(range) = range else {
            if !label.message.is_empty() {
                out.push_str(&format!("      {}\n", label.message));
            }
            return;
        };
        let start = start.clamp(range.start, range.end);
        let end = end.clamp(start, range.end);
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        // Tabs stay tabs under the text, so the marks line up with it.
        let indent: String = text
            .get(range.start..start)
            .unwrap_or("")
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let width = text.get(start..end).unwrap_or("").chars().count().max(1);
        let mark = if label.primary { "^" } else { "-" };
        out.push_str(&format!(
            " {gutter} |\n {number} | {}\n {gutter} | {indent}{}",
            text.get(range).unwrap_or(""),
            mark.repeat(width)
        ));
        if !label.message.is_empty() {
            out.push(' ');
            out.push_str(&label.message);
        }
        out.push('\n');
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::source::Span;

        fn drawn(text: &str, start: usize, end: usize, primary: bool) -> String {
            let mut sources = SourceMap::new();
            let id = sources.add("zk1/zoo.cfg", text.as_bytes());
            let label = Label {
                span: Span::new(id, start, end),
                message: "here".to_owned(),
                primary,
            };
            let mut out = String::new();
            snippet(&mut out, &sources, &label);
            out
        }

        #[test]
        fn labels_are_drawn_under_their_line() {
            assert_eq!(
                drawn("a=1\n\tbogus=1\n", 5, 10, true),
                "  --> zk1/zoo.cfg:2:2\n   |\n 2 | \tbogus=1\n   | \t^^^^^ here\n"
            );
            assert_eq!(
                drawn("a=1\r\n", 0, 1, false),
                "  --> zk1/zoo.cfg:1:1\n   |\n 1 | a=1\n   | - here\n"
            );
        }

        #[test]
        fn a_point_at_the_end_is_drawn_on_the_last_line() {
            assert_eq!(
                drawn("a=1\n", 4, 4, true),
                "  --> zk1/zoo.cfg:2:1\n   |\n 1 | a=1\n   |    ^ here\n"
            );
            assert_eq!(drawn("", 0, 0, true), "  --> zk1/zoo.cfg:1:1\n      here\n");
            assert!(!drawn("a\0b\n", 0, 1, true).contains("a\0b"));
        }
    }
}

/// One line per input that was not read: `skipped zk1/zoo.cfg.bak: a backup copy, ...`.
pub fn skipped_list(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let FileStatus::Skipped(why) = &file.status {
            out.push_str(&format!("skipped {}: {why}\n", file.path));
        }
    }
    out
}

/// `3 files checked (1 with no settings), 2 skipped: 1 error, 2 warnings, 0 infos`; the parts
/// in the middle only when there is something to count.
pub fn summary_line(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let read = report.count_files(&FileStatus::Read);
    let empty = report.count_files(&FileStatus::NoSettings);
    let skipped = report.count_files(&FileStatus::Skipped(String::new()));
    let mut files = plural(read + empty, "file") + " checked";
    if empty > 0 {
        files.push_str(&format!(" ({empty} with no settings)"));
    }
    if skipped > 0 {
        files.push_str(&format!(", {skipped} skipped"));
    }
    format!(
        "{files}: {}, {}, {}\n",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
    )
}

#[cfg(feature = "graphical")]
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Settings, lint};

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let text = format!(
            "tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n{}bogus.port=1{}\n#{}\n",
            " ".repeat(1499),
            "v".repeat(490),
            "w".repeat(2000),
        );
        let report = lint(
            vec![Input::file("zk1/zoo.cfg", text.into_bytes())],
            &Settings::default(),
        );
        let out = render_diagnostics(&report, Style::default());
        assert!(out.contains("[zk1/zoo.cfg:4:1500]"), "{out}");
        assert!(out.contains(" 4 │ … "), "{out}");
        assert!(out.contains("bogus.port=1vvv"), "{out}");
        assert!(out.contains("unknown key"), "{out}");
        assert!(
            out.contains(" 5 │ #www"),
            "the context line is cut too: {out}"
        );
        for line in out.lines() {
            assert!(
                line.chars().count() <= 100,
                "{} characters: {line}",
                line.chars().count()
            );
        }
        // The label still sits under the key.
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("bogus.port=1"))
            .expect("snippet line");
        let key = lines[at].find("bogus.port").expect("key");
        let underline = lines[at + 1].find('─').expect("underline");
        assert_eq!(
            lines[at][..key].chars().count(),
            lines[at + 1][..underline].chars().count()
        );
    }

    #[test]
    fn a_label_wider_than_the_line_keeps_both_ends() {
        let key = format!("k{}z", "a".repeat(400));
        let text = format!("tickTime=2000\ndataDir=/d\nclientPort=2181\n{key}=1\n");
        let report = lint(
            vec![Input::file("zk1/zoo.cfg", text.into_bytes())],
            &Settings::default(),
        );
        let out = render_diagnostics(&report, Style::default());
        let snippet = out.lines().find(|l| l.starts_with(" 4 │")).expect("line 4");
        assert!(
            snippet.contains(" 4 │ kaaa") && snippet.contains("a…aaa"),
            "{out}"
        );
        assert!(snippet.ends_with("aaaz…"), "{out}");
        assert!(snippet.chars().count() <= 100, "{snippet}");
    }
}
