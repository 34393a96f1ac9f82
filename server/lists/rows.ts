// Live rows of a list: one Ehr.records call for every EHR patient on it (the service batches the reads).
// A failed patient gets its own issues; an EHR that is down still leaves every row with its saved snapshot.
import type { ColumnId, Entry, List, Row, RowsResponse } from '../api/contract.js';
import type { Ehr, PatientRecord } from '../fhir/ehr.js';
import { isApiError } from '../errors.js';
import { partsForColumns } from './columns.js';

function emptyRow(entry: Entry): Row {
  const row: Row = {
    entryId: entry.id,
    display: entry.display,
    conditions: [],
    vitals: [],
    allergies: [],
    medications: [],
    coverage: [],
    issues: [],
  };
  if (entry.mrn !== undefined) row.mrn = entry.mrn;
  if (entry.manual) row.manual = entry.manual;
  if (entry.note) row.note = entry.note;
  return row;
}

function withRecord(row: Row, record: PatientRecord): Row {
  const live: Row = {
    ...row,
    conditions: record.conditions,
    vitals: record.vitals,
    allergies: record.allergies,
    medications: record.medications,
    coverage: record.coverage,
    issues: [...record.issues],
  };
  if (record.patient) live.patient = record.patient;
  if (record.encounter) live.encounter = record.encounter;
  return live;
}

/** Why the whole EHR read failed, in words fit for the clinician: no PHI, no internals. */
function describeOutage(error: unknown): string {
  return isApiError(error) ? error.message : 'the EHR could not be read';
}

export class RowService {
  constructor(
    private readonly ehr: Ehr | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `columns` decides which parts are read: the list's own, or more (the CSV export's re-import block). */
  async forList(tenantId: string, list: List, columns: readonly ColumnId[] = list.columns): Promise<RowsResponse> {
    const patientIds = [...new Set(list.entries.flatMap((e) => (e.patientId ? [e.patientId] : [])))];
    let records = new Map<string, PatientRecord>();
    let outage: string | undefined;
    if (patientIds.length > 0) {
      if (!this.ehr) {
        outage = 'no EHR connection is configured';
      } else {
        try {
          records = await this.ehr.records(tenantId, patientIds, partsForColumns(columns), true);
        } catch (error) {
          outage = describeOutage(error);
        }
      }
    }
    const rows = list.entries.map((entry): Row => {
      const row = emptyRow(entry);
      if (!entry.patientId) return row;
      if (outage !== undefined) return { ...row, issues: [`EHR unavailable (${outage}): showing the saved name and MRN`] };
      const record = records.get(entry.patientId);
      return record ? withRecord(row, record) : { ...row, issues: ['Patient: no answer from the EHR'] };
    });
    return { rows, fetchedAt: this.now().toISOString() };
  }
}
