// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entry, List } from '../../server/wire/contract';
import { AddPatientsDialog } from '../../tab/features/add-patient/AddPatientsDialog';
import { startFakeApi, type FakeApi } from './support/fake-api';
import { renderWithApi, writesOf } from './support/render';
import { ADA, BEN } from './support/fixtures';

let fake: FakeApi;
let list: List;
let added: Entry[][];
let closed: number;
beforeEach(async () => {
  fake = await startFakeApi();
  fake.patients.push(ADA, BEN, { ...BEN, id: 'p-bea', name: 'Bea Arrowsmith', mrn: 'MRN-0003', birthDate: '2025-06-01' });
  list = fake.addList({ name: 'Ward 4' });
  added = [];
  closed = 0;
});
afterEach(async () => {
  cleanup();
  await fake.close();
});

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
    const many = Array.from({ length: 25 }, (_, i) => ({ ...ADA, id: `p-many-${i}`, name: `Ann Many ${String(i).padStart(2, '0')}`, mrn: `MRN-M${i}` }));
    fake.patients.push(...many);
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
      { cursor: 'page000000000020' },
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
    fake.failNext('POST', /\/entries$/, 409, 'This patient is already on the list');
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
