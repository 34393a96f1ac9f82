// The second half of `npm run build` (after `vite build` made dist/tab): the server as plain JavaScript in
// dist/server (esbuild, its dependencies bundled in: a start reads one file instead of hundreds of small
// modules; only native and optional drivers stay in node_modules), its SQL migrations beside it, the tab's
// files precompressed (Brotli and gzip) for the static server, and a stamp that `npm start` compares with
// the sources.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 1024;

async function buildServer(): Promise<void> {
  const outdir = join(DIST, 'server');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'server', 'main.ts')],
    outdir,
    bundle: true,
    // The demo partner is loaded with import() in demo mode only: a chunk of its own, never read otherwise.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // better-sqlite3 loads a native addon; pg-native is pg's optional native binding.
    external: ['better-sqlite3', 'pg-native'],
    // Bundled CommonJS dependencies call require(): give the ES module bundle one.
    banner: { js: "import { createRequire as createRoundsRequire } from 'node:module'; const require = createRoundsRequire(import.meta.url);" },
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'server', 'lists', 'migrations'), join(outdir, 'migrations'), { recursive: true });
}

/** Every file worth compressing, below `dir`. */
function* filesOf(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesOf(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

function precompressTab(): { files: number; rawBytes: number; brBytes: number } {
  let files = 0;
  let rawBytes = 0;
  let brBytes = 0;
  for (const path of filesOf(join(DIST, 'tab'))) {
    const content = readFileSync(path);
    if (content.length < MIN_BYTES) continue;
    const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    files += 1;
    rawBytes += content.length;
    brBytes += br.length;
  }
  return { files, rawBytes, brBytes };
}

const started = performance.now();
await buildServer();
const tab = precompressTab();
writeFileSync(join(DIST, '.build-stamp'), `${new Date().toISOString()}\n`);
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `server → dist/server; ${tab.files} tab files precompressed (${kb(tab.rawBytes)} → ${kb(tab.brBytes)} Brotli) in ${(
    (performance.now() - started) /
    1000
  ).toFixed(1)} s`,
);
