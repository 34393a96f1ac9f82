// @vitest-environment jsdom
// The list view with discharged and deceased patients (#12 item 7) and values of different ages (item 2).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PatientSummary } from '../../server/wire/contract';
import { ListsView } from '../../tab/features/lists/ListsView';
import type { ListsSlots } from '../../tab/shared/slots';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, ADA_ROW, BEN } from './support/fixtures';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
const NO_SLOTS: ListsSlots = {
  AddPatients: () => null,
  PatientDetail: () => null,
  NoteEditor: () => null,
  RoundingSheet: () => null,
};
const HOUR = 3_600_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

const CY: PatientSummary = { id: 'p-cy', name: 'Cy Abbot', family: 'Abbot', given: ['Cy'], prefix: [], mrn: 'MRN-0003' };
const DOT: PatientSummary = {
  id: 'p-dot',
  name: 'Dot Acre',
  family: 'Acre',
  given: ['Dot'],
  prefix: [],
  mrn: 'MRN-0004',
  deceased: true,
  deceasedDate: ago(20 * HOUR),
};

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(BEN);
  fake.addPatient(ADA, {
    ...ADA_ROW,
    vitals: [
      { code: '8867-4', name: 'Heart rate', value: 72, unit: '/min', effective: ago(3 * HOUR), components: [] },
      { code: '29463-7', name: 'Body weight', value: 71, unit: 'kg', effective: ago(72 * HOUR), components: [] },
    ],
  });
  fake.addPatient(CY, {
    encounter: { status: 'finished', location: '4W-3 Bed B', start: ago(100 * HOUR), end: ago(26 * HOUR), participants: [] },
  });
  fake.addPatient(DOT, { encounter: { status: 'in-progress', location: '4W-4 Bed A', participants: [] } });
});
beforeEach(async () => {
  window.localStorage.clear();
  await fake.reset();
});
afterEach(() => cleanup());
afterAll(() => fake.close());

async function addList(staleAfterHours?: number): Promise<string> {
  const list = await fake.addList({ name: 'Ward 4', context: CHANNEL, sort: { column: 'name', direction: 'asc' }, ...(staleAfterHours ? { staleAfterHours } : {}) });
  for (const p of [ADA, BEN, CY, DOT]) await fake.addEntry(list.id, { patientId: p.id });
  return list.id;
}

const patientNames = (grid: HTMLElement): string[] =>
  within(grid)
    .queryAllByRole('button', { name: /^Open the details of / })
    .map((b) => b.textContent);

async function openGrid(): Promise<HTMLElement> {
  renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
  const grid = await screen.findByRole('grid', { name: 'Patients on Ward 4' });
  await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
  return grid;
}

describe('discharged and deceased patients on the list', () => {
  test('are marked in words, sorted after the others, and say "Discharged <date>" instead of the bed', async () => {
    await addList();
    const grid = await openGrid();
    // By name ascending Abbot and Acre would come first: they come last.
    expect(patientNames(grid)).toEqual(['Ben Arrow', 'Ada Quill', 'Cy Abbot', 'Dot Acre']);
    const rowOf = (name: string): HTMLElement => within(grid).getAllByRole('row').find((r) => r.textContent.includes(name))!;
    expect(rowOf('Cy Abbot').textContent).toMatch(/Discharged [A-Z][a-z]{2} \d{1,2}/);
    expect(rowOf('Cy Abbot').textContent).not.toContain('4W-3 Bed B');
    // "† Deceased" on screen; the dagger is decoration, so a screen reader says "Deceased".
    const mark = within(rowOf('Dot Acre')).getByText('Deceased');
    expect(mark.textContent).toBe('† Deceased');
    expect(mark.querySelector('[aria-hidden="true"]')?.textContent).toBe('†');
    expect(rowOf('Ada Quill').textContent).not.toContain('Deceased');
  });

  test('are hidden by one toggle that shows how many, remembered for the list in this browser', async () => {
    const listId = await addList();
    const user = userEvent.setup({ delay: null });
    let grid = await openGrid();
    const toggle = screen.getByRole('button', { name: 'Hide discharged and deceased (2)' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByText('2 hidden')).toBeNull();

    await user.click(toggle);
    expect(patientNames(grid)).toEqual(['Ben Arrow', 'Ada Quill']);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('2 hidden')).toBeTruthy();
    expect(screen.getByText('4 patients')).toBeTruthy();
    // The key names the list only: no patient data in the browser's storage.
    expect(Object.keys(window.localStorage)).toEqual([`rounds.hideGone.${listId}`]);

    cleanup();
    grid = await openGrid();
    expect(patientNames(grid)).toEqual(['Ben Arrow', 'Ada Quill']);
    const remembered = screen.getByRole('button', { name: 'Hide discharged and deceased (2)' });
    expect(remembered.getAttribute('aria-pressed')).toBe('true');

    await user.click(remembered);
    expect(patientNames(grid)).toEqual(['Ben Arrow', 'Ada Quill', 'Cy Abbot', 'Dot Acre']);
    expect(screen.queryByText('2 hidden')).toBeNull();
    expect(window.localStorage.length).toBe(0);
  });

  test('leave no toggle when there are none', async () => {
    const list = await fake.addList({ name: 'Ward 4', context: CHANNEL });
    await fake.addEntry(list.id, { patientId: ADA.id });
    await openGrid();
    expect(screen.queryByRole('button', { name: /^Hide discharged and deceased/ })).toBeNull();
  });
});

describe('the age of each value', () => {
  test('shows beside it, in words for screen readers, and greys what is older than 24 hours', async () => {
    await addList();
    const grid = await openGrid();
    const ada = within(grid).getAllByRole('row').find((r) => r.textContent.includes('Ada Quill'))!;
    const weight = within(ada).getByTitle('recorded 3 days ago, more than 24 hours old');
    expect(weight.textContent.replace(/\u00a0/g, ' ')).toBe('3 d: Wt 71 kg (recorded 3 days ago, more than 24 hours old)');
    const heartRate = within(ada).getByTitle('recorded 3 hours ago');
    expect(heartRate.textContent.replace(/\u00a0/g, ' ')).toBe('3 h: HR 72 /min (recorded 3 hours ago)');
    // Greyed is a class of its own: the stale value has it, the fresh one not.
    expect(weight.className).not.toBe(heartRate.className);
  });

  test('follows the list’s own threshold', async () => {
    await addList(2);
    const grid = await openGrid();
    const ada = within(grid).getAllByRole('row').find((r) => r.textContent.includes('Ada Quill'))!;
    const heartRate = within(ada).getByTitle('recorded 3 hours ago, more than 2 hours old');
    const weight = within(ada).getByTitle('recorded 3 days ago, more than 2 hours old');
    expect(heartRate.className).toBe(weight.className);
  });
});
