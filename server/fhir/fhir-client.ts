// Every FHIR call goes through fhirclient (../shared/reference/toolchain.md G3), with the tenant's bearer
// token, a timeout, and one retry with a fresh token when the server says 401.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import FhirClientModule from 'fhirclient/lib/FhirClient.js';
import { ApiError, badGateway } from '../errors.js';
import type { FhirEndpoint } from '../partner/fhir-endpoint.js';
import { upstreamFailure, whoServes, type UpstreamOptions } from '../partner/upstream.js';
import type { FhirResource } from './adapters/adapter.js';

type FhirClientClass = typeof FhirClientModule;
// Under Node ESM the default import of this CommonJS file is its whole module.exports.
const FhirClient: FhirClientClass =
  (FhirClientModule as unknown as { default?: FhirClientClass }).default ?? FhirClientModule;

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

const JSON_TYPES = 'application/fhir+json, application/json;q=0.9';

export class TenantFhirClient {
  private readonly client: InstanceType<FhirClientClass>;
  private readonly upstream: UpstreamOptions;
  /** fhirclient's node-fetch opens a connection per call unless given an agent; TLS set-up is not free. */
  private readonly agent: HttpAgent;

  constructor(
    readonly endpoint: FhirEndpoint,
    timeoutMs: number = DEFAULT_FHIR_TIMEOUT_MS,
  ) {
    this.client = new FhirClient(endpoint.baseUrl);
    this.upstream = { who: whoServes(endpoint.mode), timeoutMs };
    const agentOptions = { keepAlive: true, maxSockets: 16 };
    this.agent = endpoint.baseUrl.startsWith('https:') ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  get who(): string {
    return this.upstream.who;
  }

  /** GET a path relative to the FHIR base. `anonymous` sends no token (the open /metadata). */
  read(path: string, options: { anonymous?: boolean } = {}): Promise<FhirResource> {
    return this.send(path, { method: 'GET' }, options.anonymous ?? false);
  }

  postForm(path: string, form: URLSearchParams): Promise<FhirResource> {
    return this.send(
      path,
      { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      false,
    );
  }

  /** POSTs a batch Bundle to the base; fhirclient sends it to `[base]/`. */
  postBatch(bundle: FhirResource): Promise<FhirResource> {
    const headers = { 'content-type': 'application/fhir+json' };
    return this.send('', { method: 'POST', body: JSON.stringify(bundle), headers }, false);
  }

  private async send(path: string, init: RequestInit, anonymous: boolean): Promise<FhirResource> {
    let token = anonymous ? undefined : await this.endpoint.getToken();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(path, init, token);
      } catch (error) {
        const status = statusOf(error);
        if (status === 401 && token && attempt === 1) {
          // The partner may have revoked or rotated the token early: drop it and try once with a fresh one.
          this.endpoint.invalidateToken(token);
          token = await this.endpoint.getToken();
          continue;
        }
        if (status === 401) throw new TokenRefusedError(this.who);
        if (status !== undefined) throw new FhirStatusError(status, this.who);
        const failure = upstreamFailure(error, this.upstream);
        // Anything else (a body that is not JSON …) may quote the answer: never let it reach a log.
        throw failure instanceof ApiError ? failure : badGateway(`${this.who} sent an answer that could not be read`);
      }
    }
  }

  private async once(path: string, init: RequestInit, token: string | undefined): Promise<FhirResource> {
    const headers: Record<string, string> = { accept: JSON_TYPES, ...(init.headers as Record<string, string>) };
    if (token) headers.authorization = `Bearer ${token}`;
    const options = { ...init, headers, signal: AbortSignal.timeout(this.upstream.timeoutMs), agent: this.agent };
    const body: unknown = await this.client.fhirRequest(path, options);
    const resourceType = typeof body === 'object' && body !== null ? (body as { resourceType?: unknown }).resourceType : undefined;
    if (typeof resourceType !== 'string')
      throw badGateway(`${this.who} answered with something that is not FHIR JSON`);
    return body as FhirResource;
  }
}

/** The HTTP status of fhirclient's HttpError (it carries the URL and body: never log its message). */
function statusOf(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'HttpError') return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
