import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, openInHost, screenshot } from './support/browser.js';
import { demoUsers, somePatient, startTestRounds, type TestRounds } from './support/rounds-server.js';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'STU3')!.userId;
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const focusedLabel = (tab: Frame): Promise<string | null | undefined> =>
  tab.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

/** Presses Tab until the focused element's label or text matches, as a keyboard user would. */
async function tabTo(page: Page, tab: Frame, label: RegExp, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (label.test((await focusedLabel(tab)) ?? '')) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard focus never reached ${label}`);
}

describe('keyboard use, the rounding sheet and CSV', { timeout: 90_000 }, () => {
  test('creates a list, adds a patient and opens the details with the keyboard alone', async () => {
    const patient = await somePatient(rounds.url, userId, 2);
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: '19:keyboard@thread.tacv2' });
    await tab.getByText('No patient lists here yet').waitFor();
    await page.locator('iframe').focus();
    await tabTo(page, tab, /^New list$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('textbox', { name: /List name/ }).waitFor();
    await page.keyboard.type('Keyboard round');
    await page.keyboard.press('Enter');
    await tab.getByRole('heading', { level: 1, name: 'Keyboard round' }).waitFor();

    await tabTo(page, tab, /^Add patients$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('dialog').waitFor();
    await page.keyboard.type(patient.family); // the Name box has the focus
    await page.keyboard.press('Enter');
    await tab.getByRole('checkbox', { name: `Select ${patient.name}` }).waitFor();
    await tabTo(page, tab, new RegExp(`^Select ${patient.name}$`));
    await page.keyboard.press('Space');
    await tabTo(page, tab, /^Add 1 patient$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('dialog').waitFor({ state: 'detached' });

    const open = tab.getByRole('button', { name: `Open the details of ${patient.name}` });
    await open.waitFor();
    await open.focus();
    await page.keyboard.press('Enter');
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });
    await drawer.getByRole('region', { name: 'Latest vitals' }).waitFor();
    // Focus is trapped in the drawer while it is open.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await tab.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => focusedLabel(tab)).toBe(`Open the details of ${patient.name}`);
    await context.close();
  });

  test('prints one line per patient with room for notes, and downloads the CSV with the token', async () => {
    const patient = await somePatient(rounds.url, userId, 2);
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: '19:keyboard@thread.tacv2' });
    await tab.getByRole('button', { name: `Open the details of ${patient.name}` }).waitFor();
    await tab.getByRole('button', { name: 'Rounding sheet' }).click();
    const sheet = tab.getByRole('region', { name: 'Keyboard round: rounding sheet' });
    await sheet.getByRole('table').waitFor();
    expect(await sheet.getByRole('columnheader').allTextContents()).toEqual([
      'Patient',
      'MRN',
      'Age/sex',
      'Location/bed',
      'Conditions',
      'Latest vitals',
      'Team note',
      'Notes',
    ]);
    await page.emulateMedia({ media: 'print' });
    expect(await tab.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await tab.getByRole('button', { name: 'New list' }).isVisible()).toBe(false);
    expect(await sheet.getByRole('table').isVisible()).toBe(true);
    await screenshot(page, 'rounding-sheet-print');
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('Keyboard round.csv');
    const csv = readFileSync((await download.path()), 'utf8');
    expect(csv).toContain(patient.name);
    await context.close();
  });

  test('asks again after a cancelled deletion, and deletes on confirmation', async () => {
    const { tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: '19:keyboard@thread.tacv2' });
    await tab.getByRole('heading', { level: 1, name: 'Keyboard round' }).waitFor();
    await tab.getByRole('button', { name: 'More list actions' }).click();
    await tab.getByRole('menuitem', { name: 'Delete list' }).click();
    await tab.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await tab.getByRole('alertdialog').waitFor({ state: 'detached' });
    await tab.getByRole('button', { name: 'More list actions' }).click();
    await tab.getByRole('menuitem', { name: 'Delete list' }).click();
    await tab.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await tab.getByText('No patient lists here yet').waitFor();
    await context.close();
  });
});
