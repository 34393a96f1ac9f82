// One way to call the partner: a timeout on every call, JSON read when there is some, and network
// failures returned as a reason instead of thrown, so one bad answer fails one check and not the run.

export interface Answer {
  status: number;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  contentType: string;
}

export type Outcome = { ok: true; answer: Answer } | { ok: false; reason: string };

export interface HttpOptions {
  timeoutMs: number;
}

function networkReason(error: unknown, url: string, timeoutMs: number): string {
  const where = new URL(url).host;
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer from ${where} within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `could not reach ${where}${code}`;
}

export async function call(url: string, init: RequestInit, options: HttpOptions): Promise<Outcome> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    return { ok: true, answer: { status: res.status, body, contentType: res.headers.get('content-type') ?? '' } };
  } catch (error) {
    return { ok: false, reason: networkReason(error, url, options.timeoutMs) };
  }
}

export const FHIR_ACCEPT = 'application/fhir+json, application/json';

export function bearer(token: string | undefined): Record<string, string> {
  return token ? { accept: FHIR_ACCEPT, authorization: `Bearer ${token}` } : { accept: FHIR_ACCEPT };
}

/** `resourceType` of a JSON answer, if it has one. */
export function resourceTypeOf(body: unknown): string | undefined {
  const type = typeof body === 'object' && body !== null ? (body as { resourceType?: unknown }).resourceType : undefined;
  return typeof type === 'string' ? type : undefined;
}

/**
 * The issue code of an OperationOutcome answer (e.g. `not-supported`), for a reason line. Not its
 * diagnostics text: a server may echo the search values there, and those can name a patient.
 */
export function outcomeCode(body: unknown): string {
  if (resourceTypeOf(body) !== 'OperationOutcome') return '';
  const code = (body as { issue?: { code?: unknown }[] }).issue?.[0]?.code;
  return typeof code === 'string' ? ` (OperationOutcome ${code})` : '';
}
