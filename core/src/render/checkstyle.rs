//! Checkstyle XML, which Jenkins' Warnings plugin and many review tools read: one `<file>` per
//! file with an `<error>` per diagnostic.

use std::collections::BTreeMap;

use super::xml_escape;
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for diagnostic in &report.diagnostics {
        let at = super::primary_location(diagnostic, &report.sources);
        let (file, line, column) = at.map_or(("", 1, 1), |at| (at.file, at.line, at.column));
        by_file.entry(file).or_default().push(format!(
            "    <error line=\"{line}\" column=\"{column}\" severity=\"{}\" message=\"{}\" source=\"meslint.{}\"/>\n",
            diagnostic.severity.as_str(),
            xml_escape(&format!("{} {}", diagnostic.code, diagnostic.message)),
            diagnostic.code,
        ));
    }
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (file, errors) in by_file {
        out.push_str(&format!("  <file name=\"{}\">\n", xml_escape(file)));
        for error in errors {
            out.push_str(&error);
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
