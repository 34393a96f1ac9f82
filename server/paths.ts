// Where Rounds' files are, the same from the sources (server/*.ts run by tsx or vitest) and from the compiled
// build (dist/server/*.js run by node): the project root is the nearest folder above with our package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'rounds') return dir;
    if (dirname(dir) === dir) return join(from, '..');
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);

/** The built tab (Vite's output). */
export const DEFAULT_TAB_DIR = join(PROJECT_ROOT, 'dist', 'tab');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
