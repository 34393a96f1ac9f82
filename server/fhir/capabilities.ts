// What a tenant's FHIR server says of itself in /metadata: its version, the resource types it serves and
// whether it takes batch Bundles. Read once per tenant with the tenant's token (else the open statement).
import { LRUCache } from 'lru-cache';
import type { FhirVersion } from '../wire/contract.js';
import { FhirStatusError, TokenRefusedError, type TenantFhirClient } from './fhir-client.js';
import { fhirVersionFrom } from './version.js';
import { asRecord, records } from './adapters/json.js';

export interface Capabilities {
  fhirVersion: FhirVersion;
  /** Resource types declared in rest[mode=server].resource. */
  resourceTypes: ReadonlySet<string>;
  hasBatch: boolean;
}

export function readCapabilities(statement: unknown, who: string): Capabilities {
  const json = asRecord(statement);
  const fhirVersion = fhirVersionFrom(json?.['fhirVersion'], who);
  const rests = records(json?.['rest']).filter((rest) => (rest['mode'] ?? 'server') === 'server');
  const resourceTypes = new Set<string>();
  let hasBatch = false;
  for (const rest of rests) {
    for (const resource of records(rest['resource'])) {
      const type = resource['type'];
      if (typeof type === 'string') resourceTypes.add(type);
    }
    if (records(rest['interaction']).some((i) => i['code'] === 'batch')) hasBatch = true;
  }
  return { fhirVersion, resourceTypes, hasBatch };
}

/** Reads /metadata with the tenant's token; a server that refuses that gets its open statement read. */
export async function fetchCapabilities(client: TenantFhirClient): Promise<Capabilities> {
  let statement: unknown;
  try {
    statement = await client.read('metadata');
  } catch (error) {
    // Only a FHIR server that answered (and refused) is worth a second, open read; token failures stand.
    if (!(error instanceof FhirStatusError) && !(error instanceof TokenRefusedError)) throw error;
    statement = await client.read('metadata', { anonymous: true });
  }
  return readCapabilities(statement, client.who);
}

interface Entry {
  value: Promise<Capabilities>;
  loadedAt: number;
}

/** Per-tenant cache with one read in flight; failures are not kept. */
export class CapabilityCache {
  /** Per tenant; the least recently used are forgotten. */
  private readonly entries = new LRUCache<string, Entry>({ max: 10_000 });

  constructor(private readonly maxAgeMs = 60 * 60 * 1000) {}

  get(tenantId: string, load: () => Promise<Capabilities>): Promise<Capabilities> {
    const entry = this.entries.get(tenantId);
    if (entry && Date.now() - entry.loadedAt < this.maxAgeMs) return entry.value;
    const value = load();
    this.entries.set(tenantId, { value, loadedAt: Date.now() });
    value.catch(() => {
      if (this.entries.get(tenantId)?.value === value) this.entries.delete(tenantId);
    });
    return value;
  }

  /** The server declared batch but refused one: use single GETs from now on. */
  markNoBatch(tenantId: string): void {
    const entry = this.entries.get(tenantId);
    if (entry) entry.value = entry.value.then((caps) => ({ ...caps, hasBatch: false }));
  }
}
