//! Which diagnostics a run reports, and how loud: rule selection (`select`, `extend_select`,
//! `ignore`), per-rule severities, per-path ignores, inline `# meslint: ignore[CODE]` comments
//! and a baseline of accepted findings.
//!
//! Pure: the inputs are `meslint.toml`'s [`RuleSelection`], the source texts and the baseline
//! the caller read; [`Policy::apply`] is the one function every diagnostic passes through.
//! Suppressions that suppress nothing become diagnostics themselves ([`Policy::unused`]).

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::layout::FileKind;
use crate::project::RuleSelection;
use crate::rules::input::unused_suppression::UNUSED_SUPPRESSION;
use crate::sort::CollectSorted;
use crate::source::{FileId, SourceMap, Span};

fn matches(selector: &str, code: &str) -> bool {
    selector == "ALL" || code.starts_with(selector)
}

pub use crate::settings::Baseline;

/// An inline `# meslint: ignore[CODES] reason` comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub file: FileId,
    /// The 1-based line the comment covers: the next line that is not such a comment itself.
    pub line: usize,
    pub codes: Vec<String>,
    /// The comment, for reporting it when it suppresses nothing.
    pub span: Span,
}

/// The policy of one run; [`apply`](Policy::apply) every diagnostic, then collect
/// [`unused`](Policy::unused).
pub struct Policy<'a> {
    /// The selection of the whole tree, and of each cluster with a `meslint.toml` of its own
    /// (its directory as displayed); a diagnostic follows the cluster of its first place.
    top: &'a RuleSelection,
    clusters: Vec<(&'a str, &'a RuleSelection)>,
    sources: &'a SourceMap,
    /// Every `[per-path]` entry once (the clusters' selections repeat the tree's), by its span
    /// in meslint.toml, with whether it suppressed something.
    per_path_used: std::collections::BTreeMap<Span, bool>,
    suppressions: Vec<Suppression>,
    suppressions_used: Vec<bool>,
    baseline: Baseline,
}

impl<'a> Policy<'a> {
    /// `clusters`: the directory (as displayed) and selection of each cluster that has a
    /// `meslint.toml` of its own; `top` applies everywhere else.
    pub fn new(
        top: &'a RuleSelection,
        clusters: &'a [(String, RuleSelection)],
        sources: &'a SourceMap,
        files: &[(FileId, FileKind)],
        baseline: &Baseline,
    ) -> Self {
        let suppressions: Vec<Suppression> = files
            .iter()
            .filter(|(_, kind)| has_comments(kind))
            .flat_map(|(id, _)| inline_suppressions(*id, sources))
            .collect();
        let mut clusters: Vec<(&str, &RuleSelection)> = clusters
            .iter()
            .map(|(dir, selection)| (dir.as_str(), selection))
            .collect();
        // Deepest first, so that the first directory that holds a path is its cluster.
        crate::sort::sort_by_key(&mut clusters, |(dir, _)| std::cmp::Reverse(dir.len()));
        let per_path_used = std::iter::once(top)
            .chain(clusters.iter().map(|(_, selection)| *selection))
            .flat_map(|selection| &selection.per_path)
            .map(|entry| (entry.span, false))
            .collect_map();
        Policy {
            top,
            clusters,
            sources,
            per_path_used,
            suppressions_used: vec![false; suppressions.len()],
            suppressions,
            baseline: baseline.clone(),
        }
    }

