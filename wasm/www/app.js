// The browser checker: a cluster's files edited in the page and linted as you type by meslint
// compiled to WebAssembly. Nothing is sent anywhere; the only requests are for this page's own
// files (the module and examples.json), all relative, so the page works from any static host
// and any subpath.

import init, * as meslint from './pkg/meslint_wasm.js';

const ZK_VERSIONS = ['3.4', '3.5', '3.6', '3.7', '3.8', '3.9'];
const MESOS_VERSIONS = Array.from({ length: 12 }, (_, i) => `1.${i}`);
const SKIPPED_DIRS = ['.git', '.hg', '.svn', 'target', 'node_modules', '__pycache__'];
const MAX_FILE_SIZE = 16 * 1024 * 1024;
const LINE_HEIGHT = 20;

const TEMPLATES = {
  'zoo.cfg': 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n',
  myid: '1\n',
  'mesos-master.sh': 'mesos-master --zk=zk://zk1:2181/mesos --quorum=1 --work_dir=/var/lib/mesos\n',
  'mesos-agent.sh': 'mesos-agent --master=zk://zk1:2181/mesos --work_dir=/var/lib/mesos\n',
  'mesos-master.env': 'MESOS_ZK=zk://zk1:2181/mesos\nMESOS_QUORUM=1\nMESOS_WORK_DIR=/var/lib/mesos\n',
  'mesos-agent.env': 'MESOS_MASTER=zk://zk1:2181/mesos\nMESOS_WORK_DIR=/var/lib/mesos\n',
  'etc/mesos/zk': 'zk://zk1:2181/mesos\n',
  'meslint.toml': 'zookeeper_version = "3.8"\nmesos_version = "1.11"\n',
};

const $ = (id) => document.getElementById(id);

/** Everything the page shows follows from this. */
const state = {
  files: [], // {path, text}
  // Names of dropped files meslint does not read: their names still tell a project folder
  // (`mesos-master/Dockerfile`) from a flag directory.
  skippedNames: [],
  current: null, // path of the open file
  report: null,
  examples: [],
};

let lintTimer = 0;

// ---------------------------------------------------------------------------------------------
// Start-up

async function main() {
  await init();
  $('version').textContent = meslint.version();
  fillSelect($('zk-version'), ZK_VERSIONS);
  fillSelect($('mesos-version'), MESOS_VERSIONS);
  wireEvents();
  state.examples = await loadExamples();
  for (const example of state.examples) {
    const option = new Option(example.title, example.id);
    $('examples').append(option);
  }
  const shared = location.hash.startsWith('#c=') ? await readShareLink(location.hash.slice(3)) : null;
  if (shared) {
    applyCluster(shared);
  } else if (location.hash.startsWith('#c=')) {
    showBanner('This share link could not be read: it is incomplete or damaged.', 'error');
  }
  render();
  lintNow();
  document.body.dataset.ready = 'true';
}

function fillSelect(select, versions) {
  for (const v of versions) select.append(new Option(v, v));
}

async function loadExamples() {
  try {
    const response = await fetch('examples.json');
    return response.ok ? await response.json() : [];
  } catch {
    return [];
  }
}

// The module carries only each rule's summary; the full documentation (what `meslint explain`
// prints) is the page's rules.json, fetched the first time a diagnostic's docs are opened.
let ruleDocsJson = null;

async function ruleDocs(code) {
  ruleDocsJson ??= fetch('rules.json')
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return (await ruleDocsJson)[code] ?? meslint.explain(code) ?? '';
}

