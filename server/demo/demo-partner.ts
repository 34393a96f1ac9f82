// The embedded demo partner: an interop partner as partner-interface.md describes it, on its own loopback
// port with its own Express app. Client credentials → a token bound to a tenant → that tenant's demo FHIR
// server (DSTU2, STU3 or R4) with seeded synthetic patients. Tests and benchmarks use it as their fake partner.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { DemoUser, FhirVersion } from '../wire/contract.js';
import { apiNotFound, errorHandler } from '../http/error-handler.js';
import { createLogger, type Logger } from '../logger.js';
import { tenantCapability } from './capability.js';
import type { DemoEdgeCases, DemoTenantData, VitalKind } from './data/model.js';
import { generateDemoData, tenantDataOf } from './data/generator.js';
import { latestAnchorDate } from './data/time.js';
import type { DemoFhirServer } from './fhir-handler.js';
import { addRawResources, addRecords as addRecordsIn, buildResourceStore, recordVital as recordVitalIn, type DemoRecords } from './fhir-store.js';
import { faultInjector, type DemoFaults } from './faults.js';
import { FHIR_BASE_PATH, fhirRouter } from './fhir-server.js';
import { rendererFor } from './render/renderers.js';
import type { FhirJson } from './render/renderer.js';
import { createStats, resetStats, type DemoPartnerStats } from './stats.js';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_DEFINITIONS, demoUsersOf, type DemoTenantDefinition } from './tenants.js';
import { AUTHORIZE_PATH, TOKEN_PATH, tokenRouter, type ClientCredentials } from './token-endpoint.js';
import { TokenStore, type TokenCheck } from './token-store.js';
import { startSmartHospital, type RunningSmartHospital } from './smart-hospital.js';

export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT_DSTU2_ID,
  DEMO_TENANT_R4_ID,
  DEMO_TENANT_STU3_ID,
  DEMO_SMART_CLIENT_ID,
  DEMO_SMART_TENANT_ID,
} from './tenants.js';
export type { DemoPartnerStats, RequestLogEntry, TenantStats } from './stats.js';
export type { DemoEdgeCases } from './data/model.js';
export type { DemoFaults } from './faults.js';
export type { DemoRecords } from './fhir-store.js';
export type { RunningSmartHospital } from './smart-hospital.js';

export interface DemoPartnerOptions {
  host: string;
  /** The client id the token endpoint accepts (default DEMO_CLIENT_ID), e.g. a hospital's own in a routing test. */
  clientId?: string;
  /** 0 picks a free port. */
  port: number;
  /** Lifetime of issued tokens (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Latency added to every request, token and metadata included (default 0). */
  delayMs?: number;
  /** false: a batch POST answers 405 and the capability statements do not declare `batch` (default true). */
  isBatchSupported?: boolean;
  /** Default 60. */
  patientsPerTenant?: number;
  /** Same seed (and anchor date) → same data. Default 'rounds-demo'. */
  seed?: number | string;
  /**
   * YYYY-MM-DD the stays are relative to: its 08:00 UTC is "now" in the data. Default: the latest day whose
   * 08:00 UTC has passed, so the demo shows patients in hospital today and nothing in the future.
   */
  anchorDate?: string;
  /** Where the partner reports its own unexpected errors (default: silent). */
  logger?: Logger;
  /**
   * Tenants also served by a hospital server of their own, on its own port: behind SMART Backend Services, or
   * behind another authority's tokens (`acceptToken`). The partner keeps serving them too.
   */
  hospitals?: { tenantId: string; acceptToken?: (token: string) => TokenCheck }[];
  /**
   * More tenants, served with no generated data: a test fills them with addRecords, so a search finds only what
   * it added (e.g. the Azure AD tenants of the API tests). No clinicians: they sign in elsewhere.
   */
  emptyTenants?: { tenantId: string; name: string; fhirVersion: FhirVersion }[];
}

/** A tenant of emptyTenants as a definition with nothing generated. */
function emptyTenantData(tenant: { tenantId: string; name: string; fhirVersion: FhirVersion }, index: number): DemoTenantData {
  const key = `empty${index + 1}`;
  const definition: DemoTenantDefinition = {
    ...tenant,
    key,
    domain: `${key}.example`,
    mrnPrefix: `E${index + 1}`,
    idStyle: 'numeric',
    wards: [],
    clinicians: [],
  };
  return tenantDataOf(definition);
}

