// The checker against the demo partner with one fault switched on at a time: the right check fails, with its
// reason, and nothing else fails. The test patients are the checker's own (./partner-records.ts) in the R4 hospital.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_TENANT_R4_ID, startDemoPartner, type DemoFaults, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { runConformanceChecks, type CheckResult } from '../../scripts/check-partner/run.js';
import { CHECKER_FAMILY, checkerPatients } from './partner-records.js';

const TENANT = DEMO_TENANT_R4_ID;
let partner: RunningDemoPartner;
let CLIENT_SECRET: string;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 6 });
  partner.addRecords(TENANT, checkerPatients());
  CLIENT_SECRET = partner.clientSecret;
});
afterEach(() => partner.setFaults({}));
afterAll(() => partner.close());

async function check(faults: DemoFaults, extra: { family?: string; patientId?: string } = { family: CHECKER_FAMILY }): Promise<CheckResult[]> {
  partner.setFaults(faults);
  return runConformanceChecks({ url: partner.url, clientId: partner.clientId, clientSecret: CLIENT_SECRET, tenant: TENANT, ...extra });
}

const withStatus = (results: CheckResult[], status: CheckResult['status']): string[] =>
  results.filter((r) => r.status === status).map((r) => r.id);
const reasonOf = (results: CheckResult[], id: string): string => results.find((r) => r.id === id)?.reason ?? '';

describe('a partner that follows the spec', () => {
  test('passes every check', async () => {
    const results = await check({});
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining(['metadata.open', 'token.grant', 'search.identifier', 'scoped.coverage', 'batch.base-slash']),
    );
  });

  test('passes with the token URL only in smart-configuration', async () => {
    const results = await check({ discovery: 'smart-configuration' });
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(reasonOf(results, 'metadata.token-url')).toBe('from /.well-known/smart-configuration');
  });

  test('passes with the oauth-uris extension under its hl7.org URL', async () => {
    const results = await check({ discovery: 'hl7-oauth-uris' });
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(reasonOf(results, 'metadata.token-url')).toBe('from the oauth-uris extension');
  });

  test('finds a test patient by --patient-id, and with neither option by a plain _count search', async () => {
    const byId = await check({}, { patientId: 'p2' });
    expect(reasonOf(byId, 'patient.find')).toBe('given with --patient-id');
    expect(withStatus(byId, 'fail')).toEqual([]);
    const plain = await check({}, {});
    // The first patient the hospital answers: its own first, before the checker's three.
    const first = partner.tenants.find((t) => t.tenantId === TENANT)!.patientIds[0];
    expect(reasonOf(plain, 'patient.find')).toBe(`patient id ${first}`);
    expect(withStatus(plain, 'fail')).toEqual([]);
  });
});

