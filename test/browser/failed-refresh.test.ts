// A refresh that fails keeps the clinical data on screen (issue #11 item 3): the server goes away, the clinician
// presses Refresh; the rows stay as they were (location, conditions, vitals, in the list's sort), the notice says the
// refresh failed and the time of the data shown, and "Updated …" keeps the real age. In real Chromium.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Locator } from 'playwright-core';
import { DEMO_SMART_TENANT_ID } from '../../server/demo/demo-partner.js';
import type { Entry } from '../../server/wire/contract.js';
import { launchChromium, openInHost } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:failed-refresh@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
let entries: Entry[];

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  const user = (await demoUsers(rounds.url)).find((u) => u.tenantId === DEMO_SMART_TENANT_ID)!;
  userId = user.userId;
  const token = await (
    await fetch(`${rounds.url}/api/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    })
  ).json() as { token: string };
  const found = await (
    await fetch(`${rounds.url}/api/patients?name=a&count=6`, { headers: { authorization: `Bearer ${token.token}` } })
  ).json() as { patients: { id: string }[] };
  const made = await createDemoList(rounds.url, userId, {
    name: 'Step-down unit',
    contextId: CONTEXT_ID,
    columns: ['name', 'location', 'conditions', 'vitals'],
    patientIds: found.patients.slice(0, 4).map((p) => p.id),
  });
  entries = made.entries;
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ').trim();
const bodyRows = (tab: Frame): Locator => tab.getByRole('row').filter({ has: tab.getByRole('button', { name: /^Open the details of / }) });

describe('a refresh that fails, in Chromium', { timeout: 60_000 }, () => {
  test('keeps the last good rows in their order, says the refresh failed and how old the data is', async () => {
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    try {
      await bodyRows(tab).first().waitFor();
      await tab.getByRole('gridcell').filter({ hasText: /\S/ }).nth(entries.length * 2).waitFor();
      const before = (await bodyRows(tab).allTextContents()).map(plain);
      expect(before).toHaveLength(entries.length);
      expect(before.every((text) => text.length > 20)).toBe(true);

      // The server goes away: every rows request fails at the network.
      await page.route(/\/api\/lists\/[^/]+\/rows/, (route) => route.abort('connectionrefused'));
      await tab.getByRole('button', { name: /^Refresh/ }).click();

      const notice = tab.getByText(/^Refresh failed: /);
      await notice.waitFor();
      expect(plain(await notice.textContent())).toMatch(
        /^Refresh failed: The Rounds server could not be reached\. .* Showing the EHR data of \d\d:\d\d( [AP]M)?\.$/,
      );
      expect((await bodyRows(tab).allTextContents()).map(plain)).toEqual(before);
      // "Updated …" still says when the shown data was loaded, not "now" for a refresh that failed.
      expect(plain(await tab.locator('time').first().textContent())).not.toBe('');
    } finally {
      await context.close();
    }
  });
});
