// Input of the patient endpoints: every bad value is a 400 that names its field (via parse.ts).
import { z } from 'zod';
import { BIRTH_DATE, GENDERS, PATIENT_ID, isRealDate } from '../lists/fields.js';

/** FHIR ids (hl7.org/fhir/R4/datatypes.html#id). */
export const patientIdParams = z.object({
  id: z.string().regex(PATIENT_ID, 'must be 1–64 letters, digits, "-" or "." (not only dots)'),
});

/** `GET /api/patients/:id?listId=`: the list the detail was opened from, checked like the list. */
export const patientDetailQuery = z.strictObject({ listId: z.uuid('must be a list id (a UUID)').optional() });

/** A real calendar date written YYYY-MM-DD. */
const isoDate = z.string().regex(BIRTH_DATE, 'must be a date written YYYY-MM-DD').refine(isRealDate, 'is not a real date');

/** Free text of a name: no control characters, sensible length. */
const nameText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const CRITERIA = ['name', 'family', 'given', 'mrn', 'birthdate', 'gender'] as const;

export const patientSearchQuery = z
  .strictObject({
    name: nameText.optional(),
    family: nameText.optional(),
    given: nameText.optional(),
    mrn: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9\-._:/|]{1,64}$/, 'must be 1–64 letters, digits or - . _ : / |')
      .optional(),
    birthdate: isoDate.optional(),
    gender: z
      .enum(GENDERS, { error: 'must be male, female, other or unknown' })
      .optional(),
    count: z.coerce
      .number({ error: 'must be a whole number from 1 to 50' })
      .int('must be a whole number from 1 to 50')
      .min(1, 'must be a whole number from 1 to 50')
      .max(50, 'must be at most 50')
      .default(20),
  })
  .refine((q) => CRITERIA.some((key) => q[key] !== undefined), {
    message: `give at least one of ${CRITERIA.join(', ')}`,
  });

/** `GET /api/patients?cursor=…`: the next page of an earlier search (the cursor it answered with as `next`). */
export const patientMoreQuery = z.strictObject({
  cursor: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be the `next` cursor of an earlier search'),
});
