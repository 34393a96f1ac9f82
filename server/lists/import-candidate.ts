// One patient read from an import file (CSV line or FHIR List entry), checked by the same rules as the API.
import type { ColumnId } from '../wire/contract.js';
import { badRequest } from '../errors.js';
import { BIRTH_DATE, MANUAL_LIMITS, PATIENT_ID, isGender, isRealDate, storableTime, textProblem, upTo, type Gender } from './fields.js';
import { LIST_LIMITS } from './limits.js';

export interface ImportCandidate {
  /** Where it came from, for messages: "row 3", "entry 2". */
  label: string;
  patientId?: string;
  mrn?: string;
  name?: string;
  birthDate?: string;
  gender?: Gender;
  location?: string;
  note?: { text: string; author?: string; updatedAt?: string };
}

export interface ParsedImport {
  name?: string;
  columns?: ColumnId[];
  candidates: ImportCandidate[];
}

/** A candidate as read from the file, before checkCandidate: its gender is any text. */
export type RawCandidate = Omit<ImportCandidate, 'gender'> & { gender?: string };

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Checks one raw candidate; a bad field is a 400 naming the row and the field. */
export function checkCandidate(raw: RawCandidate): ImportCandidate {
  const fail = (field: string, problem: string): never => {
    throw badRequest(`${raw.label}, ${field}: ${problem}`);
  };
  /** The same text rules as the API: stored as sent, or refused naming the field. */
  const text = (field: string, value: string | undefined, isMultiline = false): string | undefined => {
    const problem = value === undefined ? undefined : textProblem(value, { isMultiline });
    return problem ? fail(field, problem) : value;
  };
  const candidate: ImportCandidate = { label: raw.label };
  const patientId = present(raw.patientId);
  if (patientId !== undefined) {
    if (!PATIENT_ID.test(patientId)) fail('patientId', 'must be a FHIR id: 1–64 letters, digits, - or . (not only dots)');
    candidate.patientId = patientId;
  }
  const mrn = text('mrn', present(raw.mrn));
  if (mrn !== undefined) {
    if (mrn.length > MANUAL_LIMITS.mrn) fail('mrn', `must be at most ${MANUAL_LIMITS.mrn} characters`);
    candidate.mrn = mrn;
  }
  const name = text('name', present(raw.name));
  if (name !== undefined) {
    if (name.length > MANUAL_LIMITS.name) fail('name', `must be at most ${MANUAL_LIMITS.name} characters`);
    candidate.name = name;
  }
  const birthDate = present(raw.birthDate);
  if (birthDate !== undefined) {
    if (!BIRTH_DATE.test(birthDate) || !isRealDate(birthDate)) fail('birthDate', 'must be a real date as YYYY-MM-DD');
    candidate.birthDate = birthDate;
  }
  const gender = present(raw.gender)?.toLowerCase();
  if (gender !== undefined) {
    if (!isGender(gender)) fail('gender', 'must be male, female, other or unknown');
    else candidate.gender = gender;
  }
  const location = text('location', present(raw.location));
  if (location !== undefined) candidate.location = upTo(location, MANUAL_LIMITS.location);
  if (raw.note && raw.note.text.trim() !== '') {
    if (raw.note.text.length > LIST_LIMITS.noteLength)
      fail('note', `must be at most ${LIST_LIMITS.noteLength} characters`);
    text('note', raw.note.text, true);
    const author = text('note author', present(raw.note.author));
    // A time the stores cannot keep as sent (unreadable, or outside years 1–9999) becomes the import's own time.
    candidate.note = {
      text: raw.note.text,
      author: author === undefined ? undefined : upTo(author, 200),
      updatedAt: storableTime(raw.note.updatedAt),
    };
  }
  if (!candidate.patientId && !candidate.mrn && !candidate.name)
    fail('patientId', 'each patient needs a patientId, an mrn or a name');
  return candidate;
}
