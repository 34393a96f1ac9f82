// One way to call Microsoft Graph and the Entra token endpoint: a deadline over the whole call, 429 and 503
// waited out when their Retry-After fits it, and failures turned into a 503 that says what could not be done.
import { ApiError, serviceUnavailable } from '../errors.js';

export interface GraphAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  /** Seconds from Retry-After, when the answer gave one. */
  retryAfter?: number;
}

/** Retry-After in seconds (a number, or an HTTP date), or undefined. */
export function retryAfterOf(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** What the 503 says, before the reason: the user learns that membership, not the data, is the problem. */
export const MEMBERSHIP_UNCHECKED = 'Your membership of this Teams context could not be checked';

/** How long a refusal asks the client to wait when the far side named no time. */
const DEFAULT_RETRY_SECONDS = 5;
/** 429 and 503 waited out at most this many times per call. */
const MAX_WAITS = 2;

export interface CallOptions {
  /** Milliseconds since the epoch by which the whole call (waits included) must be done. */
  deadline: number;
  /** Who answers, for messages: "Microsoft Graph", "Azure AD". */
  who: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends the request, waiting out 429/503 with a Retry-After that fits the deadline. Network failures and a
 * passed deadline become a 503 (membership unchecked); every other answer is returned for the caller to judge.
 */
export async function callWithin(url: string, init: RequestInit, options: CallOptions): Promise<GraphAnswer> {
  for (let waits = 0; ; waits += 1) {
    const left = options.deadline - Date.now();
    if (left <= 0) throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: ${options.who} did not answer in time`, DEFAULT_RETRY_SECONDS);
    let answer: GraphAnswer;
    try {
      const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(left) });
      answer = { status: res.status, body: await readJson(res), retryAfter: retryAfterOf(res.headers.get('retry-after')) };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const name = error instanceof Error ? error.name : '';
      const why = name === 'TimeoutError' || name === 'AbortError' ? 'did not answer in time' : 'could not be reached';
      throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: ${options.who} ${why}`, DEFAULT_RETRY_SECONDS);
    }
    if (answer.status !== 429 && answer.status !== 503) return answer;
    const wait = answer.retryAfter ?? DEFAULT_RETRY_SECONDS;
    if (waits >= MAX_WAITS || Date.now() + wait * 1000 >= options.deadline) {
      const busy = answer.status === 429 ? 'is throttling requests' : 'is unavailable';
      throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: ${options.who} ${busy}; try again shortly`, wait);
    }
    await sleep(wait * 1000);
  }
}
