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
    expect(text).toContain('Level of responsiveness Voice');
    expect(text).toContain('Heart rate 118 /min (high)');
  });
});
