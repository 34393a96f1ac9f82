import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, isApiError, notFound, payloadTooLarge, badRequest } from '../errors.js';
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
      // Log the error class and message only: messages from our own code carry no PHI.
      const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : {};
      logger.error({ err, method: req.method, path: routeOf(req) }, 'unhandled error');
      res.status(500).type('application/fhir+json').json({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'exception', diagnostics: 'Internal error' }],
      });
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
