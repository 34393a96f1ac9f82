// Reads a FHIR List (fhir-list.ts's export, or another system's): Patient references, MRN identifiers,
// displays, and our note and manual-patient extensions.
import { z } from 'zod';
import { COLUMN_IDS, type ColumnId } from '../wire/contract.js';
import { badRequest } from '../errors.js';
import { checkCandidate, type ParsedImport } from './import-candidate.js';
import { MANUAL_PATIENT_EXTENSION, NOTE_EXTENSION, columnsFromExtension, type FhirExtension } from './fhir-list.js';
import { LIST_LIMITS } from './limits.js';
import { textProblem, upTo } from './fields.js';

const extensionSchema: z.ZodType<FhirExtension> = z.lazy(() =>
  z
    .object({
      url: z.string(),
      valueString: z.string().optional(),
      valueDate: z.string().optional(),
      valueCode: z.string().optional(),
      valueAnnotation: z
        .object({ text: z.string(), authorString: z.string().optional(), time: z.string().optional() })
        .optional(),
      extension: z.array(extensionSchema).optional(),
    })
    .loose(),
);

const listSchema = z
  .object({
    resourceType: z.literal('List', 'must be "List"'),
    title: z.string().optional(),
    extension: z.array(extensionSchema).optional(),
    entry: z
      .array(
        z
          .object({
            deleted: z.boolean().optional(),
            item: z
              .object({
                reference: z.string().optional(),
                display: z.string().optional(),
                identifier: z.object({ value: z.string().optional() }).loose().optional(),
              })
              .loose(),
            extension: z.array(extensionSchema).optional(),
          })
          .loose(),
      )
      .max(LIST_LIMITS.entriesPerList, `a list holds at most ${LIST_LIMITS.entriesPerList} patients`)
      .optional(),
  })
  .loose();

/** `Patient/123`, or an absolute `https://ehr.example/fhir/Patient/123`: the bare id. */
const PATIENT_REFERENCE = /(?:^|\/)Patient\/([^/]+?)(?:\/_history\/[^/]+)?$/;

function sub(extension: FhirExtension | undefined, url: string): FhirExtension | undefined {
  return extension?.extension?.find((e) => e.url === url);
}

/** Far deeper than any List (ours nests 4 levels); a deeper one would exhaust the stack of a recursive reader. */
const MAX_DEPTH = 32;

/** The nesting depth of parsed JSON, counted without recursion, stopping once past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

export function parseFhirImport(body: unknown): ParsedImport {
  if (depthOf(body, MAX_DEPTH) > MAX_DEPTH) throw badRequest(`Invalid FHIR List: nested more than ${MAX_DEPTH} levels deep`);
  const parsed = listSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`Invalid FHIR List: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unreadable'}`);
  }
  const list = parsed.data;
  const candidates = (list.entry ?? []).flatMap((entry, i) => {
    if (entry.deleted) return [];
    const note = entry.extension?.find((e) => e.url === NOTE_EXTENSION)?.valueAnnotation;
    const manual = entry.extension?.find((e) => e.url === MANUAL_PATIENT_EXTENSION);
    return [
      checkCandidate({
        label: `entry ${i + 1}`,
        patientId: PATIENT_REFERENCE.exec(entry.item.reference ?? '')?.[1],
        mrn: entry.item.identifier?.value,
        name: entry.item.display,
        birthDate: sub(manual, 'birthDate')?.valueDate,
        gender: sub(manual, 'gender')?.valueCode,
        location: sub(manual, 'location')?.valueString,
        note: note ? { text: note.text, author: note.authorString, updatedAt: note.time } : undefined,
      }),
    ];
  });
  const columns = columnsFromExtension(list.extension)?.filter((c): c is ColumnId =>
    (COLUMN_IDS as readonly string[]).includes(c),
  );
  const titleProblem = list.title === undefined ? undefined : textProblem(list.title);
  if (titleProblem) throw badRequest(`Invalid FHIR List: title: ${titleProblem}`);
  return {
    name: upTo(list.title?.trim() ?? '', LIST_LIMITS.nameLength) || undefined,
    columns: columns && columns.length > 0 ? [...new Set(columns)] : undefined,
    candidates,
  };
}
