// MedicationOrder (DSTU2) / MedicationRequest (STU3, R4) → MedicationSummary. The version adapters pick
// the date (DSTU2 `dateWritten`, STU3+ `authoredOn`) and the prescriber (DSTU2 `prescriber`, STU3
// `requester.agent`, R4 `requester`); the medication itself and the dosage read the same in all three.
import type { MedicationSummary } from '../../wire/contract.js';
import { asRecord, asString, compact, records, type Json } from './json.js';
import { conceptText, narrativeText } from './read-common.js';
import type { FamilyReader } from './read-name.js';
import { referenceDisplay } from './read-reference.js';

export const UNKNOWN_MEDICATION = 'Unnamed medication';

export interface MedicationFields {
  authored: string | undefined;
  prescriber: string | undefined;
}

export function medicationName(resource: Json, readFamily: FamilyReader): string {
  return (
    conceptText(resource['medicationCodeableConcept']) ??
    referenceDisplay(resource['medicationReference'], resource, readFamily) ??
    narrativeText(resource) ??
    UNKNOWN_MEDICATION
  );
}

export function readMedication(resource: Json, readFamily: FamilyReader, fields: MedicationFields): MedicationSummary {
  const dosage = records(resource['dosageInstruction'])
    .map((instruction) => asString(instruction['text'])?.trim())
    .filter((text): text is string => Boolean(text));
  return compact<MedicationSummary>({
    name: medicationName(resource, readFamily),
    status: asString(resource['status']),
    authored: fields.authored,
    prescriber: fields.prescriber,
    dosage: dosage.length > 0 ? dosage.join('; ') : undefined,
  });
}

/** Display of a Reference one level down, e.g. STU3 `requester.agent`. */
export function nestedReference(
  resource: Json,
  outer: string,
  inner: string,
  readFamily: FamilyReader,
): string | undefined {
  return referenceDisplay(asRecord(resource[outer])?.[inner], resource, readFamily);
}
