import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  startDemoPartner,
  DEMO_TENANT_R4_ID,
  DEMO_TENANT_STU3_ID,
  type RunningDemoPartner,
} from '../../server/demo/demo-partner.js';
import { fhirGet, requestToken, tokenFor, type Json } from './helpers.js';

let partner: RunningDemoPartner;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 12 });
});
afterAll(() => partner.close());

const credentials = (scope: string): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: partner.clientId,
  client_secret: partner.clientSecret,
  scope,
});

describe('discovery', () => {
  test('open metadata names the token URL in the SMART oauth-uris extension', async () => {
    const { status, headers, body } = await fhirGet(partner, undefined, 'metadata');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const security = body.rest[0].security as Json;
    const oauth = (security.extension as Json[]).find(
      (e) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
    );
    const uri = (name: string): unknown => (oauth?.extension as Json[]).find((e) => e.url === name)?.valueUri;
    expect(uri('token')).toBe(partner.tokenUrl);
    expect(uri('authorize')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(security.service[0].coding).toContainEqual(
      expect.objectContaining({ system: 'http://hl7.org/fhir/restful-security-service', code: 'OAuth' }),
    );
  });

  test('smart-configuration names the same token endpoint', async () => {
    const { status, body } = await fhirGet(partner, undefined, '.well-known/smart-configuration');
    expect(status).toBe(200);
    expect(body.token_endpoint).toBe(partner.tokenUrl);
    expect(body.grant_types_supported).toContain('client_credentials');
  });
});

describe('the token endpoint', () => {
  test('issues an expiring bearer token for the right credentials in the form body', async () => {
    const res = await requestToken(partner, credentials(DEMO_TENANT_R4_ID));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: DEMO_TENANT_R4_ID });
    expect(body.access_token).toEqual(expect.any(String));
  });

  test('accepts client_secret_basic (Authorization: Basic)', async () => {
    const basic = Buffer.from(`${partner.clientId}:${partner.clientSecret}`).toString('base64');
    const res = await requestToken(
      partner,
      { grant_type: 'client_credentials', scope: DEMO_TENANT_STU3_ID },
      { authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
    const { access_token: token } = (await res.json()) as { access_token: string };
    expect((await fhirGet(partner, token, 'metadata')).body.fhirVersion).toBe('3.0.2');
  });

  test('refuses a wrong secret with 401 invalid_client', async () => {
    const res = await requestToken(partner, { ...credentials(DEMO_TENANT_R4_ID), client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  });

  test('refuses an unknown tenant with 400 invalid_scope', async () => {
    const res = await requestToken(partner, credentials('11111111-2222-4333-8444-555555555555'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error).toBe('invalid_scope');
  });

  test('refuses a missing scope with 400 invalid_scope', async () => {
    const { scope: _scope, ...withoutScope } = credentials(DEMO_TENANT_R4_ID);
    const res = await requestToken(partner, withoutScope);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error).toBe('invalid_scope');
  });

  test('refuses another grant type with 400 unsupported_grant_type', async () => {
    const res = await requestToken(partner, { ...credentials(DEMO_TENANT_R4_ID), grant_type: 'password' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error).toBe('unsupported_grant_type');
  });

  test('refuses a JSON body with 400 invalid_request', async () => {
    const res = await fetch(partner.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials(DEMO_TENANT_R4_ID)),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error).toBe('invalid_request');
  });

  test('moves to a rotated secret: the old one is refused once only the new one is accepted', async () => {
    partner.setClientSecrets([partner.clientSecret, 'next-secret']);
    expect(
      (await requestToken(partner, { ...credentials(DEMO_TENANT_R4_ID), client_secret: 'next-secret' })).status,
    ).toBe(200);
    expect((await requestToken(partner, credentials(DEMO_TENANT_R4_ID))).status).toBe(200);
    partner.setClientSecrets(['next-secret']);
    expect((await requestToken(partner, credentials(DEMO_TENANT_R4_ID))).status).toBe(401);
    partner.setClientSecrets([partner.clientSecret]);
  });

  test('revoked tokens get a 401 from the FHIR server', async () => {
    const token = await tokenFor(partner, DEMO_TENANT_R4_ID);
    expect((await fhirGet(partner, token, 'Patient?_count=1')).status).toBe(200);
    partner.revokeTokens();
    const after = await fhirGet(partner, token, 'Patient?_count=1');
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});

describe('token expiry', () => {
  test('an expired token gets a 401 OperationOutcome that says so', async () => {
    // The token's second passes on the clock the partner reads (Date.now), not by sleeping through it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const shortLived = await startDemoPartner({
      host: '127.0.0.1',
      port: 0,
      tokenLifetimeSeconds: 1,
      patientsPerTenant: 8,
    });
    try {
      const token = await tokenFor(shortLived, DEMO_TENANT_R4_ID);
      expect((await fhirGet(shortLived, token, 'Patient?_count=1')).status).toBe(200);
      vi.setSystemTime(Date.now() + 1_000);
      const { status, headers, body } = await fhirGet(shortLived, token, 'Patient?_count=1');
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue[0].diagnostics).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
      await shortLived.close();
    }
  });
});
