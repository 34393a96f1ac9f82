// The add-patients search reads names the way clinicians type them, in real Chromium (#11 item 8):
// "Abernathy, M" is family Abernathy and a given name starting with M (not a FHIR OR), and the dialog
// says so above the results.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openInHost, seriousViolations } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:search-as-typed@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  // Mei Abernathy is a patient of the STU3 demo hospital.
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'STU3')!.userId;
  await createDemoList(rounds.url, userId, { name: 'Ward 3', contextId: CONTEXT_ID, columns: ['name', 'mrn'], patientIds: [] });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

describe('searching patients as typed, in Chromium', { timeout: 90_000 }, () => {
  test('"Abernathy, M" shows Mei Abernathy and says family = Abernathy, given starts with M', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('button', { name: 'Add patients' }).first().click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Abernathy, M');
    await dialog.getByRole('button', { name: 'Search' }).click();

    await dialog.getByRole('checkbox', { name: 'Select Mei Abernathy' }).waitFor();
    await dialog.getByText('Searched: family = Abernathy, given starts with M').waitFor();
    const names = await dialog.getByRole('table', { name: 'Search results' }).getByRole('row').allTextContents();
    // Header row, then only Abernathys: the comma was not sent on as an OR.
    expect(names.slice(1).every((row) => row.includes('Abernathy'))).toBe(true);

    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
