// npm run load: a morning round. Rounds in production mode (the compiled server, `node scripts/start.mjs`,
// NODE_ENV=production, SQLite) against the demo partner in its own process with added latency, and N clinicians
// of one hospital, each signed in with their own Azure AD token (a fake Entra ID on loopback), opening the same
// list and now and then writing a note, for D seconds. Teams membership is checked as in production
// (TEAMS_ACCESS_CHECK=graph): a fake Microsoft Graph and on-behalf-of endpoint on loopback answer for the channel.
// Loopback only; bounded in time; ends by itself.
//   LOAD_CLINICIANS (100)  LOAD_SECONDS (30)  LOAD_LATENCY_MS (20)  LOAD_PATIENTS (50)  LOAD_THINK_MS (500)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry, List, RowsResponse } from '../server/wire/contract.js';
import { FAKE_CLIENT_ID, startFakeAad } from '../test/support/fake-aad.js';
import { GRAPH_CLIENT_SECRET, startFakeGraph } from '../test/support/fake-graph.js';
import { freePort } from '../test/support/http.js';
import { startPartnerChild } from './partner-child.js';
import { runBounded } from './run-bounded.js';

const CLINICIANS = Number(process.env.LOAD_CLINICIANS ?? 100);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const LATENCY_MS = Number(process.env.LOAD_LATENCY_MS ?? 20);
const PATIENTS = Number(process.env.LOAD_PATIENTS ?? 50);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 500);
/** One action in this many is a note; the rest are list loads. */
const NOTE_EVERY = 10;
const ROOT = join(import.meta.dirname, '..');

interface Sample {
  kind: 'rows' | 'note';
  ms: number;
  status: number;
  rows?: number;
  completeRows?: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The node process below `pid` (itself included) whose command line names `needle` (not the shell that ran it). */
function findProcess(pid: number, needle: string): number | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (/(^|\/)node$/.test(argv[0] ?? '') && argv.some((arg) => arg.includes(needle))) return pid;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    for (const child of children) {
      const found = findProcess(child, needle);
      if (found !== undefined) return found;
    }
  } catch {
    // the process is gone
  }
  return undefined;
}

interface RunningRounds {
  child: ChildProcess;
  url: string;
  /** The node process that serves (npm start's grandchild). */
  pid: () => number | undefined;
  errors: () => string;
}

/**
 * Rounds started exactly as production starts it, `npm start` (the compiled server, the heap cap of package.json);
 * resolves once /api/health answers. Its logs go to /dev/null, as to a platform's collector that keeps up; errors
 * on stderr are kept for the report. LOAD_NODE_ARGS (e.g. `--cpu-prof`) run `node <args> scripts/start.mjs`
 * instead, for profiling.
 */
