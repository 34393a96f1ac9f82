// The labs column's default set, and Rounds' adult defaults for flagging a lab result when the EHR sends neither an
// interpretation nor a reference range (server/fhir/adapters/read-flag.ts asks the EHR first). Sex-blind,
// conservative, well-known adult values:
//   - Reference intervals: the common adult intervals of general hospital laboratories, as in Kratz A et al.,
//     "Laboratory reference values", N Engl J Med 2004;351:1548-63, rounded to the figures clinicians quote
//     (Na 135-145, K 3.5-5.0 mmol/L, WBC 4-11 and platelets 150-400 x10^9/L, creatinine 60-110 umol/L,
//     glucose 3.9-7.8 mmol/L, CRP < 5 mg/L, lactate 0.5-2.0 mmol/L).
//   - Hb: WHO, "Haemoglobin concentrations for the diagnosis of anaemia and assessment of severity"
//     (WHO/NMH/NHD/MNM/11.1, 2011): anaemia below 120 g/L in non-pregnant women and 130 g/L in men. A default that
//     cannot know the sex takes 120, so it never calls a normal woman low; the EHR's own (sex-specific) range wins.
//   - Critical limits: the ones hospital critical-value lists share (Na < 120 / > 160, K < 2.5 / > 6.5,
//     glucose < 2.2 / > 25 mmol/L), and lactate > 4 mmol/L, the Surviving Sepsis Campaign's threshold.
//   - Troponin I: the conventional 0.04 ng/mL (40 ng/L) cut-off; assays differ, so the EHR's own range counts most.
// A range applies only when the result's unit is one it is written in (each unit with its own well-known figures,
// no arithmetic on the border): a value in an unknown unit gets no default flag rather than a wrong one.
import type { Flag } from '../wire/contract.js';

interface LabRange {
  /** Unit spellings, as normaliseUnit() writes them. */
  units: readonly string[];
  low?: number;
  high?: number;
  criticalLow?: number;
  criticalHigh?: number;
}

export interface LabDefinition {
  /** LOINC codes; the first is the one LAB_CODES names by default, the others are the same test in other forms. */
  codes: readonly string[];
  /** Shown when the EHR names the test with a code only. */
  name: string;
  ranges: readonly LabRange[];
}

const PER_NANOLITRE = ['10*9/l', '10*3/ul', 'k/ul', '/nl', '10*3/mm3', 'thou/ul', 'giga/l'];
const MONOVALENT = ['mmol/l', 'meq/l'];

/** The ten labs of the column by default, in the order a round reads them: blood count, kidney, the rest. */
export const LAB_DEFINITIONS: readonly LabDefinition[] = [
  {
    codes: ['718-7'],
    name: 'Haemoglobin',
    ranges: [
      { units: ['g/l'], low: 120, high: 170 },
      { units: ['g/dl'], low: 12, high: 17 },
    ],
  },
  // 26464-8 and 26515-7: the same counts without the method.
  { codes: ['6690-2', '26464-8'], name: 'White cells', ranges: [{ units: PER_NANOLITRE, low: 4, high: 11 }] },
  { codes: ['777-3', '26515-7'], name: 'Platelets', ranges: [{ units: PER_NANOLITRE, low: 150, high: 400 }] },
  // 2947-0 and 6298-4: sodium and potassium in whole blood (blood gas analysers).
  {
    codes: ['2951-2', '2947-0'],
    name: 'Sodium',
    ranges: [{ units: MONOVALENT, low: 135, high: 145, criticalLow: 120, criticalHigh: 160 }],
  },
  {
    codes: ['2823-3', '6298-4'],
    name: 'Potassium',
    ranges: [{ units: MONOVALENT, low: 3.5, high: 5.0, criticalLow: 2.5, criticalHigh: 6.5 }],
  },
  // 2160-0 is the mass concentration, 14682-9 the molar one; many EHRs send µmol/L under 2160-0 all the same.
  {
    codes: ['2160-0', '14682-9'],
    name: 'Creatinine',
    ranges: [
      { units: ['umol/l'], low: 60, high: 110 },
      { units: ['mg/dl'], low: 0.7, high: 1.2 },
    ],
  },
  {
    codes: ['2345-7', '14749-6'],
    name: 'Glucose',
    ranges: [
      { units: ['mmol/l'], low: 3.9, high: 7.8, criticalLow: 2.2, criticalHigh: 25 },
      { units: ['mg/dl'], low: 70, high: 140, criticalLow: 40, criticalHigh: 450 },
    ],
  },
  {
    codes: ['1988-5'],
    name: 'CRP',
    ranges: [
      { units: ['mg/l'], high: 5 },
      { units: ['mg/dl'], high: 0.5 },
    ],
  },
  // 32693-4: lactate in whole blood (blood gas analysers).
  {
    codes: ['2524-7', '32693-4'],
    name: 'Lactate',
    ranges: [{ units: ['mmol/l'], low: 0.5, high: 2.0, criticalHigh: 4 }],
  },
  {
    codes: ['10839-9'],
    name: 'Troponin I',
    ranges: [
      { units: ['ng/ml', 'ug/l'], high: 0.04 },
      { units: ['ng/l', 'pg/ml'], high: 40 },
    ],
  },
];

