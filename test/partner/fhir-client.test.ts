// The FHIR client against a small odd server on loopback: what it sends, and how odd answers come back.
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../server/errors.js';
import { TenantFhirClient, FhirStatusError, TokenRefusedError } from '../../server/fhir/fhir-client.js';
import { FhirTransport } from '../../server/fhir/transport.js';
import { createLogger } from '../../server/logger.js';
import { PartnerRouter } from '../../server/partner/tenant-router.js';
import { TENANT_A } from '../support/fake-aad.js';
import { listen, type Listening } from '../support/http.js';

interface Seen {
  method: string;
  path: string;
  authorization?: string;
  accept?: string;
  contentType?: string;
  body: string;
}

let server: Listening;
let seen: Seen[] = [];
const sockets = new Set<unknown>();
let tokenCount = 0;

beforeAll(async () => {
  const app = express();
  app.get('/fhir/metadata', (_req, res) => {
    res.json({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      rest: [
        {
          security: {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/oauth-uris',
                extension: [{ url: 'token', valueUri: '../token' }],
              },
            ],
          },
        },
      ],
    });
  });
  app.post('/token', (_req, res) => {
    tokenCount += 1;
    res.json({ access_token: `token-${tokenCount}`, token_type: 'bearer', expires_in: '3600' });
  });
  app.use(express.text({ type: () => true }));
  app.use('/fhir', (req, res) => {
    sockets.add(req.socket);
    seen.push({
      method: req.method,
      path: req.originalUrl,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      body: typeof req.body === 'string' ? req.body : '',
    });
    if (req.path === '/html') return void res.type('text/html').send('<html>Patient Jane Doe</html>');
    if (req.path === '/broken') return void res.type('application/fhir+json').send('{"resourceType": "Pat');
    if (req.path === '/always-401') return void res.status(401).json({ resourceType: 'OperationOutcome' });
    if (req.path === '/gone') return void res.status(410).json({ resourceType: 'OperationOutcome' });
    res.type('application/fhir+json').json({ resourceType: 'Bundle', type: 'searchset', total: 0 });
  });
  server = await listen(app);
});
const transport = new FhirTransport({ maxResponseBytes: 1 << 20 });
afterAll(async () => {
  await transport.close();
  await server.close();
});
beforeEach(() => {
  seen = [];
});

function client(): TenantFhirClient {
  const router = new PartnerRouter({
    partner: { fhirUrl: `${server.url}/fhir`, clientId: 'c', clientSecret: 's' },
    partnerMode: 'partner',
    logger: createLogger('silent'),
  });
  return new TenantFhirClient(router.endpointFor(TENANT_A), { transport, timeoutMs: 2_000 });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('what the FHIR client sends', () => {
  test('a GET with the bearer token and FHIR JSON accepted', async () => {
    await client().read('Condition?patient=p1&_count=50');
    expect(seen).toMatchObject([{ method: 'GET', path: '/fhir/Condition?patient=p1&_count=50', authorization: 'Bearer token-1' }]);
    expect(seen[0]!.accept).toMatch(/application\/fhir\+json/);
  });

  test('a patient search as a form POST to Patient/_search', async () => {
    await client().postForm('Patient/_search', new URLSearchParams({ family: 'Ald', _count: '20' }));
    expect(seen).toMatchObject([
      { method: 'POST', path: '/fhir/Patient/_search', contentType: 'application/x-www-form-urlencoded', body: 'family=Ald&_count=20' },
    ]);
  });

  test('a batch Bundle POSTed to the base', async () => {
    await client().postBatch({ resourceType: 'Bundle', type: 'batch', entry: [] });
    expect(seen).toMatchObject([{ method: 'POST', path: '/fhir/', contentType: 'application/fhir+json' }]);
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ resourceType: 'Bundle', type: 'batch' });
  });
});

describe('connections', () => {
  test('sequential calls reuse kept-alive connections instead of opening one each', async () => {
    const fhir = client();
    await fhir.read('Patient/p1');
    sockets.clear();
    for (let i = 0; i < 5; i += 1) await fhir.read('Patient/p1');
    expect(seen).toHaveLength(6);
    // undici may open a second connection while the first is being released; never one per call.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});

describe('odd answers', () => {
  test('HTML is a 502 that quotes nothing of it', async () => {
    const error = await failure(client().read('html'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner answered with something that is not FHIR JSON');
  });

  test('broken JSON is a 502 that quotes nothing of it', async () => {
    const error = await failure(client().read('broken'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The partner sent an answer that could not be read');
  });

  test('an error status keeps the upstream status for the caller', async () => {
    const error = await failure(client().read('gone'));
    expect(error).toBeInstanceOf(FhirStatusError);
    expect((error as FhirStatusError).upstreamStatus).toBe(410);
    expect(error.message).toBe('The partner answered 410');
  });

  test('a 401 is retried once with a fresh token, then reported as a refused token', async () => {
    const before = tokenCount;
    const error = await failure(client().read('always-401'));
    expect(error).toBeInstanceOf(TokenRefusedError);
    expect(seen.map((s) => s.authorization)).toEqual([`Bearer token-${before + 1}`, `Bearer token-${before + 2}`]);
  });
});
