// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import type { ListsSlots } from '../../tab/shared/slots';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';
import { ADA, ADA_ROW } from './support/fixtures';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
const NO_SLOTS: ListsSlots = {
  AddPatients: () => null,
  PatientDetail: () => null,
  NoteEditor: () => null,
  RoundingSheet: () => null,
};

let fake: TabServer;
let list: { id: string; version: number };
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA, ADA_ROW);
});
beforeEach(async () => {
  await fake.reset();
  const { id } = await fake.addList({ name: 'Ward 4', context: CHANNEL, columns: ['name', 'mrn', 'vitals'] });
  await fake.addEntry(id, { patientId: ADA.id });
  list = await fake.seed<{ id: string; version: number }>('GET', `/api/lists/${id}`);
});
afterEach(() => cleanup());
afterAll(() => fake.close());

async function openChooser(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
  await screen.findByRole('button', { name: 'Open the details of Ada Quill' });
  await user.click(screen.getByRole('button', { name: 'Columns' }));
  return screen.findByRole('dialog', { name: 'Columns and order' });
}

describe('the column chooser', () => {
  test('shows, hides and orders columns, then saves them with the sort and the list version', async () => {
    const user = userEvent.setup({ delay: null });
    const dialog = await openChooser(user);
    await user.click(within(dialog).getByRole('checkbox', { name: 'MRN' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Allergies' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Location/bed' }));
    // Hidden columns follow the shown ones (Patient, MRN, Latest vitals) in the default order, so
    // Location/bed starts 7th: four moves up put it just after the name.
    for (let i = 0; i < 4; i++) await user.click(within(dialog).getByRole('button', { name: 'Move Location/bed up' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Sort by' }), 'location');
    await user.click(within(dialog).getByRole('radio', { name: 'Descending' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writesOf(fake)).toEqual([
      {
        method: 'PATCH',
        path: `/api/lists/${list.id}`,
        body: { version: list.version, columns: ['name', 'location', 'vitals', 'allergies'], sort: { column: 'location', direction: 'desc' } },
      },
    ]);
    const headers = within(screen.getByRole('grid')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Patient', 'Location/bed', 'Latest vitals', 'Allergies', 'Actions']);
    // The real server reads only the list's columns from the EHR; after the save its rows carry the allergies.
    const { rows } = await fake.seed<{ rows: { allergies: { substance: string }[] }[] }>('GET', `/api/lists/${list.id}/rows`);
    expect(rows[0]?.allergies.map((a) => a.substance)).toEqual(['Penicillin']);
  });

  // Found when this test moved from the in-memory fake (whose rows answered every column) to the real server: the
  // server reads only the list's columns, so saving a column change reads the rows again.
  test('shows the values of an added column at once, without a refresh', async () => {
    const user = userEvent.setup({ delay: null });
    const dialog = await openChooser(user);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Allergies' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getByRole('grid').textContent).toContain('Penicillin'), { timeout: 2_000 });
  });

  test('refuses to save a list with no column at all', async () => {
    const user = userEvent.setup({ delay: null });
    const dialog = await openChooser(user);
    for (const name of ['Patient', 'MRN', 'Latest vitals']) await user.click(within(dialog).getByRole('checkbox', { name }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Keep at least one column.');
    expect(writesOf(fake)).toEqual([]);
  });

  test('shows the server refusal and keeps the dialog open', async () => {
    fake.failNext('PATCH', /^\/api\/lists\//, 400, 'Invalid request body: columns.0: Invalid option');
    const user = userEvent.setup({ delay: null });
    const dialog = await openChooser(user);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Coverage' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('columns.0: Invalid option');
  });
});
