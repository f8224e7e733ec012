//! The concise format: one line per diagnostic, `file:line:col: severity[CODE] message`, the
//! shape compilers print, so editors, `grep` and error matchers read it.

use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        if let Some(at) = super::primary_location(diagnostic, &report.sources) {
            out.push_str(&format!("{}:{}:{}: ", at.file, at.line, at.column));
        }
        out.push_str(&format!(
            "{}[{}] {}\n",
            diagnostic.severity.as_str(),
            diagnostic.code,
            one_line(&diagnostic.message)
        ));
    }
    out
}

/// Messages are one line already; a stray line end must not split a record.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
