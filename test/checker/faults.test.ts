// The checker against a fake partner with one fault at a time: the right check fails, with its reason,
// and nothing else fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { runConformanceChecks, type CheckResult } from '../../scripts/check-partner/run.js';
import { CLIENT_ID, CLIENT_SECRET, TENANT, startFakePartner, type FakePartner, type PartnerFault } from './fake-partner.js';

let partner: FakePartner | undefined;
afterEach(async () => {
  await partner?.close();
  partner = undefined;
});

async function check(faults: PartnerFault[], extra: { family?: string; patientId?: string } = { family: 'Quillfeather' }): Promise<CheckResult[]> {
  partner = await startFakePartner(faults);
  return runConformanceChecks({ url: partner.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenant: TENANT, ...extra });
}

const withStatus = (results: CheckResult[], status: CheckResult['status']): string[] =>
  results.filter((r) => r.status === status).map((r) => r.id);
const reasonOf = (results: CheckResult[], id: string): string => results.find((r) => r.id === id)?.reason ?? '';

describe('a partner that follows the spec', () => {
  test('passes every check', async () => {
    const results = await check([]);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining(['metadata.open', 'token.grant', 'search.identifier', 'scoped.coverage', 'batch.base-slash']),
    );
  });

  test('passes with the token URL only in smart-configuration', async () => {
    const results = await check(['token-url-only-in-smart-configuration']);
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(reasonOf(results, 'metadata.token-url')).toBe('from /.well-known/smart-configuration');
  });

  test('passes with the oauth-uris extension under its hl7.org URL', async () => {
    const results = await check(['legacy-oauth-uris-url']);
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(reasonOf(results, 'metadata.token-url')).toBe('from the oauth-uris extension');
  });

  test('finds a test patient by --patient-id, and with neither option by a plain _count search', async () => {
    const byId = await check([], { patientId: 'p2' });
    expect(reasonOf(byId, 'patient.find')).toBe('given with --patient-id');
    expect(withStatus(byId, 'fail')).toEqual([]);
    await partner?.close();
    const plain = await check([], {});
    expect(reasonOf(plain, 'patient.find')).toBe('patient id p1');
    expect(withStatus(plain, 'fail')).toEqual([]);
  });
});

describe('each fault fails the right check with its reason', () => {
  test('closed metadata', async () => {
    const results = await check(['closed-metadata']);
    expect(withStatus(results, 'fail')).toEqual(['metadata.open']);
    expect(reasonOf(results, 'metadata.open')).toBe('answered 401: the metadata must be open, Rounds reads the token URL from it');
  });

  test('no token URL anywhere', async () => {
    const results = await check(['no-token-url']);
    expect(withStatus(results, 'fail')).toEqual(['metadata.token-url']);
    expect(reasonOf(results, 'metadata.token-url')).toMatch(/^no token URL: the metadata has no oauth-uris extension .*\/\.well-known\/smart-configuration answered 404/);
    expect(reasonOf(results, 'token.grant')).toBe('no token URL');
    expect(withStatus(results, 'skip')).toContain('batch.base');
  });

  test('a token answer without expires_in', async () => {
    const results = await check(['token-without-expires-in']);
    expect(withStatus(results, 'fail')).toEqual(['token.grant']);
    expect(reasonOf(results, 'token.grant')).toMatch(/^the token answer lacks expires_in \(seconds\)/);
  });

  test('a wrong secret that gets a token', async () => {
    const results = await check(['accepts-wrong-secret']);
    expect(withStatus(results, 'fail')).toEqual(['token.wrong-secret']);
    expect(reasonOf(results, 'token.wrong-secret')).toBe('a wrong secret got a token');
  });

  test('a wrong secret refused with another error than invalid_client', async () => {
    const results = await check(['wrong-secret-not-invalid-client']);
    expect(withStatus(results, 'fail')).toEqual(['token.wrong-secret']);
    expect(reasonOf(results, 'token.wrong-secret')).toBe(
      'refused with 401 access_denied, not invalid_client: Rounds rotates secrets on invalid_client',
    );
  });

  test('a FHIR version Rounds does not read', async () => {
    const results = await check(['unsupported-fhir-version']);
    expect(withStatus(results, 'fail')).toEqual(['metadata.fhir-version']);
    expect(reasonOf(results, 'metadata.fhir-version')).toMatch(/speaks FHIR 5\.0\.0, which Rounds does not read/);
    expect(reasonOf(results, 'patient.find')).toBe('needs a token and the FHIR version');
  });

  test('patient data served without a token', async () => {
    const results = await check(['open-data']);
    expect(withStatus(results, 'fail')).toEqual(['fhir.requires-token']);
    expect(reasonOf(results, 'fhir.requires-token')).toBe('GET Patient/<id> without a token answered 200, expected 401');
  });

  test('batch unsupported', async () => {
    const results = await check(['batch-unsupported']);
    expect(withStatus(results, 'fail')).toEqual(['batch.base', 'batch.base-slash']);
    expect(reasonOf(results, 'batch.base')).toMatch(/^answered 405 \(OperationOutcome not-supported\): Rounds falls back to one GET per resource/);
  });

  test('a patient without an MRN', async () => {
    const results = await check(['missing-mrn']);
    expect(withStatus(results, 'fail')).toEqual(['patient.mrn']);
    expect(reasonOf(results, 'patient.mrn')).toMatch(/^no identifier with type coding MR/);
    expect(reasonOf(results, 'search.identifier')).toBe('the test patient has no MRN');
  });

  test('a search parameter that is silently ignored', async () => {
    const results = await check(['ignores-gender']);
    expect(withStatus(results, 'fail')).toEqual(['search.gender']);
    expect(reasonOf(results, 'search.gender')).toBe('1 of 3 results do not match the criterion: the parameter looks ignored');
  });

  test('a server that refuses _id lists gets a warning, not a failure', async () => {
    const results = await check(['no-id-list']);
    expect(withStatus(results, 'fail')).toEqual([]);
    expect(withStatus(results, 'warn')).toEqual(['patient.id-list']);
    expect(reasonOf(results, 'patient.id-list')).toMatch(/^answered 400 \(OperationOutcome not-supported\): Rounds reads each patient on its own/);
  });

  test('an encounter without its required type', async () => {
    const results = await check(['encounter-without-type']);
    expect(withStatus(results, 'fail')).toEqual(['scoped.encounter']);
    expect(reasonOf(results, 'scoped.encounter')).toBe('required fields missing: 1 of 1 lack type[0] display');
  });
});

describe('a partner that cannot be reached', () => {
  test('fails the first check with the reason and skips the rest, without throwing', async () => {
    partner = await startFakePartner();
    const url = partner.url;
    await partner.close();
    partner = undefined;
    const results = await runConformanceChecks({ url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenant: TENANT });
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
        clientId: CLIENT_ID,
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
    for (const faults of [[], ['token-without-expires-in'], ['batch-unsupported']] as PartnerFault[][]) {
      const text = JSON.stringify(await check(faults));
      expect(text).not.toContain(CLIENT_SECRET);
      await partner?.close();
      partner = undefined;
    }
  });
});
