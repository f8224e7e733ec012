//! Every directory under `fixtures/` is a scenario: real cluster files, run through the real
//! binary, compared with `expected.snap` beside them. A behaviour change shows up as a snapshot
//! diff to review (`cargo insta review`, or `INSTA_UPDATE=always cargo test` to accept).
//!
//! `meslint report` over the same arguments is compared with `report.snap`, so what each tier
//! survives is reviewed for every scenario too.
//!
//! A scenario may hold an `args` file with the command-line arguments to use instead of `.`,
//! one per line (e.g. `--zookeeper-version`, `3.4`, `.`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The exit code and the human output of `meslint [subcommand] ARGS`, run from inside the
/// scenario (`meslint .` by default).
fn run(scenario: &Path, subcommand: Option<&str>) -> String {
    let mut args: Vec<String> = subcommand.into_iter().map(String::from).collect();
    if let Ok(text) = std::fs::read_to_string(scenario.join("args")) {
        args.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from),
        );
    }
    if args.len() == usize::from(subcommand.is_some()) {
        args.push(".".into());
    }
    let output = Command::new(env!("CARGO_BIN_EXE_meslint"))
        .args(&args)
        .current_dir(scenario)
        .env("NO_COLOR", "1")
        .output()
        .expect("meslint runs");
    assert!(
        output.stderr.is_empty(),
        "{}: stderr: {}",
        scenario.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    format!(
        "exit_code: {}\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout)
    )
}

#[test]
fn every_scenario_matches_its_snapshot() {
    let scenarios = scenarios();
    assert!(!scenarios.is_empty(), "no scenarios under fixtures/");
    for scenario in scenarios {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&scenario);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(&scenario);
        settings.bind(|| {
            insta::assert_snapshot!("expected", run(&scenario, None));
            insta::assert_snapshot!("report", run(&scenario, Some("report")));
        });
    }
}
