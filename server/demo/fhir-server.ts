// The partner's FHIR endpoint: open metadata and SMART discovery, bearer-token authentication, routing by
// the token's tenant to that tenant's demo server, reads and searches, and batch Bundles at [base] and [base]/.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { ApiError, badRequest, notFound } from '../errors.js';
import { batchResponseBundle, type BatchAnswer } from './bundle.js';
import { partnerCapability, smartConfiguration, type OAuthUrls } from './capability.js';
import type { FhirJson } from './render/renderer.js';
import { answerFhirCall, type DemoFhirServer, type FhirCall } from './fhir-handler.js';
import { answerWithFaults, capabilityWithFaults, type DemoFaults } from './faults.js';
import { logRequest, type DemoPartnerStats, type RequestLogEntry } from './stats.js';
import type { TokenStore } from './token-store.js';
import { AUTHORIZE_PATH, TOKEN_PATH } from './token-endpoint.js';

export const FHIR_BASE_PATH = '/fhir';
const FHIR_JSON = 'application/fhir+json';
/** Far above what Rounds sends (FHIR_BATCH_SIZE, 50): the benchmark's one-batch floor sends a whole list at once. */
const MAX_BATCH_ENTRIES = 2_500;

/** What the open endpoints say: the partner's (the default), or one hospital's own. */
export interface Discovery {
  openMetadata(req: Request, base: string): FhirJson;
  smartConfiguration(urls: OAuthUrls): Record<string, unknown>;
}

export interface FhirRouterDeps {
  servers: ReadonlyMap<string, DemoFhirServer>;
  tokens: Pick<TokenStore, 'check'>;
  stats: DemoPartnerStats;
  isBatchSupported: boolean;
  discovery?: Discovery;
  /** Per-resource fault switches (./faults.ts), read on every interaction; none when absent. */
  faults?: DemoFaults;
}

/** One interaction, through the fault switches when there are any. */
function answerCall(deps: FhirRouterDeps, server: DemoFhirServer, call: FhirCall): BatchAnswer {
  if (!deps.faults) return answerFhirCall(server, call);
  return answerWithFaults(deps.faults, deps.stats, call, (c) => answerFhirCall(server, c));
}

const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;
const baseOf = (req: Request): string => `${originOf(req)}${FHIR_BASE_PATH}`;
const oauthUrls = (req: Request): OAuthUrls => ({
  token: `${originOf(req)}${TOKEN_PATH}`,
  authorize: `${originOf(req)}${AUTHORIZE_PATH}`,
});
const logEntryOf = (res: Response): RequestLogEntry | undefined => res.locals.logEntry as RequestLogEntry | undefined;

function send(res: Response, answer: BatchAnswer): void {
  res.status(answer.status).type(FHIR_JSON).json(answer.resource);
}

function unauthorized(diagnostics: string, problem?: string): ApiError {
  const challenge = problem
    ? `Bearer realm="demo-partner", error="invalid_token", error_description="${problem}"`
    : 'Bearer realm="demo-partner"';
  return new ApiError(401, 'login', diagnostics, { headers: { 'WWW-Authenticate': challenge } });
}

/** The tenant's server named by the bearer token; 401 without a valid one. */
function serverFor(req: Request, res: Response, deps: FhirRouterDeps): DemoFhirServer {
  const open = deps.faults?.openDataTenant;
  if (open && req.headers.authorization === undefined) {
    const server = deps.servers.get(open);
    if (server) {
      deps.stats.faultsInjected += 1;
      return server;
    }
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw unauthorized('This FHIR server needs an access token: Authorization: Bearer <token>');
  const checked = deps.tokens.check(match[1]);
  if ('problem' in checked) {
    throw checked.problem === 'expired'
      ? unauthorized('The access token has expired: request a new one', 'The access token expired')
      : unauthorized('The access token is not valid', 'The access token is not valid');
  }
  const server = deps.servers.get(checked.tenantId);
  if (!server) throw unauthorized('The access token names no tenant served here', 'Unknown tenant');
  const perTenant = deps.stats.perTenant[checked.tenantId];
  if (perTenant) perTenant.fhirRequests += 1;
  const entry = logEntryOf(res);
  if (entry) entry.tenantId = checked.tenantId;
  return server;
}

function segmentsOf(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  return segments.map((segment) => {
    const decoded = decodeSafely(segment);
    if (decoded === undefined) throw badRequest('The request path is not validly encoded');
    return decoded;
  });
}

function decodeSafely(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const queryOf = (url: string): [string, string][] => {
  const at = url.indexOf('?');
  return at < 0 ? [] : [...new URLSearchParams(url.slice(at + 1))];
};

/** An entry's url relative to the base: "Patient/1", "/Patient/1" and "http://host/fhir/Patient/1" alike. */
function relativeUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  if (!URL.canParse(url)) throw badRequest('A batch entry has an invalid request.url');
  const parsed = new URL(url);
  const path = parsed.pathname.startsWith(FHIR_BASE_PATH)
    ? parsed.pathname.slice(FHIR_BASE_PATH.length)
    : parsed.pathname;
  return `${path}${parsed.search}`;
}

const entryUrl = (entry: unknown): string => {
  const url = (entry as { request?: { url?: unknown } } | null)?.request?.url;
  return typeof url === 'string' ? url : '';
};

/** One entry of a batch: its own status, never failing the whole batch. */
function answerEntry(deps: FhirRouterDeps, server: DemoFhirServer, base: string, entry: unknown): BatchAnswer {
  const request = (entry as { request?: { method?: unknown; url?: unknown } } | null)?.request;
  try {
    if (typeof request?.method !== 'string' || typeof request.url !== 'string') {
      throw badRequest('Each batch entry needs request.method and request.url');
    }
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new ApiError(405, 'not-supported', 'This demo FHIR server is read-only: batch entries must be GET');
    }
    const url = relativeUrl(request.url.trim());
    const path = url.split('?')[0] ?? '';
    const call: FhirCall = { method: request.method, segments: segmentsOf(path), params: queryOf(url), base };
    return answerCall(deps, server, call);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'exception', 'Internal error');
    return { status: apiError.status, resource: apiError.outcome };
  }
}

