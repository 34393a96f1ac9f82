// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { Row, VitalSign } from '../../server/wire/contract';
import { PatientDrawer } from '../../tab/features/patient-detail/PatientDrawer';
import { unitText } from '../../tab/shared/unit-text';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA } from './support/fixtures';

let fake: TabServer;
let listId: string;
beforeAll(async () => {
  fake = await startTabServer();
  // The demo EHR sends heart rate in 'beats/minute' (shown as /min) and temperature as '°C' with UCUM code Cel;
  // the Cel → °C reading itself is the unitText test above.
  fake.addPatient(ADA, { vitals: [heartRate, temperature] });
});
beforeEach(async () => {
  await fake.reset();
  listId = (await fake.addList({ name: 'Ward 4' })).id;
  await fake.addEntry(listId, { patientId: ADA.id });
});
afterEach(() => cleanup());
afterAll(() => fake.close());

const heartRate: VitalSign = { code: '8867-4', name: 'Heart rate', value: 72, unit: 'beats/minute', components: [] };
const temperature: VitalSign = { code: '8310-5', name: 'Body temperature', value: 37.2, unit: 'Cel', components: [] };

describe('units in the UI language', () => {
  const row: Row = {
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
  };

  test('translates the UCUM units it knows, with French where it differs, and keeps the others as sent', () => {
    expect(unitText('beats/minute', { language: 'en' })).toBe('/min');
    expect(unitText('{breaths}/min', { language: 'fr' })).toBe('/min');
    expect(unitText('Cel', { language: 'fr' })).toBe('°C');
    expect(unitText('wk', { language: 'en' })).toBe('wk');
    expect(unitText('wk', { language: 'fr' })).toBe('sem.');
    expect(unitText('mg/dL', { language: 'fr' })).toBe('mg/dL');
  });

  test.each([
    ['en-US', 'Latest vitals', 'Patient details', /HR 72 \/min/, /37\.2 °C/],
    ['fr-FR', 'Dernières constantes', 'Détail du patient', /FC 72 \/min/, /37,2 °C/],
  ])('shows the short units of the cells in the drawer (%s)', async (locale, region, dialog, hr, temp) => {
    renderWithApi(<PatientDrawer listId={listId} row={row} onEditNote={() => undefined} onClose={() => undefined} />, fake, locale);
    const drawer = await screen.findByRole('dialog', { name: dialog });
    const text = (await within(drawer).findByRole('region', { name: region })).textContent.replace(/\u00a0/g, ' ');
    expect(text).toMatch(hr);
    expect(text).toMatch(temp);
    expect(text).not.toContain('beats/minute');
    expect(text).not.toContain('Cel');
  });
});
