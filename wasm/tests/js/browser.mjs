// End to end in real headless Chromium: the checker page served from a loopback static server
// under a subpath, the seed's master command and zoo.cfg typed in, the diagnostics on screen,
// a click that lands on the line, a share link that brings the same cluster back in a fresh
// page and whose fragment holds no secret, files and a folder dropped onto the page, env and
// flag files added through the form, and no request for anything but the page's own files.
// Usage: node browser.mjs <site dir> <screenshot.png>
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [siteDir, screenshot] = process.argv.slice(2).map((p) => path.resolve(p));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seed = path.join(repo, 'fixtures/seed');
const masterText = fs.readFileSync(path.join(seed, '192.168.232.191/start-mesos-master.sh'), 'utf8');
const zooText = fs.readFileSync(path.join(seed, '192.168.113.160/zoo.cfg'), 'utf8');

const SUBPATH = '/tools/meslint/';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let rel = url.pathname.startsWith(SUBPATH) ? decodeURIComponent(url.pathname.slice(SUBPATH.length)) : null;
  if (rel === '') rel = 'index.html';
  const file = rel === null ? null : path.join(siteDir, rel);
  if (!file || !file.startsWith(siteDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = `${origin}${SUBPATH}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps'],
});
const requests = [];
const problems = [];

async function openPage(url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
  return page;
}

async function addFile(page, host, kind, name, text) {
  await page.fill('#add-host', host);
  await page.selectOption('#add-kind', kind);
  await page.fill('#add-name', name);
  await page.click('#add-form button[type=submit]');
  await page.fill('#text', text);
}

/** Drops files onto the page as a browser does: a `drop` event whose DataTransfer holds them. */
async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const [name, text] of list) dt.items.add(new File([text], name, { type: 'text/plain' }));
    return dt;
  }, files);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  assert.ok(await page.$eval('body', (b) => b.classList.contains('dragging')), 'the page shows the drop target');
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

/** The JSON a share link carries in its fragment, inflated as the page does. */
function sharePayload(link) {
  const encoded = link.slice(link.indexOf('#c=') + 3);
  return zlib.inflateRawSync(Buffer.from(encoded, 'base64url')).toString('utf8');
}

const treePaths = (page) => page.$$eval('#tree .file', (f) => f.map((x) => x.dataset.path));

const codesOnScreen = (page) => page.$$eval('#diagnostics .diagnostic', (items) => items.map((i) => i.dataset.code));

try {
  const page = await openPage(base);
  await page.selectOption('#zk-version', '3.4');
  await addFile(page, '192.168.232.191', 'mesos-master.sh', 'start-mesos-master.sh', masterText);
  await addFile(page, '192.168.113.160', 'zoo.cfg', 'zoo.cfg', zooText);
  // Diagnostics arrive as you type (debounced), with no button to press.
  await page.waitForSelector('#diagnostics .diagnostic[data-code="CX101"]', { timeout: 10000 });
  const codes = await codesOnScreen(page);
  for (const code of ['MS301', 'CX101', 'MS103']) assert.ok(codes.includes(code), `${code} on screen: ${codes}`);
  const ms301 = page.locator('#diagnostics .diagnostic[data-code="MS301"]');
  assert.match(await ms301.locator('.where').first().textContent(), /^192\.168\.232\.191\/start-mesos-master\.sh:4$/);
  assert.match(await ms301.locator('.message').textContent(), /path after every host/);

  // The zoo.cfg is open: its server lines are marked as evidence for CX101.
  assert.equal(await page.inputValue('#path'), '192.168.113.160/zoo.cfg');
  const bands = await page.$$eval('#backdrop-inner .band', (b) => b.map((x) => [x.dataset.line, x.className]));
  assert.ok(bands.some(([line, cls]) => line === '13' && cls.includes('secondary')), `secondary band on line 13: ${JSON.stringify(bands)}`);

  // Clicking MS301 opens the master's script with the selection on the flagged host.
  await ms301.locator('.diag-main').click();
  assert.equal(await page.inputValue('#path'), '192.168.232.191/start-mesos-master.sh');
  const selection = await page.$eval('#text', (t) => {
    const before = t.value.slice(0, t.selectionStart);
    return { line: before.split('\n').length, text: t.value.slice(t.selectionStart, t.selectionEnd), focused: document.activeElement === t };
  });
  // The primary label: where the znode path Mesos reads starts.
  assert.deepEqual(selection, { line: 4, text: '/mesos', focused: true });
  assert.ok(await page.$('#gutter-inner .ln.error'), 'the gutter marks the line');

  // A secondary label in another file: CX101's evidence in zoo.cfg, line 13.
  const cx101 = page.locator('#diagnostics .diagnostic[data-code="CX101"]');
  await cx101.locator('.label-link').first().click();
  assert.equal(await page.inputValue('#path'), '192.168.113.160/zoo.cfg');
  const line = await page.$eval('#text', (t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(line, 13);

  // Rule docs on demand: the full text, from the page's rules.json.
  await cx101.locator('.docs-button').click();
  await cx101.locator('.docs:not([hidden])').waitFor({ timeout: 10000 });
  const docs = await cx101.locator('.docs').textContent();
  assert.match(docs, /zk/i);
  assert.match(docs, /What it finds/, 'the rule\'s full documentation');
  assert.ok(requests.some((u) => u.endsWith('/rules.json')), 'the docs came from rules.json');

  // The text report is the CLI's human output.
  await page.click('#tab-text');
  assert.match(await page.textContent('#text-report'), /2 files checked: 3 errors/);
  await page.click('#tab-list');
  await page.screenshot({ path: screenshot });

  // A secret typed into the command line never reaches the share link.
  await page.click('#tree .file[data-path="192.168.232.191/start-mesos-master.sh"]');
  const withSecret = masterText.replace('zk://192.168.232.191', 'zk://ops:hunter2@192.168.232.191');
  await page.fill('#text', withSecret);
  await page.waitForTimeout(400);
  await page.click('#share');
  // share() compresses asynchronously: the link is there once the dialog opens.
  await page.waitForSelector('#share-dialog[open]');
  const link = await page.inputValue('#share-url');
  assert.ok(link.startsWith(`${base}#c=`), link);
  assert.match(await page.textContent('#share-note'), /masked in 1 file/);
  await page.click('#share-close');

  // The link, opened in a fresh page, brings the cluster back (secret masked).
  const fresh = await openPage(link);
  await fresh.waitForSelector('#diagnostics .diagnostic[data-code="CX101"]');
  assert.deepEqual(await fresh.$$eval('#tree .file', (f) => f.map((x) => x.dataset.path)),
    ['192.168.113.160/zoo.cfg', '192.168.232.191/start-mesos-master.sh']);
  assert.equal(await fresh.inputValue('#zk-version'), '3.4');
  await fresh.click('#tree .file[data-path="192.168.113.160/zoo.cfg"]');
  assert.equal(await fresh.inputValue('#text'), zooText);
  await fresh.click('#tree .file[data-path="192.168.232.191/start-mesos-master.sh"]');
  const restored = await fresh.inputValue('#text');
  assert.ok(!restored.includes('hunter2'), 'the password is masked');
  assert.equal(restored.length, withSecret.length);
  assert.ok([...restored].every((c, i) => c === withSecret[i] || c === '*'), 'only the secret differs');
  assert.deepEqual((await codesOnScreen(fresh)).sort(), codes.slice().sort(), 'the same diagnostics');

  // The bundled seed example loads and lints.
  await fresh.selectOption('#examples', 'seed');
  await fresh.waitForFunction(() => document.querySelectorAll('#tree .file').length === 14);
  assert.ok((await codesOnScreen(fresh)).includes('CX101'));

  // A folder opened whole is read as `meslint .` inside it: the CLI's file names only.
  await fresh.click('#clear');
  await fresh.setInputFiles('#open-folder', path.join(repo, 'fixtures/ok-three-node-ensemble'));
  await fresh.waitForFunction(() => document.querySelectorAll('#tree .file').length > 0);
  const opened = await fresh.$$eval('#tree .file', (f) => f.map((x) => x.dataset.path));
  assert.deepEqual(opened, ['zk1/myid', 'zk1/zoo.cfg', 'zk2/myid', 'zk2/zoo.cfg', 'zk3/myid', 'zk3/zoo.cfg']);
  await fresh.waitForSelector('#diagnostics .none.ok');

  // Files dropped onto the page are added under their names and linted.
  await fresh.click('#clear');
  await dropFiles(fresh, [
    ['zoo.cfg', 'tickTime=2000\ninitLimit=ten\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n'],
    ['myid', '1\n'],
  ]);
  await fresh.waitForSelector('#diagnostics .diagnostic[data-code="ZK104"]', { timeout: 10000 });
  assert.deepEqual(await treePaths(fresh), ['myid', 'zoo.cfg']);
  assert.ok(!(await fresh.$eval('body', (b) => b.classList.contains('dragging'))), 'the drop target is gone');
  assert.match(await fresh.textContent('#banner'), /Added 2 files/);
  assert.match(await fresh.locator('#diagnostics .diagnostic[data-code="ZK104"] .where').first().textContent(), /^zoo\.cfg:2$/);

  // A folder dropped whole (a real drag of files from disk, through Chromium's input
  // pipeline) is read as `meslint .` inside it, like the folder picker.
  await fresh.click('#clear');
  const cdp = await fresh.context().newCDPSession(fresh);
  const drag = { items: [], files: [path.join(repo, 'fixtures/ok-three-node-ensemble')], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 300, data: drag });
  }
  await fresh.waitForFunction(() => document.querySelectorAll('#tree .file').length === 6, null, { timeout: 10000 });
  assert.deepEqual(await treePaths(fresh), ['zk1/myid', 'zk1/zoo.cfg', 'zk2/myid', 'zk2/zoo.cfg', 'zk3/myid', 'zk3/zoo.cfg']);
  await fresh.waitForSelector('#diagnostics .none.ok');

  // The share link's fragment itself holds no credential: zk digest credentials in URLs on
  // the command line and in env files, inline `--credentials`, password-like variables.
  await fresh.click('#clear');
  const secrets = ['zkpass42', 'credsecret77', 'envzk55', 'pw123secret'];
  await dropFiles(fresh, [
    ['start-mesos-master.sh', '#!/bin/sh\nexec mesos-master --zk=zk://ops:zkpass42@10.0.0.1:2181/mesos --quorum=1 \\\n  --work_dir=/var/lib/mesos --credentials=\'{"credentials":[{"principal":"fw","secret":"credsecret77"}]}\'\n'],
    ['mesos-master.env', 'MESOS_ZK=zk://admin:envzk55@10.0.0.1:2181/mesos\nMESOS_PASSWORD=pw123secret\n'],
  ]);
  await fresh.waitForFunction(() => document.querySelectorAll('#tree .file').length === 2);
  await fresh.click('#share');
  await fresh.waitForSelector('#share-dialog[open]');
  const secretLink = await fresh.inputValue('#share-url');
  await fresh.click('#share-close');
  const payload = sharePayload(secretLink);
  assert.match(payload, /start-mesos-master\.sh/, 'the link holds the cluster');
  assert.match(payload, /zk:\/\/\*+@10\.0\.0\.1/, 'the zk credentials are stars');
  for (const secret of secrets) {
    assert.ok(!secretLink.includes(secret) && !payload.includes(secret), `${secret} is not in the link`);
  }

  // Env files and one-file-per-flag files added through the form join the host's master.
  await fresh.click('#clear');
  await addFile(fresh, 'm1', 'mesos-master.env', 'mesos-master.env', 'MESOS_ZK=zk://10.0.0.1:2181/mesos\nMESOS_WORK_DIR=/var/lib/mesos\n');
  await addFile(fresh, 'm1', 'etc/mesos-master/', 'etc/mesos-master/quorum', 'abc\n');
  await fresh.waitForSelector('#diagnostics .diagnostic[data-code="MS101"]', { timeout: 10000 });
  assert.deepEqual(await treePaths(fresh), ['m1/etc/mesos-master/quorum', 'm1/mesos-master.env']);
  assert.match(await fresh.locator('#diagnostics .diagnostic[data-code="MS101"] .where').first().textContent(), /^m1\/etc\/mesos-master\/quorum:1$/);

  const foreign = requests.filter((u) => !u.startsWith(base));
  assert.deepEqual(foreign, [], 'requests outside the page');
  assert.ok(requests.some((u) => u.endsWith('/pkg/meslint_wasm_bg.wasm')), 'the module came from the subpath');
  assert.deepEqual(problems, [], 'no page errors');
  console.log(`browser: ${requests.length} requests, all under ${base}; screenshot ${screenshot}`);
} catch (error) {
  if (problems.length) console.error(problems.join('\n'));
  throw error;
} finally {
  await browser.close();
  server.close();
}
