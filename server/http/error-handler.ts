import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, isApiError, notFound, operationOutcome, payloadTooLarge, badRequest } from '../errors.js';
import type { Logger } from '../logger.js';
import { routeOf } from './request-log.js';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Errors thrown by body-parser and friends carry a status; turn them into our own shape. */
function fromHttpError(error: HttpishError): ApiError | undefined {
  const status = error.status ?? error.statusCode;
  if (error.type === 'entity.too.large' || status === 413) return payloadTooLarge('The request body is too large');
  if (error.type === 'entity.parse.failed') return badRequest('The request body is not valid JSON');
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported')
    return badRequest('The request body has an unsupported encoding');
  if (status !== undefined && status >= 400 && status < 500)
    return new ApiError(status, 'invalid', 'The request could not be read');
  return undefined;
}

/** A quoted value in a message, as libraries write the input they choke on. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g;

/**
 * What an unexpected error may tell the log: its class, code, message and stack frames, with every quoted value
 * taken out. Libraries quote the input they fail on (JSON.parse: `Unexpected token 'Q', "Quill, Zed" is not
 * valid JSON`; PostgreSQL: `invalid input syntax … "…"`), and that input may be a patient's name or a note.
 * Logged under `error`, not `err`: pino's own serializer for `err` would replace the class with "Object".
 */
export function describeForLog(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code).slice(0, 40) } : {}),
    message: error.message.replace(QUOTED, '"…"').slice(0, 300),
    stack: frames.join('\n').replace(QUOTED, '"…"'),
  };
}

/** The one error handler: every error leaves as an OperationOutcome, never a stack trace or PHI. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    void _next;
    const apiError = isApiError(error)
      ? error
      : typeof error === 'object' && error !== null
        ? fromHttpError(error)
        : undefined;
    if (!apiError) {
      logger.error({ error: describeForLog(error), method: req.method, path: routeOf(req) }, 'unhandled error');
      res.status(500).type('application/fhir+json').json(operationOutcome('exception', 'Internal error'));
      return;
    }
    if (apiError.status >= 500) logger.warn({ status: apiError.status, reason: apiError.message }, 'upstream error');
    res.status(apiError.status).set(apiError.headers).type('application/fhir+json');
    res.json(apiError.extra ? { ...apiError.outcome, ...apiError.extra } : apiError.outcome);
  };
}

export function apiNotFound(): RequestHandler {
  return (req) => {
    throw notFound(`No such endpoint: ${req.method} ${req.baseUrl}${req.path}`.slice(0, 200));
  };
}