export interface DemoTenant {
  tenantId: string;
  name: string;
  fhirVersion: FhirVersion;
  /** Every patient id of the tenant, in generation order. */
  patientIds: string[];
  /** Up to 10 inpatients with everything: displayed location, vitals, allergies, medications, coverage. */
  samplePatientIds: string[];
  /** The patients made on purpose for edge cases (no encounter, deceased, accented name …). */
  edgeCases: DemoEdgeCases;
}

export interface RunningDemoPartner {
  /** The partner's single FHIR endpoint, e.g. http://127.0.0.1:41234/fhir */
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  users: DemoUser[];
  tenants: DemoTenant[];
  /** Live counters (updated in place). */
  stats: DemoPartnerStats;
  resetStats(): void;
  /** Replaces the accepted client secrets, e.g. [old, new] during a rotation, then [new]. */
  setClientSecrets(secrets: string[]): void;
  /** Changes the latency added to every request (the benchmark's 0, 20 and 100 ms). */
  setLatency(ms: number): void;
  /** Turns fault switches on or off (./faults.ts); `{}` turns every one off. */
  setFaults(faults: DemoFaults): void;
  /** Forgets every issued token: the next FHIR call with one gets a 401. */
  revokeTokens(): void;
  /**
   * The EHR records a vital now (or at `effective`), as a nurse would while a list is open: every later search
   * finds it. Returns the Observation's id.
   */
  recordVital(tenantId: string, vital: { patientId: string; kind: VitalKind; value: number; effective?: string }): string;
  /**
   * Adds model records (patients, stays, vitals …) to a tenant's server, rendered in its FHIR version, so a test
   * can name the patients it asserts on. Reached only through this object: nothing over HTTP adds data.
   */
  addRecords(tenantId: string, records: DemoRecords): void;
  /** Adds FHIR resources as written (odd ids, bare references), served as they are: a test names its own data. */
  addResources(tenantId: string, resources: readonly FhirJson[]): void;
  /** Every access token issued so far (at most the latest 1000), so a test can look for them in logs. */
  issuedTokens(): string[];
  /** The hospitals of `options.hospitals`, in that order. */
  hospitals: RunningSmartHospital[];
  close(): Promise<void>;
}

