// Fault switches of the demo partner, for tests, the partner checker's tests and the load script: the ways real
// FHIR servers misbehave that Rounds (and the checker) must notice. Off by default, and set only through
// RunningDemoPartner.setFaults: nothing over HTTP turns one on.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import { ApiError } from '../errors.js';
import type { BatchAnswer } from './bundle.js';
import { OAUTH_URIS } from './capability.js';
import type { FhirJson } from './render/renderer.js';
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
  /** FHIR calls other than discovery answer 200 with a body cut off mid-JSON (a proxy or server gone wrong). */
  malformedAnswers?: boolean;
  /** Searches of these resource types answer this status, e.g. `{ Coverage: 404 }` (a server without Coverage). */
  failingTypes?: Record<string, number>;
  /** A misbehaving server: a read of `Patient/<key>` answers the patient `<value>` instead. */
  wrongPatients?: Record<string, string>;
  /** Resources of a type come without these fields, e.g. `{ Patient: ['identifier'], Encounter: ['type'] }`. */
  missingFields?: Record<string, string[]>;
  /** Search parameters accepted and silently ignored, e.g. `['gender']`. */
  ignoredParams?: string[];
  /** `_id` with several values is refused (400 not-supported). */
  refusesIdLists?: boolean;
  /** No batch: POST [base] answers 405 and the capability statements leave batch out. */
  noBatch?: boolean;
  /** POST [base] answers 405 although the capability statements declare batch. */
  refusesBatch?: boolean;
  /**
   * Where the token URL is published: by default the SMART oauth-uris extension and smart-configuration.
   * 'hl7-oauth-uris': the extension under its hl7.org URL; 'smart-configuration': only there; 'none': nowhere.
   */
  discovery?: 'hl7-oauth-uris' | 'smart-configuration' | 'none';
  /** /metadata answers 401 without a token. */
  closedMetadata?: boolean;
  /** The capability statements declare this fhirVersion, e.g. '5.0.0'. */
  fhirVersion?: string;
  /** FHIR calls without a token are answered from this tenant's server. */
  openDataTenant?: string;
  /** Token answers leave these fields out, e.g. `['expires_in']`. */
  tokenAnswerOmits?: string[];
  /** Token answers carry these values instead, e.g. `{ token_type: 'mac' }`. */
  tokenAnswerSets?: Record<string, unknown>;
  /** Any secret of the right client gets a token. */
  acceptsAnySecret?: boolean;
  /** A wrong secret is refused with this OAuth error code instead of invalid_client, e.g. 'access_denied'. */
  wrongSecretError?: string;
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
  if (isSearch && faults.refusesIdLists && call.params.some(([name, value]) => name === '_id' && value.includes(','))) {
    stats.faultsInjected += 1;
    throw new ApiError(400, 'not-supported', '_id takes one value on this server');
  }
  let asked = call;
  const ignored = faults.ignoredParams ?? [];
  if (isSearch && call.params.some(([name]) => ignored.includes(name))) {
    stats.faultsInjected += 1;
    asked = { ...call, params: call.params.filter(([name]) => !ignored.includes(name)) };
  }
  const wrong = type === 'Patient' && id && !isSearch && rest.length === 0 ? faults.wrongPatients?.[id] : undefined;
  if (wrong) {
    stats.faultsInjected += 1;
    asked = { ...call, segments: ['Patient', wrong] };
  }
  return withoutFields(faults, answer(asked));
}

type Json = Record<string, unknown>;

/** The answer with the missingFields left out of its resources (copies: the store's resources stay whole). */
function withoutFields(faults: DemoFaults, answer: BatchAnswer): BatchAnswer {
  const missing = faults.missingFields;
  if (!missing || Object.keys(missing).length === 0) return answer;
  const strip = (resource: Json): Json => {
    const fields = missing[String(resource.resourceType)];
    if (!fields) return resource;
    const copy = { ...resource };
    for (const field of fields) delete copy[field];
    return copy;
  };
  const resource = answer.resource as unknown as Json;
  if (resource.resourceType !== 'Bundle') return { ...answer, resource: strip(resource) as unknown as FhirJson };
  const entry = (resource.entry as { resource?: Json }[] | undefined)?.map((e) =>
    e.resource ? { ...e, resource: strip(e.resource) } : e,
  );
  return { ...answer, resource: { ...resource, ...(entry ? { entry } : {}) } as unknown as FhirJson };
}

const HL7_OAUTH_URIS = 'http://hl7.org/fhir/StructureDefinition/oauth-uris';

/** A capability statement as the discovery, version and batch switches make it. */
export function capabilityWithFaults(faults: DemoFaults | undefined, statement: FhirJson): FhirJson {
  if (!faults || (!faults.discovery && !faults.fhirVersion && !faults.noBatch)) return statement;
  const copy = structuredClone(statement) as FhirJson & {
    fhirVersion?: string;
    rest?: { security?: { extension?: { url: string }[] }; interaction?: { code: string }[] }[];
  };
  if (faults.fhirVersion) copy.fhirVersion = faults.fhirVersion;
  for (const rest of copy.rest ?? []) {
    if (faults.noBatch && rest.interaction) rest.interaction = rest.interaction.filter((i) => i.code !== 'batch');
    const security = rest.security;
    if (!security?.extension) continue;
    if (faults.discovery === 'hl7-oauth-uris') {
      for (const extension of security.extension) if (extension.url === OAUTH_URIS) extension.url = HL7_OAUTH_URIS;
    } else if (faults.discovery) {
      security.extension = security.extension.filter((extension) => extension.url !== OAUTH_URIS);
    }
  }
  return copy;
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
    const isDiscovery = req.path === '/metadata' || req.path === '/.well-known/smart-configuration';
    if (faults.malformedAnswers && !isDiscovery) {
      stats.faultsInjected += 1;
      res.status(200).type('application/fhir+json').send('{"resourceType":"Bundle","type":"searchset","entry":[{"resou');
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
