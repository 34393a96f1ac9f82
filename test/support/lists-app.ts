// The real app for the lists API tests: an in-memory SQLite store (or the one given), demo sign-in, and a real EhrService
// over HTTP to the demo partner on loopback, whose tenants A and B hold only the invented R4 patients a test gives.
import type { AppDeps } from '../../server/app.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { loadConfig, type PartnerConfig } from '../../server/config.js';
import { createEhr } from '../../server/fhir/create-ehr.js';
import type { EhrService } from '../../server/fhir/ehr-service.js';
import type { ListStore } from '../../server/lists/list-store.js';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { r4PatientBundle } from './r4-patient-bundle.js';
import { partnerCounts, type PartnerCounts } from './partner-counts.js';
import { DemoIdentity } from '../../server/auth/demo-identity.js';
import type { DemoUser } from '../../server/wire/contract.js';
import { startDemoPartner, type DemoFaults, type DemoPartnerOptions, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { startTestApp, TEST_DEMO_USERS, type TestApp } from './app.js';

export const TENANT_A = TEST_DEMO_USERS[0]!.tenantId;
export const TENANT_B = TEST_DEMO_USERS[1]!.tenantId;
export const USER_A = TEST_DEMO_USERS[0]!.userId;
export const USER_B = TEST_DEMO_USERS[1]!.userId;
/** A second clinician of tenant A, for personal lists and concurrent edits. */
export const USER_A2 = 'demo-user-a2';
const LIST_TEST_USERS: DemoUser[] = [
  ...TEST_DEMO_USERS,
  { ...TEST_DEMO_USERS[0]!, userId: USER_A2, name: 'Dr. Cy Test', username: 'cy@tenant-a.example' },
];

/** Invented patients: tenant A has a1…aN (MRN-A1…), tenant B has b1 (MRN-B1). */
export function partnerData(patientsInA = 3): Record<string, FhirResource[]> {
  return {
    [TENANT_A]: Array.from({ length: patientsInA }, (_, i) =>
      r4PatientBundle({ id: `a${i + 1}`, family: `Alder${i + 1}`, given: 'Ann', mrn: `MRN-A${i + 1}` }),
    ).flat(),
    [TENANT_B]: r4PatientBundle({ id: 'b1', family: 'Birch', given: 'Bea', mrn: 'MRN-B1' }),
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed response body, checked by expect()
  body: any;
}

/** The demo partner behind a lists app, counted the way these tests read it (./partner-counts.ts). */
export interface ListsPartner {
  url: string;
  demo: RunningDemoPartner;
  /** A snapshot of the counts since the last resetStats. */
  readonly stats: PartnerCounts;
  resetStats(): void;
  /** The EHR records more (a vital, a lab …) while the app runs: every later search finds them. */
  addResources(tenantId: string, resources: FhirResource[]): void;
  setFaults(faults: DemoFaults): void;
  /** Forgets every token it issued: the next FHIR call with one gets a 401. */
  revokeTokens(): void;
  close(): Promise<void>;
}

/** What the demo partner of a lists app serves and how it misbehaves. */
export interface ListsPartnerSetup {
  /** FHIR resources per tenant, served as written; default partnerData(). */
  tenants?: Record<string, FhirResource[]>;
  faults?: DemoFaults;
  /** Latency added to every request. */
  delayMs?: number;
}

export interface ListsApp extends TestApp {
  store: ListStore;
  partner?: ListsPartner;
  /** Calls the API as a demo user; a string body is sent as is (set content-type), anything else as JSON. */
  call(userId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

export interface ListsAppOptions {
  /** Without a partner the app has no EHR at all. */
  partner?: ListsPartnerSetup | false;
  ehrTuning?: { tokenTimeoutMs?: number; fhirTimeoutMs?: number };
  /** Our partner credentials, when not the partner's secret (secret-1). */
  credentials?: { clientSecret?: string; clientSecretNext?: string };
  /** The store to use (closed with the app); an in-memory SQLite store by default. */
  store?: ListStore;
  /** The logger of the app and of its EHR side; silent by default. */
  logger?: Logger;
  /** Other collaborators of createApp, e.g. a rate limit. */
  deps?: Partial<AppDeps>;
  /** More configuration, e.g. `{ FHIR_CACHE_SECONDS: '30' }` (the read cache is off by default here). */
  env?: Record<string, string>;
}

/** The demo partner serving only the given tenants' resources (R4, as the tests write them), accepting secret-1. */
async function startListsPartner(setup: ListsPartnerSetup): Promise<ListsPartner> {
  const tenants = setup.tenants ?? partnerData();
  const demo = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    patientsPerTenant: 1,
    delayMs: setup.delayMs,
    emptyTenants: Object.keys(tenants).map((tenantId) => ({ tenantId, name: tenantId, fhirVersion: 'R4' as const })),
  });
  const add = (tenantId: string, resources: FhirResource[]): void => demo.addResources(tenantId, resources);
  for (const [tenantId, resources] of Object.entries(tenants)) add(tenantId, resources);
  demo.setClientSecrets(['secret-1']);
  demo.setFaults(setup.faults ?? {});
  return {
    url: demo.url,
    demo,
    get stats() {
      return partnerCounts(demo);
    },
    resetStats: () => demo.resetStats(),
    addResources: add,
    setFaults: (faults) => demo.setFaults(faults),
    revokeTokens: () => demo.revokeTokens(),
    close: () => demo.close(),
  };
}

export async function startListsApp(options: ListsAppOptions = {}): Promise<ListsApp> {
  let partner: ListsPartner | undefined;
  let ehr: EhrService | undefined;
  if (options.partner !== false) {
    partner = await startListsPartner(options.partner ?? {});
    const credentials = { fhirUrl: partner.url, clientId: partner.demo.clientId, clientSecret: 'secret-1', ...options.credentials };
    ehr = ehrFor(credentials, options);
  }
  const deps = options.logger ? { logger: options.logger, ...options.deps } : options.deps;
  const app = await assemble(LIST_TEST_USERS, ehr, () => partner?.close(), { store: options.store, deps });
  return { ...app, partner };
}

export interface ListsDemoApp extends ListsApp {
  demoPartner: RunningDemoPartner;
}

/** The same app over the embedded demo partner (three tenants: DSTU2, STU3, R4) and its clinicians. */
export async function startListsAppOnDemoPartner(
  options: Partial<DemoPartnerOptions> = {},
  app: Pick<ListsAppOptions, 'env' | 'ehrTuning'> = {},
): Promise<ListsDemoApp> {
  const demoPartner = await startDemoPartner({ host: '127.0.0.1', port: 0, ...options });
  const ehr = ehrFor({ fhirUrl: demoPartner.url, clientId: demoPartner.clientId, clientSecret: demoPartner.clientSecret }, app);
  const running = await assemble(demoPartner.users, ehr, () => demoPartner.close());
  return { ...running, demoPartner };
}

function ehrFor(partner: PartnerConfig, options: Pick<ListsAppOptions, 'env' | 'ehrTuning' | 'logger'>): EhrService {
  // Every load asks the partner, so counts and faults show: the read cache has tests of its own.
  const config = loadConfig({ DEMO: '1', NODE_ENV: 'test', FHIR_CACHE_SECONDS: '0', ...options.env });
  config.partner = partner;
  return createEhr(config, new Map(), options.logger ?? createLogger('silent'), options.ehrTuning);
}

async function assemble(
  users: DemoUser[],
  ehr: EhrService | undefined,
  closePartner: () => Promise<void> | undefined,
  options: Pick<ListsAppOptions, 'store' | 'deps'> = {},
): Promise<ListsApp> {
  const store = options.store ?? openSqliteStore(':memory:');
  const demo = new DemoIdentity(users);
  const app = await startTestApp({ ...options.deps, store, ehr, authenticator: demo, demoIdentity: demo });
  const tokens = new Map<string, string>();
  return {
    ...app,
    demo,
    tokenFor: async (userId) => (await demo.signIn(userId)).token,
    store,
    close: async () => {
      await app.close();
      await ehr?.close();
      await closePartner();
      await store.close();
    },
    call: async (userId, method, path, body, headers = {}) => {
      if (!tokens.has(userId)) tokens.set(userId, (await demo.signIn(userId)).token);
      const init: RequestInit = { method, headers: { authorization: `Bearer ${tokens.get(userId)}`, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        if (typeof body !== 'string') (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${app.url}${path}`, init);
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, text, body: parsed };
    },
  };
}

/** The diagnostics of an OperationOutcome body. */
export const diagnostics = (res: ApiResponse): string =>
  (res.body as { issue?: { diagnostics?: string }[] } | undefined)?.issue?.[0]?.diagnostics ?? '';
