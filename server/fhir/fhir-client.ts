// One tenant's FHIR server: every call with the tenant's bearer token, at most `maxConcurrency` in flight (the
// rest wait in a queue, they never fail for being many), a deadline that covers queueing and retries, and one
// retry with a fresh token when the server says 401. The HTTP itself is ./transport.ts.
import pLimit, { type LimitFunction } from 'p-limit';
import { ApiError, badGateway } from '../errors.js';
import type { FhirEndpoint } from '../partner/fhir-endpoint.js';
import { whoServes } from '../partner/upstream.js';
import type { FhirResource } from './adapters/adapter.js';
import type { FhirTransport, TransportAnswer } from './transport.js';
import { fhirDuration, tenantLabel } from '../metrics.js';

/** The FHIR server answered with an error status; a clean 502 unless a caller handles `upstreamStatus`. */
export class FhirStatusError extends ApiError {
  constructor(
    readonly upstreamStatus: number,
    who: string,
  ) {
    super(502, 'exception', `${who} answered ${upstreamStatus}`);
  }
}

/** The FHIR server refused a fresh token too. */
export class TokenRefusedError extends ApiError {
  constructor(who: string) {
    super(502, 'exception', `${who} refused our access token (401)`);
  }
}

export const DEFAULT_FHIR_TIMEOUT_MS = 15_000;
export const DEFAULT_FHIR_CONCURRENCY = 32;

const JSON_TYPES = 'application/fhir+json, application/json;q=0.9';

export interface TenantFhirClientOptions {
  transport: FhirTransport;
  timeoutMs?: number;
  maxConcurrency?: number;
}

/** A parsed answer and the size of its JSON, for the read cache's memory bound. */
export interface SizedResource {
  resource: FhirResource;
  bytes: number;
}

interface Call {
  method: 'GET' | 'POST';
  /** Absolute URL on this tenant's server. */
  url: string;
  body?: string;
  contentType?: string;
  isAnonymous: boolean;
}

export class TenantFhirClient {
  readonly who: string;
  private readonly base: URL;
  private readonly limit: LimitFunction;
  private readonly timeoutMs: number;
  private readonly tenantLabel: string;

  constructor(
    readonly endpoint: FhirEndpoint,
    private readonly options: TenantFhirClientOptions,
  ) {
    this.who = whoServes(endpoint.mode);
    this.base = new URL(`${endpoint.baseUrl.replace(/\/+$/, '')}/`);
    this.limit = pLimit(options.maxConcurrency ?? DEFAULT_FHIR_CONCURRENCY);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FHIR_TIMEOUT_MS;
    this.tenantLabel = tenantLabel(endpoint.tenantId);
  }

  /** GET a path relative to the FHIR base. `anonymous` sends no token (the open /metadata). */
  async read(path: string, options: { anonymous?: boolean } = {}): Promise<FhirResource> {
    return (await this.readSized(path, options)).resource;
  }

  readSized(path: string, options: { anonymous?: boolean } = {}): Promise<SizedResource> {
    return this.call({ method: 'GET', url: this.resolve(path), isAnonymous: options.anonymous ?? false });
  }

  /**
   * GET an absolute URL the server itself gave (a search Bundle's `next` link). Only URLs on this tenant's
   * server are followed: our token never goes anywhere else.
   */
  async readLink(url: string): Promise<FhirResource> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badGateway(`${this.who} sent a paging link that is not a URL`);
    }
    if (parsed.origin !== this.base.origin || !parsed.pathname.startsWith(this.base.pathname))
      throw badGateway(`${this.who} sent a paging link to another server`);
    return (await this.call({ method: 'GET', url: parsed.href, isAnonymous: false })).resource;
  }

  async postForm(path: string, form: URLSearchParams): Promise<FhirResource> {
    const contentType = 'application/x-www-form-urlencoded';
    const url = this.resolve(path);
    return (await this.call({ method: 'POST', url, body: form.toString(), contentType, isAnonymous: false })).resource;
  }

  /** POSTs a batch Bundle to `[base]/`. */
  postBatch(bundle: FhirResource): Promise<SizedResource> {
    const body = JSON.stringify(bundle);
    return this.call({ method: 'POST', url: this.base.href, body, contentType: 'application/fhir+json', isAnonymous: false });
  }

  private resolve(path: string): string {
    return new URL(path.replace(/^\/+/, ''), this.base).href;
  }

  private call(call: Call): Promise<SizedResource> {
    // The deadline starts now: time spent waiting for a place counts, so the user never waits past it.
    const deadline = Date.now() + this.timeoutMs;
    return this.limit(() => this.send(call, deadline));
  }

  /** One exchange with the FHIR server, timed for /metrics by tenant (hashed) and outcome. */
  private async exchange(call: Call, token: string | undefined, deadline: number): Promise<TransportAnswer> {
    const stop = fhirDuration.startTimer({ tenant: this.tenantLabel });
    try {
      const answer = await this.options.transport.send(
        { method: call.method, url: call.url, headers: this.headers(call, token), body: call.body, deadline, who: this.who },
        this.timeoutMs,
      );
      stop({ outcome: answer.status >= 200 && answer.status < 300 ? 'ok' : `http_${answer.status}` });
      return answer;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      stop({ outcome: status === 504 ? 'timeout' : status === 502 ? 'unreachable' : 'error' });
      throw error;
    }
  }

  private async send(call: Call, deadline: number): Promise<SizedResource> {
    let token = call.isAnonymous ? undefined : await this.endpoint.getToken();
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.exchange(call, token, deadline);
      if (answer.status === 401 && token && attempt === 1) {
        // The partner may have revoked or rotated the token early: drop it and try once with a fresh one.
        this.endpoint.invalidateToken(token);
        token = await this.endpoint.getToken();
        continue;
      }
      if (answer.status === 401) throw new TokenRefusedError(this.who);
      if (answer.status < 200 || answer.status > 299) throw new FhirStatusError(answer.status, this.who);
      return { resource: this.resourceOf(answer), bytes: answer.body.length };
    }
  }

  private headers(call: Call, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: JSON_TYPES };
    if (call.contentType) headers['content-type'] = call.contentType;
    if (token) headers.authorization = `Bearer ${token}`;
    return headers;
  }

  /** The answer's FHIR JSON; anything else is a 502 that never quotes the answer (it may hold PHI). */
  private resourceOf(answer: TransportAnswer): FhirResource {
    const contentType = String(answer.headers['content-type'] ?? '');
    if (contentType !== '' && !/json/i.test(contentType))
      throw badGateway(`${this.who} answered with something that is not FHIR JSON`);
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      throw badGateway(`${this.who} sent an answer that could not be read`);
    }
    const resourceType = typeof body === 'object' && body !== null ? (body as { resourceType?: unknown }).resourceType : undefined;
    if (typeof resourceType !== 'string') throw badGateway(`${this.who} answered with something that is not FHIR JSON`);
    return body as FhirResource;
  }
}
