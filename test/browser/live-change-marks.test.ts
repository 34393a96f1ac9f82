// What changed since you last looked, live, in real Chromium (#12 items 5 and 6, "Browser tests"): the demo EHR
// records a vital or a teammate saves a note while the list is open; the tab's auto-refresh (every 5 s here) brings
// the change in, marked; "Mark as seen" on the row, or for the whole list, clears the marks for good.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { DEMO_SMART_TENANT_ID, startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import type { Entry } from '../../server/wire/contract.js';
import { launchChromium, openInHost } from './support/browser.js';
import { createDemoList, saveNote } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:live-changes@thread.tacv2';
// The auto-refresh runs every 5 s ± 10 %; a change must be on screen within three of them.
/** The tab's clock jumps to each auto-refresh (Playwright's clock), so a test never waits one out. */
const REFRESH_MS = 5_000;
const WITHIN_REFRESH = { timeout: 15_000 };
const ONE_CHANGE = /\b1 change since \d\d:\d\d( [AP]M)?$/;

let partner: RunningDemoPartner;
let rounds: TestRounds;
let browser: Browser;
let userId: string;
let teammateId: string;
let listId: string;
let entries: Entry[];

beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, hospitals: [{ tenantId: DEMO_SMART_TENANT_ID }] });
  rounds = await startTestRounds({ env: { AUTO_REFRESH_SECONDS: '5', FHIR_CACHE_SECONDS: '0' }, demoPartner: partner });
  browser = await launchChromium();
  const [user, teammate] = (await demoUsers(rounds.url)).filter((u) => u.tenantId === DEMO_SMART_TENANT_ID);
  [userId, teammateId] = [user!.userId, teammate!.userId];
  const tenant = partner.tenants.find((t) => t.tenantId === DEMO_SMART_TENANT_ID)!;
  const made = await createDemoList(rounds.url, userId, {
    name: 'Cardiology Ward 9',
    contextId: CONTEXT_ID,
    columns: ['name', 'vitals', 'note'],
    patientIds: tenant.samplePatientIds.slice(0, 4),
  });
  [listId, entries] = [made.list.id, made.entries];
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
  await partner?.close();
});

const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');
const gridRow = (tab: Frame, entry: Entry): Locator =>
  tab.getByRole('row').filter({ has: tab.getByRole('button', { name: `Open the details of ${entry.display}` }) });
const isRowsCall = (url: string): boolean => /\/api\/lists\/[^/]+\/rows/.test(url);

/** Jumps the tab's clock to its next auto-refresh. */
const refreshNow = (page: Page): Promise<void> => page.clock.fastForward(REFRESH_MS);

/** Brings on the tab's next ask for its rows and waits for the answer to be shown (the ask after it). */
async function nextAutoRefresh(page: Page): Promise<void> {
  const asked = page.waitForRequest((r) => isRowsCall(r.url()), WITHIN_REFRESH);
  await refreshNow(page);
  await (await asked).response();
  const askedAgain = page.waitForRequest((r) => isRowsCall(r.url()), WITHIN_REFRESH);
  await refreshNow(page);
  await askedAgain;
}

/** Opens the list as the user and waits for its first rows: changes are counted from what they show. */
async function openList(): Promise<{ page: Page; tab: Frame; close: () => Promise<void>; errors: string[] }> {
  const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, clock: true });
  await gridRow(tab, entries[0]!).waitFor();
  return { page, tab, errors, close: () => context.close() };
}

describe('change marks brought in by the auto-refresh, in Chromium', { timeout: 90_000 }, () => {
  test('a vital the EHR records while the list is open is marked after the auto-refresh, and "Mark as seen" clears it for good', async () => {
    const { page, tab, close, errors } = await openList();
    const entry = entries[0]!;
    const row = gridRow(tab, entry);
    expect(await row.locator('[data-changed="true"]').count()).toBe(0);

    partner.recordVital(DEMO_SMART_TENANT_ID, { patientId: entry.patientId!, kind: 'heartRate', value: 142 });
    await refreshNow(page);
    await row.getByText(ONE_CHANGE).waitFor(WITHIN_REFRESH);
    const changed = row.locator('[data-changed="true"]');
    expect(await changed.count()).toBe(1);
    expect(plain(await changed.textContent())).toMatch(/^Changed since you last looked: .*HR 142 \/min ⇈ critically high/);
    // The words are for screen readers; on screen the mark is the border.
    const words = await changed.getByText('Changed since you last looked:').boundingBox();
    expect(words!.width * words!.height).toBeLessThanOrEqual(1);
    expect(plain(await row.ariaSnapshot())).toContain('Changed since you last looked:');
    expect(await gridRow(tab, entries[1]!).locator('[data-changed]').count()).toBe(0);

    await row.getByRole('button', { name: `Mark as seen: ${entry.display}` }).click();
    await changed.waitFor({ state: 'detached' });
    expect(await row.getByText(ONE_CHANGE).count()).toBe(0);
    // Seen is remembered by the server: neither the next auto-refresh nor a reload brings the marks back.
    await nextAutoRefresh(page);
    expect(await tab.locator('[data-changed]').count()).toBe(0);
    await tab.goto(tab.url());
    await row.getByText('HR 142', { exact: false }).waitFor();
    expect(await tab.locator('[data-changed]').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  test('a note a teammate saves shows up within the refresh interval, marked as changed', async () => {
    const { page, tab, close, errors } = await openList();
    const entry = entries[1]!;
    const row = gridRow(tab, entry);
    await saveNote(rounds.url, teammateId, listId, entry.id, 'Family meeting at 15:00, daughter on her way');
    await refreshNow(page);

    const note = row.getByText('Family meeting at 15:00, daughter on her way');
    await note.waitFor(WITHIN_REFRESH);
    await row.getByText(ONE_CHANGE).waitFor();
    const changed = row.locator('[data-changed="true"]');
    expect(plain(await changed.textContent())).toBe('Changed since you last looked: Family meeting at 15:00, daughter on her way');
    expect(errors).toEqual([]);
    await close();
  });

  test('"Mark all as seen" clears the marks of every changed row', async () => {
    const { page, tab, close, errors } = await openList();
    partner.recordVital(DEMO_SMART_TENANT_ID, { patientId: entries[2]!.patientId!, kind: 'respiratoryRate', value: 27 });
    await saveNote(rounds.url, teammateId, listId, entries[3]!.id, 'NBM from midnight');
    await refreshNow(page);

    for (const entry of [entries[2]!, entries[3]!]) await gridRow(tab, entry).getByText(ONE_CHANGE).waitFor(WITHIN_REFRESH);
    const changedRows = await tab.getByRole('button', { name: /^Mark as seen: / }).count();
    expect(changedRows).toBeGreaterThanOrEqual(2);
    const bar = tab.getByText(`${changedRows} patients changed since you last looked.`);
    await bar.waitFor();

    await tab.getByRole('button', { name: 'Mark all as seen' }).click();
    await bar.waitFor({ state: 'detached' });
    expect(await tab.locator('[data-changed]').count()).toBe(0);
    expect(await tab.getByRole('button', { name: /^Mark as seen: / }).count()).toBe(0);
    await nextAutoRefresh(page);
    expect(await tab.locator('[data-changed]').count()).toBe(0);
    await tab.goto(tab.url());
    await gridRow(tab, entries[3]!).getByText('NBM from midnight').waitFor();
    expect(await tab.locator('[data-changed]').count()).toBe(0);
    expect(await tab.getByText(/changed since you last looked/).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
