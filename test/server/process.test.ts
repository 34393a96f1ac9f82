// server/main.ts as a real process: start-up errors and graceful shutdown.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, startRoundsProcess } from '../support/rounds-process.js';

function runMain(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('server/main.ts', () => {
  test('stops at start-up with one message naming every bad variable, and no secret', () => {
    const result = runMain({
      NODE_ENV: 'production',
      PORT: 'eighty',
      AAD_CLIENT_ID: 'not-a-guid',
      PARTNER_FHIR_URL: 'http://partner.example.org/fhir',
      PARTNER_CLIENT_ID: 'rounds',
      PARTNER_CLIENT_SECRET: 'do-not-print-this-secret',
      DATABASE_URL: 'mysql://nope',
    });
    expect(result.status).toBe(1);
    for (const name of ['PORT', 'AAD_CLIENT_ID', 'PARTNER_FHIR_URL', 'DATABASE_URL']) expect(result.stderr).toContain(name);
    expect(result.stderr + result.stdout).not.toContain('do-not-print-this-secret');
  });

  test('refuses demo mode when NODE_ENV=production', () => {
    const result = runMain({ NODE_ENV: 'production', DEMO: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DEMO: demo mode is refused when NODE_ENV=production/);
  });

  test('shuts down cleanly on SIGTERM, exit code 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-sigterm-'));
    const rounds = await startRoundsProcess({ DEMO: '1', DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}` });
    const health = await fetch(`${rounds.url}/api/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => rounds.child.once('exit', (code) => resolve(code)));
    await rounds.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(rounds.output()).toContain('shutting down');
  });
});
