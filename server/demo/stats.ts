// Request counters of the demo partner, for tests and benchmarks: how many token requests, FHIR round
// trips and batches it served, in total and per tenant, plus a short log of the latest requests.
// The counters are updated in place, so a reference to `stats` always reads the current values.

export interface TenantStats {
  tokenRequests: number;
  fhirRequests: number;
  batchRequests: number;
}

export interface RequestLogEntry {
  method: string;
  /** The path without its query string, e.g. "/fhir/Patient/_search" or "/oauth2/token". */
  path: string;
  tenantId?: string;
  status?: number;
  /** For a batch: the url of each entry, e.g. "Observation?patient=123&category=vital-signs&_sort=-date&_count=100". */
  entries?: string[];
  /** When the request arrived (before any added latency) and when its answer was sent, in ms (performance.now). */
  arrivedAt?: number;
  finishedAt?: number;
}

export interface DemoPartnerStats {
  /** POSTs to the token URL, successful or not. */
  tokenRequests: number;
  tokensIssued: number;
  /** HTTP round trips to FHIR paths (under the FHIR base), metadata and batches included. */
  fhirRequests: number;
  metadataRequests: number;
  batchRequests: number;
  /** GETs carried inside batches. */
  batchEntries: number;
  /** FHIR calls a fault switch (./faults.ts) dropped, throttled or left hanging. */
  faultsInjected: number;
  perTenant: Record<string, TenantStats>;
  /** The latest requests, oldest first (at most LOG_LIMIT). */
  log: RequestLogEntry[];
}

export const LOG_LIMIT = 500;

export function createStats(tenantIds: readonly string[]): DemoPartnerStats {
  return {
    tokenRequests: 0,
    tokensIssued: 0,
    fhirRequests: 0,
    metadataRequests: 0,
    batchRequests: 0,
    batchEntries: 0,
    faultsInjected: 0,
    perTenant: Object.fromEntries(tenantIds.map((id) => [id, { tokenRequests: 0, fhirRequests: 0, batchRequests: 0 }])),
    log: [],
  };
}

export function resetStats(stats: DemoPartnerStats): void {
  stats.tokenRequests = 0;
  stats.tokensIssued = 0;
  stats.fhirRequests = 0;
  stats.metadataRequests = 0;
  stats.batchRequests = 0;
  stats.batchEntries = 0;
  stats.faultsInjected = 0;
  for (const tenant of Object.values(stats.perTenant)) {
    tenant.tokenRequests = 0;
    tenant.fhirRequests = 0;
    tenant.batchRequests = 0;
  }
  stats.log.length = 0;
}

/** Adds a log entry and returns it, so its status and tenant can be filled in later. */
export function logRequest(stats: DemoPartnerStats, method: string, path: string): RequestLogEntry {
  const entry: RequestLogEntry = { method, path };
  stats.log.push(entry);
  if (stats.log.length > LOG_LIMIT) stats.log.splice(0, stats.log.length - LOG_LIMIT);
  return entry;
}
