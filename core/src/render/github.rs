//! GitHub Actions workflow commands: `::error file=...,line=...::message` lines that GitHub
//! turns into annotations on the changed files of a pull request.
//!
//! Escaping is GitHub's own (the runner's `CommandExtensions`): in the message `%`, `\r` and
//! `\n`; in property values also `:` and `,`.

use crate::diagnostic::Severity;
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(at) = super::primary_location(diagnostic, &report.sources) {
            properties.push(format!("file={}", escape_property(at.file)));
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
            properties.push(format!("endLine={}", at.end_line));
            properties.push(format!("endColumn={}", at.end_column));
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("{} {}", diagnostic.code, diagnostic.name))
        ));
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// The message part of a command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: the message escapes plus `:` and `,`, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
