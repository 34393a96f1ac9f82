// "Import list…" in real Chromium (#11 item 11): the CSV export of a list, imported again from the list
// menu, becomes a new list of the same channel that opens with its patients and the import report.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openInHost, seriousViolations } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:import-list@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
let names: string[];
let csvPath: string;
let tempDir: string;

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
  const patients = [await somePatient(rounds.url, userId, 0), await somePatient(rounds.url, userId, 1)];
  names = patients.map((p) => p.name);
  const { list } = await createDemoList(rounds.url, userId, {
    name: 'Ward 7',
    contextId: CONTEXT_ID,
    columns: ['name', 'mrn', 'location'],
    patientIds: patients.map((p) => p.id),
  });
  const exported = await fetch(`${rounds.url}/api/lists/${list.id}/export?format=csv`, {
    headers: { authorization: `Bearer ${await tokenFor(rounds.url, userId)}` },
  });
  if (!exported.ok) throw new Error(`the export answered ${exported.status}`);
  tempDir = await mkdtemp(join(tmpdir(), 'rounds-import-'));
  csvPath = join(tempDir, 'Ward 7 night.csv');
  await writeFile(csvPath, await exported.text());
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

describe('importing a list in Chromium', { timeout: 90_000 }, () => {
  test('a list exported as CSV imports from the list menu and opens with its patients and the report', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('heading', { level: 1, name: 'Ward 7' }).waitFor();
    await tab.getByRole('button', { name: 'More list actions' }).click();
    await tab.getByRole('menuitem', { name: 'Import list…' }).click();

    const dialog = tab.getByRole('dialog', { name: 'Import a patient list' });
    await dialog.getByLabel('List file').setInputFiles(csvPath);
    // The name comes from the file's.
    expect(await dialog.getByRole('textbox', { name: 'List name' }).inputValue()).toBe('Ward 7 night');
    expect(await seriousViolations(tab)).toEqual([]);
    await dialog.getByRole('button', { name: 'Import' }).click();

    await tab.getByRole('heading', { level: 1, name: 'Ward 7 night' }).waitFor();
    const report = tab.getByRole('region', { name: 'Imported “Ward 7 night”' });
    await report.getByText('2 patients imported.').waitFor();
    // Both rows carried their EHR ids: none was kept as a manual entry.
    expect(await report.getByText(/kept as (a )?manual/).count()).toBe(0);
    for (const name of names) {
      await tab.getByRole('button', { name: `Open the details of ${name}` }).first().waitFor();
    }
    // The focus went to the report, not to the page's body.
    expect(await tab.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Imported “Ward 7 night”');

    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
