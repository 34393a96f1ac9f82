// A hospital's own server reached with HL7 SMART Backend Services (hl7.org/fhir/smart-app-launch/backend-services.html):
// its .well-known/smart-configuration names a token endpoint that takes private_key_jwt; an assertion signed with
// our key gets a token, asked for by Rounds' own SmartBackendGrant so the checker fails where Rounds would; and an
// assertion under the same kid signed by another key is refused with invalid_client (RFC 6749 §5.2).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { isLoopbackUrl } from '../../server/config.js';
import { isApiError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { tokenUrlFromCapabilities } from '../../server/partner/discovery.js';
import type { SigningAlg, SigningKey } from '../../server/partner/endpoint-config.js';
import { defaultScopeOf, JWT_BEARER_ASSERTION, SmartBackendGrant, type SmartServer } from '../../server/partner/smart-backend-grant.js';
import { call, FHIR_ACCEPT, type Answer } from './http.js';
import type { Session } from './session.js';
import type { SmartBackendCheckOptions } from './types.js';

type SmartSession = Session<SmartBackendCheckOptions>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const NO_SERVER = 'no token endpoint that takes signed assertions';

/** The absolute token URL, refused when it would carry our assertions over plain http off loopback. */
function secureTokenUrl(raw: string, base: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw, `${base}/`);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && !isLoopbackUrl(url.href))
    return { ok: false, reason: 'is an http URL: Rounds sends its assertions over https only' };
  return { ok: true, url: url.href };
}

/** The grant Rounds itself would use; its refusals are ApiErrors whose text tells the admin what to fix. */
function grantWith(s: SmartSession, key: SigningKey): SmartBackendGrant {
  const { clientId, scope } = s.options;
  return new SmartBackendGrant({
    config: { auth: 'smart-backend', fhirUrl: s.base, clientId, key, publishedKeys: [], scope },
    // The grant logs the server's own error_description; the table carries the grant's advice instead.
    logger: createLogger('silent'),
    who: 'The FHIR server',
    timeoutMs: s.http.timeoutMs,
  });
}

/** The token URL from the metadata's oauth-uris extension, for a server without smart-configuration. */
async function fallBackToMetadata(s: SmartSession, id: string, name: string, smartSaid: string): Promise<SmartServer | undefined> {
  const metadata = await call(`${s.base}/metadata`, { headers: { accept: FHIR_ACCEPT } }, s.http);
  const raw = metadata.ok && metadata.answer.status === 200 ? tokenUrlFromCapabilities(metadata.answer.body) : undefined;
  if (!raw) {
    s.fail(id, name, `/.well-known/smart-configuration ${smartSaid}, and the metadata names no token URL (oauth-uris extension) either`);
    return undefined;
  }
  const tokenUrl = secureTokenUrl(raw, s.base);
  if (!tokenUrl.ok) {
    s.fail(id, name, `the token URL of the metadata's oauth-uris extension ${tokenUrl.reason}`);
    return undefined;
  }
  s.tokenUrl = tokenUrl.url;
  s.warn(
    id,
    name,
    `/.well-known/smart-configuration ${smartSaid}: the token URL comes from the metadata's oauth-uris extension, ` +
      'and nothing says the server takes signed assertions (SMART Backend Services asks for the smart-configuration)',
  );
  return { tokenUrl: tokenUrl.url, defaultScope: 'system/*.read' };
}

/** What the smart-configuration lacks for SMART Backend Services with this alg. */
function gapsOf(configuration: Record<string, unknown>, alg: SigningAlg): string[] {
  const gaps: string[] = [];
  if (typeof configuration.token_endpoint !== 'string' || configuration.token_endpoint === '') gaps.push('token_endpoint');
  if (!strings(configuration.token_endpoint_auth_methods_supported).includes('private_key_jwt'))
    gaps.push('private_key_jwt in token_endpoint_auth_methods_supported (the server takes no signed assertions)');
  const algs = strings(configuration.token_endpoint_auth_signing_alg_values_supported);
  if (algs.length > 0 && !algs.includes(alg))
    gaps.push(`${alg} in token_endpoint_auth_signing_alg_values_supported (it lists ${algs.slice(0, 4).join(', ').slice(0, 60)})`);
  return gaps;
}

