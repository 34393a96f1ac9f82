// Density (#11 item 5), in Chromium inside the Teams host: a compact view, remembered per user, that shows at least
// 12 rows of the default columns at 1280×800 and at least 4 patients (name, bed, a line of vitals) on a 360×740
// phone, whose toolbar is one row with the rest in "More actions". Screenshots in test-results/ of each screen
// (1280×800 comfortable and compact, 360×740, dark, high contrast, French), with the patient's name checked at the
// start, middle and end of the grid's sideways scroll on each wide one; axe on every screen.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { DEFAULT_COLUMNS } from '../../server/wire/contract.js';
import { launchChromium, openInHost, screenshot, seriousViolations, type HostOptions } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:density@thread.tacv2';
const LIST_NAME = 'Ward 5 rounds';
const PATIENTS = 20;

let rounds: TestRounds;
let browser: Browser;
let userId: string;

/** Distinct patients of the user's hospital, found through the API as a clinician would by name. */
async function patientIds(url: string, user: string, count: number): Promise<string[]> {
  const token = await tokenFor(url, user);
  const ids = new Set<string>();
  for (const letters of ['a', 'e', 'i', 'o', 'u']) {
    const res = await fetch(`${url}/api/patients?name=${letters}&count=40`, { headers: { authorization: `Bearer ${token}` } });
    const { patients } = (await res.json()) as { patients: { id: string }[] };
    for (const patient of patients) ids.add(patient.id);
    if (ids.size >= count) break;
  }
  if (ids.size < count) throw new Error(`only ${ids.size} demo patients found`);
  return [...ids].slice(0, count);
}

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
  await createDemoList(rounds.url, userId, {
    name: LIST_NAME,
    contextId: CONTEXT_ID,
    columns: [...DEFAULT_COLUMNS],
    patientIds: await patientIds(rounds.url, userId, PATIENTS),
  });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

async function openList(options: Partial<HostOptions> & { width: number; height: number }) {
  const host = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, ...options });
  await host.tab.getByRole('heading', { level: 1, name: LIST_NAME }).waitFor();
  // The rows have their EHR data (an age), not only the names kept on the list.
  await host.tab.getByText(/\d\s*(yrs|ans)\b/).first().waitFor();
  return host;
}

/** Grid rows wholly on screen: below the sticky header, above the scroller's bottom edge (and its scrollbar). */
function rowsOnScreen(tab: Frame): Promise<number> {
  return tab.evaluate(() => {
    const grid = document.querySelector('[role="grid"]')!;
    const scroller = grid.parentElement!;
    scroller.scrollTop = 0;
    const box = scroller.getBoundingClientRect();
    const [header, body] = [...grid.querySelectorAll('[role="rowgroup"]')];
    const top = header!.getBoundingClientRect().bottom;
    const bottom = Math.min(box.top + scroller.clientHeight, window.innerHeight);
    return [...body!.querySelectorAll('[role="row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
    }).length;
  });
}

/** Scrolls the grid sideways to `fraction` of its range; for every row in view, is its name inside and on top? */
function namesAt(tab: Frame, fraction: number): Promise<{ scrolled: number; rows: number; hidden: string[] }> {
  return tab.evaluate((fraction) => {
    const grid = document.querySelector('[role="grid"]')!;
    const scroller = grid.parentElement!;
    scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) * fraction;
    const box = scroller.getBoundingClientRect();
    const bottom = box.top + scroller.clientHeight;
    const header = grid.querySelector('[role="rowgroup"]')!.getBoundingClientRect().bottom;
    const hidden: string[] = [];
    let rows = 0;
    for (const row of grid.querySelectorAll('[role="rowgroup"] [role="row"]')) {
      const name = row.querySelector('[role="gridcell"]');
      if (!name) continue;
      const r = name.getBoundingClientRect();
      const y = r.top + Math.min(r.height / 2, 12);
      if (y <= header || y >= bottom) continue;
      rows += 1;
      const hit = document.elementFromPoint(r.left + r.width / 2, y);
      const isInside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      if (!isInside || !hit || !name.contains(hit)) hidden.push(name.textContent ?? '');
    }
    return { scrolled: scroller.scrollLeft, rows, hidden };
  }, fraction);
}

