// The laboratory tests the demo hospitals report: LOINC codes, units (SI and US conventional, UCUM-coded), the
// laboratory's own reference intervals and critical limits, and what an inpatient's values look like. The
// generator works in SI units and converts for a hospital that reports conventional ones.
import type { Code, LabKind } from './model.js';
import { LOINC } from './clinical.js';

export interface LabUnit {
  unit: string;
  ucum: string;
  /** A value in this unit is the SI value times this factor. */
  factor: number;
  decimals: number;
}

export interface DemoLabDefinition {
  loinc: Code;
  /** The laboratory's own name of the test (Observation.code.text). */
  name: string;
  si: LabUnit;
  conventional: LabUnit;
  /** The laboratory's reference interval in SI units; without `low` it reads "< high". */
  normal: { low?: number; high: number };
  /** The laboratory's critical limits in SI units: results beyond them always carry LL or HH. */
  critical: { low?: number; high?: number };
  /** A well inpatient's usual value, in SI units, for the generator. */
  usual: [number, number];
  /** How much a result wanders from one day to the next, in SI units. */
  jitter: number;
}

const unit = (unitText: string, ucum: string, factor: number, decimals: number): LabUnit => ({
  unit: unitText,
  ucum,
  factor,
  decimals,
});

// 2160-0 and 2345-7 are mass concentrations; the SI hospitals send µmol/L and mmol/L under them all the same, as
// many non-US EHRs do (Rounds' defaults go by the unit for that reason).
export const LABS: Record<LabKind, DemoLabDefinition> = {
  haemoglobin: {
    loinc: { system: LOINC, code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' },
    name: 'Haemoglobin',
    si: unit('g/L', 'g/L', 1, 0),
    conventional: unit('g/dL', 'g/dL', 0.1, 1),
    normal: { low: 120, high: 160 },
    critical: { low: 70 },
    usual: [112, 152],
    jitter: 4,
  },
  whiteCells: {
    loinc: { system: LOINC, code: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count' },
    name: 'White cell count',
    si: unit('10^9/L', '10*9/L', 1, 1),
    conventional: unit('K/uL', '10*3/uL', 1, 1),
    normal: { low: 4, high: 11 },
    critical: { low: 1, high: 30 },
    usual: [4.8, 10.5],
    jitter: 0.8,
  },
  platelets: {
    loinc: { system: LOINC, code: '777-3', display: 'Platelets [#/volume] in Blood by Automated count' },
    name: 'Platelet count',
    si: unit('10^9/L', '10*9/L', 1, 0),
    conventional: unit('K/uL', '10*3/uL', 1, 0),
    normal: { low: 150, high: 400 },
    critical: { low: 20, high: 1000 },
    usual: [160, 380],
    jitter: 15,
  },
  sodium: {
    loinc: { system: LOINC, code: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma' },
    name: 'Sodium',
    si: unit('mmol/L', 'mmol/L', 1, 0),
    conventional: unit('mEq/L', 'meq/L', 1, 0),
    normal: { low: 135, high: 145 },
    critical: { low: 120, high: 160 },
    usual: [135, 143],
    jitter: 1.5,
  },
  potassium: {
    loinc: { system: LOINC, code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' },
    name: 'Potassium',
    si: unit('mmol/L', 'mmol/L', 1, 1),
    conventional: unit('mEq/L', 'meq/L', 1, 1),
    normal: { low: 3.5, high: 5.1 },
    critical: { low: 2.5, high: 6.5 },
    usual: [3.6, 4.9],
    jitter: 0.2,
  },
  creatinine: {
    loinc: { system: LOINC, code: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma' },
    name: 'Creatinine',
    si: unit('umol/L', 'umol/L', 1, 0),
    conventional: unit('mg/dL', 'mg/dL', 1 / 88.4, 2),
    normal: { low: 59, high: 104 },
    critical: {},
    usual: [55, 102],
    jitter: 6,
  },
  glucose: {
    loinc: { system: LOINC, code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' },
    name: 'Glucose',
    si: unit('mmol/L', 'mmol/L', 1, 1),
    conventional: unit('mg/dL', 'mg/dL', 18, 0),
    normal: { low: 3.9, high: 7.8 },
    critical: { low: 2.2, high: 25 },
    usual: [4.5, 8.2],
    jitter: 0.8,
  },
  crp: {
    loinc: { system: LOINC, code: '1988-5', display: 'C reactive protein [Mass/volume] in Serum or Plasma' },
    name: 'C-reactive protein',
    si: unit('mg/L', 'mg/L', 1, 0),
    conventional: unit('mg/dL', 'mg/dL', 0.1, 1),
    normal: { high: 5 },
    critical: {},
    usual: [1, 12],
    jitter: 6,
  },
  lactate: {
    loinc: { system: LOINC, code: '2524-7', display: 'Lactate [Moles/volume] in Serum or Plasma' },
    name: 'Lactate',
    si: unit('mmol/L', 'mmol/L', 1, 1),
    conventional: unit('mmol/L', 'mmol/L', 1, 1),
    normal: { low: 0.5, high: 2.2 },
    critical: { high: 4 },
    usual: [0.7, 1.8],
    jitter: 0.2,
  },
  troponin: {
    loinc: { system: LOINC, code: '10839-9', display: 'Troponin I.cardiac [Mass/volume] in Serum or Plasma' },
    name: 'Troponin I',
    si: unit('ng/L', 'ng/L', 1, 0),
    conventional: unit('ng/mL', 'ng/mL', 0.001, 3),
    normal: { high: 40 },
    critical: {},
    usual: [2, 22],
    jitter: 3,
  },
};

export const LAB_KINDS = Object.keys(LABS) as LabKind[];

/** An SI value in a hospital's units, rounded as its laboratory reports. */
export function inUnits(definition: DemoLabDefinition, units: 'si' | 'conventional', siValue: number): number {
  const target = definition[units];
  return Number((siValue * target.factor).toFixed(target.decimals));
}
