// The export's cells: a coded vital (the level of responsiveness) says its answer, like the screen.
import { describe, expect, test } from 'vitest';
import { cellText } from '../../server/lists/render-cells.js';
import type { Row } from '../../server/wire/contract.js';

const row = (vitals: Row['vitals']): Row => ({
  entryId: 'e1',
  display: 'Test Patient',
  conditions: [],
  vitals,
  labs: [],
  allergies: [],
  medications: [],
  coverage: [],
  issues: [],
  changes: [],
});

describe('the vitals cell of the CSV export', () => {
  test('writes a coded answer in words, and a measured value with its unit and flag', () => {
    const text = cellText(
      'vitals',
      row([
        { code: '67775-7', name: 'Level of responsiveness', text: 'Voice', components: [] },
        { code: '8867-4', name: 'Heart rate', value: 118, unit: '/min', flag: 'high', components: [] },
      ]),
      new Date('2026-12-02T08:00:00Z'),
    );
    // The screen's short labels (HR, AVPU), not the EHR's long names.
    expect(text).toContain('AVPU Voice');
    expect(text).toContain('HR 118 /min (high)');
  });
});

describe('the allergies and location cells of the CSV export', () => {
  const now = new Date('2026-12-02T08:00:00Z');
  const patient = { id: 'p1', name: 'Test Patient', given: [], prefix: [] };
  const inBed = { status: 'in-progress', participants: [] };

  test('use the screen’s words: "No known allergies" recorded, "None recorded" when nothing is', () => {
    const nka = { ...row([]), patient, allergies: [{ substance: 'No known allergy', isNoKnownAllergy: true, reactions: [] }] };
    expect(cellText('allergies', nka, now)).toBe('No known allergies');
    expect(cellText('allergies', { ...row([]), patient }, now)).toBe('None recorded');
    expect(cellText('allergies', { ...row([]), patient, issues: ['AllergyIntolerance: 500 from the EHR'] }, now)).toBe('');
  });

  test('say "Not admitted" without a stay and "Bed not recorded" when admitted to no named bed', () => {
    expect(cellText('location', { ...row([]), patient }, now)).toBe('Not admitted');
    expect(cellText('location', { ...row([]), patient, encounter: inBed }, now)).toBe('Bed not recorded');
    expect(cellText('location', { ...row([]), patient, encounter: { ...inBed, location: '4W-12' } }, now)).toBe('4W-12');
    expect(cellText('location', { ...row([]), manual: { name: 'Walk-in', location: 'ED 3' } }, now)).toBe('ED 3');
  });
});
