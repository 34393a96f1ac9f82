// @vitest-environment jsdom
// The labs column in the tab: a compact cell with the worst results first and their flags in words (never colour
// alone), in English and French; a sort that puts the sickest first; and the labs section of the patient details.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import type { LabResult, PatientDetail, Row } from '../../server/wire/contract';
import { DetailSections } from '../../tab/features/patient-detail/DetailSections';
import { createI18n, I18nProvider } from '../../tab/shared/i18n/I18nProvider';
import { labEntries, labsSeverity, labsText } from '../../tab/shared/lab-view';
import { ALL_COLUMNS, COLUMN_LABEL, cellText, sortRows } from '../../tab/shared/row-view';
import { ADA } from './support/fixtures';

const en = createI18n('en-US');
const fr = createI18n('fr-FR');
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');

const AT = '2026-11-26T05:40:00Z';
const hb: LabResult = { code: '718-7', name: 'Hemoglobin', value: 131, unit: 'g/L', effective: AT, flag: 'normal' };
const na: LabResult = { code: '2951-2', name: 'Sodium', value: 138, unit: 'mmol/L', effective: AT, flag: 'normal' };
const k: LabResult = { code: '2823-3', name: 'Potassium', value: 6.8, unit: 'mmol/L', effective: AT, flag: 'critical-high', referenceRange: '3.5-5.1 mmol/L' };
const crp: LabResult = { code: '1988-5', name: 'CRP', value: 48, unit: 'mg/L', effective: AT, flag: 'high' };
const troponin: LabResult = { code: '10839-9', name: 'Troponin I', value: 0.01, text: '<0.01', unit: 'ng/mL', effective: AT, flag: 'normal' };
const ferritin: LabResult = { code: '2276-4', name: 'Ferritin', value: 12, unit: 'ug/L', effective: AT };

const empty = { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [] };
const rowWith = (entryId: string, labs: LabResult[]): Row => ({ entryId, patient: { ...ADA, id: entryId }, display: entryId, ...empty, labs });

describe('the labs cell', () => {
  test('puts the worst results first, with their flags in words, and keeps label, value and flag together', () => {
    expect(plain(labsText([hb, na, k, crp], en))).toBe('K 6.8 ⇈ critically high · CRP 48 ↑ high · Hb 131 · Na 138');
    expect(labEntries([hb, k], en).map((e) => e.text)).toEqual(['K\u00a06.8\u00a0⇈ critically high', 'Hb\u00a0131']);
    expect(labEntries([k], en)[0]?.effective).toBe(AT);
  });

  test('speaks French, with French decimals and abbreviations', () => {
    expect(plain(labsText([k, { ...hb, code: '6690-2', value: 14.2, flag: 'high' }], fr))).toBe('K 6,8 ⇈ critique haut · GB 14,2 ↑ haut');
  });

  test("shows a result given as text as the EHR wrote it, and a lab it has no short label for by the EHR's name", () => {
    expect(plain(labsText([troponin, ferritin], en))).toBe('Trop <0.01 · Ferritin 12');
  });

  test('is the column cell, and the column is offered under its name', () => {
    const row = rowWith('a', [na, k]);
    expect(plain(cellText(row, 'labs', en))).toBe('K 6.8 ⇈ critically high · Na 138');
    expect(cellText(rowWith('b', []), 'labs', en)).toBe('');
    expect(ALL_COLUMNS).toContain('labs');
    expect(en.t(COLUMN_LABEL.labs)).toBe('Latest labs');
    expect(fr.t(COLUMN_LABEL.labs)).toBe('Dernière biologie');
  });
});

describe('sorting by labs', () => {
  test('puts the worst flag first, then the most results at it, then the most abnormal; rows without labs last', () => {
    const rows = [
      rowWith('none', []),
      rowWith('normal', [hb, na]),
      rowWith('one-critical-two-high', [k, crp, { ...hb, flag: 'low' }]),
      rowWith('two-critical', [k, { ...na, value: 118, flag: 'critical-low' }]),
      rowWith('one-high', [crp, hb]),
      rowWith('unflagged', [ferritin]),
    ];
    const sickestFirst = sortRows(rows, 'labs', 'desc', en).map((r) => r.entryId);
    expect(sickestFirst).toEqual(['two-critical', 'one-critical-two-high', 'one-high', 'normal', 'unflagged', 'none']);
    expect(labsSeverity([])).toBeLessThan(labsSeverity([ferritin]));
  });
});

describe('the labs section of the patient details', () => {
  afterEach(cleanup);

  test('lists each lab with its value and unit, its flag in words, its reference range and when it was taken', () => {
    const detail: PatientDetail = { patient: ADA, ...empty, labs: [hb, k] };
    render(
      <FluentProvider theme={teamsLightTheme}>
        <I18nProvider locale="en-US">
          <DetailSections detail={detail} />
        </I18nProvider>
      </FluentProvider>,
    );
    const section = screen.getByRole('region', { name: 'Latest labs' });
    const items = [...section.querySelectorAll('li')].map((li) => plain(li.textContent ?? ''));
    expect(items[0]).toMatch(/^Potassium 6\.8 mmol\/L ⇈ critically high range 3\.5-5\.1 mmol\/L · taken Nov 26, 2026/);
    expect(items[1]).toMatch(/^Hemoglobin 131 g\/L +taken Nov 26, 2026/);
  });

  test('says so when the EHR has none', () => {
    render(
      <FluentProvider theme={teamsLightTheme}>
        <I18nProvider locale="en-US">
          <DetailSections detail={{ patient: ADA, ...empty }} />
        </I18nProvider>
      </FluentProvider>,
    );
    expect(screen.getByRole('region', { name: 'Latest labs' }).textContent).toContain('None recorded in the EHR.');
  });
});
