import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import type { TokenClient } from '../../server/partner/token-client.js';
import { partnerTokenClient, type PartnerTokenOptions } from '../../server/partner/partner-secret-grant.js';
import { TENANT_A, TENANT_B } from '../support/fake-aad.js';
import { startFakePartner, type FakePartner, type FakePartnerOptions } from '../fakes/fake-partner.js';
import { listen, type Listening } from '../support/http.js';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

async function partnerWith(options: Partial<FakePartnerOptions> = {}): Promise<FakePartner> {
  const partner = await startFakePartner({ tenants: { [TENANT_A]: [], [TENANT_B]: [] }, ...options });
  opened.push(partner);
  return partner;
}

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
    credentials: { fhirUrl: url, clientId: 'fake-client', clientSecret: 'secret-1' },
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
    expect(partner.stats.tokenScopes.sort()).toEqual([TENANT_A, TENANT_B].sort());
  });

  test('reuses a token until 60 s before it expires', async () => {
    const partner = await partnerWith({ tokenLifetimeSeconds: 3600 });
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
      credentials: { fhirUrl: partner.url, clientId: 'fake-client', clientSecret: 'secret-1', clientSecretNext: 'secret-2' },
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
      credentials: { fhirUrl: partner.url, clientId: 'fake-client', clientSecret: 'secret-1', clientSecretNext: 'secret-2' },
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
    [{ token_type: 'Bearer', expires_in: 3600 }, /access_token/],
    [{ access_token: 'x', expires_in: 3600 }, /token_type/],
    [{ access_token: 'x', token_type: 'mac', expires_in: 3600 }, /token_type/],
    [{ access_token: 'x', token_type: 'Bearer' }, /expires_in/],
  ])('a response like %j is a 502 naming what is missing', async (tokenAnswer, reason) => {
    const partner = await partnerWith({ tokenAnswer });
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
    const partner = await partnerWith();
    await partner.close();
    const { client } = clientFor(partner.url);
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner could not be reached');
  });

  test('a partner slower than the timeout is a 504 that says so', async () => {
    const partner = await partnerWith({ delayMs: 400 });
    const { client } = clientFor(partner.url, { timeoutMs: 100 });
    const error = await failure(client.getToken(TENANT_A));
    expect(error.status).toBe(504);
    expect(error.message).toBe('The partner did not answer within 0.1 s');
  });
});

describe('token URL discovery', () => {
  test.each(['smart-oauth-uris', 'hl7-oauth-uris', 'smart-configuration'] as const)('finds the token URL by %s', async (discovery) => {
    const partner = await partnerWith({ discovery });
    const { client } = clientFor(partner.url);
    expect(await client.getToken(TENANT_A)).toMatch(/\S+/);
    expect(partner.stats.tokenRequests).toBe(1);
  });

  test('answers 503 when neither the metadata nor smart-configuration names a token URL', async () => {
    const partner = await partnerWith({ discovery: 'none' });
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