describe('each fault fails the right check with its reason', () => {
  test('closed metadata', async () => {
    const results = await check({ closedMetadata: true });
    expect(withStatus(results, 'fail')).toEqual(['metadata.open']);
    expect(reasonOf(results, 'metadata.open')).toBe('answered 401: the metadata must be open, Rounds reads the token URL from it');
  });

  test('no token URL anywhere', async () => {
    const results = await check({ discovery: 'none' });
    expect(withStatus(results, 'fail')).toEqual(['metadata.token-url']);
    expect(reasonOf(results, 'metadata.token-url')).toMatch(/^no token URL: the metadata has no oauth-uris extension .*\/\.well-known\/smart-configuration answered 404/);
    expect(reasonOf(results, 'token.grant')).toBe('no token URL');
    expect(withStatus(results, 'skip')).toContain('batch.base');
  });

  test('a token answer without expires_in', async () => {
    const results = await check({ tokenAnswerOmits: ['expires_in'] });
    expect(withStatus(results, 'fail')).toEqual(['token.grant']);
    expect(reasonOf(results, 'token.grant')).toMatch(/^the token answer lacks expires_in \(seconds\)/);
  });

  test('a wrong secret that gets a token', async () => {
    const results = await check({ acceptsAnySecret: true });
    expect(withStatus(results, 'fail')).toEqual(['token.wrong-secret']);
    expect(reasonOf(results, 'token.wrong-secret')).toBe('a wrong secret got a token');
  });

  test('a wrong secret refused with another error than invalid_client', async () => {
    const results = await check({ wrongSecretError: 'access_denied' });
    expect(withStatus(results, 'fail')).toEqual(['token.wrong-secret']);
    expect(reasonOf(results, 'token.wrong-secret')).toBe(
      'refused with 401 access_denied, not invalid_client: Rounds rotates secrets on invalid_client',
    );
  });

  test('a FHIR version Rounds does not read', async () => {
    const results = await check({ fhirVersion: '5.0.0' });
    expect(withStatus(results, 'fail')).toEqual(['metadata.fhir-version']);
    expect(reasonOf(results, 'metadata.fhir-version')).toMatch(/speaks FHIR 5\.0\.0, which Rounds does not read/);
    expect(reasonOf(results, 'patient.find')).toBe('needs a token and the FHIR version');
  });

  test('patient data served without a token', async () => {
    const results = await check({ openDataTenant: TENANT });
    expect(withStatus(results, 'fail')).toEqual(['fhir.requires-token']);
    expect(reasonOf(results, 'fhir.requires-token')).toBe('GET Patient/<id> without a token answered 200, expected 401');
  });

  test('batch unsupported', async () => {
    const results = await check({ noBatch: true });
    expect(withStatus(results, 'fail')).toEqual(['batch.base', 'batch.base-slash']);
    expect(reasonOf(results, 'batch.base')).toMatch(/^answered 405 \(OperationOutcome not-supported\): Rounds falls back to one GET per resource/);
  });

  test('a patient without an MRN', async () => {
    const results = await check({ missingFields: { Patient: ['identifier'] } });
    expect(withStatus(results, 'fail')).toEqual(['patient.mrn']);
    expect(reasonOf(results, 'patient.mrn')).toMatch(/^no identifier with type coding MR/);
    expect(reasonOf(results, 'search.identifier')).toBe('the test patient has no MRN');
  });

  test('a search parameter that is silently ignored', async () => {
    const results = await check({ ignoredParams: ['gender'] });
    expect(withStatus(results, 'fail')).toEqual(['search.gender']);
    // Every patient of the hospital comes back; those of the other sex give it away (counts depend on the data).
    const reason = /^(\d+) of (\d+) results do not match the criterion: the parameter looks ignored$/.exec(reasonOf(results, 'search.gender'));
    expect(reason).not.toBeNull();
    expect(Number(reason![1])).toBeGreaterThan(0);
    expect(Number(reason![1])).toBeLessThan(Number(reason![2]));
  });

  test('a server that refuses _id lists gets a warning, not a failure', async () => {
    const results = await check({ refusesIdLists: true });
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(withStatus(results, 'warn')).toEqual(['patient.id-list']);
    expect(reasonOf(results, 'patient.id-list')).toMatch(/^answered 400 \(OperationOutcome not-supported\): Rounds reads each patient on its own/);
  });

  test('an encounter without its required type', async () => {
    const results = await check({ missingFields: { Encounter: ['type'] } });
    expect(withStatus(results, 'fail')).toEqual(['scoped.encounter']);
    expect(reasonOf(results, 'scoped.encounter')).toBe('required fields missing: 1 of 1 lack type[0] display');
  });
});

describe('a partner that cannot be reached', () => {
  test('fails the first check with the reason and skips the rest, without throwing', async () => {
    const gone = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1 });
    const url = gone.url;
    await gone.close();
    const results = await runConformanceChecks({ url, clientId: partner.clientId, clientSecret: CLIENT_SECRET, tenant: TENANT });
    expect(withStatus(results, 'fail')).toEqual(['metadata.open', 'metadata.token-url']);
    expect(reasonOf(results, 'metadata.open')).toMatch(/^could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    expect(withStatus(results, 'pass')).toEqual([]);
  });

  test('names the timeout when the partner never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const results = await runConformanceChecks({
        url: `http://127.0.0.1:${port}/fhir`,
        clientId: partner.clientId,
        clientSecret: CLIENT_SECRET,
        tenant: TENANT,
        timeoutMs: 200,
      });
      expect(reasonOf(results, 'metadata.open')).toBe(`no answer from 127.0.0.1:${port} within 200 ms`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('secrets', () => {
  test('neither the client secret nor the token appears in any result', async () => {
    for (const faults of [{}, { tokenAnswerOmits: ['expires_in'] }, { noBatch: true }] as DemoFaults[]) {
      const text = JSON.stringify(await check(faults));
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });
});