    /// The selection that applies in a file: its cluster's, else the tree's.
    fn selection_of(&self, file: FileId) -> &'a RuleSelection {
        let path = self.sources.file(file).path();
        self.clusters
            .iter()
            .find(|(dir, _)| {
                dir.is_empty() || path.strip_prefix(*dir).is_some_and(|r| r.starts_with('/'))
            })
            .map_or(self.top, |(_, selection)| *selection)
    }

    /// The selection that applies to a diagnostic: that of the file of its first place.
    fn selection_for(&self, diagnostic: &Diagnostic) -> &'a RuleSelection {
        diagnostic
            .labels
            .iter()
            .find(|l| l.primary)
            .or(diagnostic.labels.first())
            .map_or(self.top, |label| self.selection_of(label.span.file))
    }

    /// The diagnostic as the run reports it, or `None` when it is not selected, ignored for its
    /// path, suppressed inline or in the baseline.
    pub fn apply(&mut self, mut diagnostic: Diagnostic) -> Option<Diagnostic> {
        // One mistake written in two clusters is one diagnostic: a cluster that does not
        // select the rule takes away its own places only.
        let unselected: Vec<usize> = places(&diagnostic)
            .into_iter()
            .filter(|&i| {
                let file = diagnostic.labels[i].span.file;
                !selected(self.selection_of(file), diagnostic.code)
            })
            .collect();
        if !unselected.is_empty() && unselected.len() == places(&diagnostic).len() {
            return None;
        }
        for i in unselected.into_iter().rev() {
            diagnostic.labels.remove(i);
        }
        let selection = self.selection_for(&diagnostic);
        if !selected(selection, diagnostic.code) {
            return None;
        }
        if let Some(severity) = severity(selection, diagnostic.code) {
            diagnostic.severity = severity;
        }
        if diagnostic.code == UNUSED_SUPPRESSION.code {
            return Some(diagnostic);
        }
        // One mistake written on several hosts is one diagnostic with a primary label at each
        // place: a suppression takes away the places it covers, and the diagnostic goes when
        // none is left.
        let places = places(&diagnostic);
        let suppressed: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&i| self.suppressed(diagnostic.labels[i].span, diagnostic.code))
            .collect();
        if !places.is_empty() && suppressed.len() == places.len() {
            return None;
        }
        for i in suppressed.into_iter().rev() {
            diagnostic.labels.remove(i);
        }
        let key = identity(&diagnostic, self.sources);
        if let Some(count) = self.baseline.get_mut(&key)
            && *count > 0
        {
            *count -= 1;
            return None;
        }
        Some(diagnostic)
    }

    /// Whether a `[per-path]` entry (of the cluster of the file) or an inline comment
    /// suppresses `code` at `span`; the one that does is marked used.
    fn suppressed(&mut self, span: Span, code: &str) -> bool {
        let path = self.sources.file(span.file).path();
        for entry in &self.selection_of(span.file).per_path {
            if glob_matches(&entry.glob, relative(path, &entry.base_dir))
                && entry.codes.iter().any(|c| matches(c, code))
            {
                self.per_path_used.insert(entry.span, true);
                return true;
            }
        }
        let file = self.sources.file(span.file);
        let first = file.line_col(span.start as usize).0;
        let last = file.line_col(span.end as usize).0.max(first);
        for (i, suppression) in self.suppressions.iter().enumerate() {
            if suppression.file == span.file
                && (first..=last).contains(&suppression.line)
                && suppression.codes.iter().any(|c| matches(c, code))
            {
                self.suppressions_used[i] = true;
                return true;
            }
        }
        false
    }

    /// Inline suppressions and `[per-path]` entries that suppressed nothing.
    pub fn unused(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (suppression, used) in self.suppressions.iter().zip(&self.suppressions_used) {
            if !used {
                out.push(
                    UNUSED_SUPPRESSION.report(
                        Finding::new(format!(
                            "`meslint: ignore[{}]` suppresses nothing",
                            suppression.codes.join(",")
                        ))
                        .primary(suppression.span, "no such finding on the next line")
                        .help("remove the comment, or put it on the line just before the finding"),
                    ),
                );
            }
        }
        let entries = std::iter::once(self.top)
            .chain(self.clusters.iter().map(|(_, selection)| *selection))
            .flat_map(|selection| &selection.per_path);
        let mut reported = std::collections::BTreeSet::new();
        for entry in entries {
            if self.per_path_used.get(&entry.span) == Some(&false) && reported.insert(entry.span) {
                out.push(
                    UNUSED_SUPPRESSION.report(
                        Finding::new(format!(
                            "`[per-path]` entry `{}` ignores nothing",
                            entry.glob
                        ))
                        .primary(entry.span, "matches no finding")
                        .help(
                            "remove the entry, or check the glob against the paths in the output",
                        ),
                    ),
                );
            }
        }
        out.into_iter()
            .filter_map(|mut d| {
                let selection = self.selection_for(&d);
                if !selected(selection, d.code) {
                    return None;
                }
                if let Some(severity) = severity(selection, d.code) {
                    d.severity = severity;
                }
                Some(d)
            })
            .collect()
    }
}

