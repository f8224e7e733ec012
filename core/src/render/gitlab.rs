//! GitLab Code Quality: the JSON array of issues that a `codequality` report artifact holds,
//! shown in merge requests.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::report::Report;

#[derive(Debug, Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Debug, Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(report: &Report) -> String {
    let fingerprints = super::fingerprints(&report.diagnostics, &report.sources);
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(diagnostic, fingerprint)| {
            let at = super::primary_location(diagnostic, &report.sources);
            Issue {
                description: format!("{}: {}", diagnostic.code, diagnostic.message),
                check_name: diagnostic.code,
                fingerprint,
                // GitLab's scale is info, minor, major, critical, blocker.
                severity: match diagnostic.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                location: Location {
                    path: at.map_or("", |at| at.file),
                    lines: Lines {
                        begin: at.map_or(1, |at| at.line),
                        end: at.map_or(1, |at| at.end_line),
                    },
                },
            }
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&issues).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
