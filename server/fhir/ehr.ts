import type { Connection, PatientDetail, PatientSearchResult, PatientSummary } from '../api/contract.js';
import type { PatientCriteria, PatientPart } from './adapters/adapter.js';

/** What the EHR says of one patient (a PatientDetail whose Patient may be missing); only the parts asked for are filled. */
export type PatientRecord = Omit<PatientDetail, 'patient'> & { patient?: PatientSummary };

/** Read-only access to each tenant's EHR, as view models. The tenant always comes from a verified token. */
export interface Ehr {
  connection(tenantId: string): Promise<Connection>;
  searchPatients(tenantId: string, criteria: PatientCriteria): Promise<PatientSearchResult>;
  /** One batch Bundle of the patient-scoped reads (parallel GETs when the server has no batch). */
  patientDetail(tenantId: string, patientId: string): Promise<PatientDetail>;
  /**
   * Live data for many patients, only the parts asked for (plus the Patient itself when `includePatient`):
   * one batch round trip per chunk of requests, chunks in parallel with a small bound.
   */
  records(
    tenantId: string,
    patientIds: readonly string[],
    parts: readonly PatientPart[],
    includePatient: boolean,
  ): Promise<Map<string, PatientRecord>>;
}
