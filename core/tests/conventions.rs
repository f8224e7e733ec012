//! Conventions that review would otherwise have to catch, checked by `cargo test`: unique and
//! well-formed codes, documented rules, a fixture that fires every rule (or, for `--probe`
//! rules, an assertion in the probe tier), and an up-to-date `docs/rules.md`.

use std::path::Path;

use meslint_core::rules::{ALL, docs, probe};

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ sits in the repository root")
}

#[test]
fn codes_are_unique_sorted_and_well_formed() {
    for pair in ALL.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "ALL must be sorted by code without duplicates: {} then {}",
            pair[0].code,
            pair[1].code
        );
    }
    for rule in ALL {
        let (family, number) = rule.code.split_at(2);
        assert!(
            ["ML", "ZK", "MS", "CZ", "CM", "CT", "CX", probe::FAMILY].contains(&family),
            "{}: unknown family",
            rule.code
        );
        assert!(
            number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()),
            "{}: the code is two letters and three digits",
            rule.code
        );
    }
    let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL.len(), "rule names must be unique");
}

#[test]
fn names_are_snake_case_and_name_the_problem() {
    for rule in ALL {
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{}: `{}` is not snake_case",
            rule.code,
            rule.name
        );
        assert!(
            !rule.name.starts_with("check_") && !rule.name.starts_with("no_"),
            "{}: name the problem, not the check",
            rule.code
        );
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in ALL {
        assert!(
            rule.summary().ends_with('.'),
            "{}: the summary line ends with a full stop",
            rule.code
        );
        for section in [
            "## What it finds",
            "## Why it matters",
            "## How to fix",
            "## Example",
        ] {
            assert!(
                rule.docs_markdown().contains(section),
                "{}: docs lack `{section}`",
                rule.code
            );
        }
        assert!(
            !rule.applies_to.is_empty(),
            "{}: applies_to is empty",
            rule.code
        );
    }
}

/// Like clippy's missing-test-files check: each rule is seen firing in at least one scenario.
#[test]
fn every_rule_fires_in_a_fixture() {
    let fixtures = repo_root().join("fixtures");
    let mut snapshots = String::new();
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/ exists") {
        let path = entry.expect("entry").path().join("expected.snap");
        if let Ok(text) = std::fs::read_to_string(path) {
            snapshots.push_str(&text);
        }
    }
    let missing: Vec<_> = ALL
        .iter()
        .filter(|r| !r.code.starts_with(probe::FAMILY))
        .filter(|r| !snapshots.contains(&format!("{}({})", r.code, r.name)))
        .map(|r| r.code)
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture that fires them (add fixtures/<CODE>-<what>/): {missing:?}"
    );
}

/// Rules of the live cluster (`--probe`) fire only against running servers, so no static
/// fixture can hold them: each is asserted on by the probe tier, `tests/probe.rs`, instead.
#[test]
fn every_probe_rule_is_asserted_by_the_probe_tier() {
    let tier = std::fs::read_to_string(repo_root().join("tests/probe.rs")).unwrap_or_default();
    let probe_rules: Vec<_> = ALL
        .iter()
        .filter(|r| r.code.starts_with(probe::FAMILY))
        .collect();
    let missing: Vec<_> = probe_rules
        .iter()
        .filter(|r| !tier.contains(&format!("\"{}\"", r.code)))
        .map(|r| r.code)
        .collect();
    assert!(
        missing.is_empty(),
        "probe rules that tests/probe.rs never asserts on (name the code in a string): {missing:?}"
    );
}

/// `docs/rules.md` is generated; when stale, this rewrites it and fails so the change is seen.
#[test]
fn rules_reference_is_up_to_date() {
    let path = repo_root().join("docs/rules.md");
    let expected = docs::reference_markdown();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
        panic!("docs/rules.md was stale and has been regenerated; commit it");
    }
}

/// A rule's listed severity is the one it prints; a rule that can print another one says when
/// in a `## Severity` section. Seen two ways: the severities the fixtures print, and rule files
/// that give a finding its own severity.
#[test]
fn varying_severities_are_documented() {
    let mut printed: std::collections::BTreeMap<String, std::collections::BTreeSet<&str>> =
        std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("fixtures")).expect("fixtures/ exists") {
        let Ok(text) = std::fs::read_to_string(entry.expect("entry").path().join("expected.snap"))
        else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some((code, _)) = line.split_once('(') else {
                continue;
            };
            if !ALL.iter().any(|r| r.code == code) || !line.ends_with(')') {
                continue;
            }
            let severity = match lines.get(i + 2).map(|l| l.trim_start().chars().next()) {
                Some(Some('×')) => "error",
                Some(Some('⚠')) => "warning",
                Some(Some('☞')) => "info",
                _ => continue,
            };
            printed.entry(code.to_owned()).or_default().insert(severity);
        }
    }
    let mut stack = vec![repo_root().join("core/src/rules")];
    let mut varying_in_code = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("rules/ exists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if let Some(rule) = ALL
                    .iter()
                    .find(|r| text.contains(&format!("code: \"{}\"", r.code)))
                    && text.contains(".severity(")
                {
                    varying_in_code.push(rule.code);
                }
            }
        }
    }
    for rule in ALL {
        let own = rule.severity.as_str();
        let varies = varying_in_code.contains(&rule.code)
            || printed
                .get(rule.code)
                .is_some_and(|s| s.iter().any(|p| *p != own));
        if !varies {
            continue;
        }
        let docs = rule.docs_markdown();
        let section = docs
            .split("## Severity")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next());
        let Some(section) = section else {
            panic!(
                "{}: prints or sets a severity other than `{own}`; its docs need a `## Severity` section saying when",
                rule.code
            );
        };
        for severity in printed.get(rule.code).into_iter().flatten() {
            assert!(
                section.to_ascii_lowercase().contains(severity),
                "{}: prints `{severity}`, which its `## Severity` section does not name",
                rule.code
            );
        }
    }
}
