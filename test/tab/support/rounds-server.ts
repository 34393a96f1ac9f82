// The real Rounds API for the tab's component tests: createApp over the embedded demo partner, on a loopback
// port, signed in as Dr. Test, a clinician of the partner's R4 hospital (Dr. Lee and Dr. Okafor are colleagues).
// One server and one partner per test file; each test gets a fresh in-memory store (reset), so lists never leak
// from one test to the next.
// In front of the app sit a recorder of what the tab sent and two controls for states the real server
// cannot be asked for: hold an answer (loading states) and fail the next matching request (a 502 on /api/lists).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createApp } from '../../../server/app.js';
import { DemoIdentity } from '../../../server/auth/demo-identity.js';
import { loadConfig } from '../../../server/config.js';
import { createEhr } from '../../../server/fhir/create-ehr.js';
import type { EhrService } from '../../../server/fhir/ehr-service.js';
import { createLogger } from '../../../server/logger.js';
import type { ListStore } from '../../../server/lists/list-store.js';
import { openSqliteStore } from '../../../server/lists/open-sqlite.js';
import type { DemoUser, Entry, List, ListContext, ManualPatient, PatientSummary } from '../../../server/wire/contract.js';
import { DEMO_TENANT_R4_ID, startDemoPartner, type RunningDemoPartner } from '../../../server/demo/demo-partner.js';
import { patientRecords, type PatientFacts } from './ehr-records.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  contentType?: string;
  authorization?: string;
}

/** What a test seeds: a list by name, with the fields the tab shows set through the API. */
export type ListSeed = Partial<Pick<List, 'columns' | 'sort' | 'staleAfterHours'>> & { name: string; context?: ListContext };

export interface TabServer {
  url: string;
  /** The signed-in clinician's demo token. */
  token: string;
  /** The clinician's name, as the server writes it in createdBy, addedBy and note authors. */
  userName: string;
  /** Every request the tab sent since the last reset (seeding is not recorded). */
  requests: RecordedRequest[];
  partner: RunningDemoPartner;
  /** The next matching request answers this error (once), before it reaches the app. */
  failNext(method: string, path: RegExp, status: number, diagnostics: string, extra?: Record<string, unknown>): void;
  /** Matching requests wait until `release()` is called. */
  hold(method: string, path: RegExp): { release: () => void };
  /** Puts a patient (and what their row shows) in the partner's R4 hospital; once per patient id per file. */
  addPatient(patient: PatientSummary, facts?: PatientFacts): void;
  addList(seed: ListSeed): Promise<List>;
  addEntry(listId: string, patient: { patientId: string } | { manual: ManualPatient }): Promise<Entry>;
  setNote(listId: string, entry: Entry, text: string, as?: Colleague): Promise<Entry>;
  /** A call that the recorder skips, as the clinician or as a colleague named in COLLEAGUES (e.g. a rename). */
  seed<T>(method: string, path: string, body?: unknown, as?: Colleague): Promise<T>;
  /** A fresh empty store, no recorded requests, no pending failures or holds: call it before each test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const CHANNEL: ListContext = { kind: 'channel', id: '19:channel' };
/** The signed-in clinician and two colleagues, clinicians of the demo partner's R4 hospital. */
const ME = 'Dr. Test';
export const COLLEAGUES = ['Dr. Lee', 'Dr. Okafor'] as const;
export type Colleague = (typeof COLLEAGUES)[number];
const clinicians = (): DemoUser[] =>
  [ME, ...COLLEAGUES].map((name) => ({
    userId: `tab-${name.slice(4).toLowerCase()}`,
    name,
    username: `${name.slice(4).toLowerCase()}@northfield.example`,
    tenantId: DEMO_TENANT_R4_ID,
    tenantName: 'Northfield University Hospital',
    fhirVersion: 'R4' as const,
  }));
const SEED_HEADER = 'x-rounds-test-seed';

const outcome = (diagnostics: string): object => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'processing', diagnostics }],
});

