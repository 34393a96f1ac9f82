// Verifies Teams SSO access tokens issued by Azure AD (../shared/reference/teams-tab.md §3).
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { badGateway, unauthorized } from '../errors.js';
import { userFromClaims } from './aad-claims.js';
import { Redacted, bearerToken, type Authenticator, type User } from './user.js';

export interface AadVerifierOptions {
  /** Issuer base, e.g. https://login.microsoftonline.com (AAD_AUTHORITY). */
  authority: string;
  /** The app registration's client ID (AAD_CLIENT_ID): an accepted audience. */
  clientId: string;
  /** Another accepted audience (AAD_APP_ID_URI), used by v1 tokens. */
  appIdUri?: string;
  /** Lower-case tenant ids; `undefined` allows every tenant (AAD_ALLOWED_TENANTS=*). */
  allowedTenants?: readonly string[];
  /** Where the signing keys are; defaults to `<authority>/common/discovery/v2.0/keys`. */
  jwksUrl?: string;
  /** The least time between two key downloads caused by an unknown `kid`. */
  keysCooldownMs?: number;
}

/** Azure AD and our servers may disagree on the time by this much (Microsoft's libraries use 5 minutes). */
const CLOCK_TOLERANCE_SECONDS = 300;
const KEYS_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** How long a verified token is trusted without checking its signature again (never past its expiry). */
const VERIFIED_MAX_AGE_MS = 5 * 60 * 1000;

export class AadVerifier implements Authenticator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly audiences: string[];

  /** Tokens already verified (signature, issuer, audience), until they expire, at most VERIFIED_MAX_AGE_MS. */
  private readonly verified = new LRUCache<string, JWTPayload>({ max: 10_000, ttl: VERIFIED_MAX_AGE_MS });

  constructor(private readonly options: AadVerifierOptions) {
    const jwksUrl = options.jwksUrl ?? `${options.authority}/common/discovery/v2.0/keys`;
    // jose refetches the key set when a token names an unknown kid, at most once per cooldown.
    this.keys = createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: options.keysCooldownMs ?? 60_000,
      cacheMaxAge: KEYS_MAX_AGE_MS,
      timeoutDuration: 5_000,
    });
    this.audiences = [options.clientId, ...(options.appIdUri ? [options.appIdUri] : [])];
  }

  async authenticate(authorization: string | undefined): Promise<User> {
    const token = bearerToken(authorization);
    if (!token) throw unauthorized('Sign in first: no bearer token was sent');
    const payload = this.stillValid(token) ?? (await this.verifyAndKeep(token));
    const user = userFromClaims(payload, { authority: this.options.authority, allowedTenants: this.options.allowedTenants });
    return { ...user, token: new Redacted(token) };
  }

  /** A token verified a moment ago, while it has not expired: a tab sends the same one with every call. */
  private stillValid(token: string): JWTPayload | undefined {
    const payload = this.verified.get(token);
    if (!payload) return undefined;
    const now = Date.now() / 1000;
    return typeof payload.exp === 'number' && payload.exp + CLOCK_TOLERANCE_SECONDS > now ? payload : undefined;
  }

  private async verifyAndKeep(token: string): Promise<JWTPayload> {
    checkAlgorithm(token);
    const payload = await this.verify(token);
    const untilExpiry = ((payload.exp ?? 0) + CLOCK_TOLERANCE_SECONDS) * 1000 - Date.now();
    if (untilExpiry > 0) this.verified.set(token, payload, { ttl: Math.min(untilExpiry, VERIFIED_MAX_AGE_MS) });
    return payload;
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        audience: this.audiences,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iss', 'tid'],
      });
      return payload;
    } catch (error) {
      throw explain(error);
    }
  }
}

/** Only RS256: refuses `alg: none` and HS256 tokens "signed" with our public key before any key lookup. */
function checkAlgorithm(token: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthorized('The token is not a well-formed JWT');
  }
  if (alg !== 'RS256') {
    const shown = typeof alg === 'string' ? alg.replace(/[^A-Za-z0-9]/g, '').slice(0, 16) : 'nothing';
    throw unauthorized(`The token must be signed with RS256, not ${shown || 'nothing'}`);
  }
}

function explain(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) return unauthorized('The token has expired: sign in again');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return unauthorized('The token is meant for another app (wrong audience)');
    if (error.claim === 'nbf') return unauthorized('The token is not valid yet (nbf is in the future)');
    if (error.claim === 'iat') return unauthorized('The token was issued in the future (iat)');
    return unauthorized(`The token's ${error.claim} claim is missing or not valid`);
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return unauthorized('The token was signed with a key that Azure AD does not publish');
  if (error instanceof errors.JWKSMultipleMatchingKeys) return unauthorized('The token names no signing key (kid)');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return unauthorized('The token signature is not valid (the token was altered or forged)');
  if (error instanceof errors.JWKSTimeout) return badGateway('Azure AD did not send its signing keys in time');
  if (error instanceof errors.JWKSInvalid) return badGateway('Azure AD sent signing keys that could not be read');
  // jose's only plain JOSEErrors (no subclass) come from fetching the key set: not 200, or not JSON.
  if (error instanceof errors.JOSEError && error.code === errors.JOSEError.code)
    return badGateway('Azure AD signing keys could not be fetched');
  if (error instanceof errors.JOSEError) return unauthorized('The token is not valid');
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError'))
    return badGateway('Azure AD signing keys could not be fetched');
  return error;
}
