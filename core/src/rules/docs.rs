//! Rule documentation as Markdown: one rule for `meslint explain`, all of them for
//! `docs/rules.md`. Both are generated from the registry, never written by hand.

use super::{ALL, Rule};

/// Where `docs/rules.md` is published; every diagnostic links into it.
pub const REFERENCE_URL: &str = "https://github.com/meslint/meslint/blob/main/docs/rules.md";

/// The anchor GitHub gives the rule's heading `## ZK101 unknown_key`: lower case, the space
/// turned into `-`, underscores kept.
pub fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code.to_ascii_lowercase(), rule.name)
}

/// The rule's stable documentation URL.
pub fn url(rule: &Rule) -> String {
    format!("{REFERENCE_URL}#{}", anchor(rule))
}

/// The documentation of one rule.
pub fn rule_markdown(rule: &Rule) -> String {
    format!(
        "# {code} {name}\n\nSeverity: {severity}. Applies to: {applies}.\n\n{docs}",
        code = rule.code,
        name = rule.name,
        severity = rule.severity.as_str(),
        applies = rule.applies_to,
        docs = rule.docs_markdown(),
    )
}

/// `docs/rules.md`: an index, then every rule's documentation.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# meslint rules\n\n\
         Generated from the rule registry by `cargo test`; do not edit by hand.\n\
         `meslint explain CODE` prints the same text.\n\n\
         | Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| [{code}](#{anchor}) | `{name}` | {severity} | {summary} |\n",
            code = rule.code,
            anchor = anchor(rule),
            name = rule.name,
            severity = rule.severity.as_str(),
            summary = rule.summary().replace('|', "\\|"),
        ));
    }
    for rule in ALL {
        out.push('\n');
        out.push_str(&demote_headings(&rule_markdown(rule)).replacen("# ", "## ", 1));
    }
    out
}

/// Rule docs use `##` sections under the rule's `#` title; in the reference, where each title
/// is `##`, the sections become `###`.
fn demote_headings(docs: &str) -> String {
    docs.lines()
        .map(|line| {
            if line.starts_with("## ") {
                format!("#{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
