//! JUnit XML, which GitLab's test reports and Jenkins' JUnit plugin read: a test suite per file,
//! a failed test case per diagnostic. A clean run is one passing test case, so that the CI
//! system shows that meslint ran.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<TestCase>> = BTreeMap::new();
    for diagnostic in &report.diagnostics {
        let at = super::primary_location(diagnostic, &report.sources);
        let (file, line, column) = at.map_or(("", 1, 1), |at| (at.file, at.line, at.column));
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status.set_message(diagnostic.message.clone());
        status.set_type(diagnostic.severity.as_str());
        let mut description = format!(
            "{file}:{line}:{column}: {}[{}] {}",
            diagnostic.severity.as_str(),
            diagnostic.code,
            diagnostic.message
        );
        if let Some(help) = &diagnostic.help {
            description.push_str(&format!("\nhelp: {help}"));
        }
        if let Some(url) = super::docs_url(diagnostic) {
            description.push_str(&format!("\n{url}"));
        }
        status.set_description(description);
        let mut case = TestCase::new(
            format!(
                "{} {} ({file}:{line}:{column})",
                diagnostic.code, diagnostic.name
            ),
            status,
        );
        case.set_classname(format!("meslint.{file}"));
        by_file.entry(file).or_default().push(case);
    }
    let mut junit = JunitReport::new("meslint");
    if by_file.is_empty() {
        let mut suite = TestSuite::new("meslint");
        suite.add_test_case(TestCase::new(
            "no problems found",
            TestCaseStatus::success(),
        ));
        junit.add_test_suite(suite);
    }
    for (file, cases) in by_file {
        let mut suite = TestSuite::new(file);
        suite.add_test_cases(cases);
        junit.add_test_suite(suite);
    }
    let mut text = junit
        .to_string()
        .unwrap_or_else(|e| format!("<!-- meslint could not write JUnit XML: {e} -->"));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
