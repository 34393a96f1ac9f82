// The Ehr of server/fhir/ehr.ts over HTTP: per tenant, the endpoint from the router, the version from its
// capability statement, the adapter of that version, and batch Bundles of the adapter's queries.
import type { Connection, FhirVersion, PatientDetail, PatientSearchResult } from '../api/contract.js';
import { notFound } from '../errors.js';
import type { TenantRouter } from '../partner/fhir-endpoint.js';
import {
  PATIENT_PARTS,
  type FhirAdapter,
  type FhirResource,
  type PartQuery,
  type PatientCriteria,
  type PatientPart,
} from './adapters/adapter.js';
import { runQueries, type Query, type QueryOutcome } from './batch.js';
import { CapabilityCache, fetchCapabilities, type Capabilities } from './capabilities.js';
import type { Ehr, PatientRecord } from './ehr.js';
import { DEFAULT_FHIR_TIMEOUT_MS, FhirStatusError, TenantFhirClient } from './fhir-client.js';
import { applyLocation, assembleRecord, emptyRecord, type AssembledRecord } from './patient-record.js';

export interface EhrServiceOptions {
  router: TenantRouter;
  /** server/fhir/adapters/adapter-for.ts in production. */
  adapterFor(version: FhirVersion): FhirAdapter;
  /** Timeout of each FHIR call. */
  timeoutMs?: number;
  /** Batch Bundles sent at once by records(). */
  chunkConcurrency?: number;
  /** Single GETs at once when the server takes no batches. */
  getConcurrency?: number;
}

interface Session {
  tenantId: string;
  client: TenantFhirClient;
  capabilities: Capabilities;
  adapter: FhirAdapter;
}

/** The resource types the app reads, for GET /api/connection. */
const TYPES_READ = ['Patient', 'Encounter', 'Condition', 'Observation', 'AllergyIntolerance', 'Coverage', 'Location'];

export class EhrService implements Ehr {
  private readonly clients = new Map<string, TenantFhirClient>();
  private readonly capabilities = new CapabilityCache();

  constructor(private readonly options: EhrServiceOptions) {}

  async connection(tenantId: string): Promise<Connection> {
    const session = await this.session(tenantId);
    const declared = session.capabilities.resourceTypes;
    const resources: Record<string, boolean> = Object.fromEntries([...declared].map((type) => [type, true]));
    for (const type of [...TYPES_READ, session.adapter.medicationResourceType]) resources[type] = declared.has(type);
    return { mode: session.client.endpoint.mode, fhirVersion: session.capabilities.fhirVersion, resources };
  }

  async searchPatients(tenantId: string, criteria: PatientCriteria): Promise<PatientSearchResult> {
    const { client, adapter } = await this.session(tenantId);
    const bundle = await client.postForm('Patient/_search', adapter.patientSearchForm(criteria));
    type SearchEntry = { resource?: FhirResource; search?: { mode?: string } };
    const entries = Array.isArray(bundle.entry) ? (bundle.entry as SearchEntry[]) : [];
    const patients = entries
      .filter((e) => e.resource?.resourceType === 'Patient' && e.search?.mode !== 'include')
      .map((e) => adapter.toPatient(e.resource as FhirResource));
    return typeof bundle.total === 'number' ? { patients, total: bundle.total } : { patients };
  }

  async patientDetail(tenantId: string, patientId: string): Promise<PatientDetail> {
    const session = await this.session(tenantId);
    const outcomes = await this.run(session, this.queriesFor(session, patientId, PATIENT_PARTS, true));
    const read = outcomes.find((o) => o.query.part === 'patient');
    if (read?.failure) throw read.failure;
    if (read && (read.status === 404 || read.status === 410)) throw notFound('Patient not found');
    if (read && (read.status < 200 || read.status > 299)) throw new FhirStatusError(read.status, session.client.who);
    const assembled = assembleRecord(session.adapter, outcomes);
    const { patient, ...rest } = assembled.record;
    if (!patient) throw notFound('Patient not found');
    if (assembled.locationToResolve) {
      // One plain GET: the only read that depends on another's answer.
      const read = { resourceType: 'Location', url: assembled.locationToResolve };
      const [location] = await runQueries(session.client, [read], { hasBatch: false, onNoBatch: () => undefined });
      if (location) applyLocation(session.adapter, assembled.record, location);
    }
    return {
      ...rest,
      patient,
      encounter: assembled.record.encounter,
      issues: rest.issues.filter((issue) => !issue.startsWith('Patient:')),
    };
  }

