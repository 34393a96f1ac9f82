// The requests Rounds sends, exactly as the shared FHIR query table says (partner-interface.md §4). The
// version adapters fill in a QueryDialect; nothing here knows which version it is writing for.
import { DEFAULT_LAB_CODES } from '../../clinical/lab-ranges.js';
import type { PartQuery, PatientCriteria, PatientPart, QueryOptions } from './adapter.js';

export interface QueryDialect {
  /** DSTU2 `family:contains`, STU3/R4 `family`. */
  familyParam: 'family' | 'family:contains';
  /** Newest first: DSTU2 `_sort:desc=date`, STU3/R4 `_sort=-date`. */
  newestFirst: '_sort:desc=date' | '_sort=-date';
  medicationResourceType: 'MedicationOrder' | 'MedicationRequest';
  /** The Coverage search parameter naming the patient: DSTU2 `subscriber`, STU3 `beneficiary`, R4 `patient`. */
  coverageParam: 'subscriber' | 'beneficiary' | 'patient';
}

export function patientSearchForm(criteria: PatientCriteria, dialect: QueryDialect): URLSearchParams {
  const form = new URLSearchParams();
  const add = (name: string, value: string | number | undefined): void => {
    if (value !== undefined && String(value).trim() !== '') form.append(name, String(value).trim());
  };
  add('_id', criteria.id);
  add(dialect.familyParam, criteria.family);
  add('given', criteria.given);
  add('name', criteria.name);
  add('birthdate', criteria.birthdate);
  add('gender', criteria.gender);
  add('identifier', criteria.mrn);
  add('_count', criteria.count);
  return form;
}

const LOINC = 'http://loinc.org';

/**
 * The labs: laboratory observations of the configured LOINC codes only (`code` takes a comma-separated OR of
 * system|code tokens in every version: hl7.org/fhir/DSTU2/search.html#token), so the newest 100 are the newest
 * of those tests, not of every test the laboratory ran.
 */
function labsQuery(id: string, dialect: QueryDialect, codes: readonly string[]): PartQuery | undefined {
  if (codes.length === 0) return undefined; // no lab asked for: nothing to read
  const tokens = codes.map((code) => `${LOINC}|${encodeURIComponent(code)}`).join(',');
  return {
    part: 'labs',
    resourceType: 'Observation',
    url: `Observation?patient=${id}&category=laboratory&code=${tokens}&${dialect.newestFirst}&_count=100`,
    labCodes: codes,
  };
}

/** `patient=Patient/<id>`: servers differ on bare ids in reference parameters, all take the typed form. */
function partQuery(part: PatientPart, id: string, dialect: QueryDialect, options: QueryOptions): PartQuery | undefined {
  switch (part) {
    case 'encounter':
      return { part, resourceType: 'Encounter', url: `Encounter?patient=${id}&${dialect.newestFirst}&_count=1` };
    case 'conditions':
      return { part, resourceType: 'Condition', url: `Condition?patient=${id}&_count=50` };
    case 'vitals':
      return {
        part,
        resourceType: 'Observation',
        url: `Observation?patient=${id}&category=vital-signs&${dialect.newestFirst}&_count=100`,
      };
    case 'labs':
      return labsQuery(id, dialect, options.labCodes ?? DEFAULT_LAB_CODES);
    case 'allergies':
      return { part, resourceType: 'AllergyIntolerance', url: `AllergyIntolerance?patient=${id}` };
    case 'medications': {
      const type = dialect.medicationResourceType;
      return { part, resourceType: type, url: `${type}?patient=${id}&_count=50` };
    }
    case 'coverage':
      return { part, resourceType: 'Coverage', url: `Coverage?${dialect.coverageParam}=${id}` };
    default:
      return undefined; // not a PatientPart (an untyped caller): nothing to ask for
  }
}

export function patientQueries(
  patientId: string,
  parts: readonly PatientPart[],
  dialect: QueryDialect,
  options: QueryOptions = {},
): PartQuery[] {
  const id = `Patient/${encodeURIComponent(patientId)}`;
  const queries: PartQuery[] = options.includePatient ? [{ part: 'patient', resourceType: 'Patient', url: patientReadUrl(patientId) }] : [];
  for (const part of new Set(parts)) {
    const query = partQuery(part, id, dialect, options);
    if (query) queries.push(query);
  }
  return queries;
}

export const patientReadUrl = (patientId: string): string => `Patient/${encodeURIComponent(patientId)}`;

/**
 * One search for many patients, `Patient?_id=a,b,c&_count=3` (`_id` takes a comma-separated OR in every
 * version: hl7.org/fhir/DSTU2/search.html#id). A list's Patients cost one batch entry per `batchSize`
 * patients instead of one each.
 */
export function patientGroupUrl(patientIds: readonly string[]): string {
  return `Patient?_id=${patientIds.map(encodeURIComponent).join(',')}&_count=${patientIds.length}`;
}
