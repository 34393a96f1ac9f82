// partner-interface.md §1 and §3: an open /metadata that names the token URL (oauth-uris extension under
// either URL, else /.well-known/smart-configuration), and a fhirVersion Rounds reads.
import { isLoopbackUrl } from '../../server/config.js';
import { isApiError } from '../../server/errors.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { readCapabilities } from '../../server/fhir/capabilities.js';
import { OAUTH_URIS_EXTENSIONS, tokenUrlFromCapabilities } from '../../server/partner/discovery.js';
import { bearer, call, FHIR_ACCEPT, resourceTypeOf } from './http.js';
import type { Session } from './session.js';

const STATEMENT_TYPES = ['CapabilityStatement', 'Conformance'];
const OAUTH_SERVICE_SYSTEM = 'http://hl7.org/fhir/restful-security-service';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** GET [base]/metadata without a token. Returns the statement when it is one. */
export async function checkOpenMetadata(s: Session): Promise<unknown> {
  const id = 'metadata.open';
  const name = 'GET /metadata answers without a token';
  const outcome = await call(`${s.base}/metadata`, { headers: { accept: FHIR_ACCEPT } }, s.http);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status, body } = outcome.answer;
  if (status === 401 || status === 403)
    return s.fail(id, name, `answered ${status}: the metadata must be open, Rounds reads the token URL from it`);
  if (status !== 200) return s.fail(id, name, `answered ${status}, expected 200`);
  const type = resourceTypeOf(body);
  if (!type || !STATEMENT_TYPES.includes(type))
    return s.fail(id, name, `answered ${type ?? 'no FHIR JSON'}, expected a CapabilityStatement or Conformance`);
  s.pass(id, name, type);
  return body;
}

function hasOAuthService(statement: unknown): boolean {
  return asArray(isObject(statement) ? statement.rest : undefined).some((rest) => {
    const security = isObject(rest) ? rest.security : undefined;
    return asArray(isObject(security) ? security.service : undefined).some((service) =>
      asArray(isObject(service) ? service.coding : undefined).some(
        (c) => isObject(c) && c.code === 'OAuth' && (c.system === undefined || c.system === OAUTH_SERVICE_SYSTEM),
      ),
    );
  });
}

function acceptTokenUrl(s: Session, id: string, name: string, raw: string, from: string): void {
  let url: URL;
  try {
    url = new URL(raw, `${s.base}/`);
  } catch {
    return s.fail(id, name, `${from} names a token URL that is not a URL`);
  }
  if (url.protocol !== 'https:' && !isLoopbackUrl(url.href))
    return s.fail(id, name, `${from} names an http token URL: Rounds never sends its secret over http`);
  s.tokenUrl = url.href;
  s.pass(id, name, `from ${from}`);
}

/** The token URL: the oauth-uris extension of the open statement, else smart-configuration. */
export async function checkTokenUrl(s: Session, openStatement: unknown): Promise<void> {
  const id = 'metadata.token-url';
  const name = 'Metadata names the token URL';
  const serviceId = 'metadata.oauth-service';
  const serviceName = 'Metadata declares the OAuth security service';
  if (openStatement === undefined) s.skip(serviceId, serviceName, 'no open capability statement');
  else {
    if (hasOAuthService(openStatement)) s.pass(serviceId, serviceName);
    else s.warn(serviceId, serviceName, 'rest[].security.service has no OAuth coding (Rounds does not need it)');
    const fromExtension = tokenUrlFromCapabilities(openStatement);
    if (fromExtension) return acceptTokenUrl(s, id, name, fromExtension, 'the oauth-uris extension');
  }
  const smart = await call(`${s.base}/.well-known/smart-configuration`, { headers: { accept: 'application/json' } }, s.http);
  const endpoint = smart.ok && smart.answer.status === 200 && isObject(smart.answer.body) ? smart.answer.body.token_endpoint : undefined;
  if (typeof endpoint === 'string' && endpoint !== '')
    return acceptTokenUrl(s, id, name, endpoint, '/.well-known/smart-configuration');
  const smartSaid = smart.ok ? `answered ${smart.answer.status} without token_endpoint` : smart.reason;
  s.fail(
    id,
    name,
    `no token URL: the metadata has no oauth-uris extension (${OAUTH_URIS_EXTENSIONS.join(' or ')}) with a token ` +
      `valueUri in rest[].security, and /.well-known/smart-configuration ${smartSaid}`,
  );
}

/** fhirVersion of the tenant's statement (read with the token, as Rounds does), else of the open one (partner-secret only). */
export async function checkFhirVersion(s: Session, openStatement: unknown): Promise<void> {
  const id = 'metadata.fhir-version';
  const name = 'Metadata states a FHIR version Rounds reads';
  let statement = openStatement;
  if (s.token) {
    const withToken = await call(`${s.base}/metadata`, { headers: bearer(s.token) }, s.http);
    if (withToken.ok && withToken.answer.status === 200 && STATEMENT_TYPES.includes(resourceTypeOf(withToken.answer.body) ?? ''))
      statement = withToken.answer.body;
  }
  if (statement === undefined)
    return s.skip(id, name, s.token ? 'no capability statement could be read' : 'needs a token or an open capability statement');
  try {
    const capabilities = readCapabilities(statement, 'The partner');
    s.version = capabilities.fhirVersion;
    s.adapter = adapterFor(capabilities.fhirVersion);
    s.declaredTypes = new Set(capabilities.resourceTypes);
    s.hasDeclaredBatch = capabilities.hasBatch;
    const stated = String((statement as { fhirVersion?: unknown }).fhirVersion);
    s.pass(id, name, `${capabilities.fhirVersion} (fhirVersion ${stated})`);
  } catch (error) {
    if (!isApiError(error)) throw error;
    s.fail(id, name, error.message);
  }
}
