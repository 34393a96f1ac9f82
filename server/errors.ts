// One error shape: every error response is a FHIR OperationOutcome (../shared/spec/api.md, "Errors").
import type { OperationOutcome } from 'fhir/r4';

export type IssueCode =
  | 'invalid'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-costly'
  | 'throttled'
  | 'exception'
  | 'timeout'
  | 'not-supported'
  | 'transient';

export class ApiError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  readonly headers: Record<string, string>;
  /** Extra JSON to merge into the body, e.g. the current state on a 409. */
  readonly extra?: Record<string, unknown>;

  constructor(
    status: number,
    code: IssueCode,
    diagnostics: string,
    options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(diagnostics);
    this.name = 'ApiError';
    this.status = status;
    this.outcome = operationOutcome(code, diagnostics);
    this.headers = options.headers ?? {};
    this.extra = options.extra;
  }
}

export function operationOutcome(
  code: IssueCode,
  diagnostics: string,
  severity: 'error' | 'warning' | 'fatal' | 'information' = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export const badRequest = (diagnostics: string): ApiError => new ApiError(400, 'invalid', diagnostics);
export const unauthorized = (diagnostics: string): ApiError =>
  new ApiError(401, 'login', diagnostics, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const forbidden = (diagnostics: string): ApiError => new ApiError(403, 'forbidden', diagnostics);
export const notFound = (diagnostics: string): ApiError => new ApiError(404, 'not-found', diagnostics);
export const conflict = (diagnostics: string, current?: Record<string, unknown>): ApiError =>
  new ApiError(409, 'conflict', diagnostics, { extra: current });
export const payloadTooLarge = (diagnostics: string): ApiError => new ApiError(413, 'too-costly', diagnostics);
export const tooManyRequests = (diagnostics: string, retryAfterSeconds: number): ApiError =>
  new ApiError(429, 'throttled', diagnostics, { headers: { 'Retry-After': String(retryAfterSeconds) } });
export const badGateway = (diagnostics: string): ApiError => new ApiError(502, 'exception', diagnostics);
export const notConfigured = (diagnostics: string): ApiError => new ApiError(503, 'not-supported', diagnostics);
/** A dependency that should come back (Graph, a database): try again after `retryAfterSeconds`. */
export const serviceUnavailable = (diagnostics: string, retryAfterSeconds: number): ApiError =>
  new ApiError(503, 'transient', diagnostics, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
export const gatewayTimeout = (diagnostics: string): ApiError => new ApiError(504, 'timeout', diagnostics);

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
