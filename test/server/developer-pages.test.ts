// The manifest's developer links (<PUBLIC_URL>/privacy and /terms) must answer with real pages.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_TAB_DIR } from '../../server/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  if (!existsSync(join(DEFAULT_TAB_DIR, 'index.html')))
    throw new Error(`The tab is not built (${DEFAULT_TAB_DIR}): run \`npm run build\` first (npm test does)`);
  app = await startTestApp({ tabDir: DEFAULT_TAB_DIR });
});
afterAll(() => app?.close());

describe('the developer pages named in the manifest', () => {
  test.each([
    ['/privacy', /Rounds privacy statement/],
    ['/terms', /Rounds terms of use/],
  ])('%s answers a page of its own, framable by Teams', async (path, heading) => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(heading);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/\*\.cloud\.microsoft/);
  });

  test('a page of the tab still gets the tab itself', async () => {
    const res = await fetch(`${app.url}/config`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<div id="root">/);
  });
});
