// The vital signs the demo records: LOINC codes with UCUM units (hl7.org/fhir/R4/observation-vitalsigns.html),
// and the two more NEWS2 needs: inhaled oxygen flow and the level of responsiveness, a coded AVPU answer.
import type { Code, VitalComponentKind, VitalKind } from './model.js';
import { LOINC } from './clinical.js';

export interface VitalDefinition {
  loinc: Code;
  unit: string;
  ucum: string;
  /** Typical adult range, for the generator. */
  range: [number, number];
  decimals: number;
}

export const VITALS: Record<VitalKind, VitalDefinition> = {
  heartRate: {
    loinc: { system: LOINC, code: '8867-4', display: 'Heart rate' },
    unit: 'beats/minute',
    ucum: '/min',
    range: [58, 112],
    decimals: 0,
  },
  bloodPressure: {
    loinc: { system: LOINC, code: '85354-6', display: 'Blood pressure panel with all children optional' },
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    range: [0, 0],
    decimals: 0,
  },
  respiratoryRate: {
    loinc: { system: LOINC, code: '9279-1', display: 'Respiratory rate' },
    unit: 'breaths/minute',
    ucum: '/min',
    range: [12, 26],
    decimals: 0,
  },
  temperature: {
    loinc: { system: LOINC, code: '8310-5', display: 'Body temperature' },
    unit: '°C',
    ucum: 'Cel',
    range: [36.1, 38.6],
    decimals: 1,
  },
  oxygenSaturation: {
    loinc: { system: LOINC, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
    unit: '%',
    ucum: '%',
    range: [89, 100],
    decimals: 0,
  },
  weight: {
    loinc: { system: LOINC, code: '29463-7', display: 'Body weight' },
    unit: 'kg',
    ucum: 'kg',
    range: [48, 118],
    decimals: 1,
  },
  // 0 L/min is room air; the generator titrates 1–6 L/min to the saturation (./news2-series.ts).
  oxygenFlow: {
    loinc: { system: LOINC, code: '3151-8', display: 'Inhaled oxygen flow rate' },
    unit: 'L/min',
    ucum: 'L/min',
    range: [0, 6],
    decimals: 0,
  },
  // Its value is an answer of AVPU_ANSWERS (valueCodeableConcept), so it has no unit.
  consciousness: {
    loinc: { system: LOINC, code: '67775-7', display: 'Level of responsiveness' },
    unit: '',
    ucum: '',
    range: [0, 0],
    decimals: 0,
  },
};

/** The LOINC answers to 67775-7 the demo records; Pain (LA17107-6) and Unresponsive (LA9343-0) complete AVPU. */
export const AVPU_ANSWERS = {
  alert: { system: LOINC, code: 'LA9340-6', display: 'Alert' },
  voice: { system: LOINC, code: 'LA17108-4', display: 'Voice' },
} as const satisfies Record<string, Code>;

export const VITAL_COMPONENTS: Record<VitalComponentKind, VitalDefinition> = {
  systolic: {
    loinc: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' },
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    range: [98, 168],
    decimals: 0,
  },
  diastolic: {
    loinc: { system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' },
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    range: [56, 98],
    decimals: 0,
  },
};
