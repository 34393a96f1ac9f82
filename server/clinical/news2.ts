// The National Early Warning Score 2 (Royal College of Physicians, "National Early Warning Score (NEWS) 2:
// Standardising the assessment of acute-illness severity in the NHS", December 2017, chart 1 and table 2), and
// the adult default flags of vital signs, taken from the same bands: a value worth 3 points is critical, one
// worth 1 or 2 is low or high, 0 is normal. The EHR's own interpretation and reference range come first
// (server/fhir/adapters/read-vitals.ts); these apply when it gives neither.
import type { Flag, News2, VitalSign } from '../wire/contract.js';

/** One NEWS2 parameter: its LOINC codes (observations or blood pressure components) and its bands. */
interface Parameter {
  name: string;
  codes: readonly string[];
  /** Points by upper bound, ascending: the first band whose `upTo` the value does not exceed. */
  bands: readonly { upTo: number; points: number }[];
  /** Converts a value in another unit to the table's (°F to °C). */
  normalise?: (value: number, unit: string | undefined) => number;
}

const fahrenheitToCelsius = (value: number, unit: string | undefined): number =>
  unit && /\[?degF\]?|°F/i.test(unit) ? Math.round(((value - 32) * 5) / 9 * 10) / 10 : value;

export const NEWS2_PARAMETERS = {
  respiratoryRate: {
    name: 'Respiratory rate',
    codes: ['9279-1'],
    bands: [
      { upTo: 8, points: 3 },
      { upTo: 11, points: 1 },
      { upTo: 20, points: 0 },
      { upTo: 24, points: 2 },
      { upTo: Infinity, points: 3 },
    ],
  },
  spo2: {
    name: 'SpO₂ (scale 1)',
    codes: ['59408-5', '2708-6', '2710-2', '20564-1'],
    bands: [
      { upTo: 91, points: 3 },
      { upTo: 93, points: 2 },
      { upTo: 95, points: 1 },
      { upTo: Infinity, points: 0 },
    ],
  },
  systolic: {
    name: 'Systolic blood pressure',
    codes: ['8480-6'],
    bands: [
      { upTo: 90, points: 3 },
      { upTo: 100, points: 2 },
      { upTo: 110, points: 1 },
      { upTo: 219, points: 0 },
      { upTo: Infinity, points: 3 },
    ],
  },
  pulse: {
    name: 'Pulse',
    codes: ['8867-4'],
    bands: [
      { upTo: 40, points: 3 },
      { upTo: 50, points: 1 },
      { upTo: 90, points: 0 },
      { upTo: 110, points: 1 },
      { upTo: 130, points: 2 },
      { upTo: Infinity, points: 3 },
    ],
  },
  temperature: {
    name: 'Temperature',
    codes: ['8310-5', '8331-1', '8332-9', '8333-7', '8328-7'],
    bands: [
      { upTo: 35.0, points: 3 },
      { upTo: 36.0, points: 1 },
      { upTo: 38.0, points: 0 },
      { upTo: 39.0, points: 1 },
      { upTo: Infinity, points: 2 },
    ],
    normalise: fahrenheitToCelsius,
  },
} as const satisfies Record<string, Parameter>;

/** Inhaled oxygen: a flow above 0 L/min (3151-8) or a concentration above air's 21 % (3150-0) means oxygen. */
const OXYGEN_FLOW = '3151-8';
const OXYGEN_CONCENTRATION = '3150-0';
/** Oxygen is worth 2 points; air 0. */
const OXYGEN_POINTS = 2;

/** The points of a value in a parameter's bands. */
export function pointsOf(parameter: Parameter, value: number): number {
  for (const band of parameter.bands) if (value <= band.upTo) return band.points;
  return 0;
}

/** The default flag of a value: 3 points critical, 1–2 low or high (by which side of normal), 0 normal. */
export function defaultFlag(parameter: Parameter, value: number): Flag {
  const points = pointsOf(parameter, value);
  if (points === 0) return 'normal';
  const normalAt = parameter.bands.findIndex((band) => band.points === 0);
  const bandAt = parameter.bands.findIndex((band) => value <= band.upTo);
  const isLow = normalAt >= 0 && bandAt < normalAt;
  if (points === 3) return isLow ? 'critical-low' : 'critical-high';
  return isLow ? 'low' : 'high';
}

/** The NEWS2 parameter a LOINC code measures, if any. */
export function parameterOf(code: string | undefined): Parameter | undefined {
  if (!code) return undefined;
  return Object.values(NEWS2_PARAMETERS).find((p) => (p.codes as readonly string[]).includes(code));
}

interface Reading {
  value: number;
  unit?: string;
  effective?: string;
}

