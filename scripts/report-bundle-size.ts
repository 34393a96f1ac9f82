// Reports the tab's initial JavaScript (what index.html loads before anything lazy) raw, gzipped and as Brotli
// (what the server sends: scripts/build.ts precompresses it).
// `npm run build` runs it; test/tab/bundle-size.test.ts fails the suite above the budget.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;
export const DEFAULT_DIST_DIR = resolve(import.meta.dirname, '..', 'dist', 'tab');

export interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface InitialJsReport {
  assets: AssetSize[];
  totalRawBytes: number;
  totalGzipBytes: number;
  totalBrotliBytes: number;
}

/** Scripts and module preloads of index.html: the JavaScript a first visit downloads. */
export function initialScriptsOf(indexHtml: string): string[] {
  const sources = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) if (match[1]) sources.add(match[1]);
  for (const match of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    if (match[1]) sources.add(match[1]);
  return [...sources];
}

export function measureInitialJs(distDir: string = DEFAULT_DIST_DIR): InitialJsReport {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run \`npm run build\` first`);
  const assets = initialScriptsOf(readFileSync(indexPath, 'utf8')).map((src) => {
    const content = readFileSync(join(distDir, src.replace(/^\//, '')));
    const brotliBytes = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { file: src, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, brotliBytes };
  });
  return {
    assets,
    totalRawBytes: assets.reduce((sum, a) => sum + a.rawBytes, 0),
    totalGzipBytes: assets.reduce((sum, a) => sum + a.gzipBytes, 0),
    totalBrotliBytes: assets.reduce((sum, a) => sum + a.brotliBytes, 0),
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = measureInitialJs();
  for (const asset of report.assets)
    console.log(`  ${asset.file}  ${kb(asset.rawBytes)}  gzip ${kb(asset.gzipBytes)}  brotli ${kb(asset.brotliBytes)}`);
  const verdict = report.totalGzipBytes <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `tab initial JavaScript: ${kb(report.totalRawBytes)}, gzip ${kb(report.totalGzipBytes)} (${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} gzip budget), brotli ${kb(report.totalBrotliBytes)}`,
  );
}
