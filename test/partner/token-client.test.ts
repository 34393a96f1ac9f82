import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import type { TokenClient } from '../../server/partner/token-client.js';
import { partnerTokenClient, type PartnerTokenOptions } from '../../server/partner/partner-secret-grant.js';
import {
  DEMO_CLIENT_ID,
  DEMO_TENANT_R4_ID,
  DEMO_TENANT_STU3_ID,
  startDemoPartner,
  type DemoFaults,
  type RunningDemoPartner,
} from '../../server/demo/demo-partner.js';
import { listen, type Listening } from '../support/http.js';

// Two tenants of the demo partner; only their token requests matter here.
const TENANT_A = DEMO_TENANT_R4_ID;
const TENANT_B = DEMO_TENANT_STU3_ID;

const opened: Array<{ close(): Promise<void> }> = [];
let shared: RunningDemoPartner | undefined;
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  await shared?.close();
});

/** The file's demo partner, with these switches and nothing else: secret-1, no latency, fresh counts. */
async function partnerWith(options: { secrets?: string[]; faults?: DemoFaults } = {}): Promise<RunningDemoPartner> {
  shared ??= await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1, tokenLifetimeSeconds: 3600 });
  shared.setClientSecrets(options.secrets ?? ['secret-1']);
  shared.setFaults(options.faults ?? {});
  shared.revokeTokens();
  shared.resetStats();
  return shared;
}

/** The tenants named by the scopes of the accepted token requests, in order. */
const tokenScopes = (partner: RunningDemoPartner): string[] =>
  partner.stats.log.filter((e) => e.path === '/oauth2/token' && e.tenantId).map((e) => e.tenantId!);

function clientFor(url: string, overrides: Partial<PartnerTokenOptions> = {}): { client: TokenClient; logs: string[] } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const client = partnerTokenClient({
    fhirUrl: url,
    credentials: { fhirUrl: url, clientId: DEMO_CLIENT_ID, clientSecret: 'secret-1' },
    who: 'The partner',
    timeoutMs: 2_000,
    logger: createLogger('info', sink),
    ...overrides,
  });
  return { client, logs };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('token requests', () => {
  test('20 concurrent requests for one tenant share one token request', async () => {
    const partner = await partnerWith();
    const { client } = clientFor(partner.url);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => client.getToken(TENANT_A)));
    expect(new Set(tokens).size).toBe(1);
    expect(partner.stats.tokenRequests).toBe(1);
  });

  test('asks for a token per tenant with scope=<tenant id>', async () => {
    const partner = await partnerWith();
    const { client } = clientFor(partner.url);
    const [a, b] = await Promise.all([client.getToken(TENANT_A), client.getToken(TENANT_B)]);
    expect(a).not.toBe(b);
    expect(tokenScopes(partner).sort()).toEqual([TENANT_A, TENANT_B].sort());
  });

  test('reuses a token until 60 s before it expires', async () => {
    const partner = await partnerWith();
    let now = Date.now();
    const { client } = clientFor(partner.url, { now: () => now });
    const first = await client.getToken(TENANT_A);
    now += 3530 * 1000;
    expect(await client.getToken(TENANT_A)).toBe(first);
    now += 20 * 1000;
    expect(await client.getToken(TENANT_A)).not.toBe(first);
    expect(partner.stats.tokenRequests).toBe(2);
  });

  test('invalidate drops only the token it names', async () => {
    const partner = await partnerWith();
    const { client } = clientFor(partner.url);
    const first = await client.getToken(TENANT_A);
    client.invalidate(TENANT_A, 'some-older-token');
    expect(await client.getToken(TENANT_A)).toBe(first);
    client.invalidate(TENANT_A, first);
    expect(await client.getToken(TENANT_A)).not.toBe(first);
  });
});

