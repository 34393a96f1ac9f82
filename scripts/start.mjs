// `npm start`: runs the compiled server (dist/server/main.js) with plain node. It builds first only when
// dist/ is missing or older than the sources, and several instances starting at once build once: the first
// takes a lock (a directory, created atomically), the others wait for it and then find dist/ fresh.
// Plain JavaScript on purpose: it must run on a tree installed with `npm ci --omit=dev`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const LOCK = join(ROOT, 'dist', '.build-lock');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');
const SOURCES = ['server', 'tab', 'package.json', 'vite.config.ts', 'tsconfig.json', join('scripts', 'build.ts')];
const LOCK_STALE_MS = 10 * 60 * 1000;

/** The newest modification time below `path` (ms), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

function isBuilt() {
  if (!existsSync(STAMP) || !existsSync(MAIN)) return false;
  const sources = SOURCES.map((s) => join(ROOT, s)).filter((s) => existsSync(s));
  return sources.every((s) => newest(s) <= statSync(STAMP).mtimeMs);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function buildOnce() {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another instance is building; a lock left by a crashed build is taken over after LOCK_STALE_MS.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (isBuilt()) return;
    if (!existsSync(join(ROOT, 'node_modules', 'vite'))) {
      process.stderr.write(
        'dist/ is missing or older than the sources, and the build tools are not installed (npm ci --omit=dev).\n' +
          'Run `npm run build` where dev dependencies are installed, then start again.\n',
      );
      process.exit(1);
    }
    process.stdout.write('Building Rounds (dist/ is missing or older than the sources)…\n');
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (!isBuilt()) await buildOnce();
await import(pathToFileURL(MAIN).href);
