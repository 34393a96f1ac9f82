// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import type { ListsSlots } from '../../tab/shared/slots';
import { startFakeApi, type FakeApi } from './support/fake-api';
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

let fake: FakeApi;
beforeEach(async () => {
  fake = await startFakeApi();
  fake.patients.push(ADA, BEN);
  fake.rowExtras.set(ADA.id, ADA_ROW);
});
afterEach(async () => {
  cleanup();
  await fake.close();
});

function addPatients(listName: string): string {
  const list = fake.addList({ name: listName, context: CHANNEL });
  for (const p of [ADA, BEN]) {
    list.entries.push({ id: `e-${p.id}`, patientId: p.id, display: p.name, version: 1, addedBy: 'x', addedAt: '' });
  }
  return list.id;
}

describe('the lists view', () => {
  test('shows loading skeletons until the lists arrive', async () => {
    const held = fake.hold('GET', /^\/api\/lists$/);
    addPatients('Ward 4');
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
    addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The EHR partner did not answer');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4' })).toBeTruthy();
  });

  test('shows each patient with the list columns, blood pressure as 120/80', async () => {
    addPatients('Ward 4');
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
    addPatients('Ward 4');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const grid = await screen.findByRole('grid', { name: 'Patients on Ward 4' });
    await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
    const rowsRequests = (): Record<string, unknown>[] => fake.requests.filter((r) => r.path.endsWith('/rows')).map((r) => r.query);
    expect(rowsRequests()).toEqual([{}]);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(rowsRequests()).toEqual([{}, { fresh: '1' }]));
  });

  test('still lists the patients by name when live EHR data fails, with the reason', async () => {
    addPatients('Ward 4');
    fake.failNext('GET', /\/rows$/, 504, 'The EHR timed out');
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    expect((await screen.findByRole('alert')).textContent).toContain('The EHR timed out');
    expect(screen.getByRole('button', { name: 'Open the details of Ben Arrow' })).toBeTruthy();
  });

  test('sorts by a header click and saves the sort in the list with its version', async () => {
    const listId = addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const grid = await screen.findByRole('grid');
    await within(grid).findByRole('button', { name: 'Open the details of Ada Quill' });
    await user.click(within(within(grid).getByRole('columnheader', { name: /Patient/ })).getByRole('button'));
    await waitFor(() =>
      expect(writesOf(fake)).toEqual([
        { method: 'PATCH', path: `/api/lists/${listId}`, body: { version: 1, sort: { column: 'name', direction: 'asc' } } },
      ]),
    );
    const names = () =>
      within(grid)
        .getAllByRole('button', { name: /Open the details of/ })
        .map((b) => b.textContent);
    await waitFor(() => expect(names()).toEqual(['Ben Arrow', 'Ada Quill'])); // by family name: Arrow, Quill
  });

  test('re-applies a change to the newest version when someone else saved first (409)', async () => {
    const listId = addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await screen.findByRole('button', { name: 'Open the details of Ada Quill' });
    fake.lists[0]!.version = 5; // a colleague renamed it meanwhile
    await user.click(screen.getByRole('button', { name: 'More list actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename list' }));
    const name = await screen.findByRole('textbox', { name: /List name/ });
    await user.clear(name);
    await user.type(name, 'Ward 4 (nights)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4 (nights)' })).toBeTruthy();
    expect(await screen.findByText(/Someone changed this list meanwhile/)).toBeTruthy();
    expect(writesOf(fake).map((w) => w.body)).toEqual([
      { version: 1, name: 'Ward 4 (nights)' },
      { version: 5, name: 'Ward 4 (nights)' },
    ]);
    expect(fake.lists[0]!.id).toBe(listId);
  });

  test('removes a patient at once and puts them back, note included, on Undo', async () => {
    const listId = addPatients('Ward 4');
    fake.lists[0]!.entries[0]!.note = { text: 'NPO after midnight', author: 'Dr. Test', updatedAt: '' };
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    await user.click(await screen.findByRole('button', { name: 'Remove Ada Quill from the list' }));
    expect(screen.queryByRole('button', { name: 'Open the details of Ada Quill' })).toBeNull();
    expect(await screen.findByText('Ada Quill was removed from the list.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Open the details of Ada Quill' })).toBeTruthy();
    const writes = writesOf(fake);
    expect(writes[0]).toMatchObject({ method: 'DELETE', path: `/api/lists/${listId}/entries/e-p-ada` });
    expect(writes[1]).toMatchObject({ method: 'POST', path: `/api/lists/${listId}/entries`, body: { patientId: 'p-ada' } });
    expect(writes[2]).toMatchObject({ method: 'PUT', body: { text: 'NPO after midnight', version: 1 } });
  });

  test('keeps the list when the deletion is cancelled', async () => {
    addPatients('Ward 4');
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
    addPatients('Ward 4');
    fake.addList({ name: 'Ward 5', context: CHANNEL });
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
    addPatients('Ward 4');
    const user = userEvent.setup({ delay: null });
    const slots: ListsSlots = { ...NO_SLOTS, RoundingSheet: (p) => <button onClick={p.onClose}>Back to the list</button> };
    renderWithApi(<ListsView context={CHANNEL} slots={slots} />, fake);
    await screen.findByRole('button', { name: 'Open the details of Ada Quill' });
    await user.click(screen.getByRole('button', { name: 'Rounding sheet' }));
    await user.click(await screen.findByRole('button', { name: 'Back to the list' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rounding sheet' })));
  });
});
