// One way to call the partner (token URL discovery and token requests): a timeout on every call, and
// network failures turned into our error shape. FHIR calls have their own transport (server/fhir/transport.ts).
import type { Connection } from '../wire/contract.js';
import { ApiError, badGateway, gatewayTimeout } from '../errors.js';

export interface UpstreamOptions {
  /** Who we are calling, for messages: "The partner", "The FHIR server". */
  who: string;
  timeoutMs: number;
}

export interface UpstreamAnswer {
  status: number;
  /** Parsed JSON, or `undefined` when the body was not JSON. */
  body: unknown;
}

/** Names the far side of an endpoint in messages an admin reads. */
export function whoServes(mode: Connection['mode']): string {
  return mode === 'direct' ? "The organisation's FHIR server" : 'The partner';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** The error code of a network failure, looked for in its `cause` chain too (undici wraps them). */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errno } = error as { code?: unknown; cause?: unknown; errno?: unknown };
  if (typeof code === 'string') return code;
  if (typeof errno === 'string') return errno;
  return cause === undefined ? undefined : codeOf(cause);
}

/** 15000 → "15", 250 → "0.25". */
const seconds = (ms: number): string => String(Math.round(ms / 10) / 100);

/** The 504 of a call past its time. */
export function timedOut(options: UpstreamOptions): ApiError {
  return gatewayTimeout(`${options.who} did not answer within ${seconds(options.timeoutMs)} s`);
}

/**
 * Turns a fetch or undici failure into a 504 on timeout or a 502 when nothing answered; anything else is
 * returned as it is, for the caller to judge.
 */
export function upstreamFailure(error: unknown, options: UpstreamOptions): unknown {
  if (error instanceof ApiError) return error;
  // undici's RequestAbortedError is named AbortError too.
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError' || codeOf(error) === 'ETIMEDOUT') return timedOut(options);
  const code = codeOf(error);
  if ((code && NETWORK_CODES.has(code)) || (error instanceof TypeError && /fetch failed/.test(error.message)))
    return badGateway(`${options.who} could not be reached`);
  if (name === 'FetchError') return badGateway(`${options.who} could not be reached`);
  return error;
}

/** Fetches and reads the body as JSON when it is JSON, all within the timeout. */
export async function fetchUpstream(url: string, init: RequestInit, options: UpstreamOptions): Promise<UpstreamAnswer> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    const text = await res.text();
    let body: unknown;
    if (/\bjson\b/i.test(res.headers.get('content-type') ?? '') || /^\s*[{[]/.test(text)) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    return { status: res.status, body };
  } catch (error) {
    throw upstreamFailure(error, options);
  }
}
