//! Turns a [`Report`](crate::report::Report) into text: for people (miette), for grep (`concise`), and
//! for machines and CI systems (JSON, SARIF, GitHub workflow commands, GitLab Code Quality,
//! JUnit, Checkstyle).
//!
//! Every format is built from the same [`Diagnostic`](crate::diagnostic::Diagnostic)s of the masked report;
//! no renderer re-derives what a rule found, and none can see a secret.

pub mod checkstyle;
pub mod clusters;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
#[cfg(feature = "ci-formats")]
pub mod junit;
pub mod overview;
#[cfg(feature = "ci-formats")]
pub mod sarif;

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceMap, Span};

/// Where a span is, as people count: 1-based lines and columns, columns in characters, the end
/// just past the last character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn location(sources: &SourceMap, span: Span) -> Location<'_> {
    let file = sources.file(span.file);
    let (line, column) = file.line_col(span.start as usize);
    let (end_line, end_column) = file.line_col(span.end as usize);
    Location {
        file: file.path(),
        line,
        column,
        end_line,
        end_column,
    }
}

/// The location of the label that says where to fix.
pub fn primary_location<'a>(
    diagnostic: &Diagnostic,
    sources: &'a SourceMap,
) -> Option<Location<'a>> {
    diagnostic
        .primary_span()
        .map(|span| location(sources, span))
}

/// A fingerprint per diagnostic that survives edits elsewhere in the files: it hashes the file,
/// the code and the message (which names the key or flag and its value), never a line number.
/// Identical findings in one file are told apart by their order.
pub fn fingerprints(diagnostics: &[Diagnostic], sources: &SourceMap) -> Vec<String> {
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let base = stable_hash(&d.identity(sources));
            let n = seen.entry(base).or_default();
            *n += 1;
            format!("{base:016x}-{n}")
        })
        .collect()
}

/// FNV-1a over the parts with a separator: the same on every platform and Rust release, unlike
/// the standard library's hasher.
fn stable_hash(parts: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The docs URL of a diagnostic's rule.
pub fn docs_url(diagnostic: &Diagnostic) -> Option<String> {
    crate::rules::find(diagnostic.code).map(crate::rules::docs::url)
}

/// Escapes text for XML attributes and content.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // XML 1.0 has no way to write other control characters.
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
