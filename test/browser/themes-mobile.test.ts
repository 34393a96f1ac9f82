import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { HOST_TEAM_ID, launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { demoUsers, somePatient, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
const CONTEXT_ID = '19:themes@thread.tacv2';

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'STU3')!.userId;
  // A list with two patients, made through the API, so these tests only look.
  const token = await tokenFor(rounds.url, userId);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = (await (
    await fetch(`${rounds.url}/api/lists`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Ward 2A', context: { kind: 'channel', id: CONTEXT_ID, teamId: HOST_TEAM_ID } }),
    })
  ).json()) as { id: string };
  for (const skip of [0, 1]) {
    const patient = await somePatient(rounds.url, userId, skip);
    await fetch(`${rounds.url}/api/lists/${list.id}/entries`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ patientId: patient.id }),
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

/** The page background the tab paints (FluentProvider's root). */
function background(tab: Frame): Promise<string> {
  return tab.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
}

function setTheme(page: Page, theme: string): Promise<void> {
  return page.evaluate((t) => (window as unknown as { hostApi: { setTheme(x: string): void } }).hostApi.setTheme(t), theme);
}

describe('themes, small screens and languages', { timeout: 90_000 }, () => {
  test('follows Teams from light to dark to high contrast on the theme event', async () => {
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('grid').waitFor();
    await tab.getByRole('grid').getByText(/\d+\/\d+/).first().waitFor();
    const light = await background(tab);
    await screenshot(page, 'theme-light');

    await setTheme(page, 'dark');
    await expect.poll(() => background(tab)).not.toBe(light);
    const dark = await background(tab);
    expect(dark).toMatch(/rgb\((\d{1,2}), \1, \1\)/); // a dark grey
    await screenshot(page, 'theme-dark');
    expect(await seriousViolations(tab)).toEqual([]);

    await setTheme(page, 'contrast');
    await expect.poll(() => background(tab)).toBe('rgb(0, 0, 0)');
    await screenshot(page, 'theme-contrast');
    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('starts in the dark theme when Teams is dark', async () => {
    const { tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, theme: 'dark' });
    await tab.getByRole('grid').waitFor();
    expect(await background(tab)).toMatch(/rgb\((\d{1,2}), \1, \1\)/);
    await context.close();
  });

  test('shows cards with 44 px touch targets on a 360 px wide phone', async () => {
    const { page, tab, context } = await openInHost(browser, rounds.url, {
      user: userId,
      contextId: CONTEXT_ID,
      width: 360,
      height: 740,
    });
    const cards = tab.getByRole('list', { name: 'Patient list' });
    await cards.waitFor();
    expect(await tab.getByRole('grid').count()).toBe(0);
    expect(await cards.getByRole('listitem').count()).toBe(2);
    const sizes = await tab.evaluate(() =>
      [...document.querySelectorAll('main button')]
        .filter((b) => (b as HTMLElement).offsetParent !== null)
        .map((b) => {
          const r = b.getBoundingClientRect();
          return { label: b.getAttribute('aria-label') ?? b.textContent, width: r.width, height: r.height };
        }),
    );
    const small = sizes.filter((s) => s.height < 44 || s.width < 44);
    expect(small).toEqual([]);
    const scrollWidth = await tab.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await screenshot(page, 'mobile-cards');
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });

  test('speaks French when Teams is in French', async () => {
    const { page, tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, locale: 'fr-fr' });
    await tab.getByRole('button', { name: 'Ajouter des patients' }).waitFor();
    await tab.getByText('2 patients').waitFor();
    expect(await tab.getByRole('columnheader').allTextContents()).toContain('Dernières constantes');
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    await screenshot(page, 'lists-fr');
    await context.close();
  });
});
