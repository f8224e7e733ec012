//! [`Report`]: what a lint run hands back, and all that renderers read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model;
use crate::rules::input::unreadable_file::UNREADABLE_FILE;
use crate::settings::Settings;
use crate::source::SourceMap;

/// The outcome of a lint run: the files as read (secrets masked) and what was found in them.
#[derive(Debug)]
pub struct Report {
    pub sources: SourceMap,
    /// Sorted by file, offset and code.
    pub diagnostics: Vec<Diagnostic>,
    pub model: model::Cluster,
    /// The settings the run used, after `meslint.toml`.
    pub settings: Settings,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// True when any input could not be read at all.
    pub fn had_unreadable_input(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code == UNREADABLE_FILE.code)
    }
}
