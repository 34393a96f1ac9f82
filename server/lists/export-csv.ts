// CSV export: one line per entry, in the list's saved sort, with the list's columns as text under their labels in
// the user's language, then the columns an import needs to rebuild the list under their stable ids (patientId,
// name, mrn, birthDate, gender, location, note).
import { stringify } from 'csv-stringify/sync';
import type { ColumnId, List, Row, RowsResponse } from '../wire/contract.js';
import { cellText } from './render-cells.js';
import { escapeCell } from './csv-cells.js';
import { EXPORT_LABELS, type ExportLanguage } from './export-labels.js';
import { sortRowsForExport } from './sort-rows.js';

/** The columns of the re-import block after its `patientId`. */
const REIMPORT_DATA: readonly ColumnId[] = ['name', 'mrn', 'birthDate', 'gender', 'location', 'note'];

/**
 * The list's column labels, then the re-import block, which always starts with `patientId` (never a column: the
 * import splits there) and always holds every field, since a translated label is not a field name.
 */
export function csvHeader(columns: readonly ColumnId[], language: ExportLanguage): string[] {
  const labels = EXPORT_LABELS[language].columns;
  return [...columns.map((column) => labels[column]), 'patientId', ...REIMPORT_DATA];
}

/** The columns whose data the export needs from the EHR: the list's and the re-import block's. */
export function exportColumns(list: List): ColumnId[] {
  return [...new Set<ColumnId>([...list.columns, ...REIMPORT_DATA])];
}

export function listToCsv(list: List, rows: RowsResponse, now: Date, language: ExportLanguage = 'en'): string {
  const labels = EXPORT_LABELS[language];
  const byEntry = new Map(rows.rows.map((r) => [r.entryId, r]));
  const sorted = sortRowsForExport(
    list.entries.flatMap((entry) => byEntry.get(entry.id) ?? []),
    list.sort,
    language,
    now,
  );
  // Entries the EHR answer has no row for keep their place after the sorted ones, never dropped.
  const rank = new Map(sorted.map((row, index) => [row.entryId, index]));
  const entries = [...list.entries].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  const cells = (row: Row | undefined, columns: readonly ColumnId[]): string[] =>
    columns.map((column) => (row ? escapeCell(cellText(column, row, now, labels)) : ''));
  const records = entries.map((entry) => {
    const row = byEntry.get(entry.id);
    // A FHIR id may start with "-" (`-2-3`): every cell is escaped, the id too.
    return [...cells(row, list.columns), escapeCell(entry.patientId ?? ''), ...cells(row, REIMPORT_DATA)];
  });
  // A byte-order mark, so spreadsheet programs read the UTF-8 (accented names) correctly.
  return stringify([csvHeader(list.columns, language), ...records], { bom: true, record_delimiter: '\r\n' });
}
