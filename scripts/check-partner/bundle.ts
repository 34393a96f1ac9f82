// Reading Bundles in answers: the resources of a searchset (matches only) and of batch-response entries.
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export interface Searchset {
  /** The resources the search matched (`search.mode` match or absent), of any type. */
  matches: FhirResource[];
  total?: number;
}

/** The searchset in a body, or a reason why it is not one. */
export function readSearchset(body: unknown): Searchset | string {
  if (!isObject(body) || body.resourceType !== 'Bundle') return 'the answer is not a Bundle';
  if (body.type !== 'searchset') return `the Bundle is of type ${String(body.type).slice(0, 20)}, not searchset`;
  const entries = Array.isArray(body.entry) ? body.entry : [];
  const matches = entries.flatMap((entry): FhirResource[] => {
    if (!isObject(entry) || !isObject(entry.resource) || typeof entry.resource.resourceType !== 'string') return [];
    const mode = isObject(entry.search) ? entry.search.mode : undefined;
    return mode === undefined || mode === 'match' ? [entry.resource as FhirResource] : [];
  });
  return typeof body.total === 'number' ? { matches, total: body.total } : { matches };
}

export function ofType(resources: FhirResource[], type: string): FhirResource[] {
  return resources.filter((r) => r.resourceType === type);
}
