// Runs many reads against one tenant's server in one round trip: answers already cached or on their way are
// shared, the rest go out as batch Bundles of at most `batchSize` entries, all at once (the tenant client's
// concurrency limit is the only bound), or as single GETs when the server does not take batches.
import { ApiError } from '../errors.js';
import type { FhirResource } from './adapters/adapter.js';
import { FhirStatusError, type TenantFhirClient } from './fhir-client.js';
import type { Read, TenantReadCache } from './read-cache.js';

export interface Query {
  resourceType: string;
  url: string;
}

export interface QueryOutcome<Q extends Query = Query> extends Read {
  query: Q;
  /** The answer itself, as the cache holds it: the same object for every load that shared it. */
  source: Read;
}

export interface RunOptions {
  hasBatch: boolean;
  /** Called when the server refuses batch Bundles, so later calls go straight to single GETs. */
  onNoBatch(): void;
  /** Entries per batch Bundle (FHIR_BATCH_SIZE). */
  batchSize?: number;
  /** The tenant's shared reads; absent, every read is sent. */
  cache?: TenantReadCache;
  /** Send every read again instead of using a cached answer (Refresh). */
  isFresh?: boolean;
}

export const DEFAULT_BATCH_SIZE = 50;

interface Sent {
  read: Read;
  bytes: number;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function failedRead(error: unknown, at: number): Read {
  if (error instanceof FhirStatusError) return { status: error.upstreamStatus, fetchedAt: at };
  if (error instanceof ApiError) return { status: 0, failure: error, fetchedAt: at };
  throw error;
}

/** "200 OK" → 200 (the batch-response entry status is a string starting with the code). */
const statusCode = (value: unknown): number => (typeof value === 'string' ? Number.parseInt(value, 10) || 0 : 0);

function readBatchResponse(count: number, sized: { resource: FhirResource; bytes: number }, who: string, at: number): Sent[] {
  const bundle = sized.resource;
  const entries = bundle.resourceType === 'Bundle' && Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  // The cache's memory bound counts JSON bytes; each entry is charged its share of the answer.
  const bytes = Math.ceil(sized.bytes / Math.max(1, count));
  return Array.from({ length: count }, (_, i): Sent => {
    const entry = entries[i] as { response?: { status?: unknown }; resource?: FhirResource } | undefined;
    const status = statusCode(entry?.response?.status);
    if (!entry || status === 0) {
      const failure = new ApiError(502, 'exception', `${who} left this read out of its batch answer`);
      return { read: { status: 0, failure, fetchedAt: at }, bytes };
    }
    const isOk = status >= 200 && status < 300 && entry.resource !== undefined;
    return { read: isOk ? { status, resource: entry.resource, fetchedAt: at } : { status, fetchedAt: at }, bytes };
  });
}

/** Every outcome in the order of `queries`. Throws only on programming errors; HTTP trouble is in the outcomes. */
export async function runQueries<Q extends Query>(
  client: TenantFhirClient,
  queries: readonly Q[],
  options: RunOptions,
): Promise<QueryOutcome<Q>[]> {
  let hasBatch = options.hasBatch;
  const reads = new Map<string, Read | Promise<Read>>();
  const toSend: string[] = [];
  const settle = new Map<string, (sent: Sent) => void>();

  for (const { url } of queries) {
    if (reads.has(url)) continue;
    const known = options.isFresh ? undefined : options.cache?.lookup(url);
    if (known) {
      reads.set(url, known);
      continue;
    }
    const pending = new Promise<Sent>((resolve) => settle.set(url, resolve));
    reads.set(url, options.cache ? options.cache.track(url, pending) : pending.then((sent) => sent.read));
    toSend.push(url);
  }

  const resolveAll = (urls: readonly string[], sent: readonly Sent[]): void =>
    urls.forEach((url, i) => settle.get(url)?.(sent[i] as Sent));

  const runGets = (urls: readonly string[]): Promise<void> =>
    Promise.all(
      urls.map(async (url) => {
        let sent: Sent;
        try {
          const answer = await client.readSized(url);
          sent = { read: { status: 200, resource: answer.resource, fetchedAt: Date.now() }, bytes: answer.bytes };
        } catch (error) {
          sent = { read: failedRead(error, Date.now()), bytes: 0 };
        }
        settle.get(url)?.(sent);
      }),
    ).then(() => undefined);

  const runChunk = async (urls: readonly string[]): Promise<void> => {
    if (!hasBatch) return runGets(urls);
    const bundle: FhirResource = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: urls.map((url) => ({ request: { method: 'GET', url } })),
    };
    try {
      const answer = await client.postBatch(bundle);
      resolveAll(urls, readBatchResponse(urls.length, answer, client.who, Date.now()));
    } catch (error) {
      // 4xx (405 most often) means "no batch here": fall back to single GETs for good.
      if (error instanceof FhirStatusError && error.upstreamStatus >= 400 && error.upstreamStatus < 500) {
        if (hasBatch) options.onNoBatch();
        hasBatch = false;
        return runGets(urls);
      }
      const read = failedRead(error, Date.now());
      resolveAll(urls, urls.map(() => ({ read, bytes: 0 })));
    }
  };

  // Every chunk at once: one round trip whatever the list's size, bounded only by the tenant's limit.
  const sending = Promise.all(chunked(toSend, options.batchSize ?? DEFAULT_BATCH_SIZE).map(runChunk));
  const answers = await Promise.all(
    queries.map(async (query): Promise<QueryOutcome<Q>> => {
      const source = (await reads.get(query.url)) as Read;
      return { ...source, query, source };
    }),
  );
  await sending;
  return answers;
}

/** The oldest answer among outcomes (epoch ms), or undefined when there are none. */
export function oldestFetch(outcomes: readonly Read[]): number | undefined {
  let oldest: number | undefined;
  for (const o of outcomes) if (oldest === undefined || o.fetchedAt < oldest) oldest = o.fetchedAt;
  return oldest;
}

/** The resources a read gave: the entries of a searchset Bundle, or the resource itself. */
export function resourcesOf(outcome: Read, resourceType: string): FhirResource[] {
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
