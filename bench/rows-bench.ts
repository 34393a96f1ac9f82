// npm run bench: what a list's rows cost, measured in one run against the demo partner in its own process.
//  1. A 50-patient list at 20 ms partner latency: Rounds cold, warm, from the read cache, and the naive way
//     (one GET per patient per resource, in sequence).
//  2. Lists of 10, 50, 200 and 500 patients at 0, 20 and 100 ms: Rounds' time beside the one-batch floor (every
//     read of the same load in a single batch Bundle, sent straight to the partner), and the round trips (the
//     longest chain of partner requests each sent after the previous one was answered).
//  3. The compiled server's start: time to the first 200 on /api/health.
// Loopback only; ends by itself. BENCH_VERSION=DSTU2|STU3|R4 (default R4).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FhirVersion, List, RowsResponse } from '../server/wire/contract.js';
import { createApp } from '../server/app.js';
import { DemoIdentity } from '../server/auth/demo-identity.js';
import { loadConfig } from '../server/config.js';
import { createEhr } from '../server/fhir/create-ehr.js';
import { createLogger } from '../server/logger.js';
import { partsForColumns } from '../server/lists/columns.js';
import { openSqliteStore } from '../server/lists/open-sqlite.js';
import { listen } from '../test/support/http.js';
import { loadRowsNaively, partnerToken } from './naive-rows.js';
import { startPartnerChild, type PartnerChild } from './partner-child.js';
import { roundTrips } from './round-trips.js';
import { runBounded } from './run-bounded.js';

const VERSION = (process.env.BENCH_VERSION ?? 'R4') as FhirVersion;
const SIZES = [10, 50, 200, 500];
const LATENCIES = [0, 20, 100];
const RUNS = 3;
const DEADLINE_MS = 600_000;
const ROOT = join(import.meta.dirname, '..');

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const peakRssKb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

/** Patients whose latest encounter names its location with a display (or who have none): no follow-up read. */
async function displayedPatients(partner: PartnerChild, token: string, ids: readonly string[]): Promise<string[]> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: ids.map((id) => ({ request: { method: 'GET', url: `Encounter?patient=Patient/${id}&_sort=-date&_count=1` } })),
  };
  const answer = (await (await postBatch(partner, token, bundle)).json()) as {
    entry: { resource?: { entry?: { resource?: { location?: { location?: { display?: string } }[] } }[] } }[];
  };
  return ids.filter((_, i) => {
    const encounter = answer.entry[i]?.resource?.entry?.[0]?.resource;
    return !encounter?.location?.[0] || Boolean(encounter.location[0].location?.display);
  });
}

