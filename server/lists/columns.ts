import type { ColumnId } from '../wire/contract.js';
import type { PatientPart } from '../fhir/adapters/adapter.js';

/** The EHR read each column needs; columns absent here come from the Patient itself (or the store). */
const PART_OF_COLUMN: Partial<Record<ColumnId, PatientPart>> = {
  location: 'encounter',
  encounterStatus: 'encounter',
  admitted: 'encounter',
  attending: 'encounter',
  conditions: 'conditions',
  vitals: 'vitals',
  news2: 'vitals',
  labs: 'labs',
  allergies: 'allergies',
  medications: 'medications',
  coverage: 'coverage',
};

/** The patient-scoped reads a list's columns need, each once, in a stable order. */
export function partsForColumns(columns: readonly ColumnId[]): PatientPart[] {
  const parts = new Set<PatientPart>();
  for (const column of columns) {
    const part = PART_OF_COLUMN[column];
    if (part) parts.add(part);
  }
  return [...parts];
}
