// Input schemas of the lists API (api.md): every refusal names its field through parse.ts.
import { z } from 'zod';
import { AUDIT_EVENT_TYPES, COLUMN_IDS, CONTEXT_KINDS, type ListContext } from '../wire/contract.js';
import { GUID } from '../config.js';
import { LIST_LIMITS } from '../lists/limits.js';
import { BIRTH_DATE, CONTEXT_ID, GENDERS, MANUAL_LIMITS, MAX_VERSION, PATIENT_ID, isRealDate, textProblem } from '../lists/fields.js';

/** Free text stored as sent: a control character or a lone surrogate is a 400, never a 500 or a changed value. */
function storableText<S extends z.ZodType<string>>(schema: S, options: { isMultiline?: boolean } = {}): S {
  return schema.check((ctx) => {
    const problem = textProblem(ctx.value, options);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
}

/** A single line of text: trimmed, 1 to `max` characters, nothing that cannot be stored as sent. */
const line = (max: number): z.ZodString =>
  storableText(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

export const contextKind = z.enum(CONTEXT_KINDS);
export const contextId = z
  .string()
  .regex(CONTEXT_ID, 'must be 1–256 characters of letters, digits and : @ . _ = + / -');
/** A channel's team: its Microsoft 365 group ID (`team.groupId`, or `channel.ownerGroupId`). */
export const teamId = z.string().regex(GUID, "must be the team's Microsoft 365 group ID (a GUID)");
/** A meeting's chat: the meeting chat's thread ID (`chat.id`). */
export const chatId = z.string().regex(CONTEXT_ID, 'must be the meeting chat ID (19:meeting_…@thread.v2)');

interface ContextFields {
  kind: ListContext['kind'];
  id: string;
  teamId?: string;
  chatId?: string;
}

/** The roster fields belong to their kind only: a team to a channel, a chat to a meeting. */
function checkRoster(c: ContextFields, ctx: z.RefinementCtx, path: (field: string) => string[]): void {
  if (c.teamId !== undefined && c.kind !== 'channel')
    ctx.addIssue({ code: 'custom', message: 'is for channel contexts only', path: path('teamId') });
  if (c.chatId !== undefined && c.kind !== 'meeting')
    ctx.addIssue({ code: 'custom', message: 'is for meeting contexts only', path: path('chatId') });
}

/** The wire context, its roster kept with its kind. */
export function toListContext(c: ContextFields): ListContext {
  if (c.kind === 'channel') return { kind: c.kind, id: c.id, ...(c.teamId ? { teamId: c.teamId } : {}) };
  if (c.kind === 'meeting') return { kind: c.kind, id: c.id, ...(c.chatId ? { chatId: c.chatId } : {}) };
  return { kind: c.kind, id: c.id };
}

export const contextSchema = z
  .object({ kind: contextKind, id: contextId, teamId: teamId.optional(), chatId: chatId.optional() })
  .strict()
  .superRefine((c, ctx) => checkRoster(c, ctx, (field) => [field]))
  .transform(toListContext);

export const listName = line(LIST_LIMITS.nameLength);

export const columnsSchema = z
  .array(z.enum(COLUMN_IDS))
  .min(1, 'must name at least one column')
  .refine((columns) => new Set(columns).size === columns.length, 'must not repeat a column');

export const sortSchema = z.object({ column: z.enum(COLUMN_IDS), direction: z.enum(['asc', 'desc']) }).strict();

export const versionSchema = z.number().int().min(1).max(MAX_VERSION, `must be at most ${MAX_VERSION}`);

export const patientId = z.string().regex(PATIENT_ID, 'must be a FHIR id: 1–64 letters, digits, - or . (not only dots)');

export const birthDate = z
  .string()
  .regex(BIRTH_DATE, 'must be YYYY-MM-DD')
  .refine(isRealDate, 'must be a real date');

export const gender = z.enum(GENDERS);

export const manualSchema = z
  .object({
    name: line(MANUAL_LIMITS.name),
    mrn: line(MANUAL_LIMITS.mrn).optional(),
    birthDate: birthDate.optional(),
    gender: gender.optional(),
    location: line(MANUAL_LIMITS.location).optional(),
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
    staleAfterHours: z.number().int().min(1).max(24 * 30).nullable().optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.columns !== undefined || b.sort !== undefined || b.staleAfterHours !== undefined, {
    message: 'send at least one of name, columns, sort or staleAfterHours',
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
    text: storableText(z.string().max(LIST_LIMITS.noteLength, `must be at most ${LIST_LIMITS.noteLength} characters`), {
      isMultiline: true,
    }),
    version: versionSchema,
  })
  .strict();

export const listIdParams = z.object({ listId: z.uuid('must be a list id (a UUID)') });
export const entryParams = z.object({
  listId: z.uuid('must be a list id (a UUID)'),
  entryId: z.uuid('must be an entry id (a UUID)'),
});

/** `?contextKind=&contextId=` and, from Teams, the roster: `teamId` for a channel, `chatId` for a meeting. */
const contextParams = { contextKind, contextId, teamId: teamId.optional(), chatId: chatId.optional() };
type ContextParams = { contextKind: ListContext['kind']; contextId: string; teamId?: string; chatId?: string };
const fieldsOf = (q: ContextParams): ContextFields => ({ kind: q.contextKind, id: q.contextId, teamId: q.teamId, chatId: q.chatId });
const checkQueryRoster = (q: ContextParams, ctx: z.RefinementCtx): void => checkRoster(fieldsOf(q), ctx, (field) => [field]);

export const contextQuery = z
  .object(contextParams)
  .superRefine(checkQueryRoster)
  .transform((q) => ({ context: toListContext(fieldsOf(q)) }));
/** `lang`: the language of the CSV's headers and vital labels, the tab's; anything but `fr` reads as English. */
export const exportQuery = z.object({
  format: z.enum(['csv', 'fhir']).default('csv'),
  lang: z
    .unknown()
    .optional()
    .transform((value): 'en' | 'fr' => (value === 'fr' ? 'fr' : 'en')),
});
/** `?fresh=1` asks the EHR again instead of using answers shared in the last FHIR_CACHE_SECONDS (Refresh). */
export const rowsQuery = z.object({
  fresh: z
    .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});
export const importQuery = z
  .object({ ...contextParams, name: listName.optional() })
  .superRefine(checkQueryRoster)
  .transform((q) => ({ context: toListContext(fieldsOf(q)), name: q.name }));
export const auditQuery = z.object({
  listId: z.uuid('must be a list id (a UUID)'),
  limit: z.coerce.number().int().min(1).max(LIST_LIMITS.auditEventsPerPage).default(200),
  /** The `next` of the previous page: events recorded before that one. */
  before: z.uuid('must be the `next` of an earlier page (an event id)').optional(),
  /** Comma-separated event types, e.g. `note.edited,entry.removed`. */
  type: z
    .string()
    .transform((v) => v.split(',').map((t) => t.trim()))
    .pipe(z.array(z.enum(AUDIT_EVENT_TYPES, { error: `must be event types among ${AUDIT_EVENT_TYPES.join(', ')}` })))
    .optional(),
});

/** Mark as seen: these rows, or every row of the list when `entryIds` is absent. */
export const seenBody = z
  .object({
    entryIds: z.array(entryParams.shape.entryId).min(1).max(LIST_LIMITS.entriesPerList).optional(),
    /** The Rounds-Viewed-At of the rows on screen: rows whose values moved on since stay marked. */
    viewedAt: z.iso.datetime({ error: 'must be the Rounds-Viewed-At of the rows shown' }).optional(),
  })
  .strict();
