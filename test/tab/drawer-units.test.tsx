// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { PatientDetail, Row, VitalSign } from '../../server/wire/contract';
import { PatientDrawer } from '../../tab/features/patient-detail/PatientDrawer';
import { unitText } from '../../tab/shared/unit-text';
import { startFakeApi, type FakeApi } from './support/fake-api';
import { renderWithApi } from './support/render';
import { ADA } from './support/fixtures';

let fake: FakeApi;
beforeEach(async () => {
  fake = await startFakeApi();
});
afterEach(async () => {
  cleanup();
  await fake.close();
});

describe('units in the UI language', () => {
  const heartRate: VitalSign = { code: '8867-4', name: 'Heart rate', value: 72, unit: 'beats/minute', components: [] };
  const temperature: VitalSign = { code: '8310-5', name: 'Body temperature', value: 37.2, unit: 'Cel', components: [] };
  const detail = (vitals: VitalSign[]): PatientDetail => ({
    patient: ADA,
    conditions: [],
    vitals,
    labs: [],
    allergies: [],
    medications: [],
    coverage: [],
    issues: [],
  });
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
    fake.details.set(ADA.id, detail([heartRate, temperature]));
    renderWithApi(<PatientDrawer listId="l-1" row={row} onEditNote={() => undefined} onClose={() => undefined} />, fake, locale);
    const drawer = await screen.findByRole('dialog', { name: dialog });
    const text = (await within(drawer).findByRole('region', { name: region })).textContent.replace(/\u00a0/g, ' ');
    expect(text).toMatch(hr);
    expect(text).toMatch(temp);
    expect(text).not.toContain('beats/minute');
    expect(text).not.toContain('Cel');
  });
});
