// LAB_CODES: the labs column's LOINC codes, parsed once at start-up with the rest of the configuration.
import { describe, expect, test } from 'vitest';
import { configProblems as problemsOf } from '../support/config-problems.js';
import { loadConfig } from '../../server/config.js';
import { DEFAULT_LAB_CODES, isLoincCode } from '../../server/clinical/lab-ranges.js';


describe('LAB_CODES', () => {
  test('defaults to the ten common labs', () => {
    expect(loadConfig({}).labCodes).toEqual(DEFAULT_LAB_CODES);
    expect(loadConfig({ LAB_CODES: '' }).labCodes).toEqual(DEFAULT_LAB_CODES);
  });

  test('takes comma-separated LOINC codes in the order given, each once', () => {
    expect(loadConfig({ LAB_CODES: ' 2823-3, 2951-2 ,2823-3,4544-3' }).labCodes).toEqual(['2823-3', '2951-2', '4544-3']);
  });

  test('names the codes that are not LOINC codes or have a wrong check digit, with the other bad variables', () => {
    const problems = problemsOf({ LAB_CODES: '2823-3,2823-4,potassium', PORT: 'eighty' });
    expect(problems).toContain(
      'LAB_CODES: must be comma-separated LOINC codes like 2823-3; not a LOINC code (or a wrong check digit): 2823-4, potassium',
    );
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
  });

  test('needs at least one code, and at most 30', () => {
    expect(problemsOf({ LAB_CODES: ' , ' })).toEqual(['LAB_CODES: must name from 1 to 30 LOINC codes']);
    const many = Array.from({ length: 31 }, (_, i) => `${1000 + i}`).map(withCheckDigit);
    expect(problemsOf({ LAB_CODES: many.join(',') })).toEqual(['LAB_CODES: must name from 1 to 30 LOINC codes']);
  });
});

/** 1000 → 1000-? with LOINC's mod-10 check digit. */
function withCheckDigit(number: string): string {
  const code = Array.from({ length: 10 }, (_, digit) => `${number}-${digit}`).find(isLoincCode);
  if (!code) throw new Error(`no check digit for ${number}`);
  return code;
}
