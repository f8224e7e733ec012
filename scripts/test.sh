#!/usr/bin/env bash
# Runs every test tier of meslint: formatting, lints, unit and integration tests, the example
# cluster, the conformance tier against ZooKeeper's own parser, and the browser module (its
# build and size, its tests in node, parity with the CLI, the page in headless Chromium).
# Installs what it needs first.
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

say "the bundled example cluster"
# The example holds deliberate mistakes, so meslint must exit 1 (errors found), not 0 or 2.
status=0
cargo run --quiet --locked -- examples/cluster >/dev/null || status=$?
if [ "$status" -ne 1 ]; then
  echo "meslint examples/cluster exited $status, expected 1" >&2
  exit 1
fi

say "the browser module and page (scripts/test-wasm.sh)"
scripts/test-wasm.sh

say "all tiers passed"
