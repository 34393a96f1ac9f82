// The compiled server (dist/server/main.js) as a real process, run by plain node as `npm start` runs it:
// start-up errors, draining on SIGTERM, and a crash that is logged without PHI and exits non-zero.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { FAKE_CLIENT_ID, startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { builtMain, REPO_ROOT, startRoundsProcess } from '../support/rounds-process.js';

function runMain(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [builtMain()], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const sqliteIn = (name: string): string => `sqlite:${join(mkdtempSync(join(tmpdir(), `rounds-${name}-`)), 'rounds.db')}`;

describe('the compiled server', () => {
  test('stops at start-up with one message naming every bad variable, and no secret', () => {
    const result = runMain({
      NODE_ENV: 'production',
      PORT: 'eighty',
      AAD_CLIENT_ID: 'not-a-guid',
      PARTNER_FHIR_URL: 'http://partner.example.org/fhir',
      PARTNER_CLIENT_ID: 'rounds',
      PARTNER_CLIENT_SECRET: 'do-not-print-this-secret',
      DATABASE_URL: 'mysql://nope',
      FHIR_MAX_CONCURRENCY: '0',
    });
    expect(result.status).toBe(1);
    for (const name of ['PORT', 'AAD_CLIENT_ID', 'PARTNER_FHIR_URL', 'DATABASE_URL', 'FHIR_MAX_CONCURRENCY'])
      expect(result.stderr).toContain(name);
    // TEAMS_ACCESS_CHECK=graph is the default: the secret of the on-behalf-of exchange is named too.
    expect(result.stderr).toMatch(/AAD_CLIENT_SECRET: required with TEAMS_ACCESS_CHECK=graph/);
    expect(result.stderr + result.stdout).not.toContain('do-not-print-this-secret');
  });

  test('says which port is in use, and exits 1, when another process holds it', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [builtMain()], {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '', DEMO: '1', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: sqliteIn('port') },
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.once('exit', (status) => resolve({ status, stderr }));
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Rounds could not start: Port ${port} on 127.0.0.1 is in use: stop what listens there, or set PORT`);
      expect(result.stderr).not.toMatch(/TypeError|at .*\.js/);
    } finally {
      holder.close();
    }
  });

  test('refuses demo mode when NODE_ENV=production', () => {
    const result = runMain({ NODE_ENV: 'production', DEMO: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DEMO: demo mode is refused when NODE_ENV=production/);
  });

  test('shuts down cleanly on SIGTERM, exit code 0', async () => {
    const rounds = await startRoundsProcess({ DEMO: '1', DATABASE_URL: sqliteIn('sigterm') });
    expect((await fetch(`${rounds.url}/api/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => rounds.child.once('exit', (code) => resolve(code)));
    await rounds.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(rounds.output()).toContain('shutting down');
  });

  test('an unhandled rejection is logged without the values it quotes, and the process exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-crash-'));
    const preload = join(dir, 'reject-later.mjs');
    // Once the server says it listens, a promise somewhere rejects with an error that quotes a patient.
    writeFileSync(
      preload,
      [
        'const write = process.stdout.write.bind(process.stdout);',
        'process.stdout.write = (chunk, ...rest) => {',
        "  if (String(chunk).includes('Rounds is listening'))",
        `    setTimeout(() => Promise.reject(new Error('could not parse "Quill, Zed 1970-01-31"')), 50);`,
        '  return write(chunk, ...rest);',
        '};',
      ].join('\n'),
    );
    const rounds = await startRoundsProcess({ DEMO: '1', DATABASE_URL: sqliteIn('crash') }, { nodeArgs: ['--import', preload] });
    const code = await new Promise<number | null>((resolve) => rounds.child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(rounds.output()).toContain('unhandled promise rejection');
    expect(rounds.output()).not.toContain('Quill');
  });
});

describe('draining on SIGTERM', () => {
  let aad: FakeAad;
  let partner: RunningDemoPartner;

  beforeAll(async () => {
    aad = await startFakeAad();
    // Every partner answer takes 400 ms: a first patient read (discovery, token, metadata, batch) is surely in
    // flight when the signal comes.
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, delayMs: 400, patientsPerTenant: 5 });
  });
  afterAll(async () => {
    await partner.close();
    await aad.close();
  });

  test('a request in flight when SIGTERM arrives is answered in full before the process exits 0', async () => {
    const tenant = partner.tenants[0]!;
    const rounds = await startRoundsProcess({
      NODE_ENV: 'production',
      AAD_CLIENT_ID: FAKE_CLIENT_ID,
      AAD_AUTHORITY: aad.authority,
      PUBLIC_URL: 'https://rounds.example.org',
      PARTNER_FHIR_URL: partner.url,
      PARTNER_CLIENT_ID: partner.clientId,
      PARTNER_CLIENT_SECRET: partner.clientSecret,
      TEAMS_ACCESS_CHECK: 'off',
      DATABASE_URL: sqliteIn('drain'),
    });
    const token = await aad.mint({ claims: { tid: tenant.tenantId } });
    const inFlight = fetch(`${rounds.url}/api/patients/${tenant.patientIds[0]}`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) => rounds.child.once('exit', (code) => resolve(code)));
    rounds.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { patient?: { id?: string } }).patient?.id).toBe(tenant.patientIds[0]);
    expect(await exited).toBe(0);
  });
});
