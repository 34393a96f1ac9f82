// The patient's name stays on screen when a wide list scrolls sideways, in real Chromium (#11 item 4): at 1280×800
// in the Teams host, a 10-column list scrolled to the middle and to the far right still shows every visible row's
// name, uncovered; the actions cover no column; and the grid's horizontal scrollbar is within the screen.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import type { ColumnId } from '../../server/wire/contract.js';
import { launchChromium, openInHost, seriousViolations } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:frozen-name@thread.tacv2';
const COLUMNS: ColumnId[] = [
  'name',
  'mrn',
  'age',
  'location',
  'attending',
  'conditions',
  'vitals',
  'allergies',
  'medications',
  'note',
];

let rounds: TestRounds;
let browser: Browser;
let userId: string;

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
  const patientIds: string[] = [];
  for (let skip = 0; skip < 12; skip += 1) patientIds.push((await somePatient(rounds.url, userId, skip)).id);
  await createDemoList(rounds.url, userId, { name: 'Wide ward', contextId: CONTEXT_ID, columns: COLUMNS, patientIds });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

interface Layout {
  scrolled: number;
  scroller: { left: number; right: number; bottom: number };
  viewportHeight: number;
  /** One per row whose name cell is (at least partly) inside the scroller vertically. */
  rows: { nameInside: boolean; nameUncovered: boolean; actionsOverAttending: boolean; attendingCovered: boolean }[];
}

/** Scrolls the grid sideways to `fraction` of its range and reads what the clinician sees. */
function layoutAt(tab: Frame, fraction: number, attendingIndex: number): Promise<Layout> {
  return tab.evaluate(
    ([fraction, attendingIndex]) => {
      const grid = document.querySelector('[role="grid"]')!;
      const scroller = grid.parentElement!;
      scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) * fraction;
      const box = scroller.getBoundingClientRect();
      // Is the point's topmost element inside `cell`? (a sticky cell drawn over it would not be)
      const isOnTop = (cell: Element, x: number, y: number): boolean => {
        const hit = document.elementFromPoint(x, y);
        return hit !== null && cell.contains(hit);
      };
      const rows = [...grid.querySelectorAll('[role="rowgroup"] [role="row"]')]
        .map((row) => [...row.querySelectorAll('[role="gridcell"]')])
        .filter((cells) => cells.length > 0)
        .filter((cells) => {
          const r = cells[0]!.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom - (scroller.offsetHeight - scroller.clientHeight);
        })
        .map((cells) => {
          const name = cells[0]!.getBoundingClientRect();
          const row = cells[0]!.parentElement!.getBoundingClientRect();
          const attendingCell = cells[attendingIndex]!;
          const attending = attendingCell.getBoundingClientRect();
          const actions = cells[cells.length - 1]!.getBoundingClientRect();
          const attendingShown = attending.right > name.right + 4 && attending.left < box.right - 4;
          const ax = Math.max(attending.left, name.right) + 4;
          return {
            nameInside: name.left >= box.left - 0.5 && name.right <= box.right + 0.5,
            // The name cell's whole height and width, not only its text: nothing scrolled under it shows through.
            nameUncovered: [name.left + 4, name.left + name.width / 2, name.right - 4].every((x) =>
              [row.top + 3, row.top + row.height / 2, row.bottom - 3]
                .filter((y) => y > box.top && y < box.bottom - (scroller.offsetHeight - scroller.clientHeight))
                .every((y) => isOnTop(cells[0]!, x, y)),
            ),
            actionsOverAttending:
              actions.left < attending.right - 0.5 && attending.left < actions.right - 0.5 && actions.top < attending.bottom,
            attendingCovered: attendingShown && !isOnTop(attendingCell, ax, attending.top + Math.min(attending.height / 2, 12)),
          };
        });
      return {
        scrolled: scroller.scrollLeft,
        scroller: { left: box.left, right: box.right, bottom: box.bottom },
        viewportHeight: window.innerHeight,
        rows,
      };
    },
    [fraction, attendingIndex] as const,
  );
}

describe('the frozen patient name, in Chromium', { timeout: 120_000 }, () => {
  test('keeps every visible row named and uncovered at 1280×800, with the scrollbar on screen', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, {
      user: userId,
      contextId: CONTEXT_ID,
      width: 1280,
      height: 800,
    });
    await tab.getByRole('heading', { level: 1, name: 'Wide ward' }).waitFor();
    await tab.getByRole('gridcell').first().waitFor();
    const attendingIndex = COLUMNS.indexOf('attending');

    for (const fraction of [0.5, 1]) {
      const layout = await layoutAt(tab, fraction, attendingIndex);
      expect(layout.scrolled, `the grid scrolls sideways (${fraction})`).toBeGreaterThan(0);
      expect(layout.rows.length, 'several rows are visible').toBeGreaterThanOrEqual(3);
      for (const row of layout.rows) {
        expect(row).toEqual({ nameInside: true, nameUncovered: true, actionsOverAttending: false, attendingCovered: false });
      }
      // The scroller ends on screen, so its horizontal scrollbar can be reached without scrolling the page.
      expect(layout.scroller.bottom).toBeLessThanOrEqual(layout.viewportHeight);
    }

    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