function describeTenant(data: DemoTenantData): DemoTenant {
  const has = (ids: { patientId: string }[]): Set<string> => new Set(ids.map((r) => r.patientId));
  const withVitals = has(data.vitals);
  const withAllergy = has(data.allergies.filter((a) => !a.isNoKnownAllergy));
  const withMedication = has(data.medications);
  const withCoverage = has(data.coverages);
  const admitted = new Set(
    data.encounters.filter((e) => e.status === 'in-progress' && e.isLocationDisplayed).map((e) => e.patientId),
  );
  const edgeIds = new Set(Object.values(data.edgeCases));
  const complete = data.patients.filter(
    (p) =>
      admitted.has(p.id) &&
      withVitals.has(p.id) &&
      withAllergy.has(p.id) &&
      withMedication.has(p.id) &&
      withCoverage.has(p.id) &&
      !edgeIds.has(p.id),
  );
  return {
    tenantId: data.tenant.tenantId,
    name: data.tenant.name,
    fhirVersion: data.tenant.fhirVersion,
    patientIds: data.patients.map((p) => p.id),
    samplePatientIds: complete.slice(0, 10).map((p) => p.id),
    edgeCases: { ...data.edgeCases },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startDemoPartner(options: DemoPartnerOptions): Promise<RunningDemoPartner> {
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const delayMs = options.delayMs ?? 0;
  const isBatchSupported = options.isBatchSupported ?? true;
  if (!(tokenLifetimeSeconds > 0)) throw new Error('tokenLifetimeSeconds must be positive');
  if (!(delayMs >= 0)) throw new Error('delayMs must be zero or more');

  const datasets = generateDemoData({
    seed: options.seed ?? 'rounds-demo',
    patientsPerTenant: options.patientsPerTenant ?? 60,
    anchorDate: options.anchorDate ?? latestAnchorDate(),
    tenants: DEMO_TENANT_DEFINITIONS,
  }).concat((options.emptyTenants ?? []).map(emptyTenantData));
  const servers = new Map<string, DemoFhirServer>();
  for (const data of datasets) {
    const renderer = rendererFor(data.tenant.fhirVersion);
    servers.set(data.tenant.tenantId, {
      tenant: data.tenant,
      renderer,
      store: buildResourceStore(data, renderer),
      capability: (base) => {
        const origin = base.slice(0, base.length - FHIR_BASE_PATH.length);
        const urls = { token: `${origin}${TOKEN_PATH}`, authorize: `${origin}${AUTHORIZE_PATH}` };
        return tenantCapability(renderer, urls, data.tenant.name, isBatchSupported);
      },
    });
  }

  const tenantIds = datasets.map((d) => d.tenant.tenantId);
  const stats = createStats(tenantIds);
  const tokens = new TokenStore(tokenLifetimeSeconds);
  const credentials: ClientCredentials = { clientId: options.clientId ?? DEMO_CLIENT_ID, secrets: [DEMO_CLIENT_SECRET] };

  const app = express();
  app.disable('x-powered-by');
  // Arrival is noted before the added latency, so the benchmark can tell requests sent together from a chain.
  app.use((_req, res, next) => {
    res.locals.arrivedAt = performance.now();
    next();
  });
  let latencyMs = delayMs;
  app.use((_req, _res, next) => {
    if (latencyMs > 0) setTimeout(next, latencyMs);
    else next();
  });
  const faults: DemoFaults = {};
  app.use(tokenRouter({ credentials, tokens, tenantIds, stats, faults }));
  app.use(FHIR_BASE_PATH, faultInjector(faults, stats), fhirRouter({ servers, tokens, stats, isBatchSupported, faults }));
  // The same error shape as Rounds itself: an OperationOutcome with the status and headers of the ApiError.
  app.use(apiNotFound());
  app.use(errorHandler(options.logger ?? createLogger('silent')));

  let recorded = 0;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.on('error', reject);
  });
  const hospitals = await Promise.all(
    (options.hospitals ?? []).map(({ tenantId, acceptToken }) => {
      const hospital = servers.get(tenantId);
      if (!hospital) throw new Error(`no demo tenant ${tenantId}`);
      return startSmartHospital({ host: urlHost(options.host).replace(/^\[|\]$/g, ''), server: hospital, stats, tokenLifetimeSeconds, acceptToken });
    }),
  );
  const { port } = server.address() as AddressInfo;
  const origin = `http://${urlHost(options.host)}:${port}`;

  return {
    url: `${origin}${FHIR_BASE_PATH}`,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    clientId: credentials.clientId,
    clientSecret: DEMO_CLIENT_SECRET,
    users: demoUsersOf(DEMO_TENANT_DEFINITIONS),
    tenants: datasets.map(describeTenant),
    stats,
    resetStats: () => resetStats(stats),
    setClientSecrets: (secrets) => {
      if (secrets.length === 0 || secrets.some((s) => s.length === 0))
        throw new Error('setClientSecrets needs non-empty secrets');
      credentials.secrets = [...secrets];
    },
    setLatency: (ms) => {
      if (!(ms >= 0)) throw new Error('latency must be zero or more');
      latencyMs = ms;
    },
    setFaults: (next) => {
      for (const key of Object.keys(faults) as (keyof DemoFaults)[]) delete faults[key];
      Object.assign(faults, structuredClone(next));
    },
    recordVital: (tenantId, vital) => {
      const data = datasets.find((d) => d.tenant.tenantId === tenantId);
      const server = servers.get(tenantId);
      if (!data || !server) throw new Error(`no demo tenant ${tenantId}`);
      const encounterId = data.encounters.find((e) => e.patientId === vital.patientId)?.id ?? '';
      const id = `recorded-${++recorded}`;
      const effective = vital.effective ?? new Date().toISOString();
      recordVitalIn(server.store, data, server.renderer, { id, encounterId, ...vital, effective });
      return id;
    },
    addRecords: (tenantId, records) => {
      const data = datasets.find((d) => d.tenant.tenantId === tenantId);
      const server = servers.get(tenantId);
      if (!data || !server) throw new Error(`no demo tenant ${tenantId}`);
      addRecordsIn(server.store, data, server.renderer, records);
    },
    addResources: (tenantId, resources) => {
      const server = servers.get(tenantId);
      if (!server) throw new Error(`no demo tenant ${tenantId}`);
      addRawResources(server.store, resources);
    },
    issuedTokens: () => [...tokens.issued],
    revokeTokens: () => {
      tokens.revokeAll();
      for (const hospital of hospitals) hospital.revokeTokens();
    },
    hospitals,
    close: async () => {
      await Promise.all(hospitals.map((hospital) => hospital.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
