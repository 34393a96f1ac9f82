// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entry, List } from '../../server/wire/contract';
import { AddPatientsDialog } from '../../tab/features/add-patient/AddPatientsDialog';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';
import { ADA, BEN } from './support/fixtures';

const BEA = { ...BEN, id: 'p-bea', name: 'Bea Arrowsmith', family: 'Arrowsmith', given: ['Bea'], mrn: 'MRN-0003', birthDate: '2025-06-01' };
const MANY = Array.from({ length: 25 }, (_, i) => ({
  ...ADA,
  id: `p-many-${i}`,
  name: `Ann Many ${String(i).padStart(2, '0')}`,
  family: `Many ${String(i).padStart(2, '0')}`,
  given: ['Ann'],
  mrn: `MRN-M${i}`,
}));

let fake: TabServer;
let list: List;
let added: Entry[][];
let closed: number;
beforeAll(async () => {
  fake = await startTabServer();
  // In the EHR for every test; the 25 "Ann Many" come last, so shorter searches find the others first.
  for (const patient of [ADA, BEN, BEA, ...MANY]) fake.addPatient(patient);
});
beforeEach(async () => {
  await fake.reset();
  list = await fake.addList({ name: 'Ward 4' });
  added = [];
  closed = 0;
});
afterEach(() => cleanup());
afterAll(() => fake.close());

function renderDialog(onList: string[] = []): ReturnType<typeof userEvent.setup> {
  renderWithApi(
    <AddPatientsDialog
      list={list}
      patientIdsOnList={onList}
      onAdded={(entries) => added.push(entries)}
      onClose={() => (closed += 1)}
    />,
    fake,
  );
  return userEvent.setup({ delay: null });
}

describe('adding patients', () => {
  test('asks for a name, an MRN or a birth date before searching', async () => {
    const user = renderDialog();
    await user.click(await screen.findByRole('button', { name: 'Search' }));
    expect(screen.getByText('Enter a name, an MRN or a birth date.')).toBeTruthy();
    expect(fake.requests.filter((r) => r.path === '/api/patients')).toEqual([]);
  });

  test('searches the EHR and shows name, MRN, birth date, age and sex of each match', async () => {
    const user = renderDialog([ADA.id]);
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'arrow');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sex' }), 'male');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const table = await screen.findByRole('table', { name: 'Search results' });
    const search = fake.requests.find((r) => r.path === '/api/patients')!;
    expect(search.query).toEqual({ name: 'arrow', gender: 'male', count: '20' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('Ben Arrow');
    expect(rows[0]).toContain('MRN-0002');
    expect(rows[0]).toContain('Nov 30, 1988');
    expect(rows[0]).toMatch(/\d+ yrs/);
    expect(rows[0]).toContain('Male');
    expect(rows[1]).toMatch(/Bea Arrowsmith.*MRN-0003.*\d+ mths/);
    expect(screen.getByText('2 patients found')).toBeTruthy();
  });

  test('shows more results page by page, keeping the ones shown and selected, until there are no more', async () => {
    const user = renderDialog();
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'many');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const table = await screen.findByRole('table', { name: 'Search results' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByText('Showing 20 of 25. Narrow the search, or show more.')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select Ann Many 03' }));
    await user.click(screen.getByRole('button', { name: 'Show more results' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Search results' })).getAllByRole('row')).toHaveLength(26));
    expect(fake.requests.filter((r) => r.path === '/api/patients').map((r) => r.query)).toEqual([
      { name: 'many', count: '20' },
      { cursor: expect.any(String) as string },
    ]);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Ann Many 03' }).checked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Show more results' })).toBeNull();
    expect(screen.getByText('25 patients found')).toBeTruthy();
  });

  test('adds the selected patients one by one, and says which are already on the list', async () => {
    const user = renderDialog([BEN.id]);
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'a');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('table', { name: 'Search results' });
    const ben = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Ben Arrow' });
    expect(ben.disabled).toBe(true);
    expect(screen.getByText(/On the list/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select Ada Quill' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Bea Arrowsmith' }));
    await user.click(screen.getByRole('button', { name: 'Add 2 patients' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(writesOf(fake).map((w) => w.body)).toEqual([{ patientId: 'p-ada' }, { patientId: 'p-bea' }]);
    expect(added[0]?.map((e) => e.patientId)).toEqual(['p-ada', 'p-bea']);
  });

  test('keeps the dialog open and names the patient when one cannot be added', async () => {
    // A colleague added Ada meanwhile: the dialog still thinks she is not on the list, the server says 409.
    await fake.addEntry(list.id, { patientId: ADA.id });
    const user = renderDialog();
    await user.type(await screen.findByRole('textbox', { name: 'MRN' }), 'MRN-0001');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Select Ada Quill' }));
    await user.click(screen.getByRole('button', { name: 'Add 1 patient' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ada Quill could not be added: This patient is already on the list',
    );
    expect(closed).toBe(0);
  });

  test('says what to do when nobody matches', async () => {
    const user = renderDialog();
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Nobody');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/No patient matches. Check the spelling, search by MRN, or add the patient by hand./)).toBeTruthy();
  });

  test('adds a patient who is not in the EHR by hand, with only what was typed', async () => {
    const user = renderDialog();
    await user.click(await screen.findByRole('tab', { name: 'Not in the EHR' }));
    await user.click(screen.getByRole('button', { name: 'Add patient' }));
    expect(screen.getByText('Enter the patient’s name.')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Transfer from St. Elsewhere');
    await user.type(screen.getByRole('textbox', { name: 'Location/bed' }), 'ED bay 3');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(writesOf(fake).map((w) => w.body)).toEqual([
      { manual: { name: 'Transfer from St. Elsewhere', location: 'ED bay 3' } },
    ]);
  });
});
