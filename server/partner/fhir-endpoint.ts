import type { Connection } from '../wire/contract.js';

/**
 * Where and how to reach one tenant's FHIR data: the partner's endpoint (or a direct route from
 * TENANT_ROUTES_FILE), with tokens obtained the endpoint's way (`auth`).
 */
export interface FhirEndpoint {
  tenantId: string;
  baseUrl: string;
  mode: Connection['mode'];
  auth: Connection['auth'];
  /** A valid bearer token for this tenant (cached until 60 s before expiry; one request in flight per tenant). */
  getToken(): Promise<string>;
  /** Drops a token the FHIR server refused with 401, so the next getToken() fetches a fresh one. */
  invalidateToken(token: string): void;
}

export interface TenantRouter {
  endpointFor(tenantId: string): FhirEndpoint;
}
