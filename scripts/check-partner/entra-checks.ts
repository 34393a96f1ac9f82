// A FHIR service behind Microsoft Entra ID (Azure Health Data Services): client credentials at
// `<AAD_AUTHORITY>/<hospital tenant>/oauth2/v2.0/token` for `<FHIR service URL>/.default`, asked for by Rounds' own
// EntraGrant, whose refusals tell the admin what to fix for Entra's common AADSTS codes; and a wrong secret
// refused with invalid_client (AADSTS7000215), as Entra documents.
import { randomUUID } from 'node:crypto';
import { isApiError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { aadstsOf, EntraGrant } from '../../server/partner/entra-grant.js';
import { call } from './http.js';
import type { Session } from './session.js';
import type { EntraCheckOptions } from './types.js';

type EntraSession = Session<EntraCheckOptions>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const scopeOf = (s: EntraSession): string => s.options.scope ?? `${s.base}/.default`;

function grantOf(s: EntraSession): EntraGrant {
  const { clientId, clientSecret, entraTenantId, authority } = s.options;
  return new EntraGrant({
    config: { auth: 'entra', fhirUrl: s.base, entraTenantId, clientId, clientSecret, scope: scopeOf(s) },
    authority,
    // The grant logs Entra's answer; the table carries the grant's advice instead.
    logger: createLogger('silent'),
    who: 'Microsoft Entra ID',
    timeoutMs: s.http.timeoutMs,
  });
}

/** Rounds' own token request; the token goes into the session for the FHIR checks. */
export async function checkEntraToken(s: EntraSession): Promise<void> {
  const id = 'entra.token';
  const name = 'Microsoft Entra ID gives a token for the FHIR service';
  const grant = grantOf(s);
  s.tokenUrl = grant.tokenUrl;
  try {
    const token = await grant.request();
    s.token = token.accessToken;
    s.pass(id, name, `scope ${scopeOf(s)}`);
  } catch (error) {
    if (!isApiError(error)) throw error;
    s.fail(id, name, error.message);
  }
}

/** `401 invalid_client, AADSTS7000215` from Entra's error body, else the status alone. */
function refusal(status: number, body: unknown): string {
  const error = isObject(body) && typeof body.error === 'string' ? body.error.slice(0, 60) : undefined;
  const code = aadstsOf(body);
  const details = [error, code === undefined ? undefined : `AADSTS${code}`].filter(Boolean);
  return details.length > 0 ? `${status} ${details.join(', ')}` : String(status);
}

/** Entra's documented answer to a wrong secret; anything else means this is not the token endpoint Rounds will meet. */
export async function checkEntraWrongSecret(s: EntraSession): Promise<void> {
  const id = 'entra.wrong-secret-refused';
  const name = 'A wrong secret is refused with invalid_client';
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: s.options.clientId,
    client_secret: `wrong-${randomUUID()}`,
    scope: scopeOf(s),
  });
  const outcome = await call(
    grantOf(s).tokenUrl,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form },
    s.http,
  );
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status, body } = outcome.answer;
  if (status >= 200 && status < 300) return s.fail(id, name, 'a wrong secret got a token');
  const isInvalidClient = (status === 400 || status === 401) && isObject(body) && body.error === 'invalid_client';
  if (!isInvalidClient)
    return s.fail(id, name, `refused with ${refusal(status, body)}, not 400 or 401 invalid_client (AADSTS7000215)`);
  s.pass(id, name, refusal(status, body));
}
