#!/usr/bin/env bash
# Runs every test tier of meslint: formatting, lints, unit and integration tests, the example
# cluster, and the conformance tier against ZooKeeper's own parser. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

scripts/setup.sh

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "cargo test (unit, scenarios, CLI, conformance)"
cargo test --workspace --locked

say "all tiers passed"
