//! SARIF 2.1.0, the format GitHub code scanning (and other static-analysis dashboards) import.
//!
//! Every rule of the registry is listed under `tool.driver.rules` with its documentation and
//! URL; each result points at its primary label, with the other labels as related locations.
//! Columns count Unicode code points, as meslint's do, and the run says so (`columnKind`).

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use crate::diagnostic::Severity;
use crate::report::Report;
use crate::rules::{self, Rule};
use crate::source::{SourceMap, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/meslint/meslint";

pub fn render(report: &Report, version: &str) -> String {
    let index: BTreeMap<&str, usize> = rules::ALL
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.code, i))
        .collect();
    let fingerprints = super::fingerprints(&report.diagnostics, &report.sources);
    let results: Vec<SarifResult> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(diagnostic, fingerprint)| {
            let primary = diagnostic
                .labels
                .iter()
                .find(|l| l.primary)
                .or_else(|| diagnostic.labels.first());
            let locations: Vec<Location> = primary
                .map(|label| location(&report.sources, label.span, None))
                .into_iter()
                .collect();
            let related: Vec<Location> = diagnostic
                .labels
                .iter()
                .filter(|label| primary.is_some_and(|p| !std::ptr::eq(*label, p)))
                .enumerate()
                .map(|(i, label)| location(&report.sources, label.span, Some((i, &label.message))))
                .collect();
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = SarifResult::builder()
                .rule_id(diagnostic.code)
                .level(level(diagnostic.severity))
                .message(Message::builder().text(text).build())
                .locations(locations)
                .partial_fingerprints(BTreeMap::from([(
                    "meslintFingerprint/v1".to_owned(),
                    fingerprint,
                )]))
                .build();
            if let Some(&i) = index.get(diagnostic.code) {
                result.rule_index = Some(i as i64);
            }
            if !related.is_empty() {
                result.related_locations = Some(related);
            }
            result
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("meslint")
        .version(version)
        .semantic_version(version)
        .information_uri(INFORMATION_URI)
        .rules(
            rules::ALL
                .iter()
                .map(|rule| descriptor(rule))
                .collect::<Vec<_>>(),
        )
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text =
        serde_json::to_string_pretty(&sarif).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let docs = rule.docs_markdown();
    // The "What it finds" section, else the summary.
    let finds = docs
        .split("## What it finds\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or(rule.summary())
        .replace('\n', " ");
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(finds.trim())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(docs.clone())
                .markdown(docs)
                .build(),
        )
        .help_uri(rules::docs::url(rule))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level(rule.severity).to_string()))
                .build(),
        )
        .build()
}

/// A physical location; `related` gives a related location its id and message.
fn location(sources: &SourceMap, span: Span, related: Option<(usize, &String)>) -> Location {
    let at = super::location(sources, span);
    let region = Region::builder()
        .start_line(at.line as i64)
        .start_column(at.column as i64)
        .end_line(at.end_line as i64)
        .end_column(at.end_column as i64)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(at.file)).build())
        .region(region)
        .build();
    let mut location = Location::builder().physical_location(physical).build();
    if let Some((id, message)) = related {
        location.id = Some(id as i64);
        if !message.is_empty() {
            location.message = Some(Message::builder().text(message.clone()).build());
        }
    }
    location
}

/// A relative path stays a relative URI reference (GitHub resolves it against the repository
/// root); an absolute one becomes a `file://` URI. Characters outside the URI's unreserved set
/// are percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
