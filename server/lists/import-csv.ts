// Reads the CSV of export-csv.ts (or a hand-made one with at least a name, mrn or patientId column).
import { parse } from 'csv-parse/sync';
import { COLUMN_IDS, type ColumnId } from '../wire/contract.js';
import { badRequest } from '../errors.js';
import { checkCandidate, type ParsedImport } from './import-candidate.js';
import { unescapeCell } from './csv-cells.js';
import { LIST_LIMITS } from './limits.js';
import { COLUMN_BY_FOLDED_LABEL, foldHeader } from './export-labels.js';

/** Header spellings people use, folded to lower-case letters and digits. */
const FIELD_ALIASES: Record<string, 'patientId' | 'mrn' | 'name' | 'birthDate' | 'gender' | 'location' | 'note'> = {
  patientid: 'patientId',
  mrn: 'mrn',
  medicalrecordnumber: 'mrn',
  name: 'name',
  patient: 'name',
  patientname: 'name',
  birthdate: 'birthDate',
  dob: 'birthDate',
  dateofbirth: 'birthDate',
  gender: 'gender',
  sex: 'gender',
  location: 'location',
  note: 'note',
  notes: 'note',
};
// A column reads back from its id or from its label in any language of the export ("IPP", "Chambre/lit").
const COLUMN_BY_FOLDED = new Map<string, ColumnId>([...COLUMN_BY_FOLDED_LABEL, ...COLUMN_IDS.map((c) => [c.toLowerCase(), c] as const)]);
const fold = foldHeader;

/**
 * csv-parse's reason and line, without the rest of its message: that goes on to quote the cell it stopped at
 * ("…value is \"Smith\""), a patient's name or MRN that has no place in an error body.
 */
function csvProblemOf(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const reason = /^[A-Za-z ]{1,60}(?=:)/.exec(error.message)?.[0];
  const line = (error as { lines?: unknown }).lines;
  return `${reason ? `: ${reason}` : ''}${typeof line === 'number' ? ` (line ${line})` : ''}`;
}

function readRecords(text: string): string[][] {
  try {
    // No trimming here: a note comes back exactly as exported; checkCandidate trims the other fields.
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw badRequest(`The CSV could not be read${csvProblemOf(error)}`);
  }
}

/** The list's columns: the header's column ids before the re-import block (which starts at `patientId`). */
function columnsOf(folded: readonly string[]): ColumnId[] | undefined {
  const end = folded.indexOf('patientid');
  const columns = (end >= 0 ? folded.slice(0, end) : folded).flatMap((h) => {
    const column = COLUMN_BY_FOLDED.get(h);
    return column ? [column] : [];
  });
  const unique = [...new Set(columns)];
  return unique.length > 0 ? unique : undefined;
}

export function parseCsvImport(text: string): ParsedImport {
  const [header, ...lines] = readRecords(text);
  if (!header) throw badRequest('The CSV is empty: it needs a header line and one line per patient');
  const folded = header.map(fold);
  const numbered = lines.map((line, i) => ({ line, label: `row ${i + 2}` })).filter(({ line }) => line.some((v) => v.trim() !== ''));
  // The re-import block (from `patientId` on) names its fields by stable id: read them there first, since a
  // translated column before it may fold to a field's alias ("Patient") or to none ("IPP").
  const blockStart = Math.max(folded.indexOf('patientid'), 0);
  const indexOf = (field: string): number => {
    const inBlock = folded.findIndex((h, i) => i >= blockStart && FIELD_ALIASES[h] === field);
    return inBlock >= 0 ? inBlock : folded.findIndex((h) => FIELD_ALIASES[h] === field);
  };
  const at = {
    patientId: indexOf('patientId'),
    mrn: indexOf('mrn'),
    name: indexOf('name'),
    birthDate: indexOf('birthDate'),
    gender: indexOf('gender'),
    location: indexOf('location'),
    note: indexOf('note'),
  };
  if (at.patientId < 0 && at.mrn < 0 && at.name < 0)
    throw badRequest('The CSV header needs a patientId, mrn or name column');
  if (numbered.length > LIST_LIMITS.entriesPerList)
    throw badRequest(`entries: a list holds at most ${LIST_LIMITS.entriesPerList} patients (the CSV has ${numbered.length})`);
  const cell = (line: string[], index: number): string | undefined =>
    index >= 0 && line[index] !== undefined ? unescapeCell(line[index]) : undefined;
  const candidates = numbered.map(({ line, label }) => {
      const note = cell(line, at.note);
      return checkCandidate({
        label,
        patientId: cell(line, at.patientId),
        mrn: cell(line, at.mrn),
        name: cell(line, at.name),
        birthDate: cell(line, at.birthDate),
        gender: cell(line, at.gender),
        location: cell(line, at.location),
        note: note ? { text: note } : undefined,
      });
    });
  return { columns: columnsOf(folded), candidates };
}
