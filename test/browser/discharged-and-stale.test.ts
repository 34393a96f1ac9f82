// In real Chromium over the demo EHR: a patient discharged since the list was built shows "Discharged <date>",
// a deceased one is marked, both go last and one toggle hides them (#12 item 7); every vital carries its age,
// and values older than 24 h are greyed with the age in words for screen readers (#12 item 2).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Locator } from 'playwright-core';
import type { Row, RowsResponse } from '../../server/wire/contract.js';
import { generateDemoData } from '../../server/demo/data/generator.js';
import { latestAnchorDate } from '../../server/demo/data/time.js';
import { HOST_TEAM_ID, launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { demoUsers, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:discharges@thread.tacv2';
const HOUR = 3_600_000;

let rounds: TestRounds;
let browser: Browser;
let userId: string;
let rows: Row[];
let discharged: Row;
let deceased: Row;
let inBed: Row;

/**
 * The demo's own patients, found in the data the server generated (same seed, same day): its discharged and
 * deceased edge cases, and an inpatient whose weight is more than a day old while the heart rate is fresh.
 */
function demoPatients(tenantId: string): { discharged: string; deceased: string; inBed: string } {
  const data = generateDemoData({ seed: 'rounds-demo', patientsPerTenant: 60, anchorDate: latestAnchorDate() }).find(
    (d) => d.tenant.tenantId === tenantId,
  )!;
  const edges = new Set(Object.values(data.edgeCases));
  const ageOf = (patientId: string, kind: string): number => {
    const times = data.vitals.filter((v) => v.patientId === patientId && v.kind === kind).map((v) => Date.parse(v.effective));
    return Date.now() - Math.max(...times);
  };
  const inBed = data.encounters.find(
    (e) =>
      e.status === 'in-progress' &&
      e.isLocationDisplayed &&
      !edges.has(e.patientId) &&
      ageOf(e.patientId, 'weight') > 26 * HOUR &&
      ageOf(e.patientId, 'heartRate') < 22 * HOUR,
  );
  if (!inBed || !data.edgeCases.discharged || !data.edgeCases.deceased) throw new Error('the demo data lacks the patients this test needs');
  return { discharged: data.edgeCases.discharged, deceased: data.edgeCases.deceased, inBed: inBed.patientId };
}

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  const user = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!;
  userId = user.userId;
  const ids = demoPatients(user.tenantId);
  const headers = { authorization: `Bearer ${await tokenFor(rounds.url, userId)}`, 'content-type': 'application/json' };
  const list = (await (
    await fetch(`${rounds.url}/api/lists`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Ward 7 discharges',
        context: { kind: 'channel', id: CONTEXT_ID, teamId: HOST_TEAM_ID },
        columns: ['name', 'location', 'vitals'],
        sort: { column: 'name', direction: 'asc' },
      }),
    })
  ).json()) as { id: string };
  for (const patientId of [ids.discharged, ids.deceased, ids.inBed]) {
    await fetch(`${rounds.url}/api/lists/${list.id}/entries`, { method: 'POST', headers, body: JSON.stringify({ patientId }) });
  }
  rows = ((await (await fetch(`${rounds.url}/api/lists/${list.id}/rows`, { headers })).json()) as RowsResponse).rows;
  const rowOf = (id: string): Row => rows.find((r) => r.patient?.id === id)!;
  [discharged, deceased, inBed] = [rowOf(ids.discharged), rowOf(ids.deceased), rowOf(ids.inBed)];
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const nameOf = (row: Row): string => row.patient!.name;
const gridRow = (tab: Frame, row: Row): Locator =>
  tab.getByRole('row').filter({ has: tab.getByRole('button', { name: `Open the details of ${nameOf(row)}` }) });
const colourOf = (locator: Locator): Promise<string> => locator.evaluate((el) => getComputedStyle(el).color);
const shownNames = async (tab: Frame): Promise<string[]> =>
  (await tab.getByRole('button', { name: /^Open the details of / }).allTextContents()).map((n) => n.trim());

describe('discharged and deceased patients, and the age of values, in Chromium', { timeout: 120_000 }, () => {
  test('a discharged patient shows "Discharged <date>", a deceased one "† Deceased", both last, and a toggle hides them', async () => {
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await gridRow(tab, discharged).waitFor();
    const timeZone = await tab.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const end = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', timeZone }).format(new Date(discharged.encounter!.end!));
    await expect.poll(() => gridRow(tab, discharged).textContent()).toContain(`Discharged ${end}`);
    expect(await gridRow(tab, discharged).textContent()).not.toContain(discharged.encounter!.location!);
    expect((await gridRow(tab, deceased).textContent())?.replace(/\u00a0/g, ' ')).toContain('† Deceased');
    expect(await gridRow(tab, inBed).textContent()).toContain(inBed.encounter!.location!);
    // Sorted by name, yet the patient still in a bed comes first whatever the names.
    expect((await shownNames(tab))[0]).toBe(nameOf(inBed));
    await screenshot(page, 'discharged-deceased');
    expect(await seriousViolations(tab)).toEqual([]);

    await tab.getByRole('button', { name: 'Hide discharged and deceased (2)' }).click();
    await gridRow(tab, discharged).waitFor({ state: 'detached' });
    expect(await shownNames(tab)).toEqual([nameOf(inBed)]);
    await tab.getByText('2 hidden').waitFor();
    expect(await tab.getByRole('button', { name: 'Hide discharged and deceased (2)' }).getAttribute('aria-pressed')).toBe('true');
    // Remembered for this list: a reload keeps them hidden.
    await tab.evaluate(() => location.reload());
    await gridRow(tab, inBed).waitFor();
    await tab.getByText('2 hidden').waitFor();
    expect(await gridRow(tab, discharged).count()).toBe(0);
    await tab.getByRole('button', { name: 'Hide discharged and deceased (2)' }).click();
    await gridRow(tab, discharged).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    test(`a value older than 24 h is greyed and says its age in words (${theme} theme)`, async () => {
      const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, theme });
      const row = gridRow(tab, inBed);
      await row.waitFor();
      // "recorded yesterday" or "recorded 3 days ago", as Intl words it.
      const stale = row.getByTitle(/^recorded (yesterday|\d+ days ago), more than 24 hours old$/).first();
      const fresh = row.getByTitle(/^recorded (\d+ (hours?|minutes?) ago|now)$/).first();
      await stale.waitFor();
      // The compact age is on screen ("3 d:"); a screen reader hears the words instead.
      expect((await stale.textContent())?.replace(/\u00a0/g, ' ')).toMatch(
        /^\d+ d: Wt [\d.]+ kg \(recorded (yesterday|\d+ days ago), more than 24 hours old\)$/,
      );
      expect(await row.ariaSnapshot()).toMatch(/Wt [\d.]+ kg \(recorded (yesterday|\d+ days ago), more than 24 hours old\)/);
      // The vitals taken together share one age: "6 h: BP 151/81 mmHg · HR 90 /min · …".
      expect((await fresh.textContent())?.replace(/\u00a0/g, ' ')).toMatch(/^(\d+ (h|min)|now): BP \d+\/\d+ mmHg · HR \d+/);
      if (theme !== 'contrast') {
        // Greyed: a dimmer colour than the fresh value beside it (in high contrast the age is the cue).
        expect(await colourOf(stale)).not.toBe(await colourOf(fresh));
      }
      await screenshot(page, `stale-values-${theme}`);
      expect(await seriousViolations(tab)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
