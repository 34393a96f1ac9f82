// Field rules shared by the API's schemas and the import parsers, so a pasted CSV obeys the same rules.

/** Teams channel, chat and meeting ids, and Azure AD object ids. */
export const CONTEXT_ID = /^[A-Za-z0-9:@._=+/-]{1,256}$/;
/** A FHIR id (https://hl7.org/fhir/R4/datatypes.html#id). */
export const PATIENT_ID = /^[A-Za-z0-9\-.]{1,64}$/;
export const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const MANUAL_LIMITS = { name: 200, mrn: 64, location: 200 } as const;

export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isGender(value: string): value is Gender {
  return (GENDERS as readonly string[]).includes(value);
}