/** The wide screen's checks: the name in view at the start, middle and end of the sideways scroll; a picture of each end. */
async function expectNamesAtEveryScroll(page: Page, tab: Frame, name: string): Promise<void> {
  for (const [fraction, suffix] of [
    [0, 'start'],
    [0.5, 'middle'],
    [1, 'end'],
  ] as const) {
    const seen = await namesAt(tab, fraction);
    if (fraction > 0) expect(seen.scrolled, `the grid scrolls sideways (${suffix})`).toBeGreaterThan(0);
    expect(seen.rows, `rows in view (${suffix})`).toBeGreaterThanOrEqual(3);
    expect(seen.hidden, `names hidden at the ${suffix}`).toEqual([]);
    if (suffix !== 'middle') await screenshot(page, `density-${name}-scroll-${suffix}`);
  }
  await namesAt(tab, 0);
}

/** The phone's patients wholly on screen, each with its name, bed and vitals lines visible and one line high. */
function patientsOnPhone(tab: Frame): Promise<{ count: number; lines: { name: string; bed: string; vitals: string; isOneLine: boolean }[] }> {
  return tab.evaluate(() => {
    const items = [...document.querySelectorAll('ul[aria-label="Patient list"] > li')];
    const whole = items.filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    });
    const lines = whole.map((li) => {
      const [bed, vitals] = [...li.querySelectorAll('p')];
      return {
        name: li.querySelector('[data-entry-id]')?.textContent ?? '',
        bed: bed?.textContent ?? '',
        vitals: vitals?.textContent ?? '',
        isOneLine: [bed, vitals].every((p) => p !== undefined && p.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(p).lineHeight)),
      };
    });
    return { count: whole.length, lines };
  });
}

