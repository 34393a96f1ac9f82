// Field rules shared by the API's schemas and the import parsers, so a pasted CSV obeys the same rules.

/** Teams channel, chat and meeting ids, and Azure AD object ids. */
export const CONTEXT_ID = /^[A-Za-z0-9:@._=+/-]{1,256}$/;
/** A FHIR id (https://hl7.org/fhir/R4/datatypes.html#id). */
/**
 * A FHIR id (hl7.org/fhir/R4/datatypes.html#id), never only dots: `.` or `..` in a URL path is a dot segment,
 * and `Patient/.` becomes `Patient/` (another patient, or a search) once the URL is normalised.
 */
export const PATIENT_ID = /^(?!\.+$)[A-Za-z0-9\-.]{1,64}$/;
export const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const MANUAL_LIMITS = { name: 200, mrn: 64, location: 200 } as const;

/** The largest version a list or entry may be sent with: PostgreSQL's `integer` column holds no more. */
export const MAX_VERSION = 2_147_483_647;

// Text is stored exactly as sent or refused, never altered: PostgreSQL refuses NUL in text (a 500), and a lone
// UTF-16 surrogate cannot be written as UTF-8 (both stores would silently turn it into U+FFFD).
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

/** Why a free-text value cannot be stored as is, or undefined. Notes may hold tabs and line breaks. */
export function textProblem(value: string, options: { isMultiline?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  if (options.isMultiline) {
    return CONTROL_BUT_LINE_BREAKS.test(value) ? 'must not contain control characters other than tabs and line breaks' : undefined;
  }
  return CONTROL.test(value) ? 'must not contain control characters' : undefined;
}

/**
 * EHR text kept as an entry's snapshot: it comes from the EHR, not the user, so instead of refusing it, control
 * characters become spaces and a broken surrogate the replacement character, which both stores can keep.
 */
export function snapshotText(value: string, max: number): string {
  const cleaned = value.replace(/\p{Cc}/gu, ' ').replace(/\p{Cs}/gu, '\uFFFD');
  return upTo(cleaned, max);
}

/** The first `max` characters, never cutting a character written as a surrogate pair in two. */
export const upTo = (value: string, max: number): string =>
  value.length <= max ? value : [...value].slice(0, max).join('');

/** An ISO 8601 time that both stores keep as sent: years 0001 to 9999 (JS writes others as ±YYYYYY). */
export function storableTime(value: string | undefined): string | undefined {
  if (!value || Number.isNaN(Date.parse(value))) return undefined;
  const iso = new Date(value).toISOString();
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000-') ? iso : undefined;
}

export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isGender(value: string): value is Gender {
  return (GENDERS as readonly string[]).includes(value);
}