function wireEvents() {
  $('text').addEventListener('input', () => {
    const file = currentFile();
    if (!file) return;
    file.text = $('text').value;
    renderEditorDecorations();
    scheduleLint();
  });
  $('text').addEventListener('scroll', syncScroll);
  $('path').addEventListener('change', renameCurrent);
  $('delete').addEventListener('click', deleteCurrent);
  for (const id of ['zk-version', 'mesos-version']) $(id).addEventListener('change', lintNow);
  $('ignore').addEventListener('input', scheduleLint);
  $('examples').addEventListener('change', () => {
    const example = state.examples.find((e) => e.id === $('examples').value);
    $('examples').value = '';
    if (example) loadExample(example);
  });
  $('load-seed').addEventListener('click', () => {
    const seed = state.examples.find((e) => e.id === 'seed');
    if (seed) loadExample(seed);
  });
  $('add-kind').addEventListener('change', () => {
    $('add-name').value = $('add-kind').value;
    $('add-name').focus();
  });
  $('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    addFileFromForm();
  });
  $('clear').addEventListener('click', () => {
    state.files = [];
    state.skippedNames = [];
    state.current = null;
    history.replaceState(null, '', location.pathname + location.search);
    render();
    lintNow();
  });
  $('share').addEventListener('click', share);
  $('share-close').addEventListener('click', () => $('share-dialog').close());
  $('share-copy').addEventListener('click', copyShareLink);
  $('tab-list').addEventListener('click', () => showTab('list'));
  $('tab-text').addEventListener('click', () => showTab('text'));
  $('open-folder').addEventListener('change', (e) => openPicked(e.target, true));
  $('open-files').addEventListener('change', (e) => openPicked(e.target, false));
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', onDrop);
}

// ---------------------------------------------------------------------------------------------
// Linting

function options() {
  const ignore = $('ignore').value.split(/[\s,]+/).filter((s) => s !== '');
  const opts = { ignore };
  if ($('zk-version').value) opts.zookeeperVersion = $('zk-version').value;
  if ($('mesos-version').value) opts.mesosVersion = $('mesos-version').value;
  return opts;
}

function scheduleLint() {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(lintNow, 150);
}

function lintNow() {
  clearTimeout(lintTimer);
  const files = state.files.map(({ path, text }) => ({ path, text }));
  const kept = new Set(files.map((f) => f.path));
  for (const path of state.skippedNames) {
    if (!kept.has(path)) files.push({ path, skipped: 'not a file meslint reads' });
  }
  try {
    state.report = meslint.lint(files, options());
    hideBanner();
  } catch (error) {
    // Only our own options can be refused (an unknown rule in "Ignore"): say so, keep the list.
    showBanner(error.message, 'error');
    return;
  }
  if (!$('text-report').hidden) $('text-report').textContent = textReport();
  renderTree();
  renderDiagnostics();
  renderEditorDecorations();
}

function textReport() {
  try {
    return meslint.renderText(state.files.map(({ path, text }) => ({ path, text })), options());
  } catch (error) {
    return error.message;
  }
}

