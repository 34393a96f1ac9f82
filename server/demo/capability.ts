// Capability statements and SMART discovery. The open statement (no token) is the partner's own and
// publishes the token URL; with a token, each tenant's server describes itself in its own version
// (DSTU2 Conformance 1.0.2, STU3 CapabilityStatement 3.0.2, R4 4.0.1).
import type { FhirVersion } from '../wire/contract.js';
import type { DemoRenderer, FhirJson } from './render/renderer.js';
import { PATIENT_PARAMS, SEARCH_SPECS, servedTypes } from './search-params.js';

export const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const SECURITY_SERVICE = 'http://hl7.org/fhir/restful-security-service';
const SECURITY_SERVICE_R4 = 'http://terminology.hl7.org/CodeSystem/restful-security-service';
const PUBLISHED = '2026-01-15';

export interface OAuthUrls {
  token: string;
  authorize: string;
}

function security(urls: OAuthUrls, version: FhirVersion): Record<string, unknown> {
  const oauth = { code: 'OAuth', display: 'OAuth' };
  const coding =
    version === 'R4'
      ? [
          { system: SECURITY_SERVICE_R4, ...oauth },
          { system: SECURITY_SERVICE, ...oauth },
        ]
      : [{ system: SECURITY_SERVICE, ...oauth }];
  return {
    extension: [
      {
        url: OAUTH_URIS,
        extension: [
          { url: 'token', valueUri: urls.token },
          { url: 'authorize', valueUri: urls.authorize },
        ],
      },
    ],
    service: [{ coding, text: 'OAuth 2.0 client credentials; scope=<Azure AD tenant id>' }],
    description:
      'Request a token with the client credentials grant and scope=<tenant id>; the token routes to that tenant.',
  };
}

function resourceEntry(version: FhirVersion, type: string): Record<string, unknown> {
  const spec = SEARCH_SPECS[version][type];
  const params: { name: string; type: string }[] = [{ name: '_id', type: 'token' }];
  if (type === 'Patient') {
    for (const name of PATIENT_PARAMS) {
      if (name === 'id') continue;
      params.push({
        name,
        type: name === 'birthdate' ? 'date' : name === 'gender' || name === 'identifier' ? 'token' : 'string',
      });
    }
  }
  for (const name of spec?.patientParams ?? []) params.push({ name, type: 'reference' });
  if (spec?.hasCategory) params.push({ name: 'category', type: 'token' });
  if (spec?.hasCode) params.push({ name: 'code', type: 'token' });
  return { type, interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: params };
}

/** The statement of one tenant's server, in that server's version. */
export function tenantCapability(
  renderer: DemoRenderer,
  urls: OAuthUrls,
  tenantName: string,
  isBatchSupported: boolean,
): FhirJson {
  const { version } = renderer;
  return {
    resourceType: renderer.capabilityType,
    status: 'active',
    date: PUBLISHED,
    publisher: 'Rounds demo partner',
    kind: 'instance',
    software: { name: `Rounds demo ${version} server` },
    implementation: { description: `${tenantName} (synthetic demo data)` },
    fhirVersion: renderer.fhirVersion,
    // acceptUnknown is required in DSTU2 and STU3 and gone in R4.
    ...(version === 'R4' ? {} : { acceptUnknown: 'no' }),
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: security(urls, version),
        resource: servedTypes(version).map((type) => resourceEntry(version, type)),
        ...(isBatchSupported ? { interaction: [{ code: 'batch' }] } : {}),
      },
    ],
  } as FhirJson;
}

/** The open statement: who to ask for a token. Each tenant's server then describes itself behind it. */
export function partnerCapability(urls: OAuthUrls, isBatchSupported: boolean): FhirJson {
  const types = servedTypes('R4');
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: PUBLISHED,
    publisher: 'Rounds demo partner',
    kind: 'instance',
    software: { name: 'Rounds demo interop partner' },
    implementation: {
      description:
        "Routes each request to the FHIR server of the tenant named in the token's scope. " +
        "Read /metadata with a token for that server's own statement and version.",
    },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: security(urls, 'R4'),
        resource: types.map((type) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }] })),
        ...(isBatchSupported ? { interaction: [{ code: 'batch' }] } : {}),
      },
    ],
  } as FhirJson;
}

export function smartConfiguration(urls: OAuthUrls): Record<string, unknown> {
  return {
    token_endpoint: urls.token,
    authorization_endpoint: urls.authorize,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    grant_types_supported: ['client_credentials'],
    capabilities: ['client-confidential-symmetric'],
  };
}

/** A hospital's own server admitting SMART Backend Services clients: signed assertions only. */
export function smartBackendConfiguration(urls: OAuthUrls): Record<string, unknown> {
  return {
    token_endpoint: urls.token,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    grant_types_supported: ['client_credentials'],
    scopes_supported: ['system/*.read', 'system/*.rs'],
    capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
  };
}