/// The labels that stand for the places of a diagnostic: the primary ones, else the first.
fn places(diagnostic: &Diagnostic) -> Vec<usize> {
    let mut places: Vec<usize> = (0..diagnostic.labels.len())
        .filter(|&i| diagnostic.labels[i].primary)
        .collect();
    if places.is_empty() && !diagnostic.labels.is_empty() {
        places.push(0);
    }
    places
}

fn selected(selection: &RuleSelection, code: &str) -> bool {
    // A narrow `select` must not hide that a file or meslint.toml itself could not be read;
    // only an explicit `ignore` does.
    let always = ["ML001", "ML004"].contains(&code);
    let chosen = always
        || match &selection.select {
            None => true,
            Some(select) => select.iter().any(|s| matches(s, code)),
        }
        || selection.extend_select.iter().any(|s| matches(s, code));
    chosen && !selection.ignore.iter().any(|s| matches(s, code))
}

/// The longest matching `[severity]` entry.
fn severity(selection: &RuleSelection, code: &str) -> Option<Severity> {
    selection
        .severity
        .iter()
        .filter(|(selector, _)| matches(selector, code))
        .max_by_key(|(selector, _)| {
            if *selector == "ALL" {
                0
            } else {
                selector.len()
            }
        })
        .map(|(_, severity)| *severity)
}

/// A path relative to the directory of meslint.toml, when it lies below it.
fn relative<'p>(path: &'p str, base: &str) -> &'p str {
    if base.is_empty() {
        return path;
    }
    path.strip_prefix(base)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(path)
}

/// What identifies a finding in a baseline: file, code and message.
pub fn identity(diagnostic: &Diagnostic, sources: &SourceMap) -> (String, String, String) {
    let [file, code, message] = diagnostic.identity(sources);
    (file, code, message)
}

/// The baseline that accepts every diagnostic of a run.
pub fn baseline_of(diagnostics: &[Diagnostic], sources: &SourceMap) -> Baseline {
    let mut baseline = Baseline::new();
    for d in diagnostics {
        *baseline.entry(identity(d, sources)).or_default() += 1;
    }
    baseline
}

