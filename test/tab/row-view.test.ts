import { describe, expect, test } from 'vitest';
import type { Row, VitalSign } from '../../server/wire/contract';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';
import { cellText, sortedVitals, sortRows, statusText, vitalEntries, vitalsText } from '../../tab/shared/row-view';
import { rowFromEntry } from '../../tab/features/lists/use-list-data';
import { ADA, ADA_ROW, BEN } from './support/fixtures';

const en = createI18n('en-US');
// Vitals keep label, value and unit together with no-break spaces.
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const plainVitals = (...args: Parameters<typeof vitalsText>): string => plain(vitalsText(...args));
const fr = createI18n('fr-FR');
const empty = { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [] };
const ada: Row = { entryId: 'a', patient: ADA, display: ADA.name, ...empty, ...ADA_ROW };
const ben: Row = { entryId: 'b', patient: BEN, display: BEN.name, ...empty };
const manual: Row = { entryId: 'm', display: 'Walk-in', manual: { name: 'Walk-in', location: 'ED 3', gender: 'female' }, ...empty };

describe('row cells', () => {
  test('write blood pressure as systolic/diastolic, then the other vitals, in the locale', () => {
    expect(plainVitals(ada.vitals, en)).toBe('BP 120/80 mmHg · HR 72 /min');
    expect(plainVitals(ada.vitals, fr)).toBe('PA 120/80 mmHg · FC 72 /min');
    const onlySystolic = [{ code: '85354-6', name: 'BP', components: [{ code: '8480-6', name: 'Sys', value: 131, unit: 'mmHg' }] }];
    expect(plainVitals(onlySystolic, en)).toBe('BP 131/? mmHg');
    expect(plainVitals([{ code: '8310-5', name: 'Body temperature', value: 37.25, unit: 'Cel', components: [] }], fr)).toBe('T° 37,3 °C');
    expect(plainVitals([{ code: '9279-1', name: 'Respiratory rate', value: 18, unit: 'breaths/minute', components: [] }], en)).toBe('RR 18 /min');
  });

  test('fall back to what the entry itself knows for a manual patient', () => {
    expect(cellText(manual, 'name', en)).toBe('Walk-in');
    expect(cellText(manual, 'location', en)).toBe('ED 3');
    expect(cellText(manual, 'gender', fr)).toBe('Féminin');
    expect(cellText(manual, 'vitals', en)).toBe('');
  });

  test('keep the MRN snapshot of the entry when the EHR could not be read', () => {
    const unread: Row = { entryId: 'u', display: 'Ada Lovelace', mrn: 'MRN-7', ...empty, issues: ['EHR unavailable'] };
    expect(cellText(unread, 'mrn', en)).toBe('MRN-7');
    const entry = { id: 'u', display: 'Ada Lovelace', mrn: 'MRN-7', version: 1, addedBy: 'x', addedAt: '2026-01-01T00:00:00Z' };
    expect(cellText(rowFromEntry(entry), 'mrn', en)).toBe('MRN-7');
  });

  test('show age with sex, admission with the length of stay, and lists joined', () => {
    expect(cellText(ada, 'age', en)).toMatch(/^\d+ yrs\u00a0· F$/);
    expect(cellText(ada, 'admitted', en)).toMatch(/^Nov 20, 2026 \(\d+ days?\)$/);
    expect(cellText(ada, 'encounterStatus', fr)).toBe('En cours');
    expect(cellText(ada, 'attending', en)).toBe('Dr. Lee');
    expect(cellText(ada, 'allergies', en)).toBe('Penicillin');
  });
});

describe('status codes', () => {
  test('are shown in the user’s language, and unknown ones as sent', () => {
    expect(statusText('active', en)).toBe('Active');
    expect(statusText('active', fr)).toBe('Actif');
    expect(statusText('on-hold', fr)).toBe('Suspendu');
    expect(statusText('Confirmed', fr)).toBe('Confirmé');
    expect(statusText('well-controlled', en)).toBe('well-controlled');
    expect(statusText(undefined, en)).toBeUndefined();
  });
});

describe('sorting rows', () => {
  test('sorts names by family name and ages by birth date, both ways', () => {
    const names = (rows: Row[]): string[] => rows.map((r) => cellText(r, 'name', en));
    expect(names(sortRows([ada, ben, manual], 'name', 'asc', en))).toEqual(['Ben Arrow', 'Ada Quill', 'Walk-in']);
    expect(names(sortRows([ada, ben], 'age', 'asc', en))).toEqual(['Ben Arrow', 'Ada Quill']);
    expect(names(sortRows([ben, ada], 'age', 'desc', en))).toEqual(['Ada Quill', 'Ben Arrow']);
    expect(names(sortRows([ben, ada], undefined, 'asc', en))).toEqual(['Ben Arrow', 'Ada Quill']);
  });
});

