// Which Patient.identifier is the medical record number (partner-interface.md §4). Identifier has the
// same shape in DSTU2, STU3 and R4 (except DSTU2 type codings using the older v2 system URL).
import { asRecord, asString, records, type Json } from './json.js';

const V2_IDENTIFIER_TYPE_SYSTEMS = ['http://hl7.org/fhir/v2/0203', 'http://terminology.hl7.org/CodeSystem/v2-0203'];
const NAMES_AN_MRN = /\b(mrn|medical record (number|no\.?))\b/i;
const IS_EXACTLY_AN_MRN = /^\s*(mrn|medical record (number|no\.?))\s*$/i;

function typeCodings(identifier: Json): Json[] {
  return records(asRecord(identifier['type'])?.['coding']);
}

function typeTexts(identifier: Json): string[] {
  const type = asRecord(identifier['type']);
  const texts = [asString(type?.['text']), ...typeCodings(identifier).map((c) => asString(c['display']))];
  return texts.filter((t): t is string => t !== undefined);
}

/**
 * Ranks how surely an identifier is the MRN: a v2-0203 `MR` type coding, then `MR` in any system, then a
 * type text naming an MRN, then an `official` or `usual` identifier. Ties go to the one whose type text is
 * exactly "MRN" (a facility MRN rather than, say, a community MRN), and old identifiers come last.
 */
function mrnScore(identifier: Json): number {
  const codings = typeCodings(identifier);
  const isMr = (c: Json): boolean => c['code'] === 'MR';
  let score = 0;
  if (codings.some((c) => isMr(c) && V2_IDENTIFIER_TYPE_SYSTEMS.includes(String(c['system'])))) score = 40;
  else if (codings.some(isMr)) score = 30;
  else if (typeTexts(identifier).some((t) => NAMES_AN_MRN.test(t))) score = 20;
  else if (identifier['use'] === 'official') score = 11;
  else if (identifier['use'] === 'usual') score = 10;
  if (score === 0) return 0;
  // Only the type's own text: every MR coding's display says "Medical record number".
  if (score >= 30 && IS_EXACTLY_AN_MRN.test(asString(asRecord(identifier['type'])?.['text']) ?? '')) score += 2;
  if (identifier['use'] === 'old') score -= 5;
  return score;
}

export function pickMrn(identifiers: unknown): string | undefined {
  let best: { value: string; score: number } | undefined;
  for (const identifier of records(identifiers)) {
    const value = asString(identifier['value']);
    if (value === undefined) continue;
    const score = mrnScore(identifier);
    if (score > 0 && (best === undefined || score > best.score)) best = { value: value.trim(), score };
  }
  return best?.value;
}
