// The demo partner's error handler: every FHIR error leaves as an OperationOutcome with its status and
// headers (401 with WWW-Authenticate: Bearer …), body-parser failures as 400/413, anything else as a 500
// without details. (Token endpoint errors are answered in RFC 6749 form by token-endpoint.ts.)
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, badRequest, notFound, payloadTooLarge } from '../errors.js';

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const httpish = (typeof error === 'object' && error !== null ? error : {}) as { type?: string; status?: number };
  if (httpish.type === 'entity.too.large') return payloadTooLarge('The request body is too large');
  if (httpish.type === 'entity.parse.failed') return badRequest('The request body is not valid JSON');
  if (httpish.status !== undefined && httpish.status >= 400 && httpish.status < 500) {
    return new ApiError(httpish.status, 'invalid', 'The request could not be read');
  }
  return new ApiError(500, 'exception', 'Internal error');
}

export function partnerErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    void _next;
    const apiError = toApiError(error);
    res.status(apiError.status).set(apiError.headers).type('application/fhir+json').json(apiError.outcome);
  };
}

export function partnerNotFound(): RequestHandler {
  return (req) => {
    throw notFound(`No such endpoint on the demo partner: ${req.method} ${req.path}`.slice(0, 200));
  };
}