function diagnosticsIn(path) {
  const found = [];
  for (const d of state.report?.diagnostics ?? []) {
    for (const label of d.labels) if (label.file === path) found.push({ d, label });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Files

function currentFile() {
  return state.files.find((f) => f.path === state.current) ?? null;
}

function sortFiles() {
  state.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function putFile(path, text) {
  const existing = state.files.find((f) => f.path === path);
  if (existing) existing.text = text;
  else state.files.push({ path, text });
  sortFiles();
}

function addFileFromForm() {
  const host = $('add-host').value.trim().replace(/^\/+|\/+$/g, '');
  const name = $('add-name').value.trim().replace(/^\/+/, '');
  if (name === '' || name.endsWith('/')) {
    showBanner('Give the file a name (for a flag file, the flag: etc/mesos-master/quorum).', 'error');
    $('add-name').focus();
    return;
  }
  const path = host ? `${host}/${name}` : name;
  if (state.files.some((f) => f.path === path)) {
    openFile(path);
    return;
  }
  const kind = $('add-kind').value;
  putFile(path, TEMPLATES[kind] ?? '');
  openFile(path);
  lintNow();
  $('text').focus();
}

function openFile(path, line, utf16Start, utf16End, column, endLine, endColumn) {
  state.current = path;
  render();
  const textarea = $('text');
  if (line === undefined) return;
  const file = currentFile();
  // The textarea holds the text with `\r\n` read as `\n`; the offsets index the text as given.
  let start;
  let end;
  if (!file.text.includes('\r')) {
    start = utf16Start;
    end = utf16End;
  } else {
    start = offsetOf(textarea.value, line, column);
    end = offsetOf(textarea.value, endLine, endColumn);
  }
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, Math.max(start, end));
  textarea.scrollTop = Math.max(0, (line - 1) * LINE_HEIGHT - textarea.clientHeight / 3);
  syncScroll();
  flashLine(line);
}

/** The UTF-16 offset of a 1-based line and column (columns count characters). */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  for (let c = 1; c < column && offset < text.length && text[offset] !== '\n'; c++) {
    offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return offset;
}

function renameCurrent() {
  const file = currentFile();
  const path = $('path').value.trim().replace(/^\.?\/+/, '');
  if (!file || path === '' || path === file.path) {
    $('path').value = file?.path ?? '';
    return;
  }
  if (state.files.some((f) => f.path === path)) {
    showBanner(`There is already a file ${path}.`, 'error');
    $('path').value = file.path;
    return;
  }
  file.path = path;
  state.current = path;
  sortFiles();
  render();
  lintNow();
}

function deleteCurrent() {
  const index = state.files.findIndex((f) => f.path === state.current);
  if (index < 0) return;
  state.files.splice(index, 1);
  state.current = state.files[Math.min(index, state.files.length - 1)]?.path ?? null;
  render();
  lintNow();
}

function loadExample(example) {
  applyCluster({
    files: example.files,
    zk: example.options.zookeeperVersion ?? '',
    mesos: example.options.mesosVersion ?? '',
    ignore: '',
  });
  history.replaceState(null, '', location.pathname + location.search);
  render();
  lintNow();
}

function applyCluster(cluster) {
  state.files = cluster.files.map(({ path, text }) => ({ path, text }));
  state.skippedNames = [];
  sortFiles();
  $('zk-version').value = ZK_VERSIONS.includes(cluster.zk) ? cluster.zk : '';
  $('mesos-version').value = MESOS_VERSIONS.includes(cluster.mesos) ? cluster.mesos : '';
  $('ignore').value = cluster.ignore ?? '';
  state.current = state.files.some((f) => f.path === cluster.current)
    ? cluster.current
    : state.files[0]?.path ?? null;
}

// ---------------------------------------------------------------------------------------------
// Dropping and opening files

async function onDrop(event) {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const entries = [...(event.dataTransfer?.items ?? [])]
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  const found = [];
  if (entries.length > 0) {
    for (const entry of entries) await collectEntry(entry, entry.isDirectory ? entry.name : '', found);
  } else {
    for (const file of event.dataTransfer?.files ?? []) found.push({ path: file.name, file, walked: false });
  }
  await addFound(found, entries.length === 1 && entries[0].isDirectory);
}

/** Walks a dropped folder like the CLI walks a directory: skipped folders, known names only. */
async function collectEntry(entry, path, found) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    found.push({ path: path || entry.name, file, walked: path !== '' });
    return;
  }
  if (SKIPPED_DIRS.includes(entry.name)) return;
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) {
      await collectEntry(child, path ? `${path}/${child.name}` : child.name, found);
    }
  }
}

async function openPicked(input, folder) {
  const found = [...input.files].map((file) => ({
    path: folder ? file.webkitRelativePath || file.name : file.name,
    file,
    walked: folder,
  }));
  input.value = '';
  await addFound(found, folder);
}

async function addFound(found, oneFolder) {
  // A folder dropped whole is the cluster directory: `meslint .` inside it.
  if (oneFolder) {
    for (const f of found) f.path = f.path.includes('/') ? f.path.slice(f.path.indexOf('/') + 1) : f.path;
  }
  let skipped = 0;
  let added = 0;
  for (const { path, file, walked } of found) {
    if (walked && (!meslint.isCandidate(path) || path.split('/').some((p) => SKIPPED_DIRS.includes(p)))) {
      if (!path.split('/').some((p) => SKIPPED_DIRS.includes(p))) state.skippedNames.push(path);
      skipped++;
      continue;
    }
    if (file.size > MAX_FILE_SIZE) {
      skipped++;
      continue;
    }
    putFile(path, decode(new Uint8Array(await file.arrayBuffer())));
    added++;
    state.current = state.current ?? path;
  }
  if (added > 0 && !state.files.some((f) => f.path === state.current)) state.current = state.files[0].path;
  showBanner(
    `Added ${added} file${added === 1 ? '' : 's'}` +
      (skipped ? `; ${skipped} skipped (names meslint does not read, or over 16 MiB).` : '.'),
    'info',
  );
  render();
  lintNow();
}

