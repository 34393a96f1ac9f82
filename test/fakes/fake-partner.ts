// A small fake interop partner for the faults the demo partner cannot produce: discovery variants, odd
// token responses, refused tokens. Real HTTP on a loopback port; R4 data per tenant; counts every call.
import express, { type Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { listen } from '../support/http.js';

export type Discovery = 'smart-oauth-uris' | 'hl7-oauth-uris' | 'smart-configuration' | 'none';

export interface FakePartnerOptions {
  tenants: Record<string, FhirResource[]>;
  discovery?: Discovery;
  isBatchSupported?: boolean;
  /** Whether the capability statement declares batch (default: isBatchSupported). */
  isBatchDeclared?: boolean;
  /** Searches of these resource types answer this status, e.g. { Coverage: 404 }. */
  failingTypes?: Record<string, number>;
  tokenLifetimeSeconds?: number;
  delayMs?: number;
  fhirVersion?: string;
  clientId?: string;
  secrets?: string[];
  /** Replaces the token endpoint's successful answer, e.g. to leave out expires_in. */
  tokenAnswer?: Record<string, unknown>;
  /** A misbehaving server: a read of `Patient/<key>` answers the patient `<value>` instead. */
  wrongPatients?: Record<string, string>;
}

export interface FakePartnerStats {
  tokenRequests: number;
  /** Scopes of the token requests, in order. */
  tokenScopes: string[];
  /** Access tokens handed out, in order, so a test can look for them where they must not be. */
  issuedTokens: string[];
  metadataRequests: number;
  batchRequests: number;
  /** Entries in each batch, in order. */
  batchSizes: number[];
  /** Every HTTP request to a FHIR path other than /metadata, batches included. */
  fhirRequests: number;
  /**
   * Waves of FHIR requests: a request that starts while none is in flight opens a new wave. Requests sent
   * together (parallel batch chunks) cost one round trip of latency; each wave is one round trip.
   */
  roundTrips: number;
  unauthorized: number;
}

export interface FakePartner {
  url: string;
  tokenUrl: string;
  clientId: string;
  stats: FakePartnerStats;
  resetStats(): void;
  setClientSecrets(secrets: string[]): void;
  revokeTokens(): void;
  close(): Promise<void>;
}

const OAUTH_URIS: Record<string, string> = {
  'smart-oauth-uris': 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
  'hl7-oauth-uris': 'http://hl7.org/fhir/StructureDefinition/oauth-uris',
};

const outcome = (diagnostics: string): FhirResource => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'processing', diagnostics }],
});

const refersTo = (resource: FhirResource, patientRef: string): boolean =>
  ['subject', 'patient', 'beneficiary'].some(
    (field) => (resource[field] as { reference?: string } | undefined)?.reference === patientRef,
  );

