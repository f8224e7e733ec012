//! The JSON output format. Its shape is a public interface: later formats, the browser module
//! and outside tools rely on it, so fields are only ever added.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::FileStatus;
use crate::report::Report;
use crate::source::SourceMap;

/// The whole document `meslint --format json` prints.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub version: &'a str,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub summary: Summary,
    /// Every input that was not read, with the reason.
    pub skipped: Vec<JsonSkipped<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonSkipped<'a> {
    pub path: &'a str,
    pub reason: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
}

/// A label with 1-based lines and columns; columns count characters.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    pub primary: bool,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub files: usize,
    /// Files checked: recognised and read (`files` counts every input meslint reported on).
    pub checked: usize,
    /// Checked files that hold nothing but blank lines and comments.
    pub no_settings: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl<'a> JsonReport<'a> {
    pub fn new(report: &'a Report, version: &'a str) -> Self {
        JsonReport {
            version,
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(d, &report.sources))
                .collect(),
            summary: summary(report),
            skipped: report
                .files
                .iter()
                .filter_map(|f| match &f.status {
                    FileStatus::Skipped(why) => Some(JsonSkipped {
                        path: &f.path,
                        reason: why,
                    }),
                    _ => None,
                })
                .collect(),
        }
    }
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Self {
        JsonDiagnostic {
            code: diagnostic.code,
            name: diagnostic.name,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            labels: diagnostic
                .labels
                .iter()
                .map(|label| {
                    let file = sources.file(label.span.file);
                    let (line, column) = file.line_col(label.span.start as usize);
                    let (end_line, end_column) = file.line_col(label.span.end as usize);
                    JsonLabel {
                        file: file.path(),
                        line,
                        column,
                        end_line,
                        end_column,
                        message: &label.message,
                        primary: label.primary,
                    }
                })
                .collect(),
        }
    }
}

pub fn summary(report: &Report) -> Summary {
    Summary {
        files: report.sources.len(),
        checked: report.count_files(&FileStatus::Read)
            + report.count_files(&FileStatus::NoSettings),
        no_settings: report.count_files(&FileStatus::NoSettings),
        skipped: report.count_files(&FileStatus::Skipped(String::new())),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
    }
}

/// The JSON document, pretty-printed, ending in a newline.
pub fn render(report: &Report, version: &str) -> String {
    let mut text = serde_json::to_string_pretty(&JsonReport::new(report, version))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