async function startRounds(env: Record<string, string>): Promise<RunningRounds> {
  const port = await freePort();
  const nodeArgs = (process.env.LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const [command, args] =
    nodeArgs.length > 0 ? [process.execPath, [...nodeArgs, join(ROOT, 'scripts', 'start.mjs')]] : ['npm', ['start', '--silent']];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`Rounds exited (${child.exitCode}) before listening:\n${errors}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok)
        return { child, url, errors: () => errors, pid: () => findProcess(child.pid ?? 0, 'scripts/start.mjs') };
    } catch {
      // not listening yet (a first start may build)
    }
    await sleep(20);
  }
  throw new Error(`Rounds did not answer within 120 s:\n${errors}`);
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  // The ward's channel: every clinician of the round is a member of it, in a team of their hospital.
  const team = randomUUID();
  const channel = `19:${randomUUID()}@thread.tacv2`;
  const clinicianIds = Array.from({ length: CLINICIANS }, (_, i) => `clinician-${i}`);
  const graph = await startFakeGraph({ clientId: FAKE_CLIENT_ID, rosters: { teams: { [team]: { [channel]: clinicianIds } }, chats: {} } });
  const aad = await startFakeAad({ routes: graph.oboRoutes });
  const partner = await startPartnerChild({ delayMs: LATENCY_MS, patientsPerTenant: Math.max(60, PATIENTS) });
  const tenant = partner.ready.tenants.find((t) => t.fhirVersion === 'R4');
  if (!tenant) throw new Error('no R4 demo tenant');
  const dir = mkdtempSync(join(tmpdir(), 'rounds-load-'));
  const rounds = await startRounds({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    // Production's default level: one request log line per request is part of what is measured.
    LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'info',
    AAD_CLIENT_ID: FAKE_CLIENT_ID,
    AAD_AUTHORITY: aad.authority,
    AAD_CLIENT_SECRET: GRAPH_CLIENT_SECRET,
    GRAPH_URL: graph.url,
    PUBLIC_URL: 'https://rounds.example.org',
    PARTNER_FHIR_URL: partner.ready.url,
    PARTNER_CLIENT_ID: partner.ready.clientId,
    PARTNER_CLIENT_SECRET: partner.ready.clientSecret,
    DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`,
  });

  // Clinicians of one hospital: their own Entra ID tokens, one tenant.
  const tokens = await Promise.all(
    Array.from({ length: CLINICIANS }, (_, i) =>
      aad.mint({ claims: { tid: tenant.tenantId, oid: clinicianIds[i], name: `Dr. Load ${i}`, preferred_username: `load${i}@hospital.example` } }),
    ),
  );
  const call = (i: number, method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${rounds.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[i]}`, 'accept-encoding': 'br, gzip', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // The ward's list, made once by the first clinician.
  const created = await call(0, 'POST', '/api/lists', { name: 'Ward 3 round', context: { kind: 'channel', id: channel, teamId: team } });
  if (created.status !== 201) throw new Error(`could not create the list: ${created.status} ${await created.text()}`);
  const list = (await created.json()) as List;
  for (const patientId of tenant.patientIds.slice(0, PATIENTS)) {
    const added = await call(0, 'POST', `/api/lists/${list.id}/entries`, { patientId });
    if (added.status !== 201) throw new Error(`could not add a patient: ${added.status}`);
  }
  const entries = new Map<string, number>(((await (await call(0, 'GET', `/api/lists/${list.id}`)).json()) as List).entries.map((e) => [e.id, e.version]));
  const entryIds = [...entries.keys()];

  const setupTokens = (await partner.stats()).tokenRequests;
  await partner.reset();
  const samples: Sample[] = [];
  let conflicts = 0;
  const until = Date.now() + SECONDS * 1000;
  const clinician = async (i: number): Promise<void> => {
    // Spread the first loads over one think time, as people arrive over a few moments.
    await sleep(Math.random() * THINK_MS);
    for (let n = 0; Date.now() < until; n += 1) {
      const started = performance.now();
      if (Math.random() < 1 / NOTE_EVERY) {
        const entryId = entryIds[(i + n) % entryIds.length] as string;
        let res = await call(i, 'PUT', `/api/lists/${list.id}/entries/${entryId}/note`, { text: `Seen by ${i} at round ${n}`, version: entries.get(entryId) });
        for (let tries = 0; res.status === 409 && tries < 3; tries += 1) {
          // Someone saved first: take their version and save on top, as the tab does.
          conflicts += 1;
          const current = ((await (await call(i, 'GET', `/api/lists/${list.id}`)).json()) as List).entries.find((e) => e.id === entryId);
          res = await call(i, 'PUT', `/api/lists/${list.id}/entries/${entryId}/note`, { text: `Seen by ${i} at round ${n}`, version: current?.version });
        }
        if (res.ok) entries.set(entryId, ((await res.json()) as Entry).version);
        else await res.arrayBuffer();
        samples.push({ kind: 'note', ms: performance.now() - started, status: res.status });
      } else {
        const res = await call(i, 'GET', `/api/lists/${list.id}/rows`);
        const sample: Sample = { kind: 'rows', ms: performance.now() - started, status: res.status };
        if (res.ok) {
          const body = (await res.json()) as RowsResponse;
          sample.ms = performance.now() - started;
          sample.rows = body.rows.length;
          sample.completeRows = body.rows.filter((r) => r.patient !== undefined && r.issues.length === 0).length;
        } else await res.arrayBuffer();
        samples.push(sample);
      }
      await sleep(THINK_MS);
    }
  };
  // What /metrics would tell a scraper halfway through the round, and what it must never tell: PHI and secrets.
  const shown = ((await (await call(0, 'GET', `/api/lists/${list.id}/rows`)).json()) as RowsResponse).rows;
  const secrets = [
    ...shown.flatMap((r) => [r.patient?.family, ...(r.patient?.given ?? []), r.patient?.mrn]).filter((v): v is string => !!v && v.length > 2),
    tenant.tenantId,
    ...tokens,
  ];
  const scrapes: string[] = [];
  const scraper = (async (): Promise<void> => {
    await sleep((SECONDS * 1000) / 2);
    scrapes.push(await (await fetch(`${rounds.url}/metrics`)).text());
  })();
  const started = performance.now();
  await Promise.all(Array.from({ length: CLINICIANS }, (_, i) => clinician(i)));
  const elapsed = (performance.now() - started) / 1000;
  await scraper;
  scrapes.push(await (await fetch(`${rounds.url}/metrics`)).text());
  const leaks = secrets.filter((secret) => scrapes.some((scrape) => scrape.includes(secret)));
  const series = scrapes.at(-1)?.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length ?? 0;

  const stats = await partner.stats();
  const rss = peakRssMb(rounds.pid());
  // The whole group: npm, its shell and the server.
  const exited = new Promise((resolve) => rounds.child.once('exit', resolve));
  process.kill(-(rounds.child.pid ?? 0), 'SIGTERM');
  await exited;
  if (rounds.errors().trim() !== '') console.error(`Rounds wrote to stderr:\n${rounds.errors()}`);
  await partner.close();
  await aad.close();
  await graph.close();

  const loads = samples.filter((s) => s.kind === 'rows');
  const notes = samples.filter((s) => s.kind === 'note');
  const errors = samples.filter((s) => s.status < 200 || s.status > 299);
  const rows = loads.reduce((sum, s) => sum + (s.rows ?? 0), 0);
  const complete = loads.reduce((sum, s) => sum + (s.completeRows ?? 0), 0);
  const line = (name: string, set: Sample[]): string => {
    const ms = set.map((s) => s.ms).sort((a, b) => a - b);
    return `${name.padEnd(12)}${String(set.length).padStart(8)}${`${(set.length / elapsed).toFixed(1)}/s`.padStart(10)}${percentile(ms, 50).toFixed(0).padStart(8)}${percentile(ms, 95).toFixed(0).padStart(8)}${percentile(ms, 99).toFixed(0).padStart(8)} ms`;
  };
  console.log(
    `\nMorning round: ${CLINICIANS} clinicians, one ${PATIENTS}-patient list, ${SECONDS} s, partner latency ${LATENCY_MS} ms, think time ${THINK_MS} ms`,
  );
  console.log(`Rounds: npm start (node on dist/server/main.js), NODE_ENV=production, SQLite; machine: ${cpus().length} cores, Node ${process.version}\n`);
  console.log(`${'action'.padEnd(12)}${'count'.padStart(8)}${'rate'.padStart(10)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}`);
  console.log(line('list loads', loads));
  console.log(line('notes', notes));
  console.log(line('all', samples));
  console.log(`\nerrors: ${errors.length}${errors.length > 0 ? ` (${[...new Set(errors.map((e) => e.status))].join(', ')})` : ''}; note conflicts re-saved on the newest version: ${conflicts}`);
  console.log(`rows complete: ${complete} of ${rows} (${rows > 0 ? ((100 * complete) / rows).toFixed(2) : '0'} %)`);
  console.log(
    `partner: ${stats.fhirRequests} FHIR requests (${stats.batchRequests} batches) for ${loads.length} list loads = ${(stats.fhirRequests / Math.max(1, loads.length)).toFixed(3)} per load; token requests: ${setupTokens + stats.tokenRequests} (${setupTokens} while the list was made)`,
  );
  console.log(
    `Teams membership (TEAMS_ACCESS_CHECK=graph): ${graph.calls()} Graph calls and ${graph.exchanges()} on-behalf-of exchanges for ${CLINICIANS} clinicians and ${samples.length} requests`,
  );
  console.log(
    `/metrics scraped mid-round and at the end (${series} samples): ${leaks.length} of ${secrets.length} patient names, MRNs, the tenant ID and tokens found in it`,
  );
  console.log(`Rounds peak RSS: ${rss.toFixed(1)} MB`);
}

runBounded(main, (SECONDS + 180) * 1000, 'load run');
