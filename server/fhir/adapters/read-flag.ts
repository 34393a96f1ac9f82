// Where an Observation's value stands (Flag): the EHR's own interpretation (v3 ObservationInterpretation:
// one CodeableConcept in DSTU2 and STU3, a list in R4), else its reference range, else Rounds' adult defaults
// for the NEWS2 vital signs (server/clinical/news2.ts) and the default labs (server/clinical/lab-ranges.ts).
// Nothing for a value none of them speaks of.
import type { Flag } from '../../wire/contract.js';
import { defaultLabFlag } from '../../clinical/lab-ranges.js';
import { defaultFlag, parameterOf } from '../../clinical/news2.js';
import { records, type Json } from './json.js';
import { conceptCodes, quantity } from './read-common.js';

/** hl7.org/fhir/R4/valueset-observation-interpretation.html: the codes that say a side (A/AA say none). */
const INTERPRETATIONS: Record<string, Flag> = {
  N: 'normal',
  L: 'low',
  LU: 'low',
  '<': 'low',
  H: 'high',
  HU: 'high',
  '>': 'high',
  LL: 'critical-low',
  HH: 'critical-high',
};

/** The codes of an interpretation: one CodeableConcept in DSTU2 and STU3, a list in R4. */
function interpretationCodes(interpretation: unknown): string[] {
  const concepts = Array.isArray(interpretation) ? interpretation : interpretation === undefined ? [] : [interpretation];
  return concepts.flatMap((concept) => conceptCodes(concept));
}

/** The flag the EHR's interpretation says, whatever the value (a result given as text has one too). */
export function interpretationFlag(interpretation: unknown): Flag | undefined {
  for (const code of interpretationCodes(interpretation)) {
    const flag = INTERPRETATIONS[code];
    if (flag) return flag;
  }
  return undefined;
}

function rangeFlag(referenceRange: unknown, value: number): Flag | undefined {
  const range = records(referenceRange)[0];
  if (!range) return undefined;
  const low = quantity(range['low'])?.value;
  const high = quantity(range['high'])?.value;
  if (low === undefined && high === undefined) return undefined;
  if (low !== undefined && value < low) return 'low';
  if (high !== undefined && value > high) return 'high';
  return 'normal';
}

/** Whether the EHR's interpretation is A (abnormal) or AA (critically abnormal): a severity with no side. */
function sidelessSeverity(interpretation: unknown): 'abnormal' | 'critical' | undefined {
  const codes = interpretationCodes(interpretation);
  if (codes.includes('AA')) return 'critical';
  if (codes.includes('A')) return 'abnormal';
  return undefined;
}

/** The flag of an Observation's (or a component's) value, with its LOINC code and unit for the defaults. */
export function flagOf(source: Json, value: number | undefined, code: string | undefined, unit: string | undefined): Flag | undefined {
  if (value === undefined) return undefined;
  const sided = interpretationFlag(source['interpretation']);
  if (sided) return sided;
  const range = rangeFlag(source['referenceRange'], value);
  const severity = sidelessSeverity(source['interpretation']);
  if (severity) {
    // A or AA takes its side from the range, else from the defaults; AA is critical on that side, never a mere "high".
    const side = range && range !== 'normal' ? range : flagOfDefaults(value, code, unit);
    if (side && side !== 'normal') {
      const isLow = side.endsWith('low');
      if (severity === 'critical') return isLow ? 'critical-low' : 'critical-high';
      return isLow ? 'low' : 'high';
    }
  }
  return range ?? flagOfDefaults(value, code, unit);
}

/** Rounds' adult defaults: the NEWS2 bands for vitals, the lab table for labs. */
function flagOfDefaults(value: number, code: string | undefined, unit: string | undefined): Flag | undefined {
  const parameter = parameterOf(code);
  if (!parameter) return defaultLabFlag(code, value, unit);
  return defaultFlag(parameter, parameter.normalise ? parameter.normalise(value, unit) : value);
}
