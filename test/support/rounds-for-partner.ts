// Starts Rounds through startRounds (the production wiring) against a partner (the demo partner, in the tests) and
// the fake Azure AD, with production settings (DEMO=0), plus helpers to call it as a user of a tenant.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startRounds, type RunningRounds } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import type { EhrTuning } from '../../server/fhir/create-ehr.js';
import { createLogger } from '../../server/logger.js';
import { FAKE_CLIENT_ID, type FakeAad } from './fake-aad.js';

export interface RoundsForPartner extends RunningRounds {
  /** Everything logged at warn and above, one JSON line each. */
  logs: string[];
  get(path: string, tenantId: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

export interface RoundsSetup {
  aad: FakeAad;
  partner?: { url: string; clientId: string; secret: string; secretNext?: string };
  /** TENANT_ROUTES_FILE content. */
  routes?: unknown;
  tuning?: EhrTuning;
  /** More environment, e.g. FHIR_CACHE_SECONDS for the read-cache tests. */
  env?: Record<string, string>;
}

export async function startRoundsFor(setup: RoundsSetup): Promise<RoundsForPartner> {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-ehr-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://localhost:3978',
    AAD_CLIENT_ID: FAKE_CLIENT_ID,
    AAD_AUTHORITY: setup.aad.authority,
    // These tests are about the EHR side; Teams membership has its own (test/api/teams-access.test.ts).
    TEAMS_ACCESS_CHECK: 'off',
    DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`,
    LOG_LEVEL: 'warn',
    // These tests count what reaches the partner: every load asks it (in-flight reads are still shared).
    FHIR_CACHE_SECONDS: '0',
    ...setup.env,
  };
  if (setup.partner) {
    env.PARTNER_FHIR_URL = setup.partner.url;
    env.PARTNER_CLIENT_ID = setup.partner.clientId;
    env.PARTNER_CLIENT_SECRET = setup.partner.secret;
    if (setup.partner.secretNext) env.PARTNER_CLIENT_SECRET_NEXT = setup.partner.secretNext;
  }
  if (setup.routes !== undefined) {
    env.TENANT_ROUTES_FILE = join(dir, 'routes.json');
    writeFileSync(env.TENANT_ROUTES_FILE, JSON.stringify(setup.routes));
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const rounds = await startRounds(loadConfig(env), {
    logger: createLogger('warn', sink),
    tabDir: '/nonexistent',
    ehrTuning: setup.tuning,
  });
  return {
    ...rounds,
    logs,
    close: async () => {
      await rounds.close();
      rmSync(dir, { recursive: true, force: true });
    },
    get: async (path, tenantId) => {
      const token = await setup.aad.mint({ claims: { tid: tenantId } });
      const res = await fetch(`${rounds.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

/** The diagnostics of an OperationOutcome body. */
export const diagnosticsOf = (body: Record<string, unknown>): string =>
  (body.issue as Array<{ diagnostics?: string }> | undefined)?.[0]?.diagnostics ?? '';
