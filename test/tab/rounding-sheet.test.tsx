// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { List, Row } from '../../server/wire/contract';
import { RoundingSheet } from '../../tab/features/print/RoundingSheet';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, ADA_ROW } from './support/fixtures';

let fake: TabServer;
let list: List;
const rows: Row[] = [
  { entryId: 'e-ada', patient: ADA, display: ADA.name, conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [], ...ADA_ROW },
];
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA, ADA_ROW);
});
beforeEach(async () => {
  await fake.reset();
  const { id } = await fake.addList({ name: 'Ward 4', columns: ['name', 'location', 'vitals'] });
  await fake.addEntry(id, { patientId: ADA.id });
  list = await fake.seed<List>('GET', `/api/lists/${id}`);
});
afterEach(() => cleanup());
afterAll(() => fake.close());

describe('the rounding sheet', () => {
  test('prints one line per patient with the chosen columns and room for notes', async () => {
    renderWithApi(<RoundingSheet list={list} rows={rows} onClose={() => undefined} />, fake);
    const table = await screen.findByRole('table');
    // The sheet replaces the list: keyboard focus starts on its way back, not on the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Back to the list' })));
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Patient',
      'Location/bed',
      'Latest vitals',
      'Notes',
    ]);
    const line = within(table).getAllByRole('row')[1]!;
    expect(line.textContent.replace(/\u00a0/g, ' ')).toBe('Ada QuillMRN MRN-00014W-12 Bed ABP 120/80 mmHg · HR 72 /min');
  });

  test('downloads the CSV export with the token and the server’s file name', async () => {
    const saved: { href: string; download: string }[] = [];
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        blobs.push(blob);
        return 'blob:rounds-test';
      },
      revokeObjectURL: () => undefined,
    });
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    };
    renderWithApi(<RoundingSheet list={list} rows={rows} onClose={() => undefined} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:rounds-test', download: 'Ward 4.csv' }]));
    const request = fake.requests.find((r) => r.path.endsWith('/export'))!;
    expect(request.query).toEqual({ format: 'csv', lang: 'en' });
    expect(request.authorization).toBe(`Bearer ${fake.token}`);
    // The file is the server's export of the list, as it answers it.
    const exported = await fetch(`${fake.url}/api/lists/${list.id}/export?format=csv&lang=en`, {
      headers: { authorization: `Bearer ${fake.token}`, 'x-rounds-test-seed': '1' },
    });
    expect(await blobs[0]!.text()).toBe(await exported.text());
    expect(await blobs[0]!.text()).toContain('Ada Quill');
  });

  test('prints a second identifier under every name, MRN else birth date, even when those columns are hidden', async () => {
    const noMrn: Row = { ...rows[0]!, entryId: 'e-walk', patient: undefined, display: 'Walk-in', manual: { name: 'Walk-in', birthDate: '1980-02-29' } };
    const hidden: List = { ...list, columns: ['location', 'vitals'] };
    renderWithApi(<RoundingSheet list={hidden} rows={[rows[0]!, noMrn]} onClose={() => undefined} />, fake);
    const table = await screen.findByRole('table');
    // The name is printed even when the list hides it: paper has no other way to say who a line is about.
    expect(within(table).getAllByRole('columnheader')[0]!.textContent).toBe('Patient');
    const names = within(table).getAllByRole('rowheader').map((h) => h.textContent.replace(/\u00a0/g, ' '));
    expect(names).toEqual(['Ada QuillMRN MRN-0001', 'Walk-inBirth date Feb 29, 1980']);
  });

  test('shows the list name once, and a "·" separator never starts a printed line', async () => {
    renderWithApi(<RoundingSheet list={list} rows={rows} onClose={() => undefined} />, fake);
    const table = await screen.findByRole('table');
    const sheet = screen.getByRole('region', { name: 'Ward 4: rounding sheet' });
    expect(sheet.textContent.split('Ward 4')).toHaveLength(2);
    // A no-break space binds each "·" to the value before it, so a line can break after it, never before.
    const texts = [...sheet.querySelectorAll('p, td, th')].map((e) => e.textContent);
    const separated = texts.filter((text) => text.includes('·'));
    expect(separated.length).toBeGreaterThanOrEqual(2);
    for (const text of separated) expect(text).not.toMatch(/[^\u00a0]·/);
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('mmHg\u00a0· HR');
  });
});
