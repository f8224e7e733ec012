//! The one diagnostic model every output is built from.
//!
//! Rules build [`Finding`]s; the rule engine stamps each with its rule's code, name and
//! severity to make a [`Diagnostic`]. This module knows no rule: it is the vocabulary both
//! sides share. Renderers (human, JSON, ...) only ever see `Diagnostic`s.

use crate::source::Span;

/// How bad a finding is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with a short text saying what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The primary label marks where to fix; the others are evidence.
    pub primary: bool,
}

/// What a rule found, before the engine adds the rule's identity.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Set only where one rule has cases of different weight (an error on one version, a warning
    /// on another); otherwise the rule's own severity applies.
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(message: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            labels: Vec::new(),
            help: None,
            severity: None,
        }
    }

    /// Where the user should make the change.
    pub fn primary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.push(Label {
            span,
            message: label.into(),
            primary: true,
        });
        self
    }

    /// Evidence, possibly in another file on another host.
    pub fn secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.push(Label {
            span,
            message: label.into(),
            primary: false,
        });
        self
    }

    /// Adds a label; one that repeats the previous label's place and words for another host
    /// (`m1: a minority ...`, `m2: a minority ...` on one shared line) joins it instead
    /// (`m1, m2: a minority ...`).
    fn push(&mut self, label: Label) {
        if let Some(last) = self.labels.last_mut()
            && last.span == label.span
            && last.primary == label.primary
        {
            if last.message == label.message {
                return;
            }
            if let (Some((who, what)), Some((other, same))) = (
                last.message.split_once(": "),
                label.message.split_once(": "),
            ) && what == same
            {
                last.message = format!("{who}, {other}: {what}");
                return;
            }
        }
        self.labels.push(label);
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// A finding with everything a user needs to act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// The label that says where to fix, or the first one.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or_else(|| self.labels.first())
            .map(|l| l.span)
    }

    /// `file`, `code` and `message`: what a finding is, wherever its line moves. Baselines
    /// and fingerprints are built from it.
    pub fn identity(&self, sources: &crate::source::SourceMap) -> [String; 3] {
        let file = self
            .primary_span()
            .map_or("", |span| sources.file(span.file).path());
        [file.to_owned(), self.code.to_owned(), self.message.clone()]
    }

    /// The deterministic output order: file, offset, code, then message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        let span = self.primary_span();
        (
            span.map(|s| s.file),
            span.map(|s| (s.start, s.end)),
            self.code,
            &self.message,
        )
    }
}
