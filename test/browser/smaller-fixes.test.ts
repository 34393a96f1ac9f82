// Two of #11 item 13's smaller fixes in real Chromium: clicking a search-result row ticks it (once), and the
// column chooser's up/down arrows sit in one column whatever the length of each column's label.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openInHost } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:smaller-fixes@thread.tacv2';

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

describe('smaller fixes, in Chromium', { timeout: 90_000 }, () => {
  test('clicking a search-result row ticks its checkbox, clicking it again unticks it', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('button', { name: 'Add patients' }).first().click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Abernathy');
    await dialog.getByRole('button', { name: 'Search' }).click();
    await dialog.getByRole('checkbox', { name: 'Select Mei Abernathy' }).waitFor();
    const row = dialog.getByRole('row', { name: /Mei Abernathy/ }).first();
    const checkbox = row.getByRole('checkbox');

    await row.getByRole('cell').nth(1).click();
    expect(await checkbox.isChecked()).toBe(true);
    await row.getByRole('cell').nth(2).click();
    expect(await checkbox.isChecked()).toBe(false);
    // The checkbox itself still toggles exactly once.
    await checkbox.click();
    expect(await checkbox.isChecked()).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });

  test("the column chooser's arrows line up in one column, short labels and long", async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('button', { name: 'Columns' }).first().click();
    const dialog = tab.getByRole('dialog', { name: 'Columns and order' });
    const ups = dialog.getByRole('button', { name: /^Move .* up$/ });
    const downs = dialog.getByRole('button', { name: /^Move .* down$/ });
    await ups.first().waitFor();
    const xs = async (buttons: typeof ups): Promise<number[]> =>
      (await buttons.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left))));
    const upXs = await xs(ups);
    const downXs = await xs(downs);
    expect(upXs.length).toBeGreaterThan(5);
    expect(new Set(upXs).size).toBe(1);
    expect(new Set(downXs).size).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });
});
