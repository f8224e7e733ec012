#!/usr/bin/env bash
# Installs everything meslint's test tiers need on a fresh Debian machine with Rust.
# Idempotent: each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
  echo "meslint needs Rust (cargo) installed with rustup" >&2
  exit 2
fi

if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi

if [ -x scripts/setup-conformance.sh ]; then
  # The probe tier (tests/probe.rs) runs the same Debian zookeeper package's servers, with
  # slf4j-simple from libslf4j-java for their logs.
  say "ZooKeeper jars for the conformance and probe tiers"
  scripts/setup-conformance.sh
fi

# The browser module (scripts/test-wasm.sh): the wasm target, wasm-bindgen-cli at exactly the
# version wasm/Cargo.toml pins, binaryen's wasm-opt and playwright-core from npm (Debian's
# binaryen 108 corrupts wasm-bindgen output; playwright's own browser download needs a CDN),
# and Debian's chromium.
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' wasm/Cargo.toml)
if command -v rustup >/dev/null 2>&1 &&
  ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "wasm-bindgen-cli $wasm_bindgen_version"
  # --locked fails when the registry lacks a crate its lockfile pins; then resolve afresh.
  cargo install --locked wasm-bindgen-cli --version "$wasm_bindgen_version" ||
    cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 ||
  ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "apt-get install nodejs npm chromium chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm chromium chromium-driver
fi
if [ ! -x wasm/node_modules/.bin/wasm-opt ] || [ ! -d wasm/node_modules/playwright-core ] ||
  [ wasm/package-lock.json -nt wasm/node_modules/.package-lock.json ]; then
  say "npm ci (wasm/: binaryen, playwright-core)"
  (cd wasm && npm ci --no-audit --no-fund)
fi
