// Patient search answers and their further pages. A searchset's `next` link (its URL names the FHIR server,
// and sometimes the search terms) stays on the server: the browser gets an opaque cursor, good for 15 minutes
// and for the tenant that searched only.
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PatientSearchResult } from '../wire/contract.js';
import { badRequest } from '../errors.js';
import type { FhirAdapter, FhirResource } from './adapters/adapter.js';

const CURSOR_TTL_MS = 15 * 60 * 1000;

/** A searchset's `link[relation=next].url`, if any (the same shape in every version). */
function nextLink(bundle: FhirResource): string | undefined {
  const links = Array.isArray(bundle.link) ? (bundle.link as Array<{ relation?: unknown; url?: unknown }>) : [];
  const next = links.find((l) => l.relation === 'next');
  return typeof next?.url === 'string' && next.url !== '' ? next.url : undefined;
}

export class SearchPages {
  private readonly cursors = new LRUCache<string, { tenantId: string; url: string }>({ max: 10_000, ttl: CURSOR_TTL_MS });

  /** The patients of a searchset, its total, and a cursor for its next page. */
  resultOf(tenantId: string, adapter: FhirAdapter, bundle: FhirResource): PatientSearchResult {
    type SearchEntry = { resource?: FhirResource; search?: { mode?: string } };
    const entries = Array.isArray(bundle.entry) ? (bundle.entry as SearchEntry[]) : [];
    const patients = entries
      .filter((e) => e.resource?.resourceType === 'Patient' && e.search?.mode !== 'include')
      .map((e) => adapter.toPatient(e.resource as FhirResource));
    const result: PatientSearchResult = { patients };
    if (typeof bundle.total === 'number') result.total = bundle.total;
    const next = nextLink(bundle);
    if (next) {
      const cursor = randomBytes(18).toString('base64url');
      this.cursors.set(cursor, { tenantId, url: next });
      result.next = cursor;
    }
    return result;
  }

  /** The `next` link behind a cursor; another tenant's cursor reads exactly as an unknown one. */
  linkOf(tenantId: string, cursor: string): string {
    const saved = this.cursors.get(cursor);
    if (!saved || saved.tenantId !== tenantId) throw badRequest('cursor: is unknown or has expired; search again');
    return saved.url;
  }

  clear(): void {
    this.cursors.clear();
  }
}
