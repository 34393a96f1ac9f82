// A patient search the way clinicians type it: the name box is read as "Last, First", "First Last" or
// "Last First" (name-query.ts), and an MRN typed in lower case is tried upper-cased too. The readings are
// tried in order until one finds someone; the answer says which searches were made.
import type { PatientSearchResult, SearchTerms } from '../wire/contract.js';
import type { PatientCriteria } from './adapters/adapter.js';
import type { Ehr } from './ehr.js';
import { readNameQuery, type NameReading } from './name-query.js';

/** The MRN as typed, then upper-cased if that differs (MRNs are mostly upper case; identifier search is exact). */
function mrnReadings(mrn: string | undefined): (string | undefined)[] {
  if (mrn === undefined) return [undefined];
  const upper = mrn.toUpperCase();
  return upper === mrn ? [mrn] : [mrn, upper];
}

/** Every search to try, the likeliest first: each reading of the name with each reading of the MRN. */
function searchAttempts(criteria: PatientCriteria): PatientCriteria[] {
  const { name, ...rest } = criteria;
  const names: NameReading[] = name === undefined ? [{}] : readNameQuery(name);
  const attempts: PatientCriteria[] = [];
  for (const reading of names.length > 0 ? names : [{}]) {
    for (const mrn of mrnReadings(criteria.mrn)) {
      // Family and given sent explicitly (older clients) win over a reading of the name box.
      const attempt: PatientCriteria = { ...reading, ...rest };
      if (mrn !== undefined) attempt.mrn = mrn;
      attempts.push(attempt);
    }
  }
  return attempts;
}

function termsOf(criteria: PatientCriteria): SearchTerms {
  const terms: SearchTerms = {};
  for (const key of ['name', 'family', 'given', 'mrn', 'birthdate', 'gender'] as const) {
    const value = criteria[key];
    if (value !== undefined) terms[key] = value;
  }
  return terms;
}

export async function searchPatientsAsTyped(
  ehr: Pick<Ehr, 'searchPatients'>,
  tenantId: string,
  criteria: PatientCriteria,
): Promise<PatientSearchResult> {
  const searched: SearchTerms[] = [];
  let result: PatientSearchResult = { patients: [] };
  for (const attempt of searchAttempts(criteria)) {
    searched.push(termsOf(attempt));
    result = await ehr.searchPatients(tenantId, attempt);
    if (result.patients.length > 0) break;
  }
  return { ...result, searched };
}