describe('density: comfortable and compact, in Chromium', { timeout: 120_000 }, () => {
  test('at 1280×800 the compact view shows at least 12 rows of the default columns, and is remembered per user', async () => {
    const { page, tab, context, errors } = await openList({ width: 1280, height: 800 });
    const compact = tab.getByRole('button', { name: 'Compact' });
    expect(await compact.getAttribute('aria-pressed')).toBe('false');
    const comfortable = await rowsOnScreen(tab);
    expect(comfortable, 'comfortable rows wholly on screen').toBeLessThan(12);
    await expectNamesAtEveryScroll(page, tab, '1280x800-comfortable');
    expect(await seriousViolations(tab)).toEqual([]);

    await compact.click();
    await expect.poll(() => compact.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => rowsOnScreen(tab), { timeout: 5_000 }).toBeGreaterThanOrEqual(12);
    console.log(`rows wholly on screen at 1280×800: comfortable ${comfortable}, compact ${await rowsOnScreen(tab)}`);
    await expectNamesAtEveryScroll(page, tab, '1280x800-compact');
    expect(await seriousViolations(tab)).toEqual([]);

    // Remembered for this user (the key names the user, never a patient), so a reload keeps it.
    expect(await tab.evaluate((id) => localStorage.getItem(`rounds.density.${id}`), userId)).toBe('compact');
    await page.reload();
    const reloaded = page.frames().find((f) => f !== page.mainFrame())!;
    await reloaded.getByRole('heading', { level: 1, name: LIST_NAME }).waitFor();
    await reloaded.getByText(/\d+ yrs/).first().waitFor();
    expect(await reloaded.getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed')).toBe('true');
    expect(await rowsOnScreen(reloaded)).toBeGreaterThanOrEqual(12);

    // Back to comfortable, with the keyboard.
    await reloaded.getByRole('button', { name: 'Compact' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => reloaded.getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed')).toBe('false');
    expect(await reloaded.evaluate((id) => localStorage.getItem(`rounds.density.${id}`), userId)).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a 360×740 phone the compact view shows at least 4 patients, the toolbar is one row, the full card a tap away', async () => {
    const { page, tab, context, errors } = await openList({ width: 360, height: 740 });
    const comfortable = (await patientsOnPhone(tab)).count;
    await screenshot(page, 'density-360x740-comfortable');
    expect(await seriousViolations(tab)).toEqual([]);

    // One row: every toolbar button on the same line, inside the screen.
    const toolbar = await tab.getByRole('toolbar', { name: 'List actions' }).evaluate((bar) => ({
      tops: [...bar.querySelectorAll('button')].map((b) => Math.round(b.getBoundingClientRect().top)),
      right: bar.getBoundingClientRect().right,
    }));
    expect(new Set(toolbar.tops).size).toBe(1);
    expect(toolbar.tops.length).toBeGreaterThanOrEqual(3);
    expect(toolbar.right).toBeLessThanOrEqual(360);

    // The rest is in "More actions", by keyboard: arrows along the toolbar, Enter opens, Space ticks Compact.
    await tab.getByRole('button', { name: 'Add patients' }).focus();
    const more = tab.getByRole('button', { name: 'More actions', exact: true });
    for (let i = 0; i < 4 && !(await more.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('ArrowRight');
    expect(await more.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const menu = tab.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Columns', 'Rounding sheet']);
    const compactItem = menu.getByRole('menuitemcheckbox', { name: 'Compact' });
    await compactItem.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => compactItem.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => more.evaluate((b) => b === document.activeElement)).toBe(true);

    await expect.poll(async () => (await patientsOnPhone(tab)).count).toBeGreaterThanOrEqual(4);
    const phone = await patientsOnPhone(tab);
    console.log(`patients wholly on a 360×740 screen: comfortable ${comfortable}, compact ${phone.count}`);
    for (const line of phone.lines) {
      expect(line.name).not.toBe('');
      expect(line.bed).toMatch(/Location\/bed: ./);
      expect(line.isOneLine, `one line each for ${line.name}`).toBe(true);
    }
    expect(phone.lines.filter((l) => /Latest vitals: .*\d/.test(l.vitals)).length).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'density-360x740-compact');
    expect(await seriousViolations(tab)).toEqual([]);

    // The full card, a tap away: every column and the row's actions unfold under the name.
    const first = phone.lines[0]!.name;
    const unfold = tab.getByRole('button', { name: `Full card of ${first}` });
    expect(await unfold.getAttribute('aria-expanded')).toBe('false');
    await unfold.click();
    expect(await unfold.getAttribute('aria-expanded')).toBe('true');
    const card = tab.locator(`[id="${await unfold.getAttribute('aria-controls')}"]`);
    await expect.poll(() => card.getByText('MRN').isVisible()).toBe(true);
    await card.getByRole('button', { name: `Edit team note for ${first}` }).waitFor();
    await screenshot(page, 'density-360x740-compact-card');
    // The name still opens the patient's details.
    await tab.getByRole('button', { name: `Open the details of ${first}` }).click();
    await tab.getByRole('dialog').waitFor();
    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const screen of [
    { name: '1280x800-dark', theme: 'dark', locale: 'en-us', density: 'compact' },
    { name: '1280x800-contrast', theme: 'contrast', locale: 'en-us', density: 'comfortable' },
    { name: '1280x800-fr', theme: 'default', locale: 'fr-fr', density: 'compact' },
  ] as const) {
    test(`keeps the name in view across the sideways scroll: ${screen.name} (${screen.density})`, async () => {
      const { page, tab, context, errors } = await openList({ width: 1280, height: 800, theme: screen.theme, locale: screen.locale });
      const compactLabel = screen.locale === 'fr-fr' ? 'Vue compacte' : 'Compact';
      if (screen.density === 'compact') {
        await tab.getByRole('button', { name: compactLabel }).click();
        await expect.poll(() => tab.getByRole('button', { name: compactLabel }).getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => rowsOnScreen(tab), { timeout: 5_000 }).toBeGreaterThanOrEqual(12);
      }
      await expectNamesAtEveryScroll(page, tab, screen.name);
      expect(await seriousViolations(tab)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test('a French phone: compact patients and the one-row toolbar, in French', async () => {
    const { page, tab, context, errors } = await openList({ width: 360, height: 740, locale: 'fr-fr' });
    await tab.getByRole('button', { name: 'Autres actions', exact: true }).click();
    await tab.getByRole('menuitemcheckbox', { name: 'Vue compacte' }).click();
    await page.keyboard.press('Escape');
    await tab.getByRole('button', { name: /^Fiche complète de / }).first().waitFor();
    const tops = await tab
      .getByRole('toolbar', { name: 'Actions sur la liste' })
      .evaluate((bar) => [...bar.querySelectorAll('button')].map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'density-360x740-fr-compact');
    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
