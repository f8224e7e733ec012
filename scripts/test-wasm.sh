#!/usr/bin/env bash
# The browser module's tiers: build it (with its size budget), run its wasm-bindgen tests in
# node, compare it with the CLI on every fixture, and drive the page in headless Chromium.
# The screenshot lands in target/browser-test/checker.png.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

say "wasm module and page (scripts/build-wasm.sh)"
scripts/build-wasm.sh

say "wasm-bindgen tests in node"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --profile wasm-release --target wasm32-unknown-unknown -p meslint-wasm --test node

say "parity with the CLI on every fixture"
cargo build --locked --bin meslint
node wasm/tests/js/parity.mjs target/debug/meslint target/wasm/node/meslint_wasm.js

say "the page in headless Chromium"
mkdir -p target/browser-test
node wasm/tests/js/browser.mjs target/wasm/site target/browser-test/checker.png