/// One accepted finding in a baseline file.
#[derive(serde::Serialize, serde::Deserialize)]
struct BaselineEntry {
    file: String,
    code: String,
    message: String,
    count: usize,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct BaselineFile {
    meslint_baseline: u32,
    findings: Vec<BaselineEntry>,
}

/// The baseline file `--write-baseline` writes: JSON, sorted, one entry per distinct finding.
pub fn write_baseline(baseline: &Baseline) -> String {
    let file = BaselineFile {
        meslint_baseline: 1,
        findings: baseline
            .iter()
            .map(|((file, code, message), count)| BaselineEntry {
                file: file.clone(),
                code: code.clone(),
                message: message.clone(),
                count: *count,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a baseline file; the error says why it is not one.
pub fn read_baseline(text: &str) -> Result<Baseline, String> {
    let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.meslint_baseline != 1 {
        return Err(format!(
            "baseline format {} is newer than this meslint reads",
            file.meslint_baseline
        ));
    }
    let mut baseline = Baseline::new();
    for entry in file.findings {
        *baseline
            .entry((entry.file, entry.code, entry.message))
            .or_default() += entry.count;
    }
    Ok(baseline)
}

/// A glob over `/`-separated paths: `**` any number of directories, `*` any run of characters
/// but `/`, `?` one such character. Linear in practice; patterns are short.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    fn go(g: &[u8], p: &[u8]) -> bool {
        match g.split_first() {
            None => p.is_empty(),
            Some((b'*', rest)) if rest.first() == Some(&b'*') => {
                let rest = &rest[1..];
                // `**/` also matches no directory at all.
                let rest_no_slash = rest.strip_prefix(b"/").unwrap_or(rest);
                (0..=p.len()).any(|i| go(rest_no_slash, &p[i..]) || go(rest, &p[i..]))
            }
            Some((b'*', rest)) => (0..=p.len())
                .take_while(|&i| i == 0 || p[i - 1] != b'/')
                .any(|i| go(rest, &p[i..])),
            Some((b'?', rest)) => p.first().is_some_and(|c| *c != b'/') && go(rest, &p[1..]),
            Some((c, rest)) => p.first() == Some(c) && go(rest, &p[1..]),
        }
    }
    go(glob.as_bytes(), path.as_bytes())
}

/// Files whose format has comments; myid and the one-file-per-flag files hold only a value, so
/// they are suppressed from meslint.toml's `[per-path]`.
fn has_comments(kind: &FileKind) -> bool {
    !matches!(
        kind,
        FileKind::MyId | FileKind::MesosFlagFile { .. } | FileKind::MesosEtcFile { .. }
    )
}

/// Every whole-line `meslint: ignore[...]` comment of a file: `#` (zoo.cfg, env files,
/// scripts, YAML, TOML), `!` (Java properties) and `;` (systemd units) start one.
pub fn inline_suppressions(file: FileId, sources: &SourceMap) -> Vec<Suppression> {
    let source = sources.file(file);
    let mut pending: Vec<(Vec<String>, Span)> = Vec::new();
    let mut out = Vec::new();
    for line in 1..=source.line_count() {
        let Some(range) = source.line_range(line) else {
            continue;
        };
        let text = &source.text()[range.clone()];
        match directive(text) {
            Some(codes) => pending.push((codes, Span::new(file, range.start, range.end))),
            None => {
                for (codes, span) in pending.drain(..) {
                    out.push(Suppression {
                        file,
                        line,
                        codes,
                        span,
                    });
                }
            }
        }
    }
    // Comments at the end of the file cover nothing; they are reported as unused.
    for (codes, span) in pending {
        out.push(Suppression {
            file,
            line: source.line_count() + 1,
            codes,
            span,
        });
    }
    out
}

/// The codes of `# meslint: ignore[ZK104, CX1] reason`, upper-cased.
fn directive(line: &str) -> Option<Vec<String>> {
    let rest = line.trim_start().strip_prefix(['#', '!', ';'])?;
    let rest = rest.trim_start_matches(['#', ' ', '\t']);
    let rest = rest.strip_prefix("meslint:")?.trim_start();
    let inside = rest.strip_prefix("ignore[")?;
    let (codes, _reason) = inside.split_once(']')?;
    let codes: Vec<String> = codes
        .split(',')
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    (!codes.is_empty()).then_some(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            directive("# meslint: ignore[ZK104] fixed in the next release"),
            Some(vec!["ZK104".to_owned()])
        );
        assert_eq!(
            directive("  #meslint: ignore[zk104, CX1]"),
            Some(vec!["ZK104".to_owned(), "CX1".to_owned()])
        );
        assert_eq!(
            directive("; meslint: ignore[MS001]"),
            Some(vec!["MS001".to_owned()])
        );
        assert_eq!(
            directive("! meslint: ignore[ZK101]"),
            Some(vec!["ZK101".to_owned()])
        );
        assert_eq!(directive("tickTime=2000 # meslint: ignore[ZK104]"), None);
        assert_eq!(directive("# meslint: ignore[]"), None);
        assert_eq!(directive("# meslint ignore ZK104"), None);
    }

    #[test]
    fn a_comment_covers_the_next_line_that_is_not_a_directive() {
        let mut map = SourceMap::new();
        let id = map.add(
            "zk1/zoo.cfg",
            b"# meslint: ignore[ZK101]\n# meslint: ignore[ZK104]\nfoo=1\nbar=2\n# meslint: ignore[ZK1]\n",
        );
        let found = inline_suppressions(id, &map);
        let lines: Vec<usize> = found.iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 3, 6]);
    }

    #[test]
    fn globs() {
        assert!(glob_matches("roles/**", "roles/zk/templates/zoo.cfg.j2"));
        assert!(glob_matches("**/myid", "zk1/myid"));
        assert!(glob_matches("**/myid", "myid"));
        assert!(glob_matches("zk?/*", "zk1/zoo.cfg"));
        assert!(!glob_matches("zk1/*", "zk1/conf/zoo.cfg"));
        assert!(!glob_matches("roles/**", "other/roles/x"));
    }

    #[test]
    fn selectors() {
        use crate::rules::is_selector;
        assert!(is_selector("ZK1"));
        assert!(is_selector("ALL"));
        assert!(is_selector("CX101"));
        assert!(!is_selector("ZK9"));
        assert!(!is_selector(""));
    }
}
