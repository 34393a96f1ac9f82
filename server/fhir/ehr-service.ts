// The Ehr of server/fhir/ehr.ts over HTTP: per tenant, the endpoint from the router, the version from its
// capability statement, the adapter of that version, and batch Bundles of the adapter's queries. A page of
// rows costs one round trip, plus one more when references (locations, practitioners) need a name.
import { LRUCache } from 'lru-cache';
import type { Connection, FhirVersion, PatientDetail, PatientSearchResult } from '../wire/contract.js';
import { badGateway, notFound } from '../errors.js';
import type { TenantRouter } from '../partner/fhir-endpoint.js';
import { PATIENT_PARTS, type FhirAdapter, type PartQuery, type PatientCriteria } from './adapters/adapter.js';
import { DEFAULT_BATCH_SIZE, oldestFetch, runQueries, type Query, type QueryOutcome } from './batch.js';
import { CapabilityCache, fetchCapabilities, type Capabilities } from './capabilities.js';
import type { Ehr, PatientRecord, RecordsOptions, RecordsResult } from './ehr.js';
import { FhirStatusError, TenantFhirClient, type TenantFhirClientOptions } from './fhir-client.js';
import {
  ANOTHER_PATIENT,
  assembleRecord,
  emptyRecord,
  namesOf,
  referencesToResolve,
  type ReferenceNames,
} from './patient-record.js';
import { isPatientGroup, patientGroups, patientsOfGroups, type PatientQuery } from './patient-groups.js';
import type { Read, ReadCache } from './read-cache.js';
import { SearchPages } from './search-pages.js';

export interface EhrServiceOptions {
  router: TenantRouter;
  /** server/fhir/adapters/adapter-for.ts in production. */
  adapterFor(version: FhirVersion): FhirAdapter;
  /** Transport, deadline and per-tenant concurrency of every FHIR call. */
  client: TenantFhirClientOptions;
  /** Entries per batch Bundle (FHIR_BATCH_SIZE). */
  batchSize?: number;
  /** The LOINC codes of the labs column (LAB_CODES); absent, the default ten. */
  labCodes?: readonly string[];
  /** Shared reads between users (FHIR_CACHE_SECONDS, FHIR_CACHE_MB); absent, nothing is shared. */
  cache?: ReadCache;
  /** Tenants whose clients are kept (the least recently used are forgotten). */
  maxTenants?: number;
  /** Releases what the service was built with (connections, cached PHI) when it closes. */
  onClose?: () => Promise<void>;
}

interface Session {
  tenantId: string;
  client: TenantFhirClient;
  capabilities: Capabilities;
  adapter: FhirAdapter;
}

interface Assembled {
  urls: string[];
  reads: Read[];
  result: RecordsResult;
}

/** The resource types the app reads, for GET /api/connection. */
const TYPES_READ = ['Patient', 'Encounter', 'Condition', 'Observation', 'AllergyIntolerance', 'Coverage', 'Location'];

export class EhrService implements Ehr {
  private readonly clients: LRUCache<string, TenantFhirClient>;
  private readonly capabilities = new CapabilityCache();
  private readonly searchPages = new SearchPages();
  /**
   * The last records() of each list-shaped request, with the cached answers it was assembled from: while the
   * cache still holds exactly those answers, the same records stand, and a hundred clinicians on one list cost
   * one assembly. Lives no longer than the answers (FHIR_CACHE_SECONDS); absent when the cache is off.
   */
  private readonly assembled?: LRUCache<string, Assembled>;

  constructor(private readonly options: EhrServiceOptions) {
    this.clients = new LRUCache({ max: options.maxTenants ?? 1_000 });
    const ttl = options.cache?.ttlMs ?? 0;
    if (ttl > 0) this.assembled = new LRUCache<string, Assembled>({ max: 1_000, ttl, ttlAutopurge: true });
  }

  /** Bytes of FHIR JSON the shared read cache holds now. */
  cacheBytes(): number {
    return this.options.cache?.size ?? 0;
  }

  async close(): Promise<void> {
    this.searchPages.clear();
    this.assembled?.clear();
    await this.options.onClose?.();
  }