/** UTF-8 when the bytes are UTF-8, else ISO-8859-1, as meslint reads files. */
function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// Share links: the cluster, secrets masked, deflated into the URL fragment (never sent to a
// server: browsers do not send the fragment).

async function share() {
  const files = state.files.map(({ path, text }) => ({ path, text }));
  const masked = meslint.maskSecrets(files);
  const kept = masked.filter((f) => f.text !== null);
  const changed = kept.filter((f) => f.text !== state.files.find((o) => o.path === f.path)?.text).length;
  const left = masked.length - kept.length;
  const payload = {
    v: 1,
    zk: $('zk-version').value,
    mesos: $('mesos-version').value,
    ignore: $('ignore').value,
    current: state.current,
    files: kept.map((f) => [f.path, f.text]),
  };
  const encoded = await compress(JSON.stringify(payload));
  const url = `${location.origin}${location.pathname}${location.search}#c=${encoded}`;
  const notes = [];
  notes.push(changed ? `Secrets were masked in ${changed} file${changed === 1 ? '' : 's'}.` : 'No secrets were found to mask.');
  if (left) notes.push(`${left} file${left === 1 ? '' : 's'} meslint does not read ${left === 1 ? 'was' : 'were'} left out.`);
  notes.push('The cluster is in the link itself, after the #: opening it sends nothing to any server.');
  $('share-note').textContent = notes.join(' ');
  $('share-url').value = url;
  $('share-dialog').showModal();
  $('share-url').select();
}

async function copyShareLink() {
  $('share-url').select();
  try {
    await navigator.clipboard.writeText($('share-url').value);
    $('share-copy').textContent = 'Copied';
  } catch {
    document.execCommand?.('copy');
    $('share-copy').textContent = 'Copied';
  }
  setTimeout(() => ($('share-copy').textContent = 'Copy'), 1500);
}

