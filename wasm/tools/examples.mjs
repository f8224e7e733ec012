// Writes the page's bundled examples (examples.json) from clusters in the repository, read the
// way the CLI reads them. Usage: node examples.mjs <node module .js> <out.json>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { scenarioArgs, scenarioFiles } from './cluster-files.mjs';

const [modulePath, outPath] = process.argv.slice(2);
const meslint = createRequire(import.meta.url)(path.resolve(modulePath));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const EXAMPLES = [
  ['seed', 'fixtures/seed', 'The setup guide: a 5-server ensemble, 3 masters, 1 agent'],
  ['example', 'examples/cluster', 'The README example: env files, systemd unit, mistakes'],
  ['ha', 'fixtures/ok-ha-cluster', 'A healthy HA cluster'],
  ['pseudo', 'fixtures/ok-pseudo-cluster', 'A ZooKeeper pseudo-cluster on one machine'],
  ['host-root', 'fixtures/ok-host-root-tree', 'Host-root trees collected from each machine'],
  ['env-files', 'fixtures/ok-env-files', 'Masters and agents configured by MESOS_* env files'],
];

const examples = [];
for (const [id, dir, title] of EXAMPLES) {
  const full = path.join(repo, dir);
  if (!fs.existsSync(full)) continue;
  const { options, paths } = scenarioArgs(full);
  const files = scenarioFiles(full, paths, meslint.isCandidate)
    .filter((f) => f.bytes)
    .map((f) => ({ path: f.path, text: new TextDecoder().decode(f.bytes) }));
  examples.push({ id, title, source: dir, options, files });
}
fs.writeFileSync(outPath, JSON.stringify(examples, null, 1) + '\n');
console.log(`examples.json: ${examples.length} examples`);
