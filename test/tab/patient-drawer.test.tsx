// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PatientDetail, Row } from '../../server/wire/contract';
import { PatientDrawer } from '../../tab/features/patient-detail/PatientDrawer';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, ADA_ROW } from './support/fixtures';


const ROW: Row = {
  entryId: 'e-ada',
  patient: ADA,
  display: ADA.name,
  conditions: [],
  vitals: [],
  labs: [],
  allergies: [],
  medications: [],
  coverage: [],
  issues: [],
  changes: [],
  note: { text: 'NPO after midnight', author: 'Dr. Lee', updatedAt: '2026-11-26T08:00:00Z' },
};

// Ada's record in the EHR: the detail the drawer reads is the server's, built from these over FHIR.
const DETAIL: Pick<PatientDetail, 'patient' | 'encounter' | 'conditions' | 'vitals' | 'allergies' | 'medications'> = {
  patient: { ...ADA, generalPractitioner: 'Dr. Family' },
  encounter: ADA_ROW.encounter,
  conditions: ADA_ROW.conditions!,
  vitals: ADA_ROW.vitals!,
  allergies: [{ substance: 'Penicillin', clinicalStatus: 'active', reactions: ['Hives'] }],
  medications: [{ name: 'Amoxicillin 500 mg', dosage: '1 capsule three times a day', prescriber: 'Dr. Lee' }],
};

let fake: TabServer;
let LIST_ID: string;
beforeAll(async () => {
  fake = await startTabServer();
  const { patient, ...facts } = DETAIL;
  fake.addPatient(patient, facts);
  // Coverage cannot be read: the drawer shows what it could and names the rest.
  fake.partner.setFaults({ failingTypes: { Coverage: 404 } });
});
beforeEach(async () => {
  await fake.reset();
  LIST_ID = (await fake.addList({ name: 'Ward 4' })).id;
  await fake.addEntry(LIST_ID, { patientId: ADA.id });
});
afterEach(() => cleanup());
afterAll(() => fake.close());

describe('the patient drawer', () => {
  test('shows a spinner, then every section of the record and the unreadable parts as a quiet notice', async () => {
    const held = fake.hold('GET', /^\/api\/patients\//);
    renderWithApi(<PatientDrawer listId={LIST_ID} row={ROW} onEditNote={() => undefined} onClose={() => undefined} />, fake);
    const drawer = await screen.findByRole('dialog', { name: 'Patient details' });
    expect(within(drawer).getByRole('heading', { level: 2, name: 'Ada Quill' })).toBeTruthy();
    expect(within(drawer).getByText('Loading the record from the EHR…')).toBeTruthy();
    held.release();

    const vitals = await within(drawer).findByRole('region', { name: 'Latest vitals' });
    expect(vitals.textContent.replace(/\u00a0/g, ' ')).toContain('BP 120/80 mmHg');
    expect(within(drawer).getByRole('region', { name: 'Demographics' }).textContent).toMatch(/MRN-0001.*Mar 4, 1950.*Female.*Dr. Family/);
    expect(within(drawer).getByRole('region', { name: 'Encounter and location' }).textContent).toMatch(/4W-12 Bed A.*In progress/);
    expect(within(drawer).getByRole('region', { name: 'Allergies' }).textContent).toMatch(/Penicillin.*Reactions: Hives/);
    expect(within(drawer).getByRole('region', { name: 'Medications' }).textContent).toContain('1 capsule three times a day');
    expect(within(drawer).getByRole('region', { name: 'Coverage' }).textContent).toContain('None recorded in the EHR.');
    expect(within(drawer).getByText('Coverage: 404 from the EHR')).toBeTruthy();
    expect(within(drawer).getByRole('region', { name: 'Team note' }).textContent).toMatch(/NPO after midnight.*Dr. Lee/);
  });

  test('offers a retry when the record cannot be loaded', async () => {
    fake.failNext('GET', /^\/api\/patients\//, 502, 'The EHR answered 500');
    renderWithApi(<PatientDrawer listId={LIST_ID} row={ROW} onEditNote={() => undefined} onClose={() => undefined} />, fake);
    const user = userEvent.setup({ delay: null });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The record could not be loaded: The EHR answered 500');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Latest vitals' })).toBeTruthy();
  });

  test('shows what was typed for a manual entry, without asking the EHR', async () => {
    const manual: Row = { ...ROW, patient: undefined, manual: { name: 'Transfer patient', location: 'ED bay 3' }, display: 'Transfer patient' };
    let edits = 0;
    renderWithApi(<PatientDrawer listId={LIST_ID} row={manual} onEditNote={() => (edits += 1)} onClose={() => undefined} />, fake);
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('Entered by hand: there is no live EHR data for this patient.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Demographics' }).textContent).toContain('ED bay 3');
    await user.click(screen.getByRole('button', { name: 'Edit note' }));
    expect(edits).toBe(1);
    expect(fake.requests.filter((r) => r.path.startsWith('/api/patients'))).toEqual([]);
  });

  test('closes from its close button', async () => {
    let closed = 0;
    renderWithApi(<PatientDrawer listId={LIST_ID} row={ROW} onEditNote={() => undefined} onClose={() => (closed += 1)} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Close the details' }));
    expect(closed).toBe(1);
  });
});
