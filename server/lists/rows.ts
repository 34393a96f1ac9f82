// Live rows of a list: one Ehr.records call for every EHR patient on it (the service batches the reads).
// A failed patient gets its own issues; an EHR that is down still leaves every row with its saved snapshot.
import type { ColumnId, Entry, List, Row, RowsResponse } from '../wire/contract.js';
import type { Ehr, PatientRecord } from '../fhir/ehr.js';
import { isApiError } from '../errors.js';
import { partsForColumns } from './columns.js';
import { news2Of } from '../clinical/news2.js';

function emptyRow(entry: Entry): Row {
  const row: Row = {
    entryId: entry.id,
    display: entry.display,
    conditions: [],
    vitals: [],
    labs: [],
    allergies: [],
    medications: [],
    coverage: [],
    issues: [],
    changes: [],
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
    labs: record.labs,
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

export interface RowsOptions {
  /** The columns whose parts are read: the list's own by default, or more (the CSV export's re-import block). */
  columns?: readonly ColumnId[];
  /** Ask the EHR again instead of using answers shared in the last FHIR_CACHE_SECONDS (Refresh). */
  isFresh?: boolean;
}

/** What the rows of a list are made of besides the records: its entries, as they stand, and its columns. */
function signatureOf(list: List, columns: readonly ColumnId[]): string {
  return `${columns.join(',')} ${list.entries.map((e) => `${e.id}:${e.version}`).join(',')}`;
}

export class RowService {
  /**
   * The rows last built from a records Map (the EHR side hands out the same Map while its answers stand), per
   * list and with the signature they were built for: a list opened by many clinicians is built, and serialised,
   * once per change. Lives as long as that Map.
   */
  private readonly built = new WeakMap<object, Map<string, { signature: string; response: RowsResponse }>>();

  constructor(
    private readonly ehr: Ehr | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Rows of every entry; `fetchedAt` is when the oldest EHR answer used was given. */
  async forList(tenantId: string, list: List, options: RowsOptions = {}): Promise<RowsResponse> {
    const columns = options.columns ?? list.columns;
    const patientIds = [...new Set(list.entries.flatMap((e) => (e.patientId ? [e.patientId] : [])))];
    let records: ReadonlyMap<string, PatientRecord> = new Map<string, PatientRecord>();
    let fetchedAt: string | undefined;
    let outage: string | undefined;
    if (patientIds.length > 0) {
      if (!this.ehr) {
        outage = 'no EHR connection is configured';
      } else {
        try {
          const parts = partsForColumns(columns);
          ({ records, fetchedAt } = await this.ehr.records(tenantId, patientIds, { parts, includePatient: true, isFresh: options.isFresh }));
        } catch (error) {
          outage = describeOutage(error);
        }
      }
    }
    const signature = signatureOf(list, columns);
    const known = outage === undefined ? this.built.get(records)?.get(list.id) : undefined;
    if (known?.signature === signature) return known.response;
    const now = this.now();
    const withNews2 = columns.includes('news2');
    const rows = list.entries.map((entry): Row => {
      const row = emptyRow(entry);
      if (!entry.patientId) return row;
      if (outage !== undefined) return { ...row, issues: [`EHR unavailable (${outage}): showing the saved name and MRN`] };
      const record = records.get(entry.patientId);
      if (!record) return { ...row, issues: ['Patient: no answer from the EHR'] };
      const live = withRecord(row, record);
      const news2 = withNews2 ? news2Of(live.vitals, { now }) : undefined;
      return news2 ? { ...live, news2 } : live;
    });
    const response: RowsResponse = { rows, fetchedAt: fetchedAt ?? now.toISOString() };
    if (outage === undefined && fetchedAt !== undefined) {
      let byList = this.built.get(records);
      if (!byList) this.built.set(records, (byList = new Map<string, { signature: string; response: RowsResponse }>()));
      byList.set(list.id, { signature, response });
    }
    return response;
  }
}
