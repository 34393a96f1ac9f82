// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import type { ListsSlots } from '../../tab/shared/slots';
import type { Entry } from '../../server/wire/contract';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';
import { ADA, ADA_ROW, BEN } from './support/fixtures';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
// The lists view is tested on its own: the features it opens render nothing here.
const NO_SLOTS: ListsSlots = {
  AddPatients: () => null,
  PatientDetail: () => null,
  NoteEditor: () => null,
  RoundingSheet: () => null,
};

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA, ADA_ROW);
  fake.addPatient(BEN);
});
beforeEach(() => fake.reset());
afterEach(() => cleanup());
afterAll(() => fake.close());

/** A list with Ada and Ben on it, as the server holds it after seeding. */
async function addPatients(listName: string): Promise<{ listId: string; version: number; entryIds: string[] }> {
  const list = await fake.addList({ name: listName, context: CHANNEL });
  const entryIds: string[] = [];
  for (const p of [ADA, BEN]) entryIds.push((await fake.addEntry(list.id, { patientId: p.id })).id);
  const { version } = await fake.seed<{ version: number }>('GET', `/api/lists/${list.id}`);
  return { listId: list.id, version, entryIds };
}

describe('the lists view', () => {
  test('shows loading skeletons until the lists arrive', async () => {
    const held = fake.hold('GET', /^\/api\/lists$/);
    await addPatients('Ward 4');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    expect(await screen.findByLabelText('Loading live data from the EHR…')).toBeTruthy();
    held.release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4' })).toBeTruthy();
  });

  test('says what to do when the context has no list, and creates one', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    expect(await screen.findByText('No patient lists here yet')).toBeTruthy();
    await user.click(within(screen.getByRole('region', { name: 'No patient lists here yet' })).getByRole('button', { name: 'New list' }));
    await user.type(await screen.findByRole('textbox', { name: /List name/ }), 'Morning round');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning round' })).toBeTruthy();
    expect(await screen.findByText('This list has no patients yet')).toBeTruthy();
    expect(writesOf(fake)).toEqual([
      { method: 'POST', path: '/api/lists', body: { name: 'Morning round', context: CHANNEL } },
    ]);
  });

  test('shows the server diagnostics when the lists cannot be loaded, and retries', async () => {
    fake.failNext('GET', /^\/api\/lists$/, 502, 'The EHR partner did not answer');
    await addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The EHR partner did not answer');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4' })).toBeTruthy();
  });

  test('shows each patient with the list columns, blood pressure as 120/80', async () => {
    await addPatients('Ward 4');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const grid = await screen.findByRole('grid', { name: 'Patients on Ward 4' });
    await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
    const headers = within(grid).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Patient', 'MRN', 'Age/sex', 'Location/bed', 'Conditions', 'Latest vitals', 'Team note', 'Actions']);
    const ada = within(grid).getAllByRole('row').find((r) => r.textContent?.includes('Ada Quill'))!;
    const text = ada.textContent.replace(/\u00a0/g, ' ');
    expect(text).toContain('MRN-0001');
    expect(text).toContain('4W-12 Bed A');
    expect(text).toContain('BP 120/80 mmHg');
    expect(text).toContain('HR 72 /min');
    expect(screen.getByText('2 patients')).toBeTruthy();
    expect(screen.getByText(/^Updated/).textContent).toBe('Updated now');
  });

  test('Refresh asks the EHR afresh (?fresh=1); opening the list takes shared answers', async () => {
    await addPatients('Ward 4');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const grid = await screen.findByRole('grid', { name: 'Patients on Ward 4' });
    await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
    const rowsRequests = (): Record<string, unknown>[] => fake.requests.filter((r) => r.path.endsWith('/rows')).map((r) => r.query);
    expect(rowsRequests()).toEqual([{}]);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(rowsRequests()).toEqual([{}, { fresh: '1' }]));
  });

  test('still lists the patients by name when live EHR data fails, with the reason', async () => {
    await addPatients('Ward 4');
    fake.failNext('GET', /\/rows$/, 504, 'The EHR timed out');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    expect((await screen.findByRole('alert')).textContent).toContain('The EHR timed out');
    expect(screen.getByRole('button', { name: 'Open the details of Ben Arrow' })).toBeTruthy();
  });

  test('sorts by a header click and saves the sort in the list with its version', async () => {
    const { listId, version } = await addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const grid = await screen.findByRole('grid');
    await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
    await user.click(within(within(grid).getByRole('columnheader', { name: /Patient/ })).getByRole('button'));
    await waitFor(() =>
      expect(writesOf(fake)).toEqual([
        { method: 'PATCH', path: `/api/lists/${listId}`, body: { version, sort: { column: 'name', direction: 'asc' } } },
      ]),
    );
    const names = () =>
      within(grid)
        .getAllByRole('button', { name: /Open the details of/ })
        .map((b) => b.textContent);
    await waitFor(() => expect(names()).toEqual(['Ben Arrow', 'Ada Quill'])); // by family name: Arrow, Quill
  });

  test('re-applies a change to the newest version when someone else saved first (409)', async () => {
    const { listId, version } = await addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await screen.findByRole('button', { name: 'Open the details of Ada Quill' });
    // A colleague renamed it meanwhile, twice.
    const renamed = await fake.seed<{ version: number }>('PATCH', `/api/lists/${listId}`, { version, name: 'Ward 4 (days)' });
    const newest = await fake.seed<{ version: number }>('PATCH', `/api/lists/${listId}`, { version: renamed.version, name: 'Ward 4' });
    await user.click(screen.getByRole('button', { name: 'More list actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename list' }));
    const name = await screen.findByRole('textbox', { name: /List name/ });
    await user.clear(name);
    await user.type(name, 'Ward 4 (nights)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4 (nights)' })).toBeTruthy();
    expect(await screen.findByText(/Someone changed this list meanwhile/)).toBeTruthy();
    expect(writesOf(fake).map((w) => w.body)).toEqual([
      { version, name: 'Ward 4 (nights)' },
      { version: newest.version, name: 'Ward 4 (nights)' },
    ]);
    const lists = await fake.seed<{ lists: { id: string; name: string }[] }>('GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(CHANNEL.id)}`);
    expect(lists.lists.map((l) => [l.id, l.name])).toEqual([[listId, 'Ward 4 (nights)']]);
  });

  test('removes a patient at once and puts them back, note included, on Undo', async () => {
    const { listId, entryIds } = await addPatients('Ward 4');
    const { entries } = await fake.seed<{ entries: Entry[] }>('GET', `/api/lists/${listId}`);
    await fake.setNote(listId, entries.find((e) => e.id === entryIds[0])!, 'NPO after midnight');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await user.click(await screen.findByRole('button', { name: 'Remove Ada Quill from the list' }));
    expect(screen.queryByRole('button', { name: 'Open the details of Ada Quill' })).toBeNull();
    expect(await screen.findByText('Ada Quill was removed from the list.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Open the details of Ada Quill' })).toBeTruthy();
    const writes = writesOf(fake);
    expect(writes[0]).toMatchObject({ method: 'DELETE', path: `/api/lists/${listId}/entries/${entryIds[0]}` });
    expect(writes[1]).toMatchObject({ method: 'POST', path: `/api/lists/${listId}/entries`, body: { patientId: ADA.id } });
    expect(writes[2]).toMatchObject({ method: 'PUT', body: { text: 'NPO after midnight', version: 1 } });
  });

  test('keeps the list when the deletion is cancelled', async () => {
    await addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await screen.findByRole('heading', { level: 1, name: 'Ward 4' });
    await user.click(screen.getByRole('button', { name: 'More list actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete list' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete “Ward 4”?');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(writesOf(fake)).toEqual([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Ward 4' })).toBeTruthy();
  });

  test('deletes a list after confirmation and shows the next one', async () => {
    await addPatients('Ward 4');
    await fake.addList({ name: 'Ward 5', context: CHANNEL });
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await screen.findByRole('heading', { level: 1, name: 'Ward 4' });
    await user.click(screen.getByRole('button', { name: 'More list actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete list' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete list' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 5' })).toBeTruthy();
    expect(writesOf(fake).map((w) => w.method)).toEqual(['DELETE']);
  });

  test('puts the keyboard focus back on the Rounding sheet button when the sheet closes', async () => {
    await addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    const slots: ListsSlots = { ...NO_SLOTS, RoundingSheet: (p) => <button onClick={p.onClose}>Back to the list</button> };
    renderWithApi(<ListsView context={CHANNEL} slots={slots} />, fake);
    await screen.findByRole('button', { name: 'Open the details of Ada Quill' });
    await user.click(screen.getByRole('button', { name: 'Rounding sheet' }));
    await user.click(await screen.findByRole('button', { name: 'Back to the list' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rounding sheet' })));
  });
});