export async function startTabServer(): Promise<TabServer> {
  // A small hospital: the tests name their own patients; the generated ones only keep searches honest.
  const partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 12 });
  const users = clinicians();
  const demo = new DemoIdentity(users);
  const tokens = new Map<string, string>();
  for (const u of users) tokens.set(u.name, (await demo.signIn(u.userId)).token);
  const token = tokens.get(ME)!;
  const config = loadConfig({ DEMO: '1', NODE_ENV: 'test', FHIR_CACHE_SECONDS: '0' });
  config.partner = { fhirUrl: partner.url, clientId: partner.clientId, clientSecret: partner.clientSecret };
  const logger = createLogger('silent');
  const ehr: EhrService = createEhr(config, new Map(), logger);

  let store = openSqliteStore(':memory:');
  const appOver = (s: ListStore): Express =>
    createApp({ config, logger, authenticator: demo, demoIdentity: demo, tabDir: '/nonexistent', ehr, store: s });
  let app = appOver(store);

  const requests: RecordedRequest[] = [];
  type Failure = { method: string; path: RegExp; status: number; diagnostics: string; extra?: Record<string, unknown> };
  const failures: Failure[] = [];
  const holds: { method: string; path: RegExp; waiting: (() => void)[]; released: boolean }[] = [];

  const front = express();
  // Parsed here for the record; the app's own parsers see a read body and leave req.body as it is.
  front.use(express.json({ type: ['application/json', 'application/fhir+json'] }));
  front.use(express.text({ type: 'text/csv' }));
  front.use(async (req, res, next) => {
    if (req.headers[SEED_HEADER] === '1') return next();
    requests.push({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, string>,
      body: req.body as unknown,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
    });
    const held = holds.find((h) => !h.released && h.method === req.method && h.path.test(req.path));
    if (held) await new Promise<void>((go) => held.waiting.push(go));
    const index = failures.findIndex((f) => f.method === req.method && f.path.test(req.path));
    if (index >= 0) {
      const [failure] = failures.splice(index, 1);
      res.status(failure!.status).json({ ...outcome(failure!.diagnostics), ...failure!.extra });
      return;
    }
    next();
  });
  front.use((req, res, next) => app(req, res, next));
  const server = await new Promise<Server>((resolve) => {
    const s = front.listen(0, '127.0.0.1', () => resolve(s));
  });
  // Node closes a kept-alive socket after 5 s idle; a slow test reusing it just then fails with "other side
  // closed". Keep them open: close() ends them all.
  server.keepAliveTimeout = 0;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const seed = async <T>(method: string, path: string, body?: unknown, as?: Colleague): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(as ?? ME)!}`,
        [SEED_HEADER]: '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const added = new Set<string>();
  const releaseAll = (): void => holds.splice(0).forEach((h) => h.waiting.splice(0).forEach((go) => go()));

  return {
    url,
    token,
    userName: ME,
    requests,
    partner,
    failNext: (method, path, status, diagnostics, extra) => failures.push({ method, path, status, diagnostics, extra }),
    hold: (method, path) => {
      const held = { method, path, waiting: [] as (() => void)[], released: false };
      holds.push(held);
      return {
        release: () => {
          held.released = true;
          held.waiting.splice(0).forEach((go) => go());
        },
      };
    },
    addPatient: (patient, facts) => {
      if (added.has(patient.id)) throw new Error(`patient ${patient.id} is already in the EHR`);
      added.add(patient.id);
      partner.addRecords(DEMO_TENANT_R4_ID, patientRecords(patient, facts));
    },
    addList: async ({ name, context = CHANNEL, ...changes }) => {
      const list = await seed<List>('POST', '/api/lists', { name, context });
      if (Object.keys(changes).length === 0) return list;
      return seed<List>('PATCH', `/api/lists/${list.id}`, { version: list.version, ...changes });
    },
    addEntry: (listId, patient) => seed<Entry>('POST', `/api/lists/${listId}/entries`, patient),
    setNote: (listId, entry, text, as) =>
      seed<Entry>('PUT', `/api/lists/${listId}/entries/${entry.id}/note`, { text, version: entry.version }, as),
    seed,
    reset: async () => {
      releaseAll();
      failures.splice(0);
      requests.splice(0);
      const old = store;
      store = openSqliteStore(':memory:');
      app = appOver(store);
      await old.close();
    },
    close: async () => {
      releaseAll();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await ehr.close();
      await partner.close();
      await store.close();
    },
  };
}