  async records(
    tenantId: string,
    patientIds: readonly string[],
    parts: readonly PatientPart[],
    includePatient: boolean,
  ): Promise<Map<string, PatientRecord>> {
    const ids = [...new Set(patientIds)];
    const result = new Map<string, PatientRecord>(ids.map((id) => [id, emptyRecord()]));
    if (ids.length === 0 || (parts.length === 0 && !includePatient)) return result;
    const session = await this.session(tenantId);
    const queries = ids.flatMap((patientId) =>
      this.queriesFor(session, patientId, parts, includePatient).map((q) => ({ ...q, patientId })),
    );
    const outcomes = await this.run(session, queries);
    // Nothing at all came back: the EHR is down, and the caller decides what to show.
    const firstFailure = outcomes[0]?.failure;
    if (firstFailure && outcomes.every((o) => o.failure)) throw firstFailure;

    // One pass to group the outcomes by patient, not one scan of all of them per patient.
    const byPatient = new Map<string, typeof outcomes>(ids.map((id) => [id, []]));
    for (const outcome of outcomes) byPatient.get(outcome.query.patientId)?.push(outcome);
    const assembled = ids.map((id) => {
      const one = assembleRecord(session.adapter, byPatient.get(id) ?? []);
      result.set(id, one.record);
      return one;
    });
    await this.resolveLocations(session, assembled);
    return result;
  }

  /** Location reads of every record that needs one, deduplicated, in one more batch round trip. */
  private async resolveLocations(session: Session, records: readonly AssembledRecord[]): Promise<void> {
    const urls = [...new Set(records.flatMap((r) => (r.locationToResolve ? [r.locationToResolve] : [])))];
    if (urls.length === 0) return;
    const outcomes = await this.run(session, urls.map((url) => ({ resourceType: 'Location', url })));
    const byUrl = new Map(outcomes.map((o) => [o.query.url, o]));
    for (const r of records) {
      const outcome = r.locationToResolve ? byUrl.get(r.locationToResolve) : undefined;
      if (outcome) applyLocation(session.adapter, r.record, outcome);
    }
  }

  /** The adapter's queries, without the parts whose resource type the server says it does not serve. */
  private queriesFor(
    session: Session,
    patientId: string,
    parts: readonly PatientPart[],
    includePatient: boolean,
  ): PartQuery[] {
    const declared = session.capabilities.resourceTypes;
    return session.adapter
      .patientQueries(patientId, parts, includePatient)
      .filter((q) => q.part === 'patient' || declared.size === 0 || declared.has(q.resourceType));
  }

  private run<Q extends Query>(session: Session, queries: readonly Q[]): Promise<QueryOutcome<Q>[]> {
    return runQueries(session.client, queries, {
      hasBatch: session.capabilities.hasBatch,
      onNoBatch: () => this.capabilities.markNoBatch(session.tenantId),
      chunkConcurrency: this.options.chunkConcurrency,
      getConcurrency: this.options.getConcurrency,
    });
  }

  private async session(tenantId: string): Promise<Session> {
    const endpoint = this.options.router.endpointFor(tenantId);
    let client = this.clients.get(endpoint.tenantId);
    if (!client) {
      client = new TenantFhirClient(endpoint, this.options.timeoutMs ?? DEFAULT_FHIR_TIMEOUT_MS);
      this.clients.set(endpoint.tenantId, client);
    }
    const fhirClient = client;
    const capabilities = await this.capabilities.get(endpoint.tenantId, () => fetchCapabilities(fhirClient));
    const adapter = this.options.adapterFor(capabilities.fhirVersion);
    return { tenantId: endpoint.tenantId, client, capabilities, adapter };
  }
}
