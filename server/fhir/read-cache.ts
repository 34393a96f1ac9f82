// Identical EHR reads shared between users: a short-lived, per-tenant cache of read answers with request
// coalescing (a read already on its way is joined, not sent again). Bounded by the bytes of FHIR JSON it
// holds (LRU); an entry leaves memory when it expires, and nothing is ever written to disk. The key always
// starts with the tenant, so one tenant never sees another's answer.
import { LRUCache } from 'lru-cache';
import type { ApiError } from '../errors.js';
import type { FhirResource } from './adapters/adapter.js';
import { cacheLookups } from '../metrics.js';

/** What one read gave: a status and a resource, or why it failed. */
export interface Read {
  /** HTTP status of this read; 0 when the request itself failed (see `failure`). */
  status: number;
  /** The resource, or the searchset Bundle of a search, when the read succeeded. */
  resource?: FhirResource;
  /** Why nothing came back when the request itself failed (timeout, unreachable …). */
  failure?: ApiError;
  /** Epoch ms when the EHR gave this answer. */
  fetchedAt: number;
}

export interface ReadCacheOptions {
  /** Life of an answer; 0 keeps nothing (in-flight reads are still shared). */
  ttlMs: number;
  maxBytes: number;
}

interface Cached {
  read: Read;
  bytes: number;
}

/** Answers worth keeping: successes and a definite "no such resource". Failures are asked again. */
const isKeepable = (read: Read): boolean =>
  !read.failure && ((read.status >= 200 && read.status < 300) || read.status === 404 || read.status === 410);

export class ReadCache {
  private readonly answers?: LRUCache<string, Cached>;
  private readonly inFlight = new Map<string, Promise<Read>>();
  /** How long an answer is kept (0: not at all). */
  readonly ttlMs: number;

  constructor(options: ReadCacheOptions) {
    this.ttlMs = options.ttlMs;
    if (options.ttlMs > 0)
      this.answers = new LRUCache<string, Cached>({
        maxSize: options.maxBytes,
        sizeCalculation: (entry) => Math.max(1, entry.bytes),
        ttl: options.ttlMs,
        // PHI leaves memory when it expires, not when it is next looked at.
        ttlAutopurge: true,
      });
  }

  /** Bytes of FHIR JSON held now. */
  get size(): number {
    return this.answers?.calculatedSize ?? 0;
  }

  forTenant(tenantId: string): TenantReadCache {
    return new TenantReadCache(this, `${tenantId.toLowerCase()}\u0000`);
  }

  /** A kept answer, else a read of the same key already on its way. */
  lookup(key: string): Read | Promise<Read> | undefined {
    return this.answers?.get(key)?.read ?? this.inFlight.get(key);
  }

  /** Registers a read on its way; when it settles, a keepable answer is kept for `ttlMs`. */
  track(key: string, pending: Promise<{ read: Read; bytes: number }>): Promise<Read> {
    const promise = pending
      .then(({ read, bytes }) => {
        if (this.answers && isKeepable(read)) this.answers.set(key, { read, bytes });
        return read;
      })
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  clear(): void {
    this.answers?.clear();
    this.inFlight.clear();
  }
}

/** The cache seen by one tenant's reads: every key is prefixed with the tenant. */
export class TenantReadCache {
  constructor(
    private readonly cache: ReadCache,
    private readonly prefix: string,
  ) {}

  lookup(url: string): Read | Promise<Read> | undefined {
    const found = this.cache.lookup(this.prefix + url);
    cacheLookups.inc({ result: found === undefined ? 'miss' : 'hit' });
    return found;
  }

  track(url: string, pending: Promise<{ read: Read; bytes: number }>): Promise<Read> {
    return this.cache.track(this.prefix + url, pending);
  }

  /** True when every url is answered by exactly these kept answers (the same objects): nothing has changed. */
  holdsExactly(urls: readonly string[], reads: readonly Read[]): boolean {
    return urls.every((url, i) => this.cache.lookup(this.prefix + url) === reads[i]);
  }
}