  async connection(tenantId: string): Promise<Connection> {
    const session = await this.session(tenantId);
    const declared = session.capabilities.resourceTypes;
    const resources: Record<string, boolean> = Object.fromEntries([...declared].map((type) => [type, true]));
    for (const type of [...TYPES_READ, session.adapter.medicationResourceType]) resources[type] = declared.has(type);
    return { mode: session.client.endpoint.mode, auth: session.client.endpoint.auth, fhirVersion: session.capabilities.fhirVersion, resources };
  }

  async searchPatients(tenantId: string, criteria: PatientCriteria): Promise<PatientSearchResult> {
    const { client, adapter, tenantId: key } = await this.session(tenantId);
    const bundle = await client.postForm('Patient/_search', adapter.patientSearchForm(criteria));
    return this.searchPages.resultOf(key, adapter, bundle);
  }

  /** The next page of an earlier search, by the cursor that search answered with. */
  async morePatients(tenantId: string, cursor: string): Promise<PatientSearchResult> {
    const session = await this.session(tenantId);
    const bundle = await session.client.readLink(this.searchPages.linkOf(session.tenantId, cursor));
    return this.searchPages.resultOf(session.tenantId, session.adapter, bundle);
  }

  async patientDetail(tenantId: string, patientId: string): Promise<PatientDetail> {
    const session = await this.session(tenantId);
    const queries = this.queriesFor(session, patientId, { includePatient: true });
    const outcomes = await this.run(session, queries, { isFresh: false });
    const read = outcomes.find((o) => o.query.part === 'patient');
    if (read?.failure) throw read.failure;
    if (read && (read.status === 404 || read.status === 410)) throw notFound('Patient not found');
    if (read && (read.status < 200 || read.status > 299)) throw new FhirStatusError(read.status, session.client.who);
    const references = await this.resolveReferences(session, outcomes, { isFresh: false });
    const { patient, ...rest } = assembleRecord(session.adapter, outcomes, references);
    if (rest.issues.includes(ANOTHER_PATIENT)) throw badGateway(`${session.client.who} answered with another patient than the one asked for`);
    if (!patient) throw notFound('Patient not found');
    return { ...rest, patient, issues: rest.issues.filter((issue) => !issue.startsWith('Patient:')) };
  }

  async records(tenantId: string, patientIds: readonly string[], options: RecordsOptions): Promise<RecordsResult> {
    const ids = [...new Set(patientIds)];
    const records = new Map<string, PatientRecord>(ids.map((id) => [id, emptyRecord()]));
    const wantsPatient = options.includePatient ?? false;
    if (ids.length === 0 || (options.parts.length === 0 && !wantsPatient)) return { records };
    const session = await this.session(tenantId);
    const isFresh = options.isFresh ?? false;
    const memoKey = `${session.tenantId}\u0000${options.parts.join(',')}\u0000${String(wantsPatient)}\u0000${ids.join(',')}`;
    const cache = this.options.cache?.forTenant(session.tenantId);
    const known = isFresh ? undefined : this.assembled?.get(memoKey);
    if (known && cache?.holdsExactly(known.urls, known.reads)) return known.result;

    // Wave 1: every part of every patient, and the Patients themselves as `_id` searches of a batch's size.
    const partQueries = ids.flatMap((id) => this.queriesFor(session, id, { parts: options.parts }));
    const groups = wantsPatient && ids.length > 1 ? patientGroups(ids, this.options.batchSize ?? DEFAULT_BATCH_SIZE) : [];
    const singles = wantsPatient && ids.length === 1 ? this.queriesFor(session, ids[0] as string, { includePatient: true, parts: [] }) : [];
    const wave1 = await this.run(session, [...partQueries, ...singles, ...groups], { isFresh });
    const outcomes: QueryOutcome<PatientQuery>[] = wave1.filter((o) => !isPatientGroup(o.query));
    const patientsFound = groups.length > 0 ? patientsOfGroups(wave1) : new Map<string, QueryOutcome<PatientQuery>>();
    outcomes.push(...patientsFound.values());

    // Nothing at all came back: the EHR is down, and the caller decides what to show.
    const firstFailure = wave1[0]?.failure;
    if (firstFailure && wave1.every((o) => o.failure)) throw firstFailure;

    // Wave 2 (only when needed): Patients a group search left out, and references without a display.
    const missing = groups.length > 0 ? ids.filter((id) => !patientsFound.has(id)) : [];
    const missingReads = missing.flatMap((id) => this.queriesFor(session, id, { includePatient: true, parts: [] }));
    const [references, reread] = await Promise.all([
      this.resolveReferences(session, outcomes, { isFresh }),
      missingReads.length > 0 ? this.run(session, missingReads, { isFresh }) : Promise.resolve([]),
    ]);
    outcomes.push(...reread);

    const byPatient = new Map<string, QueryOutcome<PatientQuery>[]>(ids.map((id) => [id, []]));
    for (const outcome of outcomes) byPatient.get(outcome.query.patientId)?.push(outcome);
    for (const id of ids) records.set(id, assembleRecord(session.adapter, byPatient.get(id) ?? [], references));
    const oldest = oldestFetch([...outcomes, ...references.outcomes]);
    const result = { records, fetchedAt: oldest === undefined ? undefined : new Date(oldest).toISOString() };
    const used = [...wave1, ...reread, ...references.outcomes];
    // Kept no longer than its oldest answer is: records hold PHI, and must leave memory with the answers.
    const ttl = (this.options.cache?.ttlMs ?? 0) - (Date.now() - (oldest ?? Date.now()));
    if (ttl > 0) this.assembled?.set(memoKey, { urls: used.map((o) => o.query.url), reads: used.map((o) => o.source), result }, { ttl });
    return result;
  }

