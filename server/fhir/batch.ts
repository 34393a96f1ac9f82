// Runs many GETs against one tenant's server: as batch Bundles of at most 50 entries (a few chunks in
// parallel, one round trip each), or as parallel single GETs when the server does not take batches.
import pLimit from 'p-limit';
import { ApiError } from '../errors.js';
import type { FhirResource } from './adapters/adapter.js';
import { FhirStatusError, type TenantFhirClient } from './fhir-client.js';

export interface Query {
  resourceType: string;
  url: string;
}

export interface QueryOutcome<Q extends Query = Query> {
  query: Q;
  /** HTTP status of this read; 0 when the request itself failed (see `failure`). */
  status: number;
  /** The resource, or the searchset Bundle of a search, when the read succeeded. */
  resource?: FhirResource;
  /** Why nothing came back when the request itself failed (timeout, unreachable …). */
  failure?: ApiError;
}

export interface RunOptions {
  hasBatch: boolean;
  /** Called when the server refuses batch Bundles, so later calls go straight to single GETs. */
  onNoBatch(): void;
  chunkSize?: number;
  chunkConcurrency?: number;
  getConcurrency?: number;
}

export const MAX_BATCH_ENTRIES = 50;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function failed<Q extends Query>(query: Q, error: unknown): QueryOutcome<Q> {
  if (error instanceof FhirStatusError) return { query, status: error.upstreamStatus };
  if (error instanceof ApiError) return { query, status: 0, failure: error };
  throw error;
}

/** "200 OK" → 200 (the batch-response entry status is a string starting with the code). */
const statusCode = (value: unknown): number => (typeof value === 'string' ? Number.parseInt(value, 10) || 0 : 0);

function readBatchResponse<Q extends Query>(
  queries: readonly Q[],
  bundle: FhirResource,
  who: string,
): QueryOutcome<Q>[] {
  const entries = bundle.resourceType === 'Bundle' && Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  return queries.map((query, i) => {
    const entry = entries[i] as { response?: { status?: unknown }; resource?: FhirResource } | undefined;
    const status = statusCode(entry?.response?.status);
    if (!entry || status === 0) {
      const failure = new ApiError(502, 'exception', `${who} left this read out of its batch answer`);
      return { query, status: 0, failure };
    }
    const isOk = status >= 200 && status < 300 && entry.resource !== undefined;
    return isOk ? { query, status, resource: entry.resource } : { query, status };
  });
}

/** Every outcome in the order of `queries`. Throws only on programming errors; HTTP trouble is in the outcomes. */
export async function runQueries<Q extends Query>(
  client: TenantFhirClient,
  queries: readonly Q[],
  options: RunOptions,
): Promise<QueryOutcome<Q>[]> {
  const getLimit = pLimit(options.getConcurrency ?? 6);
  const chunkLimit = pLimit(options.chunkConcurrency ?? 4);
  let hasBatch = options.hasBatch;

  const runGets = (chunk: readonly Q[]): Promise<QueryOutcome<Q>[]> =>
    Promise.all(
      chunk.map((query) =>
        getLimit(async () => {
          try {
            return { query, status: 200, resource: await client.read(query.url) };
          } catch (error) {
            return failed(query, error);
          }
        }),
      ),
    );

  const runChunk = async (chunk: readonly Q[]): Promise<QueryOutcome<Q>[]> => {
    if (!hasBatch) return runGets(chunk);
    const bundle: FhirResource = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: chunk.map((query) => ({ request: { method: 'GET', url: query.url } })),
    };
    try {
      return readBatchResponse(chunk, await client.postBatch(bundle), client.who);
    } catch (error) {
      // 4xx (405 most often) means "no batch here": fall back to single GETs for good.
      if (error instanceof FhirStatusError && error.upstreamStatus >= 400 && error.upstreamStatus < 500) {
        if (hasBatch) options.onNoBatch();
        hasBatch = false;
        return runGets(chunk);
      }
      return chunk.map((query) => failed(query, error));
    }
  };

  const chunks = chunked(queries, options.chunkSize ?? MAX_BATCH_ENTRIES);
  const results = await Promise.all(chunks.map((chunk) => chunkLimit(() => runChunk(chunk))));
  return results.flat();
}

/** The resources a read gave: the entries of a searchset Bundle, or the resource itself. */
export function resourcesOf(outcome: QueryOutcome, resourceType: string): FhirResource[] {
  const resource = outcome.resource;
  if (!resource) return [];
  if (resource.resourceType === 'Bundle' && resourceType !== 'Bundle') {
    const entries = Array.isArray(resource.entry) ? (resource.entry as Array<{ resource?: FhirResource }>) : [];
    return entries.map((e) => e.resource).filter((r): r is FhirResource => r?.resourceType === resourceType);
  }
  return resource.resourceType === resourceType ? [resource] : [];
}

/** "Coverage: 404 from the EHR", or the reason the read failed; `undefined` when it worked. */
export function issueOf(outcome: QueryOutcome): string | undefined {
  if (outcome.failure) return `${outcome.query.resourceType}: ${outcome.failure.message}`;
  if (outcome.status < 200 || outcome.status > 299)
    return `${outcome.query.resourceType}: ${outcome.status} from the EHR`;
  return undefined;
}
