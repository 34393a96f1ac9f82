// Turns the outcomes of one patient's reads into a PatientRecord of view models, through the adapter.
import type { FhirAdapter, FhirResource, PartQuery } from './adapters/adapter.js';
import { issueOf, resourcesOf, type QueryOutcome } from './batch.js';
import type { PatientRecord } from './ehr.js';

export interface AssembledRecord {
  record: PatientRecord;
  /** `Location/<id>` to read when the latest encounter names its location without a display. */
  locationToResolve?: string;
}

export function emptyRecord(): PatientRecord {
  return { conditions: [], vitals: [], allergies: [], medications: [], coverage: [], issues: [] };
}

/** Runs an adapter conversion; adapters should not throw, but one odd resource must not sink the page. */
function safely<T>(record: PatientRecord, resourceType: string, convert: () => T): T | undefined {
  try {
    return convert();
  } catch {
    record.issues.push(`${resourceType}: could not be read`);
    return undefined;
  }
}

export function assembleRecord(adapter: FhirAdapter, outcomes: readonly QueryOutcome<PartQuery>[]): AssembledRecord {
  const record = emptyRecord();
  let locationToResolve: string | undefined;
  for (const outcome of outcomes) {
    const issue = issueOf(outcome);
    if (issue) {
      record.issues.push(issue);
      continue;
    }
    const { part, resourceType } = outcome.query;
    const resources = resourcesOf(outcome, resourceType);
    const each = <T>(convert: (r: FhirResource) => T): T[] =>
      resources.flatMap((r) => {
        const value = safely(record, resourceType, () => convert(r));
        return value === undefined ? [] : [value];
      });
    switch (part) {
      case 'patient': {
        const first = resources[0];
        if (first) record.patient = safely(record, resourceType, () => adapter.toPatient(first));
        else record.issues.push('Patient: not found in the EHR');
        break;
      }
      case 'encounter': {
        const first = resources[0];
        if (!first) break;
        record.encounter = safely(record, resourceType, () => adapter.toEncounter(first));
        if (record.encounter && !record.encounter.location)
          locationToResolve = safely(record, resourceType, () => adapter.locationToResolve(first));
        break;
      }
      case 'conditions':
        record.conditions = each((r) => adapter.toCondition(r));
        break;
      case 'vitals':
        record.vitals = safely(record, resourceType, () => adapter.toVitals(resources)) ?? [];
        break;
      case 'allergies':
        record.allergies = each((r) => adapter.toAllergy(r));
        break;
      case 'medications':
        record.medications = each((r) => adapter.toMedication(r));
        break;
      case 'coverage':
        record.coverage = each((r) => adapter.toCoverage(r));
        break;
    }
  }
  return { record, locationToResolve };
}

/** Puts the name of a read Location into the encounter, or an issue line when the read failed. */
export function applyLocation(adapter: FhirAdapter, record: PatientRecord, outcome: QueryOutcome): void {
  const issue = issueOf(outcome);
  if (issue) {
    record.issues.push(issue);
    return;
  }
  const location = resourcesOf(outcome, 'Location')[0];
  const name = location ? safely(record, 'Location', () => adapter.toLocationName(location)) : undefined;
  if (name && record.encounter) record.encounter = { ...record.encounter, location: name };
}
