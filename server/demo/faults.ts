// Fault switches of the demo partner, for tests and the load script: the ways real FHIR servers misbehave
// that Rounds must survive. Off by default; they touch FHIR calls only, never the token endpoint.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import { ApiError } from '../errors.js';
import type { BatchAnswer } from './bundle.js';
import type { FhirCall } from './fhir-handler.js';
import type { DemoPartnerStats } from './stats.js';

export interface DemoFaults {
  /**
   * Drop a kept-alive connection when a second request arrives on it, without answering: what a client sees
   * when the server closed an idle socket just as the request was written (ECONNRESET, "other side closed").
   */
  dropReusedConnections?: boolean;
  /** Answer the next `count` FHIR calls with this status and `Retry-After: <seconds>`. */
  throttle?: { count: number; status: 429 | 503; retryAfterSeconds: number };
  /** Never answer FHIR calls (the connection stays open until the partner closes). */
  hang?: boolean;
  /** Searches of these resource types answer this status, e.g. `{ Coverage: 404 }` (a server without Coverage). */
  failingTypes?: Record<string, number>;
  /** A misbehaving server: a read of `Patient/<key>` answers the patient `<value>` instead. */
  wrongPatients?: Record<string, string>;
}

/**
 * One FHIR interaction (a request of its own or a batch entry) through the per-resource switches; the others
 * act on whole requests in faultInjector.
 */
export function answerWithFaults(
  faults: DemoFaults,
  stats: DemoPartnerStats,
  call: FhirCall,
  answer: (call: FhirCall) => BatchAnswer,
): BatchAnswer {
  const [type, id, ...rest] = call.segments;
  const isSearch = id === undefined || id === '_search';
  const failing = type && isSearch ? faults.failingTypes?.[type] : undefined;
  if (failing) {
    stats.faultsInjected += 1;
    throw new ApiError(failing, 'exception', `${type} searches fail on this server (a fault switched on by a test)`);
  }
  const wrong = type === 'Patient' && id && !isSearch && rest.length === 0 ? faults.wrongPatients?.[id] : undefined;
  if (wrong) {
    stats.faultsInjected += 1;
    return answer({ ...call, segments: ['Patient', wrong] });
  }
  return answer(call);
}

/** The switches, read on every request, so a test can flip them while the partner runs. */
export function faultInjector(faults: DemoFaults, stats: DemoPartnerStats): RequestHandler {
  const served = new WeakMap<Socket, number>();
  return (req, res, next) => {
    const socket = (req as IncomingMessage).socket;
    const count = (served.get(socket) ?? 0) + 1;
    served.set(socket, count);
    if (faults.hang) {
      stats.faultsInjected += 1;
      return;
    }
    if (faults.dropReusedConnections && count > 1) {
      stats.faultsInjected += 1;
      socket.destroy();
      return;
    }
    const throttle = faults.throttle;
    if (throttle && throttle.count > 0) {
      throttle.count -= 1;
      stats.faultsInjected += 1;
      res
        .status(throttle.status)
        .set('Retry-After', String(throttle.retryAfterSeconds))
        .type('application/fhir+json')
        .json({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'throttled', diagnostics: 'Too many requests: try again later' }],
        });
      return;
    }
    next();
  };
}
