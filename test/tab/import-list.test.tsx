// @vitest-environment jsdom
// "Import list…" in the list menu (#11 item 11): a CSV or FHIR List file becomes a new list of this
// context, which opens with a report of what was imported and what was kept as manual entries.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import type { ListsSlots } from '../../tab/shared/slots';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, BEN } from './support/fixtures';

// The real server wants the team's Microsoft 365 group ID, a GUID.
const TEAM_ID = '5d3a1c2b-7e4f-4a60-9b8c-1f2e3d4c5b6a';
const CHANNEL = { kind: 'channel' as const, id: '19:channel', teamId: TEAM_ID };
const NO_SLOTS: ListsSlots = {
  AddPatients: () => null,
  PatientDetail: () => null,
  NoteEditor: () => null,
  RoundingSheet: () => null,
};

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA);
  fake.addPatient(BEN);
});
beforeEach(async () => {
  await fake.reset();
  await fake.addList({ name: 'Ward 4', context: CHANNEL });
});
afterEach(() => cleanup());
afterAll(() => fake.close());

const listNames = async (): Promise<string[]> =>
  (await fake.seed<{ lists: { name: string }[] }>('GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(CHANNEL.id)}`)).lists.map(
    (l) => l.name,
  );

// The server finds a patient in the EHR by MRN (a name alone is kept as a manual entry).
const CSV = `name,mrn\n${ADA.name},${ADA.mrn}\n${BEN.name},${BEN.mrn}\nJo Unknown,\n`;
const csvFile = (text: string, name = 'Night shift.csv'): File => new File([text], name, { type: 'text/csv' });

async function openImport(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await screen.findByRole('heading', { level: 1, name: 'Ward 4' });
  await user.click(screen.getByRole('button', { name: 'More list actions' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Import list…' }));
  return screen.findByRole('dialog', { name: 'Import a patient list' });
}

describe('importing a list from a file', () => {
  test('sends the chosen CSV as text/csv for this channel, opens the new list and reports the rows kept as manual', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const dialog = await openImport(user);
    expect(within(dialog).getByText(/FHIR List as JSON\. At most 1 MB\./)).toBeTruthy();
    await user.upload(within(dialog).getByLabelText(/List file/), csvFile(CSV));
    // The name comes from the file's, and stays editable.
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: /List name/ }).value).toBe('Night shift');
    const held = fake.hold('POST', /^\/api\/lists\/import$/);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByRole('button', { name: 'Importing…' })).toBeTruthy();
    held.release();

    expect(await screen.findByRole('heading', { level: 1, name: 'Night shift' })).toBeTruthy();
    const report = screen.getByRole('region', { name: 'Imported “Night shift”' });
    // The dialog is gone: the focus goes to what it made, never to the page's body.
    await waitFor(() => expect(document.activeElement).toBe(report));
    expect(report.textContent).toContain('3 patients imported.');
    expect(report.textContent).toContain('1 row was not found in the EHR and was kept as a manual entry:');
    expect(within(report).getByRole('listitem').textContent).toBe('row 4 (Jo Unknown)');
    expect(screen.queryByRole('dialog')).toBeNull();

    const sent = fake.requests.find((r) => r.method === 'POST' && r.path === '/api/lists/import');
    expect(sent?.contentType).toMatch(/^text\/csv/);
    expect(sent?.query).toEqual({ contextKind: 'channel', contextId: '19:channel', teamId: TEAM_ID, name: 'Night shift' });
    expect(sent?.body).toBe(CSV);

    await user.click(within(report).getByRole('button', { name: 'Close the import report' }));
    expect(screen.queryByRole('region', { name: 'Imported “Night shift”' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More list actions' }));
  });

  test('says in the dialog why the server refused the file, and keeps it open to try again', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const dialog = await openImport(user);
    await user.upload(within(dialog).getByLabelText(/List file/), csvFile('ward\n4 West\n'));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const alert = await within(dialog).findByRole('alert');
    // The server's own refusal: the header names no patient field.
    expect(alert.textContent).toBe('The list could not be imported: The CSV header needs a patientId, mrn or name column');
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeTruthy();
    expect(await listNames()).toEqual(['Ward 4']);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ward 4' })).toBeTruthy();
  });

  test('refuses a file of another kind or over 1 MB before sending it', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    renderWithApi(<ListsView context={CHANNEL} slots={NO_SLOTS} />, fake);
    const dialog = await openImport(user);
    const input = within(dialog).getByLabelText(/List file/);
    await user.upload(input, new File(['x'], 'ward.xlsx', { type: 'application/vnd.ms-excel' }));
    expect(within(dialog).getByText('Choose a CSV (.csv) or FHIR List (.json) file.')).toBeTruthy();
    await user.upload(input, csvFile(`name\n${'x'.repeat(1024 * 1024)}\n`));
    expect(within(dialog).getByText('This file is larger than 1 MB. Split the list into smaller files.')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(fake.requests.some((r) => r.path === '/api/lists/import')).toBe(false);
  });
});