function postBatch(partner: PartnerChild, token: string, bundle: object): Promise<Response> {
  return fetch(`${partner.ready.url}/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
}

/** Time to the first 200 on /api/health of `npm start` on the built tree (demo mode, nothing configured). */
async function startTime(): Promise<number | undefined> {
  if (!existsSync(join(ROOT, 'dist', 'server', 'main.js'))) return undefined;
  // A first start builds when dist/ is older than the sources; the second is the one measured.
  await timeToHealth();
  return timeToHealth();
}

async function timeToHealth(): Promise<number | undefined> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-start-'));
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}` },
    stdio: 'ignore',
    // Its own process group: npm, its shell and the server are stopped together.
    detached: true,
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const partner = await startPartnerChild({ delayMs: 20, patientsPerTenant: 600 });
  const { ready } = partner;
  const tenant = ready.tenants.find((t) => t.fhirVersion === VERSION);
  const user = ready.users.find((u) => u.tenantId === tenant?.tenantId);
  if (!tenant || !user) throw new Error(`no ${VERSION} demo tenant`);

  const config = loadConfig({ DEMO: '1', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  config.partner = { fhirUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret };
  const logger = createLogger('silent');
  const store = openSqliteStore(':memory:');
  const demo = new DemoIdentity(ready.users);
  const ehr = createEhr(config, new Map(), logger);
  const app = createApp({ config, logger, authenticator: demo, demoIdentity: demo, store, ehr, tabDir: '/nonexistent' });
  const rounds = await listen(app);
  const auth = { authorization: `Bearer ${(await demo.signIn(user.userId)).token}` };
  const token = await partnerToken({ ...ready, fhirUrl: ready.url, tenantId: tenant.tenantId });

  const newList = async (ids: readonly string[]): Promise<List> => {
    const created = await fetch(`${rounds.url}/api/lists`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench ${ids.length}`, context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` } }),
    });
    const list = (await created.json()) as List;
    const at = new Date().toISOString();
    for (const id of ids)
      await store.addEntry(tenant.tenantId, list.id, { id: randomUUID(), patientId: id, display: id, addedBy: 'bench', addedAt: at }, 500);
    return list;
  };
  const loadRows = async (list: List, query = ''): Promise<{ ms: number; complete: number }> => {
    const started = performance.now();
    const res = await fetch(`${rounds.url}/api/lists/${list.id}/rows${query}`, { headers: auth });
    const body = (await res.json()) as RowsResponse;
    return { ms: performance.now() - started, complete: body.rows.filter((r) => r.patient && r.issues.length === 0).length };
  };

  // 1. One 50-patient list, the Rounds way and the naive way.
  const list50 = await newList(tenant.patientIds.slice(0, 50));
  const measure = async (work: () => Promise<{ ms: number; complete: number } | number>) => {
    await partner.reset();
    const started = performance.now();
    const result = await work();
    const ms = typeof result === 'number' ? performance.now() - started : result.ms;
    return { ms, result, stats: await partner.stats() };
  };
  const cold = await measure(() => loadRows(list50));
  const warm = await measure(() => loadRows(list50, '?fresh=1'));
  const cached = await measure(() => loadRows(list50));
  const naive = await measure(() =>
    loadRowsNaively(
      { fhirUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret, tenantId: tenant.tenantId, fhirVersion: VERSION },
      tenant.patientIds.slice(0, 50),
      partsForColumns(list50.columns),
    ),
  );
  const line = (name: string, r: typeof cold, note: string): string =>
    `${name.padEnd(16)}${`${r.ms.toFixed(0)} ms`.padStart(10)}${String(r.stats.fhirRequests).padStart(15)}${String(r.stats.batchRequests).padStart(9)}${String(r.stats.tokenRequests).padStart(16)}   ${note}`;
  const rowsOf = (r: typeof cold): string => (typeof r.result === 'number' ? String(r.result) : String(r.result.complete));
  console.log(`\n1. Rows of a 50-patient list, ${VERSION} demo tenant, columns ${list50.columns.join(', ')}; partner latency 20 ms\n`);
  console.log(`${'way'.padEnd(16)}${'time'.padStart(10)}${'FHIR requests'.padStart(15)}${'batches'.padStart(9)}${'token requests'.padStart(16)}`);
  console.log(line('Rounds (cold)', cold, `${rowsOf(cold)}/50 rows complete; first call: discovery, token, metadata`));
  console.log(line('Rounds (warm)', warm, `${rowsOf(warm)}/50 rows complete; ?fresh=1: token and capabilities cached, every read sent`));
  console.log(line('Rounds (cached)', cached, `${rowsOf(cached)}/50 rows complete; answers shared for FHIR_CACHE_SECONDS`));
  console.log(line('Naive', naive, `${rowsOf(naive)} answers; one GET per patient per resource, in sequence`));
  console.log(`\nNaive / Rounds: ${(naive.ms / cold.ms).toFixed(1)}× a cold Rounds load, ${(naive.ms / warm.ms).toFixed(1)}× a warm one`);

  // 2. Sizes × latencies, against the one-batch floor.
  const displayed = await displayedPatients(partner, token, tenant.patientIds);
  const undisplayed = tenant.patientIds.filter((id) => !displayed.includes(id));
  console.log(
    `\n2. Round trips and time by list size (${displayed.length} of ${tenant.patientIds.length} demo patients have a displayed location)\n`,
  );
  console.log(
    `${'patients'.padStart(8)}${'latency'.padStart(9)}${'Rounds'.padStart(10)}${'floor'.padStart(10)}${'ratio'.padStart(8)}${'requests'.padStart(10)}${'round trips'.padStart(13)}${'   with undisplayed locations'}`,
  );
  const lists = new Map<number, { clean: List; mixed: List }>();
  for (const size of SIZES) {
    const mixedIds = [...undisplayed.slice(0, Math.max(1, Math.round(size * 0.06))), ...displayed].slice(0, size);
    lists.set(size, { clean: await newList(displayed.slice(0, size)), mixed: await newList(mixedIds) });
  }
  for (const latency of LATENCIES) {
    await partner.setLatency(latency);
    for (const size of SIZES) {
      const { clean, mixed } = lists.get(size) as { clean: List; mixed: List };
      const times: number[] = [];
      let complete = 0;
      for (let run = 0; run < RUNS; run += 1) {
        await partner.reset();
        const load = await loadRows(clean, '?fresh=1');
        times.push(load.ms);
        complete = load.complete;
      }
      const log = await partner.log();
      const stats = await partner.stats();
      // With no added latency the partner answers one request before it even reads the next of the same wave,
      // so its log cannot tell a wave from a chain: round trips are shown at 20 and 100 ms only.
      const trips = latency > 0 ? String(roundTrips(log)) : '–';
      // The floor: every read of that load in one batch Bundle, straight to the partner.
      const urls = log.flatMap((entry) => entry.entries ?? []);
      const floors: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        const res = await postBatch(partner, token, { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) });
        await res.arrayBuffer();
        floors.push(performance.now() - started);
      }
      await partner.reset();
      await loadRows(mixed, '?fresh=1');
      const mixedTrips = latency > 0 ? String(roundTrips(await partner.log())) : '–';
      const ms = median(times);
      const floor = median(floors);
      console.log(
        `${String(size).padStart(8)}${`${latency} ms`.padStart(9)}${`${ms.toFixed(0)} ms`.padStart(10)}${`${floor.toFixed(0)} ms`.padStart(10)}${`${(ms / floor).toFixed(2)}×`.padStart(8)}${String(stats.fhirRequests).padStart(10)}${trips.padStart(13)}${mixedTrips.padStart(30)}${complete === size ? '' : `   (${complete}/${size} rows complete)`}`,
      );
    }
  }
  console.log(
    `\nRead cache: ${mb(ehr.cacheBytes())} of FHIR JSON held (bound ${mb(config.fhir.cacheBytes)}). This process (the app in-process, no heap cap, and the client parsing every answer) peaked at ${mb(peakRssKb() * 1024)} RSS; the server's own figure under load is npm run load's.`,
  );

  await rounds.close();
  await ehr.close();
  await store.close();
  await partner.close();

  // 3. Start-up of the compiled server.
  const start = await startTime();
  console.log(
    start === undefined
      ? '\n3. Start: dist/server/main.js is missing (npm run build)'
      : `\n3. npm start on the built tree (demo mode): first 200 on /api/health after ${start.toFixed(0)} ms`,
  );
}

runBounded(main, DEADLINE_MS, 'benchmark');
