// partner-interface.md §1: client credentials with `scope=<tenant>`; the answer has access_token,
// token_type Bearer and expires_in; errors follow RFC 6749 §5.2, and a wrong secret is `invalid_client`
// (Rounds' secret rotation falls back to the next secret on exactly that error).
import { randomUUID } from 'node:crypto';
import { call, type Answer } from './http.js';
import type { Session } from './session.js';
import type { PartnerSecretCheckOptions } from './types.js';

type PartnerSession = Session<PartnerSecretCheckOptions>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function requestToken(s: PartnerSession, secret: string): ReturnType<typeof call> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: s.options.clientId,
    client_secret: secret,
    scope: s.options.tenant,
  });
  return call(
    s.tokenUrl!,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form },
    s.http,
  );
}

/** `400 invalid_scope` from an RFC 6749 error body, else the status alone. */
function oauthError(answer: Answer): string {
  const error = isObject(answer.body) && typeof answer.body.error === 'string' ? ` ${answer.body.error.slice(0, 60)}` : '';
  return `${answer.status}${error}`;
}

const HINTS: Record<string, string> = {
  invalid_client: 'check the client id and PARTNER_CLIENT_SECRET',
  invalid_scope: 'is this tenant mapped to a provider at the partner?',
  unsupported_grant_type: 'the partner must accept grant_type=client_credentials',
};

export async function checkTokenGrant(s: PartnerSession): Promise<void> {
  const id = 'token.grant';
  const name = 'Client credentials give a token for the tenant';
  if (!s.tokenUrl) return s.skip(id, name, 'no token URL');
  const outcome = await requestToken(s, s.options.clientSecret);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { answer } = outcome;
  if (answer.status !== 200) {
    const code = isObject(answer.body) ? String(answer.body.error) : '';
    return s.fail(id, name, `refused with ${oauthError(answer)}${HINTS[code] ? `: ${HINTS[code]}` : ''}`);
  }
  const body = isObject(answer.body) ? answer.body : {};
  const missing: string[] = [];
  if (typeof body.access_token === 'string' && body.access_token !== '') s.token = body.access_token;
  else missing.push('access_token');
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer')
    missing.push(`token_type Bearer (got ${typeof body.token_type === 'string' ? body.token_type.slice(0, 20) : 'none'})`);
  const expiresIn = typeof body.expires_in === 'string' ? Number(body.expires_in) : body.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0)
    missing.push('expires_in (seconds): Rounds caches the token until shortly before it expires');
  if (missing.length > 0) return s.fail(id, name, `the token answer lacks ${missing.join('; ')}`);
  s.pass(id, name, `Bearer, expires in ${String(expiresIn)} s`);
}

export async function checkWrongSecret(s: PartnerSession): Promise<void> {
  const id = 'token.wrong-secret';
  const name = 'A wrong secret is refused with invalid_client';
  if (!s.tokenUrl) return s.skip(id, name, 'no token URL');
  const outcome = await requestToken(s, `wrong-${randomUUID()}`);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { answer } = outcome;
  if (answer.status === 200) return s.fail(id, name, 'a wrong secret got a token');
  const error = isObject(answer.body) ? answer.body.error : undefined;
  if (answer.status !== 400 && answer.status !== 401)
    return s.fail(id, name, `refused with ${oauthError(answer)}; RFC 6749 §5.2 says 400 or 401 with error invalid_client`);
  if (error !== 'invalid_client')
    return s.fail(id, name, `refused with ${oauthError(answer)}, not invalid_client: Rounds rotates secrets on invalid_client`);
  s.pass(id, name, `${answer.status} invalid_client`);
}
