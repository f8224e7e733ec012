//! The human format: each diagnostic with source snippets from every file it points into, then
//! a one-line summary. With the `graphical` feature (the CLI's) miette draws the snippets;
//! without it (the browser module, where miette's handler and its Unicode tables would be a
//! third of the download) a lighter renderer puts each label under its source line.

#[cfg(feature = "graphical")]
use std::fmt;

#[cfg(feature = "graphical")]
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

#[cfg(feature = "graphical")]
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::report::FileStatus;
use crate::report::Report;
#[cfg(feature = "graphical")]
use crate::source::SourceMap;

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
    sources: &'a SourceMap,
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
        Some(self.sources)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Empty and binary files have no snippet worth showing; the message names the file.
        let showable = |label: &&crate::diagnostic::Label| {
            let text = self.sources.file(label.span.file).text();
            !text.is_empty() && !text.contains('\0')
        };
        Some(Box::new(
            self.diagnostic.labels.iter().filter(showable).map(|label| {
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
            }),
        ))
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

/// Renders every diagnostic, without the summary (`--quiet`).
#[cfg(feature = "graphical")]
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
    for diagnostic in &report.diagnostics {
        let view = MietteView {
            diagnostic,
            sources: &report.sources,
            links: style.links,
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
