#!/usr/bin/env bash
# Builds the browser module and the checker page:
#   target/wasm/site/   the static page (index.html, app.js, style.css, pkg/, examples.json,
#                       rules.json);
#                       serve it from any static host, or `python3 -m http.server -d target/wasm/site`
#   target/wasm/node/   the same module for node (`require('./target/wasm/node/meslint_wasm.js')`)
# Prints the size of the .wasm and fails when it is over the budget.
# Needs the wasm32 target, wasm-bindgen-cli and `npm ci` in wasm/ (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

# The gzipped size the module is meant to have: 150 KB. It is not met yet (about 408 KB: the
# core's own code, its message and catalog strings, a ninth of it BTreeMap code compiled for
# each of some thirty key and value types, iterator and Vec code per type, the YAML and
# meslint.toml parsers; sorting and grouping have one copy, core/src/sort.rs; the rule docs,
# miette and the checks of the probe rules are left out), so the build fails only over the
# interim limit, about 2% above the measured size, which catches regressions; see README.md.
target_size=153600
budget=${MESLINT_WASM_BUDGET:-424960}

say() { printf '==> %s\n' "$*"; }

say "cargo build (wasm32, profile wasm-release)"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p meslint-wasm
raw=target/wasm32-unknown-unknown/wasm-release/meslint_wasm.wasm

out=target/wasm
rm -rf "$out/web" "$out/node" "$out/site"
mkdir -p "$out"

say "wasm-bindgen (web and nodejs)"
wasm-bindgen --target web --out-dir "$out/web" "$raw"
wasm-bindgen --target nodejs --out-dir "$out/node" "$raw"

# binaryen from npm: Debian's wasm-opt 108 silently corrupts wasm-bindgen's output.
# --low-memory-unused: Rust puts the stack first, so the lowest 1 KB is only reached by a stack
# that is about to overflow; wasm-opt may then fold constant offsets into loads and stores.
say "wasm-opt -Oz (npm binaryen)"
wasm_opt=wasm/node_modules/.bin/wasm-opt
for dir in "$out/web" "$out/node"; do
  "$wasm_opt" -Oz --converge --low-memory-unused --strip-debug --strip-producers \
    "$dir/meslint_wasm_bg.wasm" -o "$dir/opt.wasm" &
done
wait
for dir in "$out/web" "$out/node"; do
  mv "$dir/opt.wasm" "$dir/meslint_wasm_bg.wasm"
done

say "the page"
mkdir -p "$out/site"
cp wasm/www/* "$out/site/"
cp -r "$out/web" "$out/site/pkg"
node wasm/tools/examples.mjs "$out/node/meslint_wasm.js" "$out/site/examples.json"
# Every rule's documentation, which the module leaves out to stay small (native, debug build).
cargo run --locked --quiet -p meslint-wasm --features rule-docs --example rule_docs \
  >"$out/site/rules.json"

wasm="$out/site/pkg/meslint_wasm_bg.wasm"
size=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'meslint_wasm_bg.wasm: %d bytes, %d bytes gzipped (limit %d, target %d)\n' \
  "$size" "$gz" "$budget" "$target_size"
if [ "$gz" -gt "$target_size" ]; then
  echo "note: the module is over its 150 KB target by $((gz - target_size)) bytes gzipped" >&2
fi
if [ "$gz" -gt "$budget" ]; then
  echo "the module is over its size budget: $gz > $budget bytes gzipped" >&2
  exit 1
fi
