// CSV export: one line per entry with the list's columns as text, then the columns an import needs to
// rebuild the list (patientId, name, mrn, birthDate, gender, location, note) unless already among them.
import { stringify } from 'csv-stringify/sync';
import type { ColumnId, List, RowsResponse } from '../wire/contract.js';
import { cellText } from './render-cells.js';
import { escapeCell } from './csv-cells.js';

/** The columns of the re-import block after its `patientId`. */
const REIMPORT_DATA: readonly ColumnId[] = ['name', 'mrn', 'birthDate', 'gender', 'location', 'note'];

/** The re-import block always starts with `patientId`, which is never a column: the import splits there. */
export function csvHeader(columns: readonly ColumnId[]): string[] {
  return [...columns, 'patientId', ...REIMPORT_DATA.filter((c) => !columns.includes(c))];
}

/** The columns whose data the export needs from the EHR: the list's and the re-import block's. */
export function exportColumns(list: List): ColumnId[] {
  return [...new Set<ColumnId>([...list.columns, ...REIMPORT_DATA])];
}

export function listToCsv(list: List, rows: RowsResponse, now: Date): string {
  const header = csvHeader(list.columns);
  const byEntry = new Map(rows.rows.map((r) => [r.entryId, r]));
  const records = list.entries.map((entry) => {
    const row = byEntry.get(entry.id);
    return header.map((column) => {
      // A FHIR id may start with "-" (`-2-3`): every cell is escaped, the id too.
      if (column === 'patientId') return escapeCell(entry.patientId ?? '');
      if (!row) return '';
      return escapeCell(cellText(column as ColumnId, row, now));
    });
  });
  // A byte-order mark, so spreadsheet programs read the UTF-8 (accented names) correctly.
  return stringify([header, ...records], { bom: true, record_delimiter: '\r\n' });
}
