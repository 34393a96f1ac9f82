import { SignJWT, exportSPKI } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { AadVerifier, type AadVerifierOptions } from '../../server/auth/aad-verifier.js';
import { PUBLIC_CLOUD_AUTHORITY } from '../../server/auth/aad-claims.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { FAKE_APP_ID_URI, FAKE_CLIENT_ID, TENANT_A, TENANT_B, startFakeAad, type FakeAad } from '../support/fake-aad.js';

interface Answer {
  status: number;
  body: { tenantId?: string; userId?: string; name?: string; username?: string; issue?: { diagnostics: string }[] };
  wwwAuthenticate: string | null;
}

let aad: FakeAad;
let app: TestApp;
const apps: TestApp[] = [];

async function appWith(options: Partial<AadVerifierOptions> = {}): Promise<TestApp> {
  const verifier = new AadVerifier({
    authority: aad.authority,
    clientId: FAKE_CLIENT_ID,
    appIdUri: FAKE_APP_ID_URI,
    jwksUrl: aad.jwksUrl,
    ...options,
  });
  const started = await startTestApp({ authenticator: verifier });
  apps.push(started);
  return started;
}

async function me(token: string | undefined, on: TestApp = app): Promise<Answer> {
  const res = await fetch(`${on.url}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Answer['body'], wwwAuthenticate: res.headers.get('www-authenticate') };
}

const reason = (answer: Answer): string => answer.body.issue?.[0]?.diagnostics ?? '';
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  aad = await startFakeAad();
  app = await appWith();
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await aad.close();
});

describe('accepting Azure AD tokens', () => {
  test('accepts a v2 token and answers the user from its claims', async () => {
    const answer = await me(await aad.mint());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      tenantId: TENANT_A,
      userId: 'user-oid-1',
      name: 'Dr. Test User',
      username: 'test.user@hospital.example',
      isDemo: false,
    });
  });

  test('accepts a v1 token from sts.windows.net for the public cloud authority', async () => {
    const publicCloud = await appWith({ authority: PUBLIC_CLOUD_AUTHORITY });
    const token = await aad.mint({ version: 'v1', claims: { upn: 'v1.user@hospital.example', preferred_username: undefined } });
    const answer = await me(token, publicCloud);
    expect(answer.status).toBe(200);
    expect(answer.body.username).toBe('v1.user@hospital.example');
  });

  test('refuses a v1 issuer when the authority is not the public cloud', async () => {
    const answer = await me(await aad.mint({ version: 'v1' }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/not issued by Azure AD/);
  });

  test('accepts the App ID URI as audience', async () => {
    expect((await me(await aad.mint({ claims: { aud: FAKE_APP_ID_URI } }))).status).toBe(200);
  });

  test('tolerates up to five minutes of clock skew on exp and nbf', async () => {
    expect((await me(await aad.mint({ expiresIn: -120 }))).status).toBe(200);
    expect((await me(await aad.mint({ notBefore: 120 }))).status).toBe(200);
  });

  test('a token verified a moment ago is refused once it expires, although its verification was kept', async () => {
    // Valid for one more second, counting the five minutes of tolerance.
    const token = await aad.mint({ expiresIn: -299 });
    expect((await me(token)).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const late = await me(token);
    expect(late.status).toBe(401);
    expect(reason(late)).toBe('The token has expired: sign in again');
  });
});

describe('refusing tokens, each with a 401 that says why', () => {
  test('no token at all', async () => {
    const answer = await me(undefined);
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toBe('Bearer');
    expect(reason(answer)).toMatch(/no bearer token/);
  });

  test('alg none', async () => {
    const valid = await aad.mint();
    const payload = valid.split('.')[1]!;
    const answer = await me(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`);
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/must be signed with RS256, not none/);
  });

  test('HS256 signed with the published public key', async () => {
    const publicPem = await exportSPKI(aad.publishedKeys()[0]!.publicKey);
    const claims = JSON.parse(Buffer.from((await aad.mint()).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .sign(new TextEncoder().encode(publicPem));
    const answer = await me(forged);
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/must be signed with RS256, not HS256/);
  });

  test('a key that is not in the published key set', async () => {
    const stranger = await aad.unpublishedKey('stranger');
    const answer = await me(await aad.mint({ key: stranger }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/key that Azure AD does not publish/);
  });

  test('a tampered payload', async () => {
    const [header, payload, signature] = (await aad.mint()).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${b64({ ...claims, tid: TENANT_B, iss: `${aad.authority}/${TENANT_B}/v2.0` })}.${signature}`;
    const answer = await me(tampered);
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/signature is not valid/);
  });

  test('a garbage token', async () => {
    const answer = await me('not-a-jwt');
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/not a well-formed JWT/);
  });

  test('a wrong audience', async () => {
    const answer = await me(await aad.mint({ claims: { aud: '99999999-2222-4333-8444-555555555555' } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/wrong audience/);
  });

  test('a wrong issuer', async () => {
    const answer = await me(await aad.mint({ claims: { iss: `https://evil.example/${TENANT_A}/v2.0` } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/not issued by Azure AD/);
  });

  test('an issuer of another tenant than the tid claim', async () => {
    const answer = await me(await aad.mint({ claims: { iss: `${aad.authority}/${TENANT_B}/v2.0` } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/another tenant than the one in its tid/);
  });

  test('a tid that is not a GUID', async () => {
    const answer = await me(await aad.mint({ claims: { tid: 'common', iss: `${aad.authority}/common/v2.0` } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/tid claim that is a GUID/);
  });

  test('an expired token beyond the clock skew', async () => {
    const answer = await me(await aad.mint({ expiresIn: -600 }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/expired/);
  });

  test('a token that is not valid yet beyond the clock skew', async () => {
    const answer = await me(await aad.mint({ notBefore: 600 }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/not valid yet/);
  });

  test('a token without the access_as_user scope', async () => {
    const answer = await me(await aad.mint({ claims: { scp: 'User.Read' } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/lacks the access_as_user scope/);
  });

  test('a token without exp', async () => {
    const answer = await me(await aad.mint({ claims: { exp: undefined } }));
    expect(answer.status).toBe(401);
    expect(reason(answer)).toMatch(/exp/);
  });
});

describe('the tenant allow-list', () => {
  test('answers 403 to a tenant outside the list and lets a listed one in', async () => {
    const onlyA = await appWith({ allowedTenants: [TENANT_A] });
    const outsider = await me(await aad.mint({ claims: { tid: TENANT_B } }), onlyA);
    expect(outsider.status).toBe(403);
    expect(reason(outsider)).toMatch(/not allowed to use Rounds/);
    expect((await me(await aad.mint({ claims: { tid: TENANT_A } }), onlyA)).status).toBe(200);
  });
});

describe('the signing keys', () => {
  test('downloads the key set once for many tokens and not again for an unknown kid within the cooldown', async () => {
    const fresh = await startFakeAad();
    const verifier = new AadVerifier({ authority: fresh.authority, clientId: FAKE_CLIENT_ID, jwksUrl: fresh.jwksUrl });
    const on = await startTestApp({ authenticator: verifier });
    apps.push(on);
    for (let i = 0; i < 5; i += 1) expect((await me(await fresh.mint(), on)).status).toBe(200);
    expect(fresh.keyRequests()).toBe(1);
    const rotated = await fresh.addKey('key-2');
    expect((await me(await fresh.mint({ key: rotated }), on)).status).toBe(401);
    expect(fresh.keyRequests()).toBe(1);
    await fresh.close();
  });

  test('refetches the key set once when a token names a new kid after the cooldown', async () => {
    const fresh = await startFakeAad();
    const verifier = new AadVerifier({
      authority: fresh.authority,
      clientId: FAKE_CLIENT_ID,
      jwksUrl: fresh.jwksUrl,
      keysCooldownMs: 300,
    });
    const on = await startTestApp({ authenticator: verifier });
    apps.push(on);
    const stranger = await fresh.unpublishedKey('key-3');
    const strangerToken = await fresh.mint({ key: stranger });
    expect((await me(await fresh.mint(), on)).status).toBe(200);
    const rotated = await fresh.addKey('key-2');
    const rotatedToken = await fresh.mint({ key: rotated });
    // The cooldown passes on the clock (jose reads Date.now()), not by sleeping through it.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 350 });
    try {
      expect((await me(rotatedToken, on)).status).toBe(200);
      expect(fresh.keyRequests()).toBe(2);
      // Right after that refetch, another unknown kid does not cause a third download.
      expect((await me(strangerToken, on)).status).toBe(401);
      expect(fresh.keyRequests()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    await fresh.close();
  });

  test('answers 502 when Azure AD answers the key set request with an error status', async () => {
    const broken = createServer((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('down'));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const { port } = broken.address() as AddressInfo;
    try {
      const on = await appWith({ jwksUrl: `http://127.0.0.1:${port}/keys` });
      const answer = await me(await aad.mint(), on);
      expect(answer.status).toBe(502);
      expect(reason(answer)).toBe('Azure AD signing keys could not be fetched');
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