async function compress(text) {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function readShareLink(encoded) {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const payload = JSON.parse(await new Response(stream).text());
    if (payload.v !== 1 || !Array.isArray(payload.files)) return null;
    const files = payload.files
      .filter((f) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string')
      .map(([path, text]) => ({ path, text }));
    return { files, zk: payload.zk, mesos: payload.mesos, ignore: String(payload.ignore ?? ''), current: payload.current };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render() {
  renderTree();
  renderEditor();
  renderDiagnostics();
}

function hostOf(path) {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function renderTree() {
  const tree = $('tree');
  tree.replaceChildren();
  const hosts = new Map();
  for (const file of state.files) {
    const host = hostOf(file.path);
    if (!hosts.has(host)) hosts.set(host, []);
    hosts.get(host).push(file);
  }
  $('host-names').replaceChildren(...[...hosts.keys()].filter(Boolean).map((h) => new Option(h)));
  $('file-count').textContent = state.files.length
    ? `${hosts.size} host${hosts.size === 1 ? '' : 's'}, ${state.files.length} file${state.files.length === 1 ? '' : 's'}`
    : '';
  if (state.files.length === 0) {
    tree.append(el('p', { class: 'muted tree-empty' }, 'No files yet.'));
    return;
  }
  for (const [host, files] of hosts) {
    const group = el('div', { class: 'host' });
    group.append(el('div', { class: 'host-name' }, host || '(top level)'));
    for (const file of files) {
      const name = host ? file.path.slice(host.length + 1) : file.path;
      const counts = severityCounts(file.path);
      const button = el('button', {
        type: 'button',
        class: `file${file.path === state.current ? ' active' : ''}${meslint.isCandidate(file.path) ? '' : ' unread'}`,
        title: meslint.isCandidate(file.path) ? file.path : `${file.path}: meslint does not read a file of this name`,
        'data-path': file.path,
      });
      button.append(el('span', { class: 'file-name' }, name));
      for (const severity of ['error', 'warning', 'info']) {
        if (counts[severity]) button.append(el('span', { class: `pill ${severity}` }, String(counts[severity])));
      }
      button.addEventListener('click', () => openFile(file.path));
      group.append(button);
    }
    tree.append(group);
  }
}

function severityCounts(path) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of state.report?.diagnostics ?? []) {
    if (d.labels.some((l) => l.file === path && l.primary)) counts[d.severity]++;
  }
  return counts;
}

function renderEditor() {
  const file = currentFile();
  const textarea = $('text');
  $('empty').hidden = state.files.length > 0;
  $('editor').classList.toggle('is-empty', state.files.length === 0);
  $('path').disabled = !file;
  $('delete').disabled = !file;
  textarea.disabled = !file;
  $('path').value = file?.path ?? '';
  if (file && textarea.value !== file.text.replace(/\r\n?/g, '\n')) textarea.value = file.text;
  if (!file) textarea.value = '';
  $('file-note').textContent = file && !meslint.isCandidate(file.path) ? 'not read by meslint (name)' : '';
  renderEditorDecorations();
}

/** Line numbers, and a band behind every line a diagnostic points at in this file. */
function renderEditorDecorations() {
  const file = currentFile();
  const gutter = $('gutter-inner');
  const backdrop = $('backdrop-inner');
  if (!file) {
    gutter.replaceChildren();
    backdrop.replaceChildren();
    return;
  }
  const lines = $('text').value.split('\n').length;
  const marks = new Map(); // line -> {severity, primary}
  const rank = { error: 3, warning: 2, info: 1 };
  for (const { d, label } of diagnosticsIn(file.path)) {
    for (let line = label.line; line <= Math.max(label.line, label.end_line); line++) {
      // A label that ends at column 1 of the next line does not mark that line.
      if (line > label.line && line === label.end_line && label.end_column === 1) continue;
      const old = marks.get(line);
      const score = rank[d.severity] * 2 + (label.primary ? 1 : 0);
      if (!old || score > old.score) marks.set(line, { severity: d.severity, primary: label.primary, score });
    }
  }
  const numbers = [];
  for (let i = 1; i <= lines; i++) {
    const mark = marks.get(i);
    numbers.push(el('div', { class: mark ? `ln ${mark.severity}` : 'ln' }, String(i)));
  }
  gutter.replaceChildren(...numbers);
  gutter.style.height = `${lines * LINE_HEIGHT + 24}px`;
  const bands = [];
  for (const [line, mark] of marks) {
    const band = el('div', { class: `band ${mark.severity}${mark.primary ? '' : ' secondary'}`, 'data-line': String(line) });
    band.style.top = `${(line - 1) * LINE_HEIGHT}px`;
    bands.push(band);
  }
  backdrop.replaceChildren(...bands);
  syncScroll();
}

function syncScroll() {
  const textarea = $('text');
  $('gutter-inner').style.transform = `translateY(${-textarea.scrollTop}px)`;
  $('backdrop-inner').style.transform = `translate(${-textarea.scrollLeft}px, ${-textarea.scrollTop}px)`;
}

function flashLine(line) {
  const band = el('div', { class: 'band flash' });
  band.style.top = `${(line - 1) * LINE_HEIGHT}px`;
  $('backdrop-inner').append(band);
  setTimeout(() => band.remove(), 1200);
}

function renderDiagnostics() {
  const list = $('diagnostics');
  const report = state.report;
  list.replaceChildren();
  const summary = report?.summary ?? { files: 0, errors: 0, warnings: 0, infos: 0 };
  $('counts').replaceChildren(
    el('span', { class: 'count error' }, `${summary.errors} error${summary.errors === 1 ? '' : 's'}`),
    el('span', { class: 'count warning' }, `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`),
    el('span', { class: 'count info' }, `${summary.infos} info${summary.infos === 1 ? '' : 's'}`),
  );
  if (!report || state.files.length === 0) {
    list.append(el('li', { class: 'none' }, 'Add files to see what meslint finds.'));
    return;
  }
  if (report.diagnostics.length === 0) {
    list.append(el('li', { class: 'none ok' }, `No problems found in ${summary.files} file${summary.files === 1 ? '' : 's'}.`));
    return;
  }
  for (const d of report.diagnostics) list.append(diagnosticItem(d));
}

function diagnosticItem(d) {
  const item = el('li', { class: `diagnostic ${d.severity}`, 'data-code': d.code });
  const primary = d.labels.find((l) => l.primary) ?? d.labels[0];
  const head = el('button', { type: 'button', class: 'diag-main' });
  head.append(
    el('span', { class: `sev ${d.severity}` }, d.severity),
    el('span', { class: 'code' }, d.code),
    el('span', { class: 'message' }, ...inlineCode(d.message)),
  );
  if (primary) head.append(el('span', { class: 'where' }, `${primary.file}:${primary.line}`));
  if (primary) head.addEventListener('click', () => jump(primary));
  item.append(head);
  const details = el('div', { class: 'diag-details' });
  for (const label of d.labels) {
    if (label === primary) {
      if (label.message) details.append(el('div', { class: 'label-note' }, ...inlineCode(label.message)));
      continue;
    }
    const link = el('button', { type: 'button', class: 'label-link' });
    link.append(el('span', { class: 'where' }, `${label.file}:${label.line}`), el('span', {}, ...inlineCode(label.message)));
    link.addEventListener('click', () => jump(label));
    details.append(link);
  }
  if (d.help) details.append(el('div', { class: 'help' }, el('strong', {}, 'help '), ...inlineCode(d.help)));
  const docsButton = el('button', { type: 'button', class: 'link-button docs-button' }, `About ${d.code} (${d.name})`);
  const docs = el('div', { class: 'docs', hidden: '' });
  docsButton.addEventListener('click', async () => {
    if (docs.hidden && docs.childElementCount === 0) docs.append(...markdown(await ruleDocs(d.code)));
    docs.hidden = !docs.hidden;
    docsButton.classList.toggle('open', !docs.hidden);
  });
  details.append(docsButton, docs);
  item.append(details);
  return item;
}

function jump(label) {
  openFile(label.file, label.line, label.utf16_start, label.utf16_end, label.column, label.end_line, label.end_column);
}

function showTab(which) {
  const text = which === 'text';
  $('tab-list').classList.toggle('active', !text);
  $('tab-text').classList.toggle('active', text);
  $('tab-list').setAttribute('aria-selected', String(!text));
  $('tab-text').setAttribute('aria-selected', String(text));
  $('diagnostics').hidden = text;
  $('text-report').hidden = !text;
  if (text) $('text-report').textContent = textReport();
}

function showBanner(message, kind) {
  const banner = $('banner');
  banner.textContent = message;
  banner.className = `banner ${kind}`;
  banner.hidden = false;
  if (kind === 'info') setTimeout(() => (banner.hidden = true), 4000);
}

function hideBanner() {
  if ($('banner').classList.contains('error')) $('banner').hidden = true;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers. Text always goes in as text nodes, never as HTML.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** `backticks` as <code>, the rest as text. */
function inlineCode(text) {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) =>
    part.startsWith('`') && part.endsWith('`') && part.length > 1 ? el('code', {}, part.slice(1, -1)) : document.createTextNode(part));
}

/** The Markdown of rule docs: headings, paragraphs, lists and fenced code. */
function markdown(source) {
  const out = [];
  const lines = source.split('\n');
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) out.push(el('p', {}, ...inlineCode(paragraph.join(' '))));
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      out.push(el('pre', {}, el('code', {}, code.join('\n'))));
    } else if (/^#{1,6} /.test(line)) {
      flush();
      const level = Math.min(6, line.indexOf(' ') + 2);
      out.push(el(`h${level}`, {}, ...inlineCode(line.replace(/^#+ /, ''))));
    } else if (/^\s*[-*] /.test(line)) {
      if (paragraph.length) flush();
      if (!list) {
        list = el('ul');
        out.push(list);
      }
      list.append(el('li', {}, ...inlineCode(line.replace(/^\s*[-*] /, ''))));
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s+/.test(line)) {
      list.lastChild.append(' ', ...inlineCode(line.trim()));
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return out;
}

main().catch((error) => {
  showBanner(`The checker could not start: ${error.message}`, 'error');
  document.body.dataset.ready = 'failed';
});
