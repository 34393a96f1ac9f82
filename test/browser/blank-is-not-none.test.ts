// In real Chromium over the demo EHR: blank is not "none" (#11 item 12). A patient whose EHR recorded "no known
// allergy" says "No known allergies", one with no allergy record "None recorded", one without a stay "Not
// admitted"; sorted either way, the rows with nothing recorded come last.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Locator } from 'playwright-core';
import { generateDemoData } from '../../server/demo/data/generator.js';
import { latestAnchorDate } from '../../server/demo/data/time.js';
import type { Row } from '../../server/wire/contract.js';
import { launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { createDemoList, rowsOf } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:blank-is-not-none@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
let rows: Row[];
let ids: { noKnownAllergy: string; noneRecorded: string; noEncounter: string; withAllergies: string[] };

/** The demo's own patients (same seed, same day as the server): each kind of answer and absence. */
function demoPatients(tenantId: string): typeof ids {
  const data = generateDemoData({ seed: 'rounds-demo', patientsPerTenant: 60, anchorDate: latestAnchorDate() }).find(
    (d) => d.tenant.tenantId === tenantId,
  )!;
  const edges = new Set(Object.values(data.edgeCases));
  const inBed = new Set(
    data.encounters.filter((e) => e.status === 'in-progress' && !edges.has(e.patientId)).map((e) => e.patientId),
  );
  const noKnownAllergy = data.allergies.find((a) => a.isNoKnownAllergy && inBed.has(a.patientId))?.patientId;
  const withAllergies = [...new Set(data.allergies.filter((a) => !a.isNoKnownAllergy && inBed.has(a.patientId)).map((a) => a.patientId))];
  const { noAllergiesRecorded, noEncounter } = data.edgeCases;
  if (!noKnownAllergy || !noAllergiesRecorded || !noEncounter || withAllergies.length < 2) {
    throw new Error('the demo data lacks the patients this test needs');
  }
  return { noKnownAllergy, noneRecorded: noAllergiesRecorded, noEncounter, withAllergies: withAllergies.slice(0, 2) };
}

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  const user = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!;
  userId = user.userId;
  ids = demoPatients(user.tenantId);
  const { list } = await createDemoList(rounds.url, userId, {
    name: 'Blank is not none',
    contextId: CONTEXT_ID,
    columns: ['name', 'location', 'allergies'],
    // The patient with nothing recorded first, so "order added" alone would not put it last.
    patientIds: [ids.noneRecorded, ids.noKnownAllergy, ids.noEncounter, ...ids.withAllergies],
  });
  rows = await rowsOf(rounds.url, userId, list.id);
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ').trim();
const rowOf = (patientId: string): Row => rows.find((r) => r.patient?.id === patientId)!;
const gridRow = (tab: Frame, row: Row): Locator =>
  tab.getByRole('row').filter({ has: tab.getByRole('button', { name: `Open the details of ${row.patient!.name}` }) });

async function columnTexts(tab: Frame, header: string): Promise<string[]> {
  const headers = (await tab.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.findIndex((h) => h.startsWith(header));
  if (index === -1) throw new Error(`no column "${header}" in ${headers.join(', ')}`);
  const bodyRows = tab.getByRole('rowgroup').last().getByRole('row');
  return Promise.all((await bodyRows.all()).map(async (r) => plain(await r.getByRole('gridcell').nth(index).textContent())));
}

describe('blank is not "none", in Chromium', { timeout: 120_000 }, () => {
  test('says "No known allergies", "None recorded" and "Not admitted" in words, in the grid and the details', async () => {
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    const nka = gridRow(tab, rowOf(ids.noKnownAllergy));
    await nka.waitFor();
    await expect.poll(async () => plain(await nka.textContent())).toContain('No known allergies');
    expect(plain(await gridRow(tab, rowOf(ids.noneRecorded)).textContent())).toContain('None recorded');
    expect(plain(await gridRow(tab, rowOf(ids.noEncounter)).textContent())).toContain('Not admitted');
    await screenshot(page, 'blank-is-not-none');
    expect(await seriousViolations(tab)).toEqual([]);

    await tab.getByRole('button', { name: `Open the details of ${rowOf(ids.noKnownAllergy).patient!.name}` }).click();
    const allergies = tab.getByRole('region', { name: 'Allergies' });
    await allergies.waitFor();
    expect(plain(await allergies.textContent())).toContain('No known allergies');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('sorting the allergies either way puts "None recorded" last, and "No known allergies" among the answers', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await gridRow(tab, rowOf(ids.noKnownAllergy)).waitFor();
    const header = tab.getByRole('columnheader', { name: 'Allergies' });
    for (const direction of ['ascending', 'descending'] as const) {
      await header.click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe(direction);
      const cells = await columnTexts(tab, 'Allergies');
      const firstBlank = cells.indexOf('None recorded');
      expect(firstBlank, cells.join(' | ')).toBeGreaterThan(0);
      expect(cells.slice(firstBlank).every((text) => text === 'None recorded'), cells.join(' | ')).toBe(true);
      expect(cells.indexOf('No known allergies')).toBeGreaterThanOrEqual(0);
      expect(cells.indexOf('No known allergies')).toBeLessThan(firstBlank);
      const answers = cells.slice(0, firstBlank);
      const inOrder = [...answers].sort((a, b) => a.localeCompare(b, 'en-US', { numeric: true, sensitivity: 'base' }));
      expect(answers).toEqual(direction === 'ascending' ? inOrder : inOrder.reverse());
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
