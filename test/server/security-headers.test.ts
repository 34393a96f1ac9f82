// Headers on every HTML page and API answer (teams-tab.md §4, §7 rule 7): Teams may frame the tab, nothing
// else may; no X-Frame-Options; HSTS only when Rounds is served over https.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Microsoft's frame-ancestors table (learn.microsoft.com …/tabs/how-to/tab-requirements).
const MICROSOFT_HOSTS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

const tabDir = mkdtempSync(join(tmpdir(), 'rounds-tab-'));
mkdirSync(join(tabDir, 'assets'));
writeFileSync(join(tabDir, 'index.html'), '<!doctype html><title>Rounds</title><div id="root"></div>');
writeFileSync(join(tabDir, 'assets', 'app.js'), 'console.log("tab")');

let httpApp: TestApp;
let httpsApp: TestApp;
beforeAll(async () => {
  httpApp = await startTestApp({ tabDir });
  httpsApp = await startTestApp({
    tabDir,
    config: loadConfig({ DEMO: '1', NODE_ENV: 'test', PUBLIC_URL: 'https://rounds.example.org' }),
  });
});
afterAll(async () => {
  await Promise.all([httpApp.close(), httpsApp.close()]);
  rmSync(tabDir, { recursive: true, force: true });
});

function frameAncestors(res: Response): string[] {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directive = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '));
  return directive ? directive.split(/\s+/).slice(1) : [];
}

function expectFramableByTeamsOnly(res: Response): void {
  expect(res.headers.get('x-frame-options')).toBeNull();
  const ancestors = frameAncestors(res);
  for (const host of MICROSOFT_HOSTS) expect(ancestors).toContain(host);
  expect(ancestors).toContain("'self'");
  expect(ancestors.filter((a) => a === '*' || a.startsWith('http:') || a === 'https:')).toEqual([]);
}

function expectStrictBasics(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

const HTML_PAGES = ['/', '/tab', '/config', '/remove', '/tab?listId=abc'];

describe('HTML pages of the tab', () => {
  test.each(HTML_PAGES)('%s is HTML that Teams may frame and nothing else may', async (path) => {
    const res = await fetch(`${httpApp.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expectFramableByTeamsOnly(res);
    expectStrictBasics(res);
  });

  test("an unmatched request (a POST to a page) gets our 404 with the same headers, not Express's own page", async () => {
    const res = await fetch(`${httpApp.url}/config`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    expectFramableByTeamsOnly(res);
    expectStrictBasics(res);
  });

  test('static assets carry the same headers', async () => {
    const res = await fetch(`${httpApp.url}/assets/app.js`);
    expect(res.status).toBe(200);
    expectFramableByTeamsOnly(res);
    expectStrictBasics(res);
  });

  test('the CSP keeps scripts to our own origin', async () => {
    const csp = (await fetch(`${httpApp.url}/tab`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;)script-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;)object-src 'none'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe('API answers', () => {
  test.each([
    ['/api/health', 200],
    ['/api/me', 401],
    ['/api/nothing-here', 401],
  ])('%s (%i) carries the same headers', async (path, status) => {
    const res = await fetch(`${httpApp.url}${path}`);
    expect(res.status).toBe(status);
    expectFramableByTeamsOnly(res);
    expectStrictBasics(res);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('HSTS', () => {
  test.each(['/tab', '/api/health'])('is sent on %s when PUBLIC_URL is https', async (path) => {
    const res = await fetch(`${httpsApp.url}${path}`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  test.each(['/tab', '/api/health'])('is not sent on %s when PUBLIC_URL is http (the local demo)', async (path) => {
    const res = await fetch(`${httpApp.url}${path}`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  test('upgrade-insecure-requests only when served over https, so the http demo keeps working', async () => {
    const overHttps = (await fetch(`${httpsApp.url}/tab`)).headers.get('content-security-policy') ?? '';
    const overHttp = (await fetch(`${httpApp.url}/tab`)).headers.get('content-security-policy') ?? '';
    expect(overHttps).toMatch(/upgrade-insecure-requests/);
    expect(overHttp).not.toMatch(/upgrade-insecure-requests/);
  });

  test('the https configuration still lets Teams frame the tab', async () => {
    const res = await fetch(`${httpsApp.url}/config`);
    expectFramableByTeamsOnly(res);
    expectStrictBasics(res);
  });
});
