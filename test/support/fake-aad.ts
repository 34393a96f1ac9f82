// A fake Azure AD: a JWKS endpoint on a loopback port and a minter of RS256 access tokens with its keys.
import express from 'express';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { listen } from './http.js';

export const FAKE_CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const FAKE_APP_ID_URI = `api://rounds.example.org/${FAKE_CLIENT_ID}`;
export const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface MintOptions {
  /** Claims to add or override; `undefined` removes a default claim. */
  claims?: Record<string, unknown>;
  /** Signs with this key (default: the first published key). */
  key?: SigningKey;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Seconds from now for nbf. */
  notBefore?: number;
  /** 'v1' gives iss https://sts.windows.net/<tid>/ and the App ID URI as audience. */
  version?: 'v1' | 'v2';
}

export interface FakeAad {
  /** The authority (issuer base) the fake stands for. */
  authority: string;
  jwksUrl: string;
  /** How many times the key set was downloaded. */
  keyRequests(): number;
  publishedKeys(): SigningKey[];
  /** Makes a key and publishes it; returns it. */
  addKey(kid: string): Promise<SigningKey>;
  /** Makes a key that is NOT published. */
  unpublishedKey(kid: string): Promise<SigningKey>;
  mint(options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicKey };
}

/** Starts the fake. Tokens carry `iss = <authority>/<tid>/v2.0`; pass `authority` to impersonate another cloud. */
export async function startFakeAad(options: { authority?: string; routes?: express.Router } = {}): Promise<FakeAad> {
  const keys: SigningKey[] = [await makeKey('key-1')];
  let keyRequests = 0;
  const app = express();
  app.get('/common/discovery/v2.0/keys', async (_req, res) => {
    keyRequests += 1;
    const jwks = await Promise.all(
      keys.map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, use: 'sig', kty: 'RSA' })),
    );
    res.json({ keys: jwks });
  });
  // More of Entra's endpoints, e.g. the on-behalf-of token endpoint (test/support/fake-graph.ts).
  if (options.routes) app.use(options.routes);
  const server = await listen(app);
  const authority = options.authority ?? server.url;

  return {
    authority,
    jwksUrl: `${server.url}/common/discovery/v2.0/keys`,
    keyRequests: () => keyRequests,
    publishedKeys: () => [...keys],
    addKey: async (kid) => {
      const key = await makeKey(kid);
      keys.push(key);
      return key;
    },
    unpublishedKey: makeKey,
    mint: async (mint = {}) => {
      const key = mint.key ?? keys[0]!;
      const tid = typeof mint.claims?.tid === 'string' ? mint.claims.tid : TENANT_A;
      const now = Math.floor(Date.now() / 1000);
      const isV1 = mint.version === 'v1';
      const defaults: JWTPayload = {
        aud: isV1 ? FAKE_APP_ID_URI : FAKE_CLIENT_ID,
        iss: isV1 ? `https://sts.windows.net/${tid}/` : `${authority}/${tid}/v2.0`,
        iat: now - 10,
        nbf: now + (mint.notBefore ?? -10),
        exp: now + (mint.expiresIn ?? 3600),
        tid,
        oid: 'user-oid-1',
        scp: 'access_as_user',
        name: 'Dr. Test User',
        preferred_username: 'test.user@hospital.example',
        ver: isV1 ? '1.0' : '2.0',
      };
      const payload: JWTPayload = { ...defaults, ...mint.claims };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    },
    close: () => server.close(),
  };
}
