import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_R4_ID, startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { runScript, type ScriptResult } from '../support/run-script.js';
import { CHECKER_FAMILY, checkerPatients } from './partner-records.js';

const CLI = join(import.meta.dirname, '..', '..', 'scripts', 'check-partner.ts');
const CLIENT_ID = DEMO_CLIENT_ID;
const CLIENT_SECRET = DEMO_CLIENT_SECRET;
const TENANT = DEMO_TENANT_R4_ID;

let partner: RunningDemoPartner;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 6 });
  partner.addRecords(TENANT, checkerPatients());
});
afterEach(() => partner.setFaults({}));
afterAll(() => partner.close());

function checkPartnerCli(args: string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  return runScript(CLI, args, { env });
}

describe('npm run check-partner', () => {
  test('prints a passing table and exits 0 for a partner that follows the spec, never printing the secret', async () => {
    const result = await checkPartnerCli(['--url', partner.url, '--client-id', CLIENT_ID, '--tenant', TENANT, '--family', CHECKER_FAMILY], {
      PARTNER_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^PASS {4}POST a batch Bundle to \[base\]/m);
    expect(result.out).toMatch(/31 passed, 0 failed, 0 warnings, 0 skipped/);
    expect(result.out + result.err).not.toContain(CLIENT_SECRET);
  });

  test('exits 1 and prints the reason when a check fails; --url and --client-id come from the environment', async () => {
    partner.setFaults({ noBatch: true });
    const result = await checkPartnerCli(['--tenant', TENANT, '--patient-id', 'p1'], {
      PARTNER_FHIR_URL: partner.url,
      PARTNER_CLIENT_ID: CLIENT_ID,
      PARTNER_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^FAIL {4}POST a batch Bundle to \[base\] +answered 405/m);
  });

  test('exits 2 with the usage when something is missing', async () => {
    const result = await checkPartnerCli(['--url', 'http://127.0.0.1:9/fhir', '--client-id', CLIENT_ID]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^missing --tenant, PARTNER_CLIENT_SECRET in the environment/);
    expect(result.err).toMatch(/usage: PARTNER_CLIENT_SECRET=/);
  });

  test('refuses a secret given on the command line', async () => {
    const result = await checkPartnerCli(['--client-secret', 'oops', '--tenant', TENANT], { PARTNER_CLIENT_SECRET: CLIENT_SECRET });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/read from PARTNER_CLIENT_SECRET only/);
  });
});
