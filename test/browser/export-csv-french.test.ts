// Export matches the screen (#11 item 10): the CSV downloaded from the French tab has the French column labels,
// then the re-import block by stable id, and its rows in the list's saved sort, as the rounding sheet shows them.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openInHost } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:export-french@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
let families: string[];
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
  const patients = [0, 1, 2].map((skip) => somePatient(rounds.url, userId, skip));
  const found = await Promise.all(patients);
  families = found.map((p) => p.family);
  const { list } = await createDemoList(rounds.url, userId, {
    name: 'Service 3',
    contextId: CONTEXT_ID,
    columns: ['name', 'mrn', 'location', 'vitals'],
    patientIds: found.map((p) => p.id),
  });
  // Saved sort: by name, descending (the family name first, as on the screen).
  const res = await fetch(`${rounds.url}/api/lists/${list.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${await tokenFor(rounds.url, userId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: list.version, sort: { column: 'name', direction: 'desc' } }),
  });
  if (!res.ok) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

describe('the CSV downloaded from the French tab', { timeout: 90_000 }, () => {
  test('has the French column labels, the re-import ids after them, and the rows in the saved sort', async () => {
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, locale: 'fr-fr' });
    await tab.getByRole('button', { name: 'Feuille de visite' }).click();
    const sheet = tab.getByRole('region', { name: 'Service 3 : feuille de visite' });
    await sheet.getByRole('table').waitFor();
    const printed = await sheet.getByRole('rowheader').allTextContents();

    const [download] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: 'Télécharger le CSV' }).click()]);
    const [header, ...lines]: string[][] = parse(readFileSync(await download.path(), 'utf8'), { bom: true });
    expect(header).toEqual([
      'Patient', 'IPP', 'Chambre/lit', 'Dernières constantes',
      'patientId', 'name', 'mrn', 'birthDate', 'gender', 'location', 'note',
    ]);
    const names = lines.map((line) => line[0]!);
    // The saved sort: family names descending, and the same order as the printed sheet.
    const expected = [...families].sort((a, b) => b.localeCompare(a, 'fr', { sensitivity: 'base' }));
    expect(names.map((name) => expected.find((family) => name.includes(family)))).toEqual(expected);
    expect(printed).toHaveLength(names.length);
    printed.forEach((text, i) => expect(text.startsWith(names[i]!)).toBe(true));
    // Every printed name carries a second identifier.
    for (const text of printed) expect(text).toMatch(/(IPP|Date de naissance)\u00a0/);
    for (const line of lines) if (line[3]) expect(line[3]).not.toMatch(/Blood pressure|Heart rate/);
    await context.close();
  });
});
