import type { Connection, PatientDetail, PatientSearchResult, PatientSummary } from '../wire/contract.js';
import type { PatientCriteria, PatientPart } from './adapters/adapter.js';

export interface RecordsOptions {
  /** The patient-scoped reads wanted. */
  parts: readonly PatientPart[];
  /** Read the Patient itself too (name, MRN, age). */
  includePatient?: boolean;
  /** Ask the EHR again instead of using answers shared in the last FHIR_CACHE_SECONDS (Refresh). */
  isFresh?: boolean;
}

export interface RecordsResult {
  records: Map<string, PatientRecord>;
  /** When the oldest answer used was given by the EHR (ISO); absent when nothing was read. */
  fetchedAt?: string;
}

/** What the EHR says of one patient (a PatientDetail whose Patient may be missing); only the parts asked for are filled. */
export type PatientRecord = Omit<PatientDetail, 'patient'> & { patient?: PatientSummary };

/** Read-only access to each tenant's EHR, as view models. The tenant always comes from a verified token. */
export interface Ehr {
  connection(tenantId: string): Promise<Connection>;
  searchPatients(tenantId: string, criteria: PatientCriteria): Promise<PatientSearchResult>;
  /** The next page of a search, by the opaque `next` cursor it answered with. */
  morePatients(tenantId: string, cursor: string): Promise<PatientSearchResult>;
  /** One batch Bundle of the patient-scoped reads (parallel GETs when the server has no batch). */
  patientDetail(tenantId: string, patientId: string): Promise<PatientDetail>;
  /**
   * Live data for many patients, only the parts asked for: one round trip of batch Bundles sent together,
   * plus one when references need a name. Answers are shared between users for FHIR_CACHE_SECONDS.
   */
  records(tenantId: string, patientIds: readonly string[], options: RecordsOptions): Promise<RecordsResult>;
}
