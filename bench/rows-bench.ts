// npm run bench: a 50-patient list's rows against a partner that adds 20 ms to every request, loaded the
// Rounds way (the real app over HTTP: batched reads through EhrService) and the naive way (one GET per
// patient per resource, in sequence), in the same run. Loopback only; ends by itself.
//   BENCH_VERSION=DSTU2|STU3|R4 (default R4)   BENCH_DELAY_MS (default 20)
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoUser, FhirVersion, List, RowsResponse } from '../server/api/contract.js';
import type { DemoPartnerStats } from '../server/demo/demo-partner.js';
import { createApp } from '../server/app.js';
import { DemoIdentity } from '../server/auth/demo-identity.js';
import { loadConfig } from '../server/config.js';
import { createEhr } from '../server/fhir/create-ehr.js';
import { createLogger } from '../server/logger.js';
import { partsForColumns } from '../server/lists/columns.js';
import { SqliteStore } from '../server/lists/sqlite-store.js';
import { listen } from '../test/support/http.js';
import { loadRowsNaively } from './naive-rows.js';

const PATIENTS = 50;
const VERSION = (process.env.BENCH_VERSION ?? 'R4') as FhirVersion;
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 20);
const DEADLINE_MS = 120_000;

interface Ready {
  type: 'ready';
  url: string;
  clientId: string;
  clientSecret: string;
  users: DemoUser[];
  tenants: { tenantId: string; fhirVersion: FhirVersion; patientIds: string[] }[];
}

/** The demo partner in its own process, and a request/answer helper over IPC. */
function startPartner(): Promise<{ child: ChildProcess; ready: Ready; ask<T>(type: string, answer: string): Promise<T> }> {
  const child = fork(join(import.meta.dirname, 'demo-partner-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DELAY_MS: String(DELAY_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(type: string, answer: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: { type: string }): void => {
        if (message.type !== answer) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return new Promise((resolve, reject) => {
    child.once('message', (ready: Ready) => resolve({ child, ready, ask }));
    child.once('exit', (code) => reject(new Error(`the demo partner process exited (${code})`)));
  });
}

/** Samples this process's memory while `work` runs: the Rounds server lives here, the partner does not. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number }> {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 2);
  try {
    const result = await work();
    sample();
    return { result, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const peakRssOfProcess = (): string => /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '?';

async function main(): Promise<void> {
  const partner = await startPartner();
  const { ready } = partner;
  const tenant = ready.tenants.find((t) => t.fhirVersion === VERSION);
  const user = ready.users.find((u) => u.tenantId === tenant?.tenantId);
  if (!tenant || !user) throw new Error(`no ${VERSION} demo tenant`);
  const patientIds = tenant.patientIds.slice(0, PATIENTS);

  const config = loadConfig({ DEMO: '1', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  config.partner = { fhirUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret };
  const logger = createLogger('silent');
  const store = new SqliteStore(':memory:');
  const demo = new DemoIdentity(ready.users);
  const app = createApp({ config, logger, authenticator: demo, demoIdentity: demo, store, ehr: createEhr(config, new Map(), logger), tabDir: '/nonexistent' });
  const rounds = await listen(app);
  const auth = { authorization: `Bearer ${(await demo.signIn(user.userId)).token}` };

  const created = await fetch(`${rounds.url}/api/lists`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', context: { kind: 'channel', id: '19:bench@thread.tacv2' } }),
  });
  const list = (await created.json()) as List;
  const at = new Date().toISOString();
  for (const id of patientIds) {
    await store.addEntry(tenant.tenantId, list.id, { id: randomUUID(), patientId: id, display: id, addedBy: 'bench', addedAt: at }, 500);
  }

  const stats = async (): Promise<DemoPartnerStats> => (await partner.ask<{ stats: DemoPartnerStats }>('stats', 'stats')).stats;
  const measure = async (work: () => Promise<unknown>): Promise<{ ms: number; stats: DemoPartnerStats; rss: number; heap: number; result: unknown }> => {
    await partner.ask('reset', 'reset-done');
    const started = performance.now();
    const { result, rss, heap } = await withPeakMemory(work);
    const ms = performance.now() - started;
    return { ms, stats: await stats(), rss, heap, result };
  };
  const roundsRows = async (): Promise<number> => {
    const res = await fetch(`${rounds.url}/api/lists/${list.id}/rows`, { headers: auth });
    const body = (await res.json()) as RowsResponse;
    return body.rows.filter((r) => r.patient && r.issues.length === 0).length;
  };

  const cold = await measure(roundsRows);
  const warm = await measure(roundsRows);
  const naive = await measure(() =>
    loadRowsNaively(
      { fhirUrl: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret, tenantId: tenant.tenantId, fhirVersion: VERSION },
      patientIds,
      partsForColumns(list.columns),
    ),
  );

  const line = (name: string, r: typeof cold, note: string): string =>
    `${name.padEnd(16)}${`${r.ms.toFixed(0)} ms`.padStart(10)}${String(r.stats.fhirRequests).padStart(15)}${String(r.stats.batchRequests).padStart(9)}${String(r.stats.tokenRequests).padStart(16)}   ${note}`;
  console.log(`\nRows of a ${PATIENTS}-patient list, ${VERSION} demo tenant, columns ${list.columns.join(', ')}`);
  console.log(`Partner latency: ${DELAY_MS} ms added to every request (demo partner in its own process)\n`);
  console.log(`${'way'.padEnd(16)}${'time'.padStart(10)}${'FHIR requests'.padStart(15)}${'batches'.padStart(9)}${'token requests'.padStart(16)}`);
  console.log(line('Rounds (cold)', cold, `${String(cold.result)}/${PATIENTS} rows complete; first call: discovery, token, metadata`));
  console.log(line('Rounds (warm)', warm, `${String(warm.result)}/${PATIENTS} rows complete; token and capabilities cached`));
  console.log(line('Naive', naive, `${String(naive.result)} answers; one GET per patient per resource, in sequence`));
  console.log(`\nNaive / Rounds: ${(naive.ms / cold.ms).toFixed(1)}× slower than a cold Rounds load, ${(naive.ms / warm.ms).toFixed(1)}× than a warm one`);
  console.log(
    `Server peak memory during the Rounds loads: rss ${mb(Math.max(cold.rss, warm.rss))}, heap used ${mb(Math.max(cold.heap, warm.heap))} (process peak rss ${peakRssOfProcess()} kB)`,
  );

  await rounds.close();
  await store.close();
  const exited = new Promise((resolve) => partner.child.once('exit', resolve));
  partner.child.send({ type: 'close' });
  await exited;
}

const deadline = setTimeout(() => {
  console.error(`The benchmark did not finish within ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
