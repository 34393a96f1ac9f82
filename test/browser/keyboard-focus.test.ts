import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, openInHost } from './support/browser.js';
import { demoUsers, somePatient, startTestRounds, type TestRounds } from './support/rounds-server.js';

// #11 item 1: after every action the focus lands somewhere sensible, never on <body> nor in a toast,
// and a toast never holds the keyboard (WCAG 2.1.2).

let rounds: TestRounds;
let browser: Browser;
let userId: string;
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

interface Focus {
  label: string;
  isBody: boolean;
  isInToast: boolean;
  isInDialog: boolean;
}

const focusOf = (where: Frame | Page): Promise<Focus> =>
  where.evaluate(() => {
    const active = document.activeElement;
    return {
      label: (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim(),
      isBody: !active || active === document.body,
      isInToast: Boolean(active?.closest('.fui-Toaster')),
      isInDialog: Boolean(active?.closest('[role="dialog"]')),
    };
  });

/** Waits for the focus to settle on something other than <body>, and checks it is not in a toast. */
async function expectSensibleFocus(where: Frame | Page, label?: RegExp): Promise<Focus> {
  await expect.poll(async () => (await focusOf(where)).isBody, { timeout: 5_000 }).toBe(false);
  if (label) await expect.poll(async () => (await focusOf(where)).label, { timeout: 5_000 }).toMatch(label);
  const focus = await focusOf(where);
  expect(focus.isInToast).toBe(false);
  return focus;
}

async function tabTo(page: Page, tab: Frame, label: RegExp, limit = 40, key: 'Tab' | 'Shift+Tab' | 'ArrowRight' = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (label.test((await focusOf(tab)).label)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`keyboard focus never reached ${label} (last: ${(await focusOf(tab)).label})`);
}

/** Add patients → type the family name → the Search button → tick the patient → Add, all from the keyboard. */
async function addBySearch(
  page: Page,
  tab: Frame,
  patient: { name: string; family: string },
  added: string,
  toToolbar: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  await tabTo(page, tab, /^Add patients$/, 40, toToolbar);
  await page.keyboard.press('Enter');
  await tab.getByRole('dialog').waitFor();
  // The dialog moves the focus into its search box once open: type only then (under load it comes later).
  await expect
    .poll(() => tab.evaluate(() => document.activeElement?.tagName === 'INPUT' && Boolean(document.activeElement.closest('[role="dialog"]'))))
    .toBe(true);
  await page.keyboard.type(patient.family);
  // The Search button, not Enter in the box: it goes disabled while searching.
  await tabTo(page, tab, /^Search$/);
  await page.keyboard.press('Enter');
  await tab.getByRole('checkbox', { name: `Select ${patient.name}` }).first().waitFor();
  const afterSearch = await expectSensibleFocus(tab);
  expect(afterSearch.isInDialog).toBe(true);
  await tabTo(page, tab, new RegExp(`^Select ${patient.name}$`));
  await page.keyboard.press('Space');
  await tabTo(page, tab, /^Add 1 patient$/);
  await page.keyboard.press('Enter');
  await tab.getByRole('dialog').waitFor({ state: 'detached' });
  await tab.locator('.fui-Toaster').getByText(added).first().waitFor();
  await expectSensibleFocus(tab, new RegExp(`^Open the details of ${patient.name}$`));
}

describe('the focus after each action, and toasts that never trap it', { timeout: 90_000 }, () => {
  test('signing in puts the focus on the main heading', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.route('https://res.cdn.office.net/**', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${rounds.url}/tab`);
    const user = (await demoUsers(rounds.url)).find((u) => u.userId === userId)!;
    const signIn = page.getByRole('button', { name: `Sign in as ${user.name}` });
    await signIn.focus();
    await page.keyboard.press('Enter');
    await page.getByText('No patient lists here yet').waitFor();
    await expectSensibleFocus(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toMatch(/^H[12]$/);
    await context.close();
  });

  test('keyboard alone: creates a list, adds three patients by search, saves a note, closes the drawer with Escape, opens the rounding sheet and comes back', async () => {
    const patient = await somePatient(rounds.url, userId, 1);
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: '19:focus@thread.tacv2' });
    await tab.getByText('No patient lists here yet').waitFor();
    await page.locator('iframe').focus();
    await tabTo(page, tab, /^New list$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('textbox', { name: /List name/ }).waitFor();
    await page.keyboard.type('Focus round');
    await page.keyboard.press('Enter');
    await tab.getByRole('heading', { level: 1, name: 'Focus round' }).waitFor();
    await expectSensibleFocus(tab, /^Focus round$/);

    await addBySearch(page, tab, patient, '1 patient added.');

    // Tab moves on while the toast is up, forwards and back, and never lands in it.
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Tab', 'Escape']) {
      await page.keyboard.press(key);
      expect((await focusOf(tab)).isInToast).toBe(false);
    }
    // Even reached on purpose (Ctrl+M), Tab and Escape leave the toast for where the user was.
    const open = tab.getByRole('button', { name: `Open the details of ${patient.name}` });
    if (await tab.locator('.fui-Toaster').getByText('1 patient added.').isVisible()) {
      await open.focus();
      await page.keyboard.press('Control+m');
      await page.keyboard.press('Tab');
      await expectSensibleFocus(tab, new RegExp(`^Open the details of ${patient.name}$`));
    }

    await open.focus();
    await page.keyboard.press('Enter');
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });
    await drawer.getByRole('heading', { name: 'Team note' }).waitFor();
    await tabTo(page, tab, /^(Add a note|Edit note)$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('textbox', { name: 'Note', exact: true }).waitFor();
    await page.keyboard.type('Keyboard note');
    await tabTo(page, tab, /^Save note$/);
    await page.keyboard.press('Enter');
    await drawer.getByText('Keyboard note').waitFor();
    await tab.locator('.fui-Toaster').getByText('Note saved.').waitFor();
    const afterSave = await expectSensibleFocus(tab, /^(Add a note|Edit note)$/);
    expect(afterSave.isInDialog).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expectSensibleFocus(tab);

    // Cancel from the drawer goes back into it too.
    await open.focus();
    await page.keyboard.press('Enter');
    await drawer.getByRole('heading', { name: 'Team note' }).waitFor();
    await tabTo(page, tab, /^(Add a note|Edit note)$/);
    await page.keyboard.press('Enter');
    await tab.getByRole('textbox', { name: 'Note', exact: true }).waitFor();
    await tabTo(page, tab, /^Cancel$/);
    await page.keyboard.press('Enter');
    await expectSensibleFocus(tab, /^(Add a note|Edit note)$/);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expectSensibleFocus(tab, new RegExp(`^Open the details of ${patient.name}$`));

    // Two more patients by search make three, then the rounding sheet and back to the list.
    for (const skip of [2, 3]) {
      const another = await somePatient(rounds.url, userId, skip);
      // From a row, the toolbar is behind: Shift+Tab.
      await addBySearch(page, tab, another, '1 patient added.', 'Shift+Tab');
    }
    await tab.getByText('3 patients').waitFor();
    // The toolbar is one Tab stop; its buttons are reached with the arrow keys (Fluent's Toolbar).
    await tabTo(page, tab, /^Add patients$/, 40, 'Shift+Tab');
    await tabTo(page, tab, /^Rounding sheet$/, 12, 'ArrowRight');
    await page.keyboard.press('Enter');
    const sheet = tab.getByRole('region', { name: 'Focus round: rounding sheet' });
    await sheet.getByRole('table').waitFor();
    expect(await sheet.getByRole('row').count()).toBe(4);
    await expectSensibleFocus(tab);
    await tabTo(page, tab, /^Back to the list$/);
    await page.keyboard.press('Enter');
    await sheet.waitFor({ state: 'detached' });
    await expectSensibleFocus(tab, /^Rounding sheet$/);
    await context.close();
  });
});
