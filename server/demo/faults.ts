// Fault switches of the demo partner, for tests and the load script: the ways real FHIR servers misbehave
// that Rounds must survive. Off by default; they touch FHIR calls only, never the token endpoint.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
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
