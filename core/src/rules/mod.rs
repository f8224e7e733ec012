//! The rule registry: every code meslint can report, with its docs, and the engine that runs
//! the rules over a cluster model.
//!
//! A rule lives in its own file under a family folder (`input/`, `zookeeper/`, `mesos/`,
//! `cluster/`), declared with [`declare_rule!`]: docs, identity, then the check. Some rules are
//! raised by a parser while it builds the model (`check: None`); they are declared the same
//! way so that `meslint rules`, `meslint explain` and `docs/rules.md` know them too. Adding a
//! rule touches three places: its file, one line in [`ALL`], one fixture.

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::model::Cluster;
use crate::settings::Settings;

/// Everything meslint knows about one rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier used in output and docs, e.g. `ZK201`.
    pub code: &'static str,
    /// snake_case name of the problem, e.g. `even_ensemble`.
    pub name: &'static str,
    /// Default severity; a finding may carry its own where the docs say so.
    pub severity: Severity,
    /// The releases the rule applies to, in words (`ZooKeeper 3.5+`, `all`).
    pub applies_to: &'static str,
    /// The declaration's doc comment; its first line is the summary.
    pub docs: &'static str,
    /// The check over the model; `None` for rules a parser raises while reading a file.
    pub check: Option<fn(&Context<'_>) -> Vec<Finding>>,
}

impl Rule {
    /// The first line of the docs.
    pub fn summary(&self) -> &'static str {
        self.docs.lines().next().unwrap_or("").trim()
    }

    /// The docs as Markdown, without the space `///` leaves at the start of each line.
    pub fn docs_markdown(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned() + "\n"
    }

    /// Builds the diagnostic for a finding of this rule.
    pub fn report(&self, finding: Finding) -> Diagnostic {
        finding.into_diagnostic(self)
    }
}

/// What a rule's check sees: the whole model and the settings, never raw text.
pub struct Context<'a> {
    pub cluster: &'a Cluster,
    pub settings: &'a Settings,
}

/// Declares a [`Rule`] whose `docs` field is its own doc comment.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis static $NAME:ident = Rule { $($fields:tt)* };) => {
        $(#[doc = $doc])*
        $vis static $NAME: $crate::rules::Rule =
            $crate::rules::Rule { docs: concat!($($doc, "\n"),*), $($fields)* };
    };
}

pub mod input;
pub mod zookeeper;

/// Every rule, sorted by code. Adding a rule means adding one line here.
pub static ALL: &[&Rule] = &[
    &input::unreadable_file::UNREADABLE_FILE,
    &input::binary_file::BINARY_FILE,
    &input::unrecognized_file::UNRECOGNIZED_FILE,
    &zookeeper::malformed_unicode_escape::MALFORMED_UNICODE_ESCAPE,
    &zookeeper::byte_order_mark::BYTE_ORDER_MARK,
    &zookeeper::non_ascii_text::NON_ASCII_TEXT,
    &zookeeper::inline_comment::INLINE_COMMENT,
    &zookeeper::backslash_in_path::BACKSLASH_IN_PATH,
    &zookeeper::duplicate_key::DUPLICATE_KEY,
    &zookeeper::invalid_dynamic_key::INVALID_DYNAMIC_KEY,
];

/// Finds a rule by code (`ZK201`, any case) or name (`even_ensemble`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Runs every model rule and returns their diagnostics, unsorted.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in ALL {
        if let Some(check) = rule.check {
            out.extend(check(context).into_iter().map(|f| rule.report(f)));
        }
    }
    out
}