describe('clinical signal in the cells', () => {
  const news2 = (score: number, band: 'low' | 'low-medium' | 'medium' | 'high', partial = false) => ({
    score,
    band,
    partial,
    missing: partial ? ['Consciousness'] : [],
    parameters: [],
  });

  test('flagged vitals say so in words with an arrow, never by colour alone; normal ones say nothing', () => {
    const vitals = [
      { code: '59408-5', name: 'SpO2', value: 88, unit: '%', flag: 'critical-low' as const, components: [] },
      { code: '8867-4', name: 'HR', value: 72, unit: '/min', flag: 'normal' as const, components: [] },
      { code: '85354-9', name: 'BP', components: [{ code: '8480-6', name: 'Sys', value: 104, unit: 'mmHg', flag: 'low' as const }] },
    ];
    expect(plainVitals(vitals, en)).toBe('BP 104/? mmHg ↓ low · HR 72 /min · SpO₂ 88 % ⇊ critically low');
    expect(plainVitals(vitals, fr)).toContain('SpO₂ 88 % ⇊ critique bas');
  });

  test('NEWS2 shows its score and band, says when it is partial, and sorts the sickest first', () => {
    const sick: Row = { ...ada, entryId: 's', news2: news2(8, 'high') };
    const unwell: Row = { ...ben, entryId: 'u', news2: news2(3, 'low-medium', true) };
    expect(cellText(sick, 'news2', en)).toBe('8\u00a0· high');
    expect(cellText(unwell, 'news2', en)).toBe('3\u00a0· low–medium (partial: no Consciousness)');
    expect(cellText(manual, 'news2', en)).toBe('');
    expect(sortRows([unwell, manual, sick], 'news2', 'desc', en).map((r) => r.entryId)).toEqual(['s', 'u', 'm']);
  });
});

describe('oxygen and responsiveness in the vitals cell', () => {
  const vital = (code: string, name: string, fields: Partial<VitalSign>): VitalSign => ({ code, name, components: [], ...fields });
  const spo2 = (value: number): VitalSign => vital('59408-5', 'Oxygen saturation', { value, unit: '%' });
  const flow = (value: number): VitalSign => vital('3151-8', 'Inhaled oxygen flow rate', { value, unit: 'L/min' });
  const avpu = (text: string): VitalSign => vital('67775-7', 'Level of responsiveness', { text });

  test('are left out when they say only that all is usual: room air and an alert patient', () => {
    expect(plainVitals([avpu('Alert'), flow(0), spo2(97)], en)).toBe('SpO₂ 97 %');
    expect(plainVitals([avpu('LA9340-6'), vital('3150-0', 'Inhaled oxygen concentration', { value: 21, unit: '%' })], en)).toBe('');
    expect(vitalEntries([flow(0), avpu('Alert')], en)).toEqual([]);
  });

  test('show oxygen above room air beside the saturation, and a patient not alert, in both languages', () => {
    const unwell = [avpu('Voice'), flow(3), spo2(91)];
    expect(plainVitals(unwell, en)).toBe('SpO₂ 91 % · O₂ 3 L/min · AVPU Voice');
    expect(plainVitals(unwell, fr)).toBe('SpO₂ 91 % · O₂ 3 L/min · AVPU Voice');
    expect(plainVitals([vital('3150-0', 'Inhaled oxygen concentration', { value: 28, unit: '%' })], en)).toBe('O₂ 28 %');
    // Words the cell does not know for sure mean Alert are shown, never hidden.
    expect(plainVitals([avpu('Not alert')], en)).toBe('AVPU Not alert');
    expect(plainVitals([avpu('New confusion')], en)).toBe('AVPU New confusion');
  });

  test('stay in the full list the patient details show', () => {
    expect(sortedVitals([avpu('Alert'), flow(0), spo2(97)], en).map((v) => v.code)).toEqual(['59408-5', '3151-8', '67775-7']);
  });
});

describe('flagged values', () => {
  test('carry their worst flag beside the words, so the cell colours them too; normal values carry none', () => {
    const entries = vitalEntries(
      [
        { code: '8867-4', name: 'Heart rate', value: 118, unit: '/min', flag: 'high', components: [] },
        { code: '85354-9', name: 'BP', components: [{ code: '8480-6', name: 'Sys', value: 88, unit: 'mmHg', flag: 'critical-low' }, { code: '8462-4', name: 'Dia', value: 50, unit: 'mmHg', flag: 'low' }] },
        { code: '9279-1', name: 'Respiratory rate', value: 16, unit: '/min', flag: 'normal', components: [] },
      ],
      en,
    );
    expect(entries.map((e) => [e.key, e.flag])).toEqual([
      ['85354-9', 'critical-low'],
      ['8867-4', 'high'],
      ['9279-1', undefined],
    ]);
    expect(plain(entries[0]!.text)).toMatch(/critically low/);
  });
});
