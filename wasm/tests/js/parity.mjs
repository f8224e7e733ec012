// Parity: for every scenario under fixtures/, the module's `lint` equals the JSON the real CLI
// prints (`meslint --format json`, with the scenario's `args`), and every label's UTF-16
// offsets point at the line and column the report names.
// Usage: node parity.mjs <meslint binary> <node module .js> [directory of clusters]
// The clusters are the subdirectories of the third argument, fixtures/ by default: any tree of
// real repositories can be checked the same way.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { scenarioArgs, scenarioFiles } from '../../tools/cluster-files.mjs';

const [binary, modulePath, clusters] = process.argv.slice(2).map((p) => path.resolve(p));
const meslint = createRequire(import.meta.url)(modulePath);
const fixtures = clusters ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

function cli(dir, args) {
  try {
    return execFileSync(binary, ['--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    // Exit 1 (errors found) and 2 (unreadable input) still print the report.
    if (error.status === 1 || error.status === 2) return error.stdout;
    throw error;
  }
}

// The CLI also counts the files it found and did not read (`skipped`); the page is handed only
// the files meslint reads, so that bookkeeping is left out of the comparison.
// Nor is the page ever handed a symbolic link: the CLI's ML006 (a link out of the tree, not
// read) has no counterpart there.
function withoutSkipped(report) {
  const { skipped: _count, files: _files, ...summary } = report.summary;
  const { skipped: _list, ...rest } = report;
  const diagnostics = rest.diagnostics.filter((d) => d.code !== 'ML006');
  const infos = summary.infos - (rest.diagnostics.length - diagnostics.length);
  return { ...rest, diagnostics, summary: { ...summary, infos } };
}

function withoutOffsets(report) {
  return {
    ...withoutSkipped(report),
    diagnostics: report.diagnostics.map((d) => ({
      ...d,
      labels: d.labels.map(({ utf16_start, utf16_end, ...rest }) => rest),
    })),
  };
}

/** 1-based line and column (counted in characters) of a UTF-16 offset, as meslint counts. */
function lineCol(text, offset) {
  let before = text.slice(0, offset);
  // Between the `\r` and the `\n` of a CRLF is still the first line.
  const splitCrlf = before.endsWith('\r') && text[offset] === '\n';
  if (splitCrlf) before = before.slice(0, -1);
  const lines = before.split(/\r\n|\n|\r/);
  const last = lines[lines.length - 1];
  return [lines.length, [...last].length + 1 + (splitCrlf ? 1 : 0)];
}

const textOf = (file) => (file.bytes ? decode(file.bytes) : '');
function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...bytes); // ISO-8859-1, as the core reads non-UTF-8 files
  }
}

const dirs = fs.readdirSync(fixtures).filter((d) => fs.statSync(path.join(fixtures, d)).isDirectory()).sort();
let labels = 0;
let diagnostics = 0;
for (const name of dirs) {
  const dir = path.join(fixtures, name);
  const { args, options, paths } = scenarioArgs(dir);
  const printed = cli(dir, args);
  // A tree with no file meslint reads prints no report, only its exit code and a message.
  if (clusters && printed === '') continue;
  const expected = JSON.parse(printed);
  const files = scenarioFiles(dir, paths, meslint.isCandidate);
  const got = meslint.lint(files, options);
  assert.deepEqual(withoutOffsets(got), withoutSkipped(expected), `${name}: the module's report differs from the CLI's`);
  const texts = new Map(files.map((f) => [f.path, textOf(f)]));
  for (const d of got.diagnostics) {
    diagnostics++;
    for (const label of d.labels) {
      labels++;
      const text = texts.get(label.file);
      assert.ok(text !== undefined, `${name}: ${d.code} points into ${label.file}, not an input`);
      assert.deepEqual(lineCol(text, label.utf16_start), [label.line, label.column],
        `${name}: ${d.code} utf16_start of ${label.file}`);
      assert.deepEqual(lineCol(text, label.utf16_end), [label.end_line, label.end_column],
        `${name}: ${d.code} utf16_end of ${label.file}`);
    }
  }
}
if (!clusters) assert.ok(dirs.length > 100 && diagnostics > 100, 'the parity test saw too few scenarios');
console.log(`parity: ${dirs.length} scenarios, ${diagnostics} diagnostics, ${labels} labels equal the CLI's`);
