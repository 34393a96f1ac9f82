// Clinical signal in real Chromium over the demo EHR (#12, "Browser tests"): abnormal values flagged in words with an
// arrow (never colour alone, forced colours included) and read out as such; the NEWS2 column sorted sickest first,
// partial scores said to be partial; and the list with its flags, NEWS2 and change marks in the three Teams themes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Locator } from 'playwright-core';
import { DEMO_SMART_TENANT_ID, startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import type { Flag, Row } from '../../server/wire/contract.js';
import { launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { createDemoList, rowsOf, saveNote } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:clinical-signal@thread.tacv2';
const FLAG_WORDS: Record<Exclude<Flag, 'normal'>, string> = {
  high: '↑ high',
  low: '↓ low',
  'critical-high': '⇈ critically high',
  'critical-low': '⇊ critically low',
};
// The vitals whose short label and unit the cell shows as "HR 113 /min".
const RATE_LABELS: Record<string, string> = { '8867-4': 'HR', '9279-1': 'RR' };

let partner: RunningDemoPartner;
let rounds: TestRounds;
let browser: Browser;
let userId: string;
let rows: Row[];
/** A row with a heart or breathing rate flagged high, and that value as the cell shows it ("HR 113 /min ↑ high"). */
let highVital: { row: Row; text: string };
/** A row with a critical lab, and its value and flag as the cell shows them ("6.8 ⇈ critically high"). */
let criticalLab: { row: Row; text: string };
/** The row whose team note a teammate edited since the user last looked. */
let noted: Row;

function findHighVital(): { row: Row; text: string } {
  for (const row of rows) {
    const vital = row.vitals.find((v) => v.code && RATE_LABELS[v.code] && v.flag === 'high' && v.value !== undefined);
    if (vital) return { row, text: `${RATE_LABELS[vital.code!]} ${vital.value} /min ${FLAG_WORDS.high}` };
  }
  throw new Error('no demo patient on the list has a high heart or breathing rate');
}

function findCriticalLab(): { row: Row; text: string } {
  for (const row of rows) {
    const lab = row.labs.find((l) => (l.flag === 'critical-high' || l.flag === 'critical-low') && l.value !== undefined);
    if (lab) return { row, text: `${lab.value} ${FLAG_WORDS[lab.flag as 'critical-high' | 'critical-low']}` };
  }
  throw new Error('no demo patient on the list has a critical lab');
}

beforeAll(async () => {
  partner = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    hospitals: [{ tenantId: DEMO_SMART_TENANT_ID }],
    // Today's data whatever the hour: before 08:00 UTC the default day is yesterday's, out of NEWS2's 24 h.
    anchorDate: new Date().toISOString().slice(0, 10),
  });
  rounds = await startTestRounds({ demoPartner: partner });
  browser = await launchChromium();
  const [user, teammate] = (await demoUsers(rounds.url)).filter((u) => u.tenantId === DEMO_SMART_TENANT_ID);
  userId = user!.userId;
  const tenant = partner.tenants.find((t) => t.tenantId === DEMO_SMART_TENANT_ID)!;
  const { list } = await createDemoList(rounds.url, userId, {
    name: 'Acute Medical Unit',
    contextId: CONTEXT_ID,
    columns: ['name', 'vitals', 'news2', 'labs', 'note'],
    patientIds: tenant.samplePatientIds,
  });
  // The user's first view: what changes are counted from. Then a teammate edits a note.
  rows = await rowsOf(rounds.url, userId, list.id);
  highVital = findHighVital();
  criticalLab = findCriticalLab();
  noted = highVital.row;
  await saveNote(rounds.url, teammate!.userId, list.id, noted.entryId, 'Fluids running; recheck lactate 14:00');
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
  await partner?.close();
});

const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');
const gridRow = (tab: Frame, row: Row): Locator =>
  tab.getByRole('row').filter({ has: tab.getByRole('button', { name: `Open the details of ${row.patient!.name}` }) });
