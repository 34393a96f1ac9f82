// Input schemas of the lists API (api.md): every refusal names its field through parse.ts.
import { z } from 'zod';
import { COLUMN_IDS, CONTEXT_KINDS } from './contract.js';
import { LIST_LIMITS } from '../lists/limits.js';
import { BIRTH_DATE, CONTEXT_ID, GENDERS, MANUAL_LIMITS, PATIENT_ID, isRealDate } from '../lists/fields.js';

export const contextKind = z.enum(CONTEXT_KINDS);
export const contextId = z
  .string()
  .regex(CONTEXT_ID, 'must be 1–256 characters of letters, digits and : @ . _ = + / -');
export const contextSchema = z.object({ kind: contextKind, id: contextId }).strict();

export const listName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIST_LIMITS.nameLength, `must be at most ${LIST_LIMITS.nameLength} characters`);

export const columnsSchema = z
  .array(z.enum(COLUMN_IDS))
  .min(1, 'must name at least one column')
  .refine((columns) => new Set(columns).size === columns.length, 'must not repeat a column');

export const sortSchema = z.object({ column: z.enum(COLUMN_IDS), direction: z.enum(['asc', 'desc']) }).strict();

export const versionSchema = z.number().int().min(1);

export const patientId = z.string().regex(PATIENT_ID, 'must be a FHIR id: 1–64 letters, digits, - or .');

export const birthDate = z
  .string()
  .regex(BIRTH_DATE, 'must be YYYY-MM-DD')
  .refine(isRealDate, 'must be a real date');

export const gender = z.enum(GENDERS);

export const manualSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(MANUAL_LIMITS.name, `must be at most ${MANUAL_LIMITS.name} characters`),
    mrn: z.string().trim().min(1, 'must not be empty').max(MANUAL_LIMITS.mrn, `must be at most ${MANUAL_LIMITS.mrn} characters`).optional(),
    birthDate: birthDate.optional(),
    gender: gender.optional(),
    location: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MANUAL_LIMITS.location, `must be at most ${MANUAL_LIMITS.location} characters`)
      .optional(),
  })
  .strict();

export const createListBody = z
  .object({ name: listName, context: contextSchema, columns: columnsSchema.optional(), sort: sortSchema.optional() })
  .strict();

export const patchListBody = z
  .object({
    version: versionSchema,
    name: listName.optional(),
    columns: columnsSchema.optional(),
    sort: sortSchema.nullable().optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.columns !== undefined || b.sort !== undefined, {
    message: 'send at least one of name, columns or sort',
    path: ['name'],
  });

export const addEntryBody = z
  .object({ patientId: patientId.optional(), manual: manualSchema.optional() })
  .strict()
  .refine((b) => (b.patientId === undefined) !== (b.manual === undefined), {
    message: 'send either patientId or manual, not both or neither',
    path: ['patientId'],
  });

export const noteBody = z
  .object({
    text: z.string().max(LIST_LIMITS.noteLength, `must be at most ${LIST_LIMITS.noteLength} characters`),
    version: versionSchema,
  })
  .strict();

export const listIdParams = z.object({ listId: z.uuid('must be a list id (a UUID)') });
export const entryParams = z.object({
  listId: z.uuid('must be a list id (a UUID)'),
  entryId: z.uuid('must be an entry id (a UUID)'),
});

export const contextQuery = z.object({ contextKind, contextId });
export const exportQuery = z.object({ format: z.enum(['csv', 'fhir']).default('csv') });
export const importQuery = z.object({ contextKind, contextId, name: listName.optional() });
export const auditQuery = z.object({
  listId: z.uuid('must be a list id (a UUID)'),
  limit: z.coerce.number().int().min(1).max(LIST_LIMITS.auditEventsPerPage).default(200),
});
