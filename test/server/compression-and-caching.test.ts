// What crosses the wire: the tab's assets precompressed (Brotli, else gzip) and cached for a year, index.html
// and API answers never cached, JSON over 1 KB compressed, and rows answered 304 to a matching ETag.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List } from '../../server/wire/contract.js';
import { DEFAULT_TAB_DIR } from '../../server/paths.js';
import { initialScriptsOf, measureInitialJs } from '../../scripts/report-bundle-size.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startListsApp, USER_A, type ListsApp } from '../support/lists-app.js';

let app: TestApp;
let indexHtml: string;
beforeAll(async () => {
  if (!existsSync(join(DEFAULT_TAB_DIR, 'index.html')))
    throw new Error(`The tab is not built (${DEFAULT_TAB_DIR}): run \`npm run build\` first (npm test does)`);
  indexHtml = readFileSync(join(DEFAULT_TAB_DIR, 'index.html'), 'utf8');
  app = await startTestApp({ tabDir: DEFAULT_TAB_DIR });
});
afterAll(() => app?.close());

interface Wire {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes as they crossed the wire, before any decoding. */
  bytes: number;
}

/** A GET that counts the bytes on the wire (fetch would decode them). */
function get(path: string, headers: Record<string, string> = {}): Promise<Wire> {
  return getFrom(app.url, path, headers);
}

function getFrom(origin: string, path: string, headers: Record<string, string>): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the tab's assets", () => {
  const mainScript = (): string => initialScriptsOf(indexHtml).find((src) => /\/index-[^/]+\.js$/.test(src)) as string;

  test('the main script is sent as Brotli when asked, cached for a year as immutable', async () => {
    const res = await get(mainScript(), { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.bytes).toBe(readFileSync(join(DEFAULT_TAB_DIR, `${mainScript()}.br`)).length);
  });

  test('as gzip to a client without Brotli, and as it is to one that asks for neither', async () => {
    const gzip = await get(mainScript(), { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await get(mainScript());
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toBe(readFileSync(join(DEFAULT_TAB_DIR, mainScript())).length);
  });

  test("a first load's JavaScript on the wire is within 10% of the build's compressed figure", async () => {
    const report = measureInitialJs(DEFAULT_TAB_DIR);
    let wire = 0;
    for (const src of initialScriptsOf(indexHtml)) wire += (await get(src, { 'accept-encoding': 'br, gzip' })).bytes;
    expect(wire).toBeLessThanOrEqual(report.totalBrotliBytes * 1.1);
    expect(wire).toBeLessThan(report.totalRawBytes / 3);
  });

  test('index.html, for every page of the tab, is never cached', async () => {
    for (const path of ['/', '/tab', '/config']) {
      const res = await get(path, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('API answers', () => {
  let lists: ListsApp;
  let rowsPath: string;

  beforeAll(async () => {
    lists = await startListsApp({ partner: false });
    const created = await lists.call(USER_A, 'POST', '/api/lists', {
      name: 'By hand',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    });
    const list = created.body as List;
    for (let i = 0; i < 12; i += 1)
      await lists.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: `Patient Number ${i}`, mrn: `M-${i}` } });
    rowsPath = `/api/lists/${list.id}/rows`;
  });
  afterAll(() => lists?.close());

  const call = async (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${lists.url}${path}`, { headers: { authorization: `Bearer ${await lists.tokenFor(USER_A)}`, ...headers } });

  test('JSON over 1 KB is compressed when asked, a small answer is not, and neither is cached', async () => {
    const plain = await call(rowsPath, { 'accept-encoding': 'identity' });
    expect((await plain.text()).length).toBeGreaterThan(1024);
    const big = await call(rowsPath, { 'accept-encoding': 'br, gzip' });
    expect(big.headers.get('content-encoding')).toBe('br');
    expect(big.headers.get('cache-control')).toBe('no-store');
    const small = await call('/api/me', { 'accept-encoding': 'br, gzip' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('cache-control')).toBe('no-store');
  });

  test('rows answer with an ETag, and 304 with no body to a matching If-None-Match', async () => {
    // node:http, not fetch: fetch adds `Cache-Control: no-cache` to a request with If-None-Match.
    const authorization = `Bearer ${await lists.tokenFor(USER_A)}`;
    const get = (headers: Record<string, string> = {}): Promise<Wire> => getFrom(lists.url, rowsPath, { authorization, ...headers });
    const first = await get();
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await get({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes).toBe(0);
    expect((await get({ 'if-none-match': 'W/"something-else"' })).status).toBe(200);
  });
});
