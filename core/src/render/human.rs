//! The human format: each diagnostic as a miette report with source snippets from every file
//! it points into, then a one-line summary.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::FileStatus;
use crate::report::Report;
use crate::source::SourceMap;

/// How the human output should look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
    /// List every input that was not read, with the reason, before the summary line.
    pub list_skipped: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            list_skipped: false,
        }
    }
}

/// Adapts one diagnostic to miette, with the whole source map as its source code.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    sources: &'a SourceMap,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.diagnostic.code, self.diagnostic.name
        )))
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
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        let view = MietteView {
            diagnostic,
            sources: &report.sources,
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
    if style.list_skipped {
        out.push_str(&skipped_list(report));
    }
    out.push_str(&summary_line(report));
    out
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
