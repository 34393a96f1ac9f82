// Bundles the demo servers answer with: a searchset (with total) and a batch-response whose entries carry
// their own status.
import { STATUS_CODES } from 'node:http';
import type { FhirVersion } from '../wire/contract.js';
import type { SearchOutcome } from './search.js';
import type { FhirJson } from './render/renderer.js';

/** The same search from another `_offset`: the searchset's `next` link (hl7.org/fhir/R4/http.html#paging). */
function pageUrl(selfUrl: string, offset: number): string {
  const url = new URL(selfUrl);
  url.searchParams.set('_offset', String(offset));
  return url.href;
}

export function searchsetBundle(base: string, selfUrl: string, outcome: SearchOutcome): FhirJson {
  const nextOffset = outcome.offset + outcome.count;
  const hasNext = outcome.count > 0 && nextOffset < outcome.total;
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    total: outcome.total,
    link: [
      { relation: 'self', url: selfUrl },
      ...(hasNext ? [{ relation: 'next', url: pageUrl(selfUrl, nextOffset) }] : []),
    ],
    ...(outcome.page.length > 0
      ? {
          entry: outcome.page.map(({ resource }) => ({
            fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
            resource,
            search: { mode: 'match' },
          })),
        }
      : {}),
  } as FhirJson;
}

/** "200 OK", "404 Not Found" … as Bundle.entry.response.status wants it. */
export const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? ''}`.trim();

export interface BatchAnswer {
  status: number;
  resource: FhirJson;
}

export function batchResponseBundle(version: FhirVersion, answers: readonly BatchAnswer[]): FhirJson {
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: new Date().toISOString() },
    type: 'batch-response',
    ...(answers.length > 0
      ? {
          entry: answers.map(({ status, resource }) => {
            const isOutcome = resource.resourceType === 'OperationOutcome';
            // STU3 added response.outcome (hl7.org/fhir/STU3/bundle-definitions.html#Bundle.entry.response.outcome);
            // every version also gets the OperationOutcome as the entry's resource.
            const outcome = isOutcome && version !== 'DSTU2' ? { outcome: resource } : {};
            return { resource, response: { status: statusLine(status), ...outcome } };
          }),
        }
      : {}),
  } as FhirJson;
}
