// AllergyIntolerance → AllergySummary. The version adapters pick the substance concept (DSTU2 `substance`,
// STU3/R4 `code`), the statuses, the recorded date and the notes; reactions and fallbacks read the same.
import type { AllergySummary } from '../../wire/contract.js';
import { asRecord, asString, compact, records, type Json } from './json.js';
import { conceptText, narrativeText } from './read-common.js';

export const UNKNOWN_SUBSTANCE = 'Unknown substance';

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
    clinicalStatus: fields.clinicalStatus,
    verificationStatus: fields.verificationStatus,
    recorded: fields.recorded,
    reactions: reactionsOf(resource),
    note: notes.length > 0 ? notes.join(' ') : undefined,
  });
}