/** The body cells of one column, top to bottom, found by its header's position. */
async function columnTexts(tab: Frame, header: string): Promise<string[]> {
  const headers = (await tab.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(header);
  if (index === -1) throw new Error(`no column "${header}" in ${headers.join(', ')}`);
  const bodyRows = tab.getByRole('rowgroup').last().getByRole('row');
  return Promise.all((await bodyRows.all()).map(async (r) => plain(await r.getByRole('gridcell').nth(index).textContent())));
}
const colours = (locator: Locator): Promise<{ color: string; background: string }> =>
  locator.evaluate((el) => {
    let back: Element | null = el;
    while (back && getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)') back = back.parentElement;
    return { color: getComputedStyle(el).color, background: back ? getComputedStyle(back).backgroundColor : 'none' };
  });

describe('clinical signal on the list, in Chromium', { timeout: 120_000 }, () => {
  test('an abnormal vital and a critical lab say their flag in words, also to a screen reader and in forced colours', async () => {
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    const vitalRow = gridRow(tab, highVital.row);
    await vitalRow.waitFor();
    expect(plain(await vitalRow.textContent())).toContain(highVital.text);
    // The accessible name a screen reader reads for the cell carries the words, not just a colour.
    expect(plain(await vitalRow.ariaSnapshot())).toContain(highVital.text);
    expect(await vitalRow.getByRole('gridcell', { name: highVital.text }).count()).toBe(1);

    const labRow = gridRow(tab, criticalLab.row);
    expect(plain(await labRow.textContent())).toContain(criticalLab.text);
    expect(plain(await labRow.ariaSnapshot())).toContain(criticalLab.text);

    // Windows high contrast replaces every colour: the words stay, in a colour of their own against the background.
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await tab.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    for (const { row, text } of [highVital, criticalLab]) {
      const words = gridRow(tab, row).getByText(text);
      expect(await words.isVisible()).toBe(true);
      const { color, background } = await colours(words);
      expect(color).not.toBe(background);
    }
    await screenshot(page, 'clinical-signal-forced-colors');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('sorting the NEWS2 column puts the sickest first and shows a partial score as partial', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await gridRow(tab, rows[0]!).waitFor();
    const header = tab.getByRole('columnheader', { name: 'NEWS2' });
    // Fluent's header sorts ascending first, then descending.
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');

    const cells = await columnTexts(tab, 'NEWS2');
    const scores = cells.map((text) => Number(/^(\d+) · /.exec(text)?.[1]));
    expect(scores).toEqual(rows.map((r) => r.news2!.score).sort((a, b) => b - a));
    expect(scores.every((score, i) => i === 0 || score <= scores[i - 1]!)).toBe(true);
    // A score with parameters missing (a few demo patients have oxygen or responsiveness charted on paper) says so, and which.
    const partial = rows.find((r) => r.news2?.partial);
    expect(partial, 'a row with a partial NEWS2').toBeDefined();
    const partialText = plain(await gridRow(tab, partial!).textContent());
    expect(partialText).toContain(`(partial: no ${partial!.news2!.missing.join(', ')})`);
    expect(cells.filter((text) => text.includes('(partial: no ')).length).toBe(rows.filter((r) => r.news2?.partial).length);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    test(`flags, NEWS2 and a teammate's change are all visible in the ${theme} theme`, async () => {
      const { page, tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, theme });
      const row = gridRow(tab, noted);
      await row.getByText(/\b1 change since \d\d:\d\d( [AP]M)?$/).waitFor();
      // The picture is of the theme it is named after: light, or a dark background (black in high contrast).
      const [red, green, blue] = (await colours(tab.locator('.fui-FluentProvider').first())).background.match(/\d+/g)!.map(Number);
      expect((red! + green! + blue!) / 3 < 128).toBe(theme !== 'default');
      const changed = row.locator('[data-changed="true"]');
      expect(await changed.count()).toBe(1);
      expect(plain(await changed.textContent())).toContain('Changed since you last looked: Fluids running');
      // The mark is a border in a colour of its own, not a hairline the theme hides.
      const border = await changed.evaluate((el) => {
        const style = getComputedStyle(el);
        return { width: parseFloat(style.borderInlineStartWidth), color: style.borderInlineStartColor };
      });
      expect(border.width).toBeGreaterThanOrEqual(2);
      expect(border.color).not.toBe((await colours(changed)).background);
      expect(await row.getByText(highVital.text).isVisible()).toBe(true);
      expect(plain(await gridRow(tab, criticalLab.row).textContent())).toContain(criticalLab.text);
      expect((await columnTexts(tab, 'NEWS2')).every((text) => /^\d+ · /.test(text))).toBe(true);
      await screenshot(page, `clinical-signal-${theme}`);
      expect(await seriousViolations(tab)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