describe('secret rotation', () => {
  test('moves to the next secret on invalid_client, keeps it, and warns once without the secret', async () => {
    const partner = await partnerWith({ secrets: ['secret-2'] });
    const { client, logs } = clientFor(partner.url, {
      credentials: { fhirUrl: partner.url, clientId: DEMO_CLIENT_ID, clientSecret: 'secret-1', clientSecretNext: 'secret-2' },
    });
    await Promise.all([client.getToken(TENANT_A), client.getToken(TENANT_B)]);
    partner.resetStats();
    client.invalidate(TENANT_A, await client.getToken(TENANT_A));
    await client.getToken(TENANT_A);
    expect(partner.stats.tokenRequests).toBe(1);
    const warnings = logs.filter((l) => l.includes('switched to the other configured secret'));
    expect(warnings).toHaveLength(1);
    expect(logs.join('')).not.toMatch(/secret-[12]/);
  });

  test('answers 502 naming invalid_client when no secret is accepted', async () => {
    const partner = await partnerWith({ secrets: ['something-else'] });
    const { client } = clientFor(partner.url, {
      credentials: { fhirUrl: partner.url, clientId: DEMO_CLIENT_ID, clientSecret: 'secret-1', clientSecretNext: 'secret-2' },
    });
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/invalid_client/);
    expect(error.message).not.toMatch(/secret-/);
  });
});

describe('token endpoint answers', () => {
  test('an OAuth error becomes a 502 carrying its code', async () => {
    const partner = await partnerWith();
    const { client } = clientFor(partner.url);
    const error = await failure(client.getToken('cccccccc-0000-4000-8000-00000000000c'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner refused the token request: invalid_scope');
  });

  test.each([
    [{ tokenAnswerOmits: ['access_token'] }, /access_token/],
    [{ tokenAnswerOmits: ['token_type'] }, /token_type/],
    [{ tokenAnswerSets: { token_type: 'mac' } }, /token_type/],
    [{ tokenAnswerOmits: ['expires_in'] }, /expires_in/],
  ] as [DemoFaults, RegExp][])('a response with %j is a 502 naming what is missing', async (faults, reason) => {
    const partner = await partnerWith({ faults });
    const { client } = clientFor(partner.url);
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(reason);
  });

  test.each([
    ['an HTML page', 'text/html', '<html><body>Sign in to continue</body></html>'],
    ['a JSON array', 'application/json', '[{"access_token":"x"}]'],
    ['JSON null', 'application/json', 'null'],
  ])('a 200 with %s is a 502 saying the answer is not a JSON object', async (_what, type, answer) => {
    const app = express();
    app.get('/fhir/.well-known/smart-configuration', (_req, res) => void res.json({ token_endpoint: '/token' }));
    app.post('/token', (_req, res) => void res.type(type).send(answer));
    const server: Listening = await listen(app);
    opened.push(server);
    const error = await failure(clientFor(`${server.url}/fhir`).client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner sent a token response that is not a JSON object');
  });

  test('a partner that cannot be reached is a 502 that says so', async () => {
    const gone = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1 });
    await gone.close();
    const { client } = clientFor(gone.url);
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner could not be reached');
  });

  test('a partner slower than the timeout is a 504 that says so', async () => {
    // A partner of its own: its late answers must not reach the shared partner's counts.
    const partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1, delayMs: 400 });
    opened.push(partner);
    const { client } = clientFor(partner.url, { timeoutMs: 100 });
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(504);
    expect(error.message).toBe('The partner did not answer within 0.1 s');
  });
});

describe('token URL discovery', () => {
  test.each(['smart-oauth-uris', 'hl7-oauth-uris', 'smart-configuration'] as const)('finds the token URL by %s', async (discovery) => {
    const partner = await partnerWith({ faults: discovery === 'smart-oauth-uris' ? {} : { discovery } });
    const { client } = clientFor(partner.url);
    expect(await client.getToken(TENANT_A)).toMatch(/\S+/);
    expect(partner.stats.tokenRequests).toBe(1);
  });

  test('answers 503 when neither the metadata nor smart-configuration names a token URL', async () => {
    const partner = await partnerWith({ faults: { discovery: 'none' } });
    const { client } = clientFor(partner.url);
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/no token URL.*\/metadata.*smart-configuration/);
  });

  test('refuses a token URL that would send the secret in clear to another host', async () => {
    const app = express();
    app.get('/fhir/metadata', (_req, res) => {
      res.json({
        resourceType: 'CapabilityStatement',
        rest: [
          {
            security: {
              extension: [
                {
                  url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                  extension: [{ url: 'token', valueUri: 'http://tokens.example.org/token' }],
                },
              ],
            },
          },
        ],
      });
    });
    const server: Listening = await listen(app);
    opened.push(server);
    const { client } = clientFor(`${server.url}/fhir`);
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/token URL that is not https/);
  });
});
