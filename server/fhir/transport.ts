// The one HTTP path to FHIR servers: undici (Node's own HTTP client) with a keep-alive pool per origin and no
// socket cap, a deadline on every call, and the retries that are safe for reads. Rounds only ever reads from
// FHIR (GET, POST [type]/_search, batch Bundles of GETs), so every call it makes here is idempotent.
import { Agent, Client, errors, type Dispatcher } from 'undici';
import { ApiError, badGateway } from '../errors.js';
import { codeOf, timedOut, upstreamFailure } from '../partner/upstream.js';

export interface TransportOptions {
  /** Largest answer read, in bytes; a larger one is a 502. */
  maxResponseBytes: number;
  /** How long an idle pooled connection is kept (default 4 s, below Node's and most servers' 5 s). */
  keepAliveMs?: number;
}

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Epoch ms after which the call is abandoned with a 504. */
  deadline: number;
  /** Who is called, for messages an admin reads: "The partner". */
  who: string;
}

export interface TransportAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Network failures that mean "this connection was stale or dropped": a read is sent once more on a new one. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
/** Statuses a server sends with Retry-After when it wants us back later (RFC 9110 §10.2.3). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);
const MAX_RETRY_AFTER_WAITS = 2;

/** Seconds or an HTTP date → milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FhirTransport {
  private readonly agent: Agent;

  constructor(private readonly options: TransportOptions) {
    this.agent = new Agent(this.clientOptions());
  }

  /**
   * Sends one read. Retries once on a new connection when the pooled one turns out to be closed, and waits
   * out a 429/503's Retry-After while the deadline allows. Throws a 504 past the deadline, a 502 when
   * nothing answered; any HTTP status is returned for the caller to judge.
   */
  async send(request: TransportRequest, timeoutMs: number): Promise<TransportAnswer> {
    let isFreshConnection = false;
    let waits = 0;
    for (;;) {
      const answer = await this.attempt(request, timeoutMs, isFreshConnection);
      if (answer === 'stale') {
        isFreshConnection = true;
        continue;
      }
      const wait = RETRY_AFTER_STATUSES.has(answer.status) ? retryAfterMs(answer.headers['retry-after']) : undefined;
      if (wait !== undefined && waits < MAX_RETRY_AFTER_WAITS && Date.now() + wait < request.deadline) {
        waits += 1;
        await sleep(wait);
        continue;
      }
      return answer;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private clientOptions(): Agent.Options {
    return {
      keepAliveTimeout: this.options.keepAliveMs ?? 4_000,
      maxResponseSize: this.options.maxResponseBytes,
      // The deadline (an AbortSignal) bounds the whole call; these only stop undici's own shorter defaults.
      headersTimeout: 0,
      bodyTimeout: 0,
    };
  }

  /** One try; 'stale' when the connection broke under a request that may be sent again. */
  private async attempt(
    request: TransportRequest,
    timeoutMs: number,
    isFreshConnection: boolean,
  ): Promise<TransportAnswer | 'stale'> {
    const remaining = request.deadline - Date.now();
    if (remaining <= 0) throw timedOut({ who: request.who, timeoutMs });
    const url = new URL(request.url);
    // A retry goes out on a connection of its own: every pooled one may have been closed at the same time.
    const dispatcher: Dispatcher = isFreshConnection ? new Client(url.origin, this.clientOptions()) : this.agent;
    try {
      const res = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(remaining),
      });
      const body = await res.body.text();
      return { status: res.statusCode, headers: res.headers, body };
    } catch (error) {
      const code = codeOf(error);
      if (!isFreshConnection && code !== undefined && RETRYABLE_CODES.has(code)) return 'stale';
      throw this.failure(error, request, timeoutMs);
    } finally {
      if (isFreshConnection) void dispatcher.close().catch(() => undefined);
    }
  }

  /** Our error for a failed call; never the library's message, which may quote the URL. */
  private failure(error: unknown, request: TransportRequest, timeoutMs: number): Error {
    if (error instanceof errors.ResponseExceededMaxSizeError)
      return badGateway(
        `${request.who} sent an answer larger than ${Math.round(this.options.maxResponseBytes / 1024 / 1024)} MB (FHIR_MAX_RESPONSE_MB)`,
      );
    const failure = upstreamFailure(error, { who: request.who, timeoutMs });
    return failure instanceof ApiError ? failure : badGateway(`${request.who} sent an answer that could not be read`);
  }
}
