// Observations (vital signs) → the newest VitalSign per LOINC code. Blood pressure is one vital whatever
// the server calls it (panel 85354-9, the older 55284-4, or no panel code but systolic/diastolic
// components), and keeps its systolic 8480-6 and diastolic 8462-4 components (hl7.org/fhir/R4/vitalsigns.html).
import type { VitalComponent, VitalSign } from '../../wire/contract.js';
import { asString, compact, records, type Json } from './json.js';
import { conceptCode, conceptCodes, conceptLabel, conceptText, period, quantity } from './read-common.js';
import { flagOf } from './read-flag.js';

/** Observation.category in one version's shape: one CodeableConcept in DSTU2, an array in STU3/R4. */
export type CategoryReader = (observation: Json) => Json[];

const LOINC = 'http://loinc.org';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
// 85354-9 is LOINC's blood pressure panel; 85354-6 is accepted too because our team brief spelled it so.
const BLOOD_PRESSURE_PANELS = ['85354-9', '55284-4', '85354-6'];
const COMPONENT_NAMES: Record<string, string> = { [SYSTOLIC]: 'Systolic', [DIASTOLIC]: 'Diastolic' };
const SKIPPED_STATUSES = ['entered-in-error', 'cancelled'];
/** Vitals recorded as a coded answer, not a number: the level of responsiveness (AVPU), LOINC 67775-7. */
const CODED_VITALS = ['67775-7'];

function readComponent(component: Json): VitalComponent {
  const codes = conceptCodes(component['code']);
  const code = codes.find((c) => c === SYSTOLIC || c === DIASTOLIC) ?? conceptCode(component['code'], [LOINC]);
  const name = conceptLabel(component['code']) ?? (code && COMPONENT_NAMES[code]) ?? code ?? 'Component';
  const value = quantity(component['valueQuantity']);
  return compact<VitalComponent>({ code, name, ...value, flag: flagOf(component, value?.value, code, value?.unit) });
}

const componentRank = (c: VitalComponent): number => (c.code === SYSTOLIC ? 0 : c.code === DIASTOLIC ? 1 : 2);

/** Says whether the server tagged the observation as something other than a vital sign. */
function isOtherCategory(observation: Json, readCategories: CategoryReader): boolean {
  const codes = readCategories(observation).flatMap((category) => conceptCodes(category));
  return codes.length > 0 && !codes.includes('vital-signs');
}

interface Candidate {
  key: string;
  time: number;
  vital: VitalSign;
}

function toCandidate(observation: Json, readCategories: CategoryReader): Candidate | undefined {
  if (observation['resourceType'] !== 'Observation') return undefined;
  if (SKIPPED_STATUSES.includes(String(observation['status']))) return undefined;
  if (isOtherCategory(observation, readCategories)) return undefined;
  const codes = conceptCodes(observation['code']);
  const components = records(observation['component']).map(readComponent);
  const isBloodPressure =
    codes.some((c) => BLOOD_PRESSURE_PANELS.includes(c)) ||
    components.some((c) => c.code === SYSTOLIC || c.code === DIASTOLIC);
  const code = isBloodPressure
    ? (codes.find((c) => BLOOD_PRESSURE_PANELS.includes(c)) ?? BLOOD_PRESSURE_PANELS[0])
    : conceptCode(observation['code'], [LOINC]);
  const name = conceptLabel(observation['code']) ?? (isBloodPressure ? 'Blood pressure' : conceptText(observation['code']));
  if (name === undefined) return undefined;
  const value = quantity(observation['valueQuantity']);
  // A vital that is a coded answer (AVPU's "Alert", "Responds to voice" …): its words, else its code. Other
  // vitals are numbers: a coded value there ("normal") says nothing to show.
  const answer = observation['valueCodeableConcept'];
  const isCoded = value === undefined && code !== undefined && CODED_VITALS.includes(code);
  const text = isCoded ? (conceptLabel(answer) ?? conceptCodes(answer)[0]) : undefined;
  if (value?.value === undefined && text === undefined && !components.some((c) => c.value !== undefined)) return undefined;
  const effective =
    asString(observation['effectiveDateTime']) ??
    period(observation['effectivePeriod'])?.start ??
    asString(observation['issued']);
  const time = effective === undefined ? Number.NEGATIVE_INFINITY : Date.parse(effective);
  return {
    key: isBloodPressure ? 'blood-pressure' : `code:${code ?? name}`,
    time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time,
    vital: compact<VitalSign>({
      code,
      name,
      ...value,
      text,
      effective,
      flag: flagOf(observation, value?.value, code, value?.unit),
      components: [...components].sort((a, b) => componentRank(a) - componentRank(b)),
    }),
  };
}

export function readVitals(observations: readonly unknown[], readCategories: CategoryReader): VitalSign[] {
  const newest = new Map<string, Candidate>();
  for (const observation of records(observations)) {
    const candidate = toCandidate(observation, readCategories);
    if (!candidate) continue;
    const current = newest.get(candidate.key);
    // Servers sort newest first, so on a tie the first one seen stays.
    if (!current || candidate.time > current.time) newest.set(candidate.key, candidate);
  }
  return [...newest.values()].map((candidate) => candidate.vital);
}