  /** Names for the references without a display, read in one more round trip (cached like every read). */
  private async resolveReferences(
    session: Session,
    outcomes: readonly QueryOutcome<PartQuery>[],
    { isFresh }: { isFresh: boolean },
  ): Promise<ReferenceNames & { outcomes: QueryOutcome[] }> {
    const urls = [...new Set(referencesToResolve(session.adapter, outcomes))];
    if (urls.length === 0) return { names: new Map(), issues: new Map(), outcomes: [] };
    const queries = urls.map((url) => ({ resourceType: url.slice(0, url.indexOf('/')), url }));
    const read = await this.run(session, queries, { isFresh });
    return { ...namesOf(session.adapter, read), outcomes: read };
  }

  /** The adapter's queries, without the parts whose resource type the server says it does not serve. */
  private queriesFor(
    session: Session,
    patientId: string,
    { includePatient = false, parts = PATIENT_PARTS }: { includePatient?: boolean; parts?: readonly PartQuery['part'][] },
  ): PatientQuery[] {
    const declared = session.capabilities.resourceTypes;
    const wanted = parts.filter((part) => part !== 'patient');
    return session.adapter
      .patientQueries(patientId, wanted, { includePatient, labCodes: this.options.labCodes })
      .filter((q) => q.part === 'patient' || declared.size === 0 || declared.has(q.resourceType))
      .map((q) => ({ ...q, patientId }));
  }

  private run<Q extends Query>(session: Session, queries: readonly Q[], { isFresh }: { isFresh: boolean }): Promise<QueryOutcome<Q>[]> {
    return runQueries(session.client, queries, {
      hasBatch: session.capabilities.hasBatch,
      onNoBatch: () => this.capabilities.markNoBatch(session.tenantId),
      batchSize: this.options.batchSize,
      cache: this.options.cache?.forTenant(session.tenantId),
      isFresh,
    });
  }

  private async session(tenantId: string): Promise<Session> {
    const endpoint = this.options.router.endpointFor(tenantId);
    let client = this.clients.get(endpoint.tenantId);
    if (!client) {
      client = new TenantFhirClient(endpoint, this.options.client);
      this.clients.set(endpoint.tenantId, client);
    }
    const fhirClient = client;
    const capabilities = await this.capabilities.get(endpoint.tenantId, () => fetchCapabilities(fhirClient));
    const adapter = this.options.adapterFor(capabilities.fhirVersion);
    return { tenantId: endpoint.tenantId, client, capabilities, adapter };
  }
}
