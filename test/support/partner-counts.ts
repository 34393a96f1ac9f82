// What the demo partner was asked, counted the way the API tests read it: token requests and their scopes,
// metadata reads, FHIR requests other than discovery, batches and their sizes, and FHIR requests refused with 401.
import type { RunningDemoPartner } from '../../server/demo/demo-partner.js';

export interface PartnerCounts {
  tokenRequests: number;
  /** The tenants named by the scopes of the accepted token requests, in order. */
  tokenScopes: string[];
  metadataRequests: number;
  /** HTTP requests to FHIR paths other than /metadata and smart-configuration, batches included. */
  fhirRequests: number;
  batchRequests: number;
  /** Entries in each batch, in order. */
  batchSizes: number[];
  unauthorized: number;
  /**
   * Waves of FHIR requests: a request that arrives while none is in flight opens a new wave. Requests sent
   * together (parallel batch chunks) cost one round trip of latency; each wave is one round trip.
   */
  roundTrips: number;
  /** Access tokens handed out, so a test can look for them where they must not be. */
  issuedTokens: string[];
}

function wavesOf(entries: { arrivedAt?: number; finishedAt?: number }[]): number {
  let waves = 0;
  let lastFinish = Number.NEGATIVE_INFINITY;
  for (const entry of [...entries].sort((a, b) => (a.arrivedAt ?? 0) - (b.arrivedAt ?? 0))) {
    if ((entry.arrivedAt ?? 0) > lastFinish) waves += 1;
    lastFinish = Math.max(lastFinish, entry.finishedAt ?? Number.POSITIVE_INFINITY);
  }
  return waves;
}

const DISCOVERY = ['/fhir/metadata', '/fhir/.well-known/smart-configuration'];

/** Read from the partner's request log (its latest 500 requests) and counters, since its last resetStats. */
export function partnerCounts(partner: RunningDemoPartner): PartnerCounts {
  const { log } = partner.stats;
  const fhir = log.filter((e) => e.path.startsWith('/fhir') && !DISCOVERY.includes(e.path));
  return {
    tokenRequests: partner.stats.tokenRequests,
    tokenScopes: log.filter((e) => e.path === '/oauth2/token' && e.tenantId).map((e) => e.tenantId!),
    metadataRequests: log.filter((e) => e.path === '/fhir/metadata').length,
    fhirRequests: fhir.length,
    batchRequests: partner.stats.batchRequests,
    batchSizes: fhir.flatMap((e) => (e.entries ? [e.entries.length] : [])),
    unauthorized: fhir.filter((e) => e.status === 401).length,
    roundTrips: wavesOf(fhir),
    issuedTokens: partner.issuedTokens(),
  };
}