/** GET [base]/.well-known/smart-configuration; what it says the token endpoint and the default scope are. */
export async function checkSmartConfiguration(s: SmartSession): Promise<SmartServer | undefined> {
  const id = 'smart.configuration';
  const name = 'smart-configuration names a token endpoint taking private_key_jwt';
  const outcome = await call(`${s.base}/.well-known/smart-configuration`, { headers: { accept: 'application/json' } }, s.http);
  if (!outcome.ok) {
    s.fail(id, name, outcome.reason);
    return undefined;
  }
  const { status, body } = outcome.answer;
  if (status !== 200) return fallBackToMetadata(s, id, name, `answered ${status}`);
  if (!isObject(body)) {
    s.fail(id, name, 'answered 200 without a JSON object');
    return undefined;
  }
  const gaps = gapsOf(body, s.options.key.alg);
  if (gaps.length > 0) {
    s.fail(id, name, `the smart-configuration lacks ${gaps.join('; ')}`);
    return undefined;
  }
  const tokenUrl = secureTokenUrl(body.token_endpoint as string, s.base);
  if (!tokenUrl.ok) {
    s.fail(id, name, `token_endpoint ${tokenUrl.reason}`);
    return undefined;
  }
  s.tokenUrl = tokenUrl.url;
  s.pass(id, name, `private_key_jwt, ${s.options.key.alg}`);
  return { tokenUrl: tokenUrl.url, defaultScope: defaultScopeOf(body) };
}

/** Rounds' own token request, signed with the key; the token goes into the session for the FHIR checks. */
export async function checkAssertionAccepted(s: SmartSession, server: SmartServer | undefined): Promise<void> {
  const id = 'smart.assertion-accepted';
  const name = 'An assertion signed with the key gets a token';
  if (!server) return s.skip(id, name, NO_SERVER);
  try {
    const token = await grantWith(s, s.options.key).request();
    s.token = token.accessToken;
    s.pass(id, name, `key ${s.options.key.keyId}, scope ${s.options.scope ?? server.defaultScope}`);
  } catch (error) {
    if (!isApiError(error)) throw error;
    s.fail(id, name, error.message);
  }
}

/** A new key of the same kind, which no JWKS holds. */
function impostorKey(alg: SigningAlg): KeyObject {
  return alg === 'ES384'
    ? generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** `401 invalid_client` from an RFC 6749 error body, else the status alone. */
function refusal(answer: Answer): string {
  const error = isObject(answer.body) && typeof answer.body.error === 'string' ? ` ${answer.body.error.slice(0, 60)}` : '';
  return `${answer.status}${error}`;
}

/** The same kid and client id, signed by a key the client never published: the server must check the signature. */
export async function checkWrongKeyRefused(s: SmartSession, server: SmartServer | undefined): Promise<void> {
  const id = 'smart.wrong-key-refused';
  const name = 'An assertion signed with another key is refused with invalid_client';
  if (!server) return s.skip(id, name, NO_SERVER);
  const impostor = { ...s.options.key, privateKey: impostorKey(s.options.key.alg) };
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: s.options.scope ?? server.defaultScope,
    client_assertion_type: JWT_BEARER_ASSERTION,
    client_assertion: await grantWith(s, impostor).assertion(server.tokenUrl),
  });
  const outcome = await call(
    server.tokenUrl,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form },
    s.http,
  );
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { answer } = outcome;
  if (answer.status >= 200 && answer.status < 300)
    return s.fail(id, name, 'an assertion signed with another key got a token: the server does not verify signatures against the JWKS');
  if (answer.status !== 400 && answer.status !== 401)
    return s.fail(id, name, `refused with ${refusal(answer)}; RFC 6749 §5.2 says 400 or 401 with error invalid_client`);
  if (!isObject(answer.body) || answer.body.error !== 'invalid_client')
    return s.fail(id, name, `refused with ${refusal(answer)}, not invalid_client (RFC 6749 §5.2)`);
  s.pass(id, name, `${answer.status} invalid_client`);
}