/** Every reading of the vitals by LOINC code: observations and blood pressure components alike. */
function readingsOf(vitals: readonly VitalSign[]): Map<string, Reading> {
  const readings = new Map<string, Reading>();
  for (const vital of vitals) {
    if (vital.code && vital.value !== undefined) readings.set(vital.code, { value: vital.value, unit: vital.unit, effective: vital.effective });
    for (const component of vital.components)
      if (component.code && component.value !== undefined)
        readings.set(component.code, { value: component.value, unit: component.unit, effective: vital.effective });
  }
  return readings;
}

/** LOINC 67775-7, "Level of responsiveness": the AVPU (ACVPU) scale as EHRs record it. */
export const CONSCIOUSNESS_CODE = '67775-7';
/** Answers meaning Alert, the whole answer only (LOINC LA9340-6, SNOMED 248234008 "Mentally alert"). */
const ALERT = /^\s*(LA9340-6|248234008|a|alert|mentally alert)\s*$/i;
/**
 * New confusion, voice, pain or unresponsive (LOINC LA17108-4, LA17107-6, LA9343-0; SNOMED 450847001, 450848006,
 * 422768004, 286933003), or any answer that says "not alert". Asked first: "Responds to voice, not fully alert"
 * is never read as alert.
 */
const NOT_ALERT = /^\s*(LA17108-4|LA17107-6|LA9343-0|450847001|450848006|422768004|286933003|[cvpu])\s*$|confus|voice|verbal|pain|unrespons|\bnot\b[^,;]*\balert/i;
/** RCP: new confusion, or a response to voice or pain only, or none, scores 3; alert 0. */
const NOT_ALERT_POINTS = 3;

/** The consciousness parameter from the latest recorded level of responsiveness, when it is recent and readable. */
function consciousnessOf(vitals: readonly VitalSign[], isRecent: (reading: Reading) => boolean): News2['parameters'][number] | undefined {
  const recorded = vitals.find((v) => v.code === CONSCIOUSNESS_CODE && v.text !== undefined);
  if (!recorded?.text || !isRecent({ value: 0, effective: recorded.effective })) return undefined;
  if (NOT_ALERT.test(recorded.text)) return { name: 'Consciousness', points: NOT_ALERT_POINTS };
  if (ALERT.test(recorded.text)) return { name: 'Consciousness', points: 0 };
  return undefined;
}

export interface News2Options {
  /** The time the score is for. */
  now: Date;
  /** Readings older than this are not used (the parameter counts as missing). Default 24 h. */
  windowMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * NEWS2 from the latest vitals: the sum of the parameters' points, its clinical risk band, and which parameters
 * are missing (not recorded, or older than the window). A score with missing parameters is partial: never
 * shown as a complete one. Undefined when no parameter at all is available.
 */
export function news2Of(vitals: readonly VitalSign[], options: News2Options): News2 | undefined {
  const windowMs = options.windowMs ?? DAY_MS;
  const readings = readingsOf(vitals);
  const isRecent = (reading: Reading): boolean => {
    if (!reading.effective) return false;
    const at = Date.parse(reading.effective);
    return !Number.isNaN(at) && options.now.getTime() - at <= windowMs;
  };
  const parameters: News2['parameters'] = [];
  const missing: string[] = [];
  for (const parameter of Object.values(NEWS2_PARAMETERS) as Parameter[]) {
    const reading = parameter.codes.map((code) => readings.get(code)).find((r) => r !== undefined && isRecent(r));
    if (!reading) {
      missing.push(parameter.name);
      continue;
    }
    const value = parameter.normalise ? parameter.normalise(reading.value, reading.unit) : reading.value;
    parameters.push({ name: parameter.name, value, points: pointsOf(parameter, value) });
  }
  const flow = readings.get(OXYGEN_FLOW);
  const concentration = readings.get(OXYGEN_CONCENTRATION);
  const oxygen = [flow, concentration].find((r) => r !== undefined && isRecent(r));
  if (oxygen) {
    const isOnOxygen = oxygen === flow ? oxygen.value > 0 : oxygen.value > 21;
    parameters.push({ name: 'Supplemental oxygen', value: isOnOxygen ? 1 : 0, points: isOnOxygen ? OXYGEN_POINTS : 0 });
  } else missing.push('Supplemental oxygen');
  const consciousness = consciousnessOf(vitals, isRecent);
  if (consciousness) parameters.push(consciousness);
  else missing.push('Consciousness');

  if (parameters.length === 0) return undefined;
  const score = parameters.reduce((sum, p) => sum + p.points, 0);
  return { score, band: bandOf(score, parameters), partial: missing.length > 0, missing, parameters };
}

/** RCP table 2: 0–4 low (low-medium when any single parameter scores 3), 5–6 medium, 7 or more high. */
export function bandOf(score: number, parameters: readonly { points: number }[]): News2['band'] {
  if (score >= 7) return 'high';
  if (score >= 5) return 'medium';
  if (parameters.some((p) => p.points === 3)) return 'low-medium';
  return 'low';
}