/** LAB_CODES when it is not set: the first code of each lab above. */
export const DEFAULT_LAB_CODES: readonly string[] = LAB_DEFINITIONS.map((lab) => lab.codes[0] as string);

const BY_CODE = new Map(LAB_DEFINITIONS.flatMap((lab) => lab.codes.map((code) => [code, lab] as const)));

export function labDefinitionOf(code: string | undefined): LabDefinition | undefined {
  return code === undefined ? undefined : BY_CODE.get(code);
}

const SUPERSCRIPTS: Record<string, string> = { '⁹': '9', '³': '3', '⁶': '6' };

/**
 * A unit as the ranges above spell it: lower case, no spaces or brackets, µ as u, 10^9 / 10e9 / 10⁹ as 10*9, and
 * no leading "x" (×10⁹/L): "×10⁹/L" and "10*9/L" → "10*9/l", "µmol/L" → "umol/l", "mEq/L" → "meq/l".
 */
export function normaliseUnit(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/[\s[\]]/g, '')
    .replace(/[µμ]/g, 'u')
    .replace(/10([⁹³⁶])/g, (_, c: string) => `10*${SUPERSCRIPTS[c] ?? c}`)
    .replace(/^[x×]/, '')
    .replace(/10(?:\^|e|\*\*)(\d)/g, '10*$1');
}

/** Rounds' default flag of a lab value, or undefined when the code is not in the table or the unit is not known. */
export function defaultLabFlag(code: string | undefined, value: number, unit: string | undefined): Flag | undefined {
  const lab = labDefinitionOf(code);
  if (!lab || unit === undefined) return undefined;
  const spelled = normaliseUnit(unit);
  const range = lab.ranges.find((r) => r.units.includes(spelled));
  if (!range) return undefined;
  if (range.criticalLow !== undefined && value < range.criticalLow) return 'critical-low';
  if (range.criticalHigh !== undefined && value > range.criticalHigh) return 'critical-high';
  if (range.low !== undefined && value < range.low) return 'low';
  if (range.high !== undefined && value > range.high) return 'high';
  return 'normal';
}

/**
 * A LOINC code with its check digit right: digits, a hyphen, and the mod-10 check digit of the LOINC Users' Guide
 * ("Calculating Mod 10 check digits"; the same sum as Luhn's), so a mistyped "2823-4" for 2823-3 is refused.
 */
export function isLoincCode(code: string): boolean {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match) return false;
  const digits = [...(match[1] as string)].reverse().map(Number);
  const sum = digits.reduce((total, digit, i) => {
    if (i % 2 === 1) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}