function batch(deps: FhirRouterDeps): RequestHandler {
  return (req, res) => {
    const server = serverFor(req, res, deps);
    if (!deps.isBatchSupported || deps.faults?.noBatch || deps.faults?.refusesBatch) {
      throw new ApiError(405, 'not-supported', 'This server does not support batch: send each request on its own', {
        headers: { Allow: 'GET' },
      });
    }
    const body = req.body as { resourceType?: unknown; type?: unknown; entry?: unknown } | undefined;
    if (
      !req.is(['application/fhir+json', 'application/json', 'application/json+fhir']) ||
      body?.resourceType !== 'Bundle'
    ) {
      throw badRequest('POST [base] takes a FHIR Bundle of type batch (Content-Type: application/fhir+json)');
    }
    if (body.type !== 'batch')
      throw badRequest(`Only Bundle.type 'batch' is supported, got '${String(body.type).slice(0, 40)}'`);
    if (body.entry !== undefined && !Array.isArray(body.entry)) throw badRequest('Bundle.entry must be an array');
    const entries: unknown[] = Array.isArray(body.entry) ? body.entry : [];
    if (entries.length > MAX_BATCH_ENTRIES) throw badRequest(`A batch may hold at most ${MAX_BATCH_ENTRIES} entries`);
    deps.stats.batchRequests += 1;
    deps.stats.batchEntries += entries.length;
    const perTenant = deps.stats.perTenant[server.tenant.tenantId];
    if (perTenant) perTenant.batchRequests += 1;
    const logEntry = logEntryOf(res);
    if (logEntry) logEntry.entries = entries.map(entryUrl);
    const base = baseOf(req);
    send(res, {
      status: 200,
      resource: batchResponseBundle(
        server.renderer.version,
        entries.map((e) => answerEntry(deps, server, base, e)),
      ),
    });
  };
}

export function fhirRouter(deps: FhirRouterDeps): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    deps.stats.fhirRequests += 1;
    const entry = logRequest(deps.stats, req.method, `${req.baseUrl}${req.path}`);
    entry.arrivedAt = typeof res.locals.arrivedAt === 'number' ? res.locals.arrivedAt : performance.now();
    res.locals.logEntry = entry;
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.finishedAt = performance.now();
    });
    next();
  });
  router.use(
    express.json({ limit: '5mb', type: ['application/fhir+json', 'application/json', 'application/json+fhir'] }),
  );
  router.use(express.text({ limit: '64kb', type: 'application/x-www-form-urlencoded' }));

  router.get('/metadata', (req, res) => {
    deps.stats.metadataRequests += 1;
    // Open without a token; with one, the tenant's own server answers (a bad token is still a 401).
    if (req.headers.authorization === undefined) {
      if (deps.faults?.closedMetadata) throw unauthorized('This server wants a token for its metadata too (a fault switch)');
      const open = deps.discovery?.openMetadata(req, baseOf(req)) ?? partnerCapability(oauthUrls(req), deps.isBatchSupported);
      send(res, { status: 200, resource: capabilityWithFaults(deps.faults, open) });
      return;
    }
    const server = serverFor(req, res, deps);
    send(res, { status: 200, resource: capabilityWithFaults(deps.faults, server.capability(baseOf(req))) });
  });
  router.get('/.well-known/smart-configuration', (req, res) => {
    deps.stats.metadataRequests += 1;
    if (deps.faults?.discovery === 'none') throw notFound('This server publishes no smart-configuration (a fault switch)');
    res.json((deps.discovery?.smartConfiguration ?? smartConfiguration)(oauthUrls(req)));
  });
  router.post('/', batch(deps));
  router.use((req, res) => {
    const server = serverFor(req, res, deps);
    const segments = segmentsOf(req.path);
    let params = queryOf(req.url);
    if (segments[1] === '_search' && req.method === 'POST') {
      // Express 5 leaves req.body undefined when there is no body; any other parsed body is not a form.
      if (req.body !== undefined && typeof req.body !== 'string') {
        throw badRequest('POST [type]/_search takes a form body (Content-Type: application/x-www-form-urlencoded)');
      }
      params = [...params, ...new URLSearchParams(typeof req.body === 'string' ? req.body : '')];
    }
    send(res, answerCall(deps, server, { method: req.method, segments, params, base: baseOf(req) }));
  });
  return router;
}
