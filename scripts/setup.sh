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
