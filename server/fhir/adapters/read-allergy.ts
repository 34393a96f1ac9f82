// AllergyIntolerance → AllergySummary. The version adapters pick the substance concept (DSTU2 `substance`,
// STU3/R4 `code`), the statuses, the recorded date and the notes; reactions and fallbacks read the same.
import type { AllergySummary } from '../../wire/contract.js';
import { asRecord, asString, compact, records, type Json } from './json.js';
import { conceptCodes, conceptText, narrativeText } from './read-common.js';

export const UNKNOWN_SUBSTANCE = 'Unknown substance';

/**
 * SNOMED CT codes that record the absence of any known allergy rather than a substance: 716186003 "No known
 * allergy", the code R4 and STU3 list in their value set (hl7.org/fhir/R4/valueset-allergyintolerance-code.html) and
 * that DSTU2 EHRs send in `substance` (the Argonaut guide), and 160244002 "No known allergies", the older concept
 * it replaced. Narrower ones ("No known drug allergy") keep their own words as the substance.
 */
const NO_KNOWN_ALLERGY_CODES = new Set(['716186003', '160244002']);
/** A refuted or mistaken "no known allergy" says nothing. */
const VOID_VERIFICATION = new Set(['refuted', 'entered-in-error']);

function isNoKnownAllergy(fields: AllergyFields): boolean {
  if (fields.verificationStatus !== undefined && VOID_VERIFICATION.has(fields.verificationStatus)) return false;
  return conceptCodes(fields.substance).some((code) => NO_KNOWN_ALLERGY_CODES.has(code));
}

export interface AllergyFields {
  substance: unknown;
  clinicalStatus: string | undefined;
  verificationStatus: string | undefined;
  recorded: string | undefined;
  notes: unknown[];
}

function substanceOf(resource: Json, concept: unknown): string {
  const fromReactions = records(resource['reaction'])
    .map((reaction) => conceptText(reaction['substance']))
    .find((text) => text !== undefined);
  return conceptText(concept) ?? fromReactions ?? narrativeText(resource) ?? UNKNOWN_SUBSTANCE;
}

function reactionsOf(resource: Json): string[] {
  const manifestations = records(resource['reaction']).flatMap((reaction) =>
    records(reaction['manifestation']).map((m) => conceptText(m)),
  );
  return [...new Set(manifestations.filter((text): text is string => text !== undefined))];
}

export function readAllergy(resource: Json, fields: AllergyFields): AllergySummary {
  const notes = fields.notes
    .map((note) => asString(asRecord(note)?.['text'])?.trim())
    .filter((text): text is string => Boolean(text));
  return compact<AllergySummary>({
    substance: substanceOf(resource, fields.substance),
    isNoKnownAllergy: isNoKnownAllergy(fields) ? true : undefined,
    clinicalStatus: fields.clinicalStatus,
    verificationStatus: fields.verificationStatus,
    recorded: fields.recorded,
    reactions: reactionsOf(resource),
    note: notes.length > 0 ? notes.join(' ') : undefined,
  });
}