export async function startFakePartner(options: FakePartnerOptions): Promise<FakePartner> {
  const discovery = options.discovery ?? 'smart-oauth-uris';
  const clientId = options.clientId ?? 'fake-client';
  let secrets = options.secrets ?? ['secret-1'];
  const tokens = new Map<string, { tenantId: string; expiresAt: number }>();
  const fresh = (): FakePartnerStats => ({
    tokenRequests: 0,
    tokenScopes: [],
    issuedTokens: [],
    metadataRequests: 0,
    batchRequests: 0,
    batchSizes: [],
    fhirRequests: 0,
    roundTrips: 0,
    unauthorized: 0,
  });
  let inFlight = 0;
  const stats = fresh();
  const app = express();
  let base = '';

  app.use((req, res, next) => {
    if (req.path.startsWith('/fhir') && !req.path.endsWith('/metadata')) {
      if (inFlight === 0) stats.roundTrips += 1;
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
    }
    next();
  });
  app.use(async (_req, _res, next) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    next();
  });

  app.post('/oauth/token', express.urlencoded({ extended: false }), (req, res) => {
    stats.tokenRequests += 1;
    const form = req.body as Record<string, string>;
    stats.tokenScopes.push(form.scope ?? '');
    if (form.grant_type !== 'client_credentials') return void res.status(400).json({ error: 'unsupported_grant_type' });
    if (form.client_id !== clientId || !secrets.includes(form.client_secret ?? ''))
      return void res.status(401).json({ error: 'invalid_client' });
    if (!form.scope || !options.tenants[form.scope]) return void res.status(400).json({ error: 'invalid_scope' });
    const token = randomUUID();
    stats.issuedTokens.push(token);
    const lifetime = options.tokenLifetimeSeconds ?? 3600;
    tokens.set(token, { tenantId: form.scope, expiresAt: Date.now() + lifetime * 1000 });
    res.json(options.tokenAnswer ?? { access_token: token, token_type: 'Bearer', expires_in: lifetime });
  });

  const tenantOf = (req: Request): string | undefined => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? tokens.get(token) : undefined;
    return grant && grant.expiresAt > Date.now() ? grant.tenantId : undefined;
  };

  const fhir = express.Router();
  fhir.get('/metadata', (req, res) => {
    stats.metadataRequests += 1;
    const tenant = tenantOf(req);
    const security = OAUTH_URIS[discovery]
      ? {
          service: [{ coding: [{ system: 'http://hl7.org/fhir/restful-security-service', code: 'OAuth' }] }],
          extension: [{ url: OAUTH_URIS[discovery], extension: [{ url: 'token', valueUri: `${base}/oauth/token` }] }],
        }
      : undefined;
    const types = tenant ? [...new Set(options.tenants[tenant]!.map((r) => r.resourceType))] : [];
    res.type('application/fhir+json').json({
      resourceType: 'CapabilityStatement',
      fhirVersion: options.fhirVersion ?? '4.0.1',
      rest: [
        {
          mode: 'server',
          security,
          resource: types.map((type) => ({ type })),
          interaction: (options.isBatchDeclared ?? options.isBatchSupported ?? true) ? [{ code: 'batch' }] : [],
        },
      ],
    });
  });
  fhir.get('/.well-known/smart-configuration', (_req, res) => {
    if (discovery !== 'smart-configuration') return void res.status(404).json(outcome('no smart-configuration'));
    res.json({ token_endpoint: `${base}/oauth/token` });
  });

  fhir.use((req, res, next) => {
    stats.fhirRequests += 1;

    const tenant = tenantOf(req);
    if (!tenant) {
      stats.unauthorized += 1;
      return void res.status(401).set('WWW-Authenticate', 'Bearer').json(outcome('no valid token'));
    }
    res.locals.tenant = tenant;
    next();
  });

  /** Answers one GET path (with query) from a tenant's data: [status, body]. */
  const answer = (tenant: string, path: string): [number, FhirResource] => {
    const data = options.tenants[tenant]!;
    const url = new URL(path.replace(/^\/+/, ''), 'http://x/');
    const [type, id] = url.pathname.slice(1).split('/');
    if (id) {
      const wanted = type === 'Patient' ? (options.wrongPatients?.[id] ?? id) : id;
      const found = data.find((r) => r.resourceType === type && r.id === wanted);
      return found ? [200, found] : [404, outcome(`${type}/${id} not found`)];
    }
    const failing = type ? options.failingTypes?.[type] : undefined;
    if (failing) return [failing, outcome(`${type} search failed`)];
    const bundleOf = (matches: FhirResource[]): [number, FhirResource] => [
      200,
      { resourceType: 'Bundle', type: 'searchset', total: matches.length, entry: matches.map((resource) => ({ resource })) },
    ];
    const ids = url.searchParams.get('_id');
    if (ids) return bundleOf(data.filter((r) => r.resourceType === type && ids.split(',').includes(r.id ?? '')));
    const subjectId = ['patient', 'subject', 'beneficiary'].map((p) => url.searchParams.get(p)).find(Boolean);
    if (!subjectId) return [400, outcome('a patient parameter is required')];
    const ref = subjectId.startsWith('Patient/') ? subjectId : `Patient/${subjectId}`;
    return bundleOf(data.filter((r) => r.resourceType === type && refersTo(r, ref)));
  };

  fhir.post('/Patient/_search', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string>;
    const patients = options.tenants[res.locals.tenant as string]!.filter((r) => {
      if (r.resourceType !== 'Patient') return false;
      const name = (r.name as Array<{ family?: string; given?: string[] }>)[0]!;
      if (form._id && r.id !== form._id) return false;
      if (form.family && !name.family?.toLowerCase().startsWith(form.family.toLowerCase())) return false;
      if (form.identifier && !(r.identifier as Array<{ value?: string }>).some((i) => i.value === form.identifier)) return false;
      return true;
    });
    res.type('application/fhir+json').json({
      resourceType: 'Bundle',
      type: 'searchset',
      total: patients.length,
      entry: patients.slice(0, Number(form._count ?? 50)).map((resource) => ({ resource, search: { mode: 'match' } })),
    });
  });

  fhir.post(['/', ''], express.json({ type: ['application/json', 'application/fhir+json'] }), (req, res) => {
    if (options.isBatchSupported === false) return void res.status(405).json(outcome('batch is not supported'));
    stats.batchRequests += 1;
    const bundle = req.body as { entry?: Array<{ request?: { url?: string } }> };
    stats.batchSizes.push(bundle.entry?.length ?? 0);
    const entry = (bundle.entry ?? []).map((e) => {
      const [status, resource] = answer(res.locals.tenant as string, e.request?.url ?? '');
      return { resource, response: { status: `${status} ${status === 200 ? 'OK' : 'Error'}` } };
    });
    res.type('application/fhir+json').json({ resourceType: 'Bundle', type: 'batch-response', entry });
  });

  fhir.get('/{*path}', (req, res) => {
    const [status, body] = answer(res.locals.tenant as string, req.url);
    res.status(status).type('application/fhir+json').json(body);
  });

  app.use('/fhir', fhir);
  const server = await listen(app);
  base = server.url;
  return {
    url: `${base}/fhir`,
    tokenUrl: `${base}/oauth/token`,
    clientId,
    stats,
    resetStats: () => {
      Object.assign(stats, fresh());
    },
    setClientSecrets: (next) => {
      secrets = next;
    },
    revokeTokens: () => tokens.clear(),
    close: () => server.close(),
  };
}
