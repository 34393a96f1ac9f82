// The real Rounds server in demo mode, started in-process the production way (startRounds), serving
// the built tab plus the fake Teams host page and axe-core from a temporary tab folder.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { startRounds, type RunningRounds } from '../../../server/bootstrap.js';
import { loadConfig } from '../../../server/config.js';
import type { RunningDemoPartner } from '../../../server/demo/demo-partner.js';
import { createLogger } from '../../../server/logger.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** The built tab; ROUNDS_TEST_TAB_DIR points elsewhere (a second build, e.g. `vite build --outDir …`) when one run must not share dist/. */
export const BUILT_TAB = process.env.ROUNDS_TEST_TAB_DIR ?? join(ROOT, 'dist', 'tab');

export interface TestRounds extends RunningRounds {
  dir: string;
  stop(): Promise<void>;
}

/** `env` adds to (or overrides) the environment; `demoPartner`, started by the test, plays the EHR (the test closes it). */
export async function startTestRounds(options: { env?: Record<string, string>; demoPartner?: RunningDemoPartner } = {}): Promise<TestRounds> {
  if (!existsSync(join(BUILT_TAB, 'index.html'))) {
    throw new Error(`${BUILT_TAB}/index.html is missing: run \`npm run build\` before the browser tests (npm test does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rounds-browser-'));
  const tabDir = join(dir, 'tab');
  cpSync(BUILT_TAB, tabDir, { recursive: true });
  const hostDir = join(import.meta.dirname, '..', 'host');
  for (const file of ['host.html', 'host.css']) cpSync(join(hostDir, file), join(tabDir, file));
  const hostSource = readFileSync(join(hostDir, 'host.ts'), 'utf8');
  const hostJs = ts.transpileModule(hostSource, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  writeFileSync(join(tabDir, 'host.js'), hostJs.outputText);
  // Served from our own origin, so the tab's CSP (script-src 'self') lets the test inject it.
  cpSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), join(tabDir, 'axe.min.js'));
  const rounds = await startRounds(
    loadConfig({ DEMO: '1', PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`, LOG_LEVEL: 'silent', ...options.env }),
    { logger: createLogger('silent'), tabDir, demoPartner: options.demoPartner },
  );
  return {
    ...rounds,
    dir,
    stop: async () => {
      await rounds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DemoUserInfo {
  userId: string;
  name: string;
  tenantId: string;
  tenantName: string;
  fhirVersion: 'DSTU2' | 'STU3' | 'R4';
}

/** One demo clinician per FHIR version, and a name that finds patients in their hospital. */
export async function demoUsers(url: string): Promise<DemoUserInfo[]> {
  const { users } = (await (await fetch(`${url}/api/demo/users`)).json()) as { users: DemoUserInfo[] };
  return users;
}

export async function tokenFor(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/api/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A patient of that user's hospital, found through the API, to search for by family name in the UI. */
export async function somePatient(
  url: string,
  userId: string,
  skip = 0,
): Promise<{ id: string; name: string; family: string }> {
  const token = await tokenFor(url, userId);
  const res = await fetch(`${url}/api/patients?name=a&count=20`, { headers: { authorization: `Bearer ${token}` } });
  const { patients } = (await res.json()) as { patients: { id: string; name: string; family?: string }[] };
  const usable = patients.filter((p) => p.family && p.name.length < 40);
  const patient = usable[skip];
  if (!patient?.family) throw new Error(`no demo patient found for ${userId}`);
  return { id: patient.id, name: patient.name, family: patient.family };
}
