//! Conventions that review would otherwise have to catch, checked by `cargo test`: unique and
//! well-formed codes, documented rules, a fixture that fires every rule, and an up-to-date
//! `docs/rules.md`.

use std::path::Path;

use meslint_core::rules::{ALL, docs};

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
            ["ML", "ZK", "MS", "CZ", "CM", "CT", "CX"].contains(&family),
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
        .filter(|r| !snapshots.contains(&format!("{}({})", r.code, r.name)))
        .map(|r| r.code)
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture that fires them (add fixtures/<CODE>-<what>/): {missing:?}"
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
