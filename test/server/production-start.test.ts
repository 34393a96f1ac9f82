// `npm start` on a built tree installed with `npm ci --omit=dev`: plain node runs the compiled server, nothing
// is built, and no dev dependency is needed. The tree is made here from dist/ and a node_modules that holds the
// production dependencies only (linked from this checkout's, as `npm ls --omit=dev` names them).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { builtMain, REPO_ROOT, startRoundsProcess } from '../support/rounds-process.js';

/** Top-level packages of node_modules that `npm ci --omit=dev` would install. */
function productionPackages(): string[] {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const prefix = `${join(REPO_ROOT, 'node_modules')}/`;
  const names = listed.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => {
      const [first = '', second = ''] = line.slice(prefix.length).split('/');
      return first.startsWith('@') ? `${first}/${second}` : first;
    });
  return [...new Set(names)];
}

let tree: string;
let stampTime: number;

beforeAll(() => {
  builtMain();
  tree = mkdtempSync(join(tmpdir(), 'rounds-prod-tree-'));
  cpSync(join(REPO_ROOT, 'dist'), join(tree, 'dist'), { recursive: true, preserveTimestamps: true });
  mkdirSync(join(tree, 'scripts'));
  for (const file of ['package.json', join('scripts', 'start.mjs')])
    cpSync(join(REPO_ROOT, file), join(tree, file), { preserveTimestamps: true });
  for (const name of productionPackages()) {
    const target = join(tree, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), target, 'dir');
  }
  stampTime = statSync(join(tree, 'dist', '.build-stamp')).mtimeMs;
  copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(tree, 'package-lock.json'));
});

describe('npm start on a production install', () => {
  test('the tree has no dev dependency in it', () => {
    for (const dev of ['vite', 'tsx', 'esbuild', 'vitest', 'typescript']) expect(existsSync(join(tree, 'node_modules', dev))).toBe(false);
    expect(existsSync(join(tree, 'node_modules', 'express'))).toBe(true);
  });

  test('starts the compiled server with plain node, builds nothing, answers /api/health and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-prod-db-'));
    const rounds = await startRoundsProcess(
      { DEMO: '1', DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}` },
      { script: join(tree, 'scripts', 'start.mjs'), cwd: tree },
    );
    const health = await fetch(`${rounds.url}/api/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${rounds.url}/`);
    expect(page.status).toBe(200);
    expect(rounds.output()).not.toContain('Building Rounds');
    expect(statSync(join(tree, 'dist', '.build-stamp')).mtimeMs).toBe(stampTime);
    const exited = new Promise<number | null>((resolve) => rounds.child.once('exit', (code) => resolve(code)));
    await rounds.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  test('refuses to start, saying why, when dist/ is older than the sources and the build tools are absent', () => {
    const stale = mkdtempSync(join(tmpdir(), 'rounds-stale-tree-'));
    cpSync(tree, stale, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    mkdirSync(join(stale, 'server'));
    copyFileSync(join(REPO_ROOT, 'server', 'main.ts'), join(stale, 'server', 'main.ts'));
    const result = spawnSync(process.execPath, [join(stale, 'scripts', 'start.mjs')], { cwd: stale, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/npm run build/);
  });
});
