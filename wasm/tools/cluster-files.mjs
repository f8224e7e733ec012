// Reads a cluster directory the way the meslint CLI walks one (cli/src/walk.rs): sorted names,
// the same skipped directories, only files the CLI would read (the module's `isCandidate`),
// symbolic-link loops cut, and unreadable files reported with the CLI's wording.
import fs from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = ['.git', '.hg', '.svn', 'target', 'node_modules', '__pycache__'];
const MAX_FILE_SIZE = 16 * 1024 * 1024;

/** The files under `dir` as `FileInput`s, paths relative to `dir` (as `meslint .` shows them). */
export function walkCluster(dir, isCandidate) {
  const out = [];
  let root = dir;
  try {
    root = fs.realpathSync(dir);
  } catch {
    // Unreadable: reported by the walk.
  }
  const others = [];
  walk(dir, '', new Set(), out, isCandidate, root, others);
  // As the CLI: a file skipped for its name is read when a unit or script names it as its env
  // file (`EnvironmentFile=/etc/sysconfig/mesos-cluster`); regular files only.
  const named = sourcedEnvFiles(out);
  for (const other of others) {
    if (named.has(other.shown) && fs.lstatSync(other.full).isFile()) {
      out.push(readFile(other.full, other.shown));
    } else {
      // Found and not read, as the CLI hands it on: its name alone counts.
      out.push({ path: other.shown, skipped: 'not a file meslint reads' });
    }
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** The paths the units and scripts among `files` may read as env files, as the core's
 * `sourced_env_files` lists them: the named path inside any directory above the file, and a
 * file of that name beside it. */
function sourcedEnvFiles(files) {
  const out = new Set();
  const pattern = /(?:EnvironmentFile=-?|^\s*(?:source|\.)\s+)(\S+)/gm;
  for (const file of files) {
    if (!file.bytes) continue;
    const text = Buffer.from(file.bytes).toString('latin1');
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    for (const match of text.matchAll(pattern)) {
      const named = match[1].replace(/^["']|["']$/g, '');
      if (named.includes('$')) continue;
      const name = named.slice(named.lastIndexOf('/') + 1);
      out.add(dir ? `${dir}/${name}` : name);
      if (named.startsWith('/')) {
        const inside = named.slice(1);
        let at = dir;
        for (;;) {
          out.add(at ? `${at}/${inside}` : inside);
          if (!at) break;
          at = at.includes('/') ? at.slice(0, at.lastIndexOf('/')) : '';
        }
      }
    }
  }
  return out;
}

/** One file the user names on its own (`meslint notes.txt`). */
export function readExplicit(dir, shown) {
  const file = readFile(path.join(dir, shown), shown);
  file.explicit = true;
  return file;
}

function walk(dir, shown, seen, out, isCandidate, root, others) {
  try {
    const st = fs.statSync(dir);
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
  } catch {
    // Unreadable: reported by readdir below.
  }
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    out.push({ path: shown, unreadable: describe(dir, error) });
    return;
  }
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const full = path.join(dir, name);
    const childShown = shown === '' ? name : `${shown}/${name}`;
    // As the CLI: a symbolic link never leads out of the tree (the CLI reports it as ML006).
    try {
      if (fs.lstatSync(full).isSymbolicLink()) {
        const real = fs.realpathSync(full);
        if (real !== root && !real.startsWith(root + path.sep)) continue;
      }
    } catch {
      // Dangling or looping: reported below.
    }
    let st;
    try {
      st = fs.statSync(full);
    } catch (error) {
      if (isCandidate(childShown)) out.push({ path: childShown, unreadable: describe(full, error) });
      continue;
    }
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.includes(name)) walk(full, childShown, seen, out, isCandidate, root, others);
    } else if (isCandidate(childShown)) {
      out.push(readFile(full, childShown));
    } else {
      others.push({ full, shown: childShown });
    }
  }
}

function readFile(full, shown) {
  let st;
  try {
    st = fs.statSync(full);
  } catch (error) {
    return { path: shown, unreadable: describe(full, error) };
  }
  if (!st.isFile()) {
    const kind = st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket'
      : st.isBlockDevice() || st.isCharacterDevice() ? 'a device' : 'not a file';
    return { path: shown, unreadable: `not a regular file (${kind})` };
  }
  if (st.size > MAX_FILE_SIZE) {
    return {
      path: shown,
      unreadable: `file is ${st.size} bytes, larger than the ${MAX_FILE_SIZE} bytes meslint reads`,
    };
  }
  try {
    return { path: shown, bytes: new Uint8Array(fs.readFileSync(full)) };
  } catch (error) {
    return { path: shown, unreadable: describe(full, error) };
  }
}

function describe(full, error) {
  let link = false;
  try {
    link = fs.lstatSync(full).isSymbolicLink();
  } catch {
    // Not there at all.
  }
  const plain = error.code === 'ENOENT' ? 'no such file or directory'
    : error.code === 'EACCES' ? 'permission denied' : error.message;
  if (link) {
    if (error.code === 'ELOOP') return 'symbolic link loop';
    if (error.code === 'ENOENT') return 'dangling symbolic link';
    return `symbolic link cannot be followed: ${plain}`;
  }
  return plain;
}

/** What a scenario's `args` file asks for: versions and the paths to lint. */
export function scenarioArgs(dir) {
  let words = [];
  try {
    words = fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').map((l) => l.trim())
      .filter((l) => l !== '');
  } catch {
    // No args file: `meslint .`.
  }
  const options = {};
  const paths = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--zookeeper-version') options.zookeeperVersion = words[++i];
    else if (words[i] === '--mesos-version') options.mesosVersion = words[++i];
    else if (words[i].startsWith('--')) throw new Error(`${dir}/args: unsupported ${words[i]}`);
    else paths.push(words[i]);
  }
  return { args: words.length ? words : ['.'], options, paths: paths.length ? paths : ['.'] };
}

/** The files the CLI reads for a scenario, in the order it reads them. */
export function scenarioFiles(dir, paths, isCandidate) {
  const files = [];
  for (const p of paths) {
    if (p === '.') files.push(...walkCluster(dir, isCandidate));
    else files.push(readExplicit(dir, p));
  }
  return files;
}
