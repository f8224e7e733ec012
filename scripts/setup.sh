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
# Only what is missing: a machine's own Node.js (nodesource's, say) ships npm and conflicts with
# Debian's npm package.
packages=()
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
if [ "${#packages[@]}" -gt 0 ]; then
  say "apt-get install ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi
if [ ! -x wasm/node_modules/.bin/wasm-opt ] || [ ! -d wasm/node_modules/playwright-core ] ||
  [ wasm/package-lock.json -nt wasm/node_modules/.package-lock.json ]; then
  say "npm ci (wasm/: binaryen, playwright-core)"
  (cd wasm && npm ci --no-audit --no-fund)
fi

# The pre-commit tier runs the real pre-commit, from PyPI, in a virtualenv of its own.
if [ ! -x .cache/venv/bin/pre-commit ]; then
  say "pre-commit from PyPI into .cache/venv"
  if ! python3 -m venv .cache/venv 2>/dev/null; then
    apt-get install -y --no-install-recommends python3-venv >/dev/null
    python3 -m venv .cache/venv
  fi
  .cache/venv/bin/pip install --quiet pre-commit
fi
