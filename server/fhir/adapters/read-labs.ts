// Observations (laboratory) → the newest LabResult of each configured LOINC code, in the order of the codes.
// A result is a Quantity, or text (valueString, valueCodeableConcept, or a Quantity with a comparator, "<0.01");
// its flag comes from read-flag.ts and its reference range is kept as the EHR wrote it
// (hl7.org/fhir/R4/observation.html#Observation.referenceRange, the same shape in DSTU2 and STU3).
import type { LabResult } from '../../wire/contract.js';
import { labDefinitionOf } from '../../clinical/lab-ranges.js';
import { asNumber, asRecord, asString, compact, records, type Json } from './json.js';
import { conceptCodes, conceptLabel, conceptText, period, quantity } from './read-common.js';
import { flagOf, interpretationFlag } from './read-flag.js';
import type { CategoryReader } from './read-vitals.js';

const LOINC = 'http://loinc.org';
const SKIPPED_STATUSES = ['entered-in-error', 'cancelled'];

/** Says whether the server tagged the observation as something other than a laboratory result. */
function isOtherCategory(observation: Json, readCategories: CategoryReader): boolean {
  const codes = readCategories(observation).flatMap((category) => conceptCodes(category));
  return codes.length > 0 && !codes.includes('laboratory');
}

/** The first of `wanted` among the observation's LOINC codings (or codings that name no system). */
function wantedCode(observation: Json, wanted: ReadonlySet<string>): string | undefined {
  for (const coding of records(asRecord(observation['code'])?.['coding'])) {
    const system = asString(coding['system']);
    const code = asString(coding['code'])?.trim();
    if ((system === undefined || system === LOINC) && code !== undefined && wanted.has(code)) return code;
  }
  return undefined;
}

/** "41–53 %", "< 5 mg/L", "> 60": a range's own text first, else its low and high. */
function rangeText(referenceRange: unknown): string | undefined {
  const range = records(referenceRange)[0];
  if (!range) return undefined;
  const text = asString(range['text'])?.trim();
  if (text) return text;
  const low = quantity(range['low']);
  const high = quantity(range['high']);
  const unit = high?.unit ?? low?.unit;
  const withUnit = (bound: string): string => (unit ? `${bound} ${unit}` : bound);
  if (low?.value !== undefined && high?.value !== undefined) return withUnit(`${low.value}–${high.value}`);
  if (high?.value !== undefined) return withUnit(`< ${high.value}`);
  if (low?.value !== undefined) return withUnit(`> ${low.value}`);
  return undefined;
}

interface Reading {
  value?: number;
  unit?: string;
  text?: string;
}

/** valueQuantity (with its comparator kept as text), else valueString, else valueCodeableConcept. */
function readingOf(observation: Json): Reading | undefined {
  const measured = quantity(observation['valueQuantity']);
  if (measured?.value !== undefined) {
    const comparator = asString(asRecord(observation['valueQuantity'])?.['comparator']);
    return { ...measured, ...(comparator !== undefined && { text: `${comparator}${measured.value}` }) };
  }
  const text = asString(observation['valueString'])?.trim() ?? conceptText(observation['valueCodeableConcept']);
  if (text) return { text };
  // valueInteger is R4's; a count sent so is a number all the same.
  const integer = asNumber(observation['valueInteger']);
  return integer === undefined ? undefined : { value: integer };
}

function effectiveOf(observation: Json): string | undefined {
  return (
    asString(observation['effectiveDateTime']) ??
    asString(observation['effectiveInstant']) ??
    period(observation['effectivePeriod'])?.start ??
    asString(observation['issued'])
  );
}

interface Candidate {
  code: string;
  time: number;
  lab: LabResult;
}

function toCandidate(observation: Json, wanted: ReadonlySet<string>, readCategories: CategoryReader): Candidate | undefined {
  if (observation['resourceType'] !== 'Observation') return undefined;
  if (SKIPPED_STATUSES.includes(String(observation['status']))) return undefined;
  if (isOtherCategory(observation, readCategories)) return undefined;
  const code = wantedCode(observation, wanted);
  if (code === undefined) return undefined;
  const reading = readingOf(observation);
  if (!reading) return undefined; // ordered, not resulted yet (or a data-absent reason): nothing to show
  const effective = effectiveOf(observation);
  const time = effective === undefined ? Number.NaN : Date.parse(effective);
  const flag =
    reading.value !== undefined
      ? flagOf(observation, reading.value, code, reading.unit)
      : interpretationFlag(observation['interpretation']);
  return {
    code,
    time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time,
    lab: compact<LabResult>({
      code,
      name: conceptLabel(observation['code']) ?? labDefinitionOf(code)?.name ?? code,
      value: reading.value,
      unit: reading.unit,
      text: reading.text,
      effective,
      flag,
      referenceRange: rangeText(observation['referenceRange']),
    }),
  };
}

export function readLabs(observations: readonly unknown[], codes: readonly string[], readCategories: CategoryReader): LabResult[] {
  const wanted = new Set(codes);
  const newest = new Map<string, Candidate>();
  for (const observation of records(observations)) {
    const candidate = toCandidate(observation, wanted, readCategories);
    if (!candidate) continue;
    const current = newest.get(candidate.code);
    // Servers sort newest first, so on a tie the first one seen stays.
    if (!current || candidate.time > current.time) newest.set(candidate.code, candidate);
  }
  return [...wanted].flatMap((code) => {
    const found = newest.get(code);
    return found ? [found.lab] : [];
  });
}
