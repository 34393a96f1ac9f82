// POST [base]/Patient/_search with each parameter Rounds sends, built by Rounds' own adapter so the form is
// exactly the app's (DSTU2 `family:contains`, `_id`, `identifier=<MRN>` …). Each answer must be a searchset
// that finds the test patient, holds only patients that match, and states its `total`.
import type { PatientSummary } from '../../server/wire/contract.js';
import type { PatientCriteria } from '../../server/fhir/adapters/adapter.js';
import { ofType, readSearchset } from './bundle.js';
import { outcomeCode } from './http.js';
import { searchPatients } from './patient-checks.js';
import type { Session } from './session.js';

const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
type Gender = (typeof GENDERS)[number];
const isGender = (value: string | undefined): value is Gender => GENDERS.includes(value as Gender);

interface SearchCase {
  id: string;
  criteria?: PatientCriteria;
  /** What every result must satisfy (only where the view model shows it unambiguously). */
  matches?: (p: PatientSummary) => boolean;
  /** The test patient must be among the results (narrow searches). */
  mustFindPatient: boolean;
  /** `_count` itself: at most this many results. */
  maxResults?: number;
  needs: string;
}

// Up to 50 results per search, so a narrow search (same birth date, same family) still shows the test patient.
const PAGE = 50;

function cases(p: PatientSummary): SearchCase[] {
  const birthdate = p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? p.birthDate : undefined;
  const gender = isGender(p.gender) ? p.gender : undefined;
  return [
    { id: 'search.id', criteria: { id: p.id, count: PAGE }, matches: (r) => r.id === p.id, mustFindPatient: true, needs: 'id' },
    { id: 'search.family', criteria: p.family ? { family: p.family, count: PAGE } : undefined, mustFindPatient: true, needs: 'family name' },
    { id: 'search.given', criteria: p.given[0] ? { given: p.given[0], count: PAGE } : undefined, mustFindPatient: true, needs: 'given name' },
    { id: 'search.name', criteria: p.family ? { name: p.family, count: PAGE } : undefined, mustFindPatient: true, needs: 'family name' },
    {
      id: 'search.birthdate',
      criteria: birthdate ? { birthdate, count: PAGE } : undefined,
      matches: (r) => r.birthDate === birthdate,
      mustFindPatient: true,
      needs: 'birthDate (YYYY-MM-DD)',
    },
    {
      id: 'search.gender',
      criteria: gender ? { gender, count: PAGE } : undefined,
      matches: (r) => r.gender === gender,
      mustFindPatient: false,
      needs: 'gender',
    },
    {
      id: 'search.identifier',
      criteria: p.mrn ? { mrn: p.mrn, count: PAGE } : undefined,
      matches: (r) => r.mrn === p.mrn,
      mustFindPatient: true,
      needs: 'MRN',
    },
    { id: 'search._count', criteria: gender ? { gender, count: 1 } : undefined, mustFindPatient: false, maxResults: 1, needs: 'gender' },
  ];
}

/** The parameter names of the form, for the table (e.g. `family:contains`). */
function paramsOf(form: URLSearchParams): string {
  return [...new Set(form.keys())].filter((key) => key !== '_count').join('&') || '_count';
}

async function runCase(s: Session, patient: PatientSummary, c: SearchCase): Promise<void> {
  const adapter = s.adapter!;
  const form = adapter.patientSearchForm(c.criteria!);
  const name = `Patient/_search by ${c.maxResults ? '_count' : paramsOf(form)}`;
  const outcome = await searchPatients(s, form);
  if (!outcome.ok) return s.fail(c.id, name, outcome.reason);
  const { status, body } = outcome.answer;
  if (status !== 200) return s.fail(c.id, name, `answered ${status}${outcomeCode(body)}`);
  const set = readSearchset(body);
  if (typeof set === 'string') return s.fail(c.id, name, set);
  const found = ofType(set.matches, 'Patient').map((r) => adapter.toPatient(r));
  if (c.maxResults !== undefined && found.length > c.maxResults)
    return s.fail(c.id, name, `_count=${c.maxResults} answered ${found.length} patients`);
  const wrong = c.matches ? found.filter((r) => !c.matches!(r)).length : 0;
  if (wrong > 0) return s.fail(c.id, name, `${wrong} of ${found.length} results do not match the criterion: the parameter looks ignored`);
  if (c.mustFindPatient && !found.some((r) => r.id === patient.id)) {
    const isPaged = set.total !== undefined && set.total > found.length;
    if (!isPaged) return s.fail(c.id, name, `the test patient is not among the ${found.length} results`);
    return s.warn(c.id, name, `the test patient is not on the first page of ${set.total} results; could not confirm`);
  }
  if (set.total === undefined) return s.warn(c.id, name, 'the searchset has no total (the spec asks for it)');
  s.pass(c.id, name, `${found.length} of ${set.total}`);
}

export async function checkPatientSearches(s: Session): Promise<void> {
  const patient = s.patient && s.adapter ? s.adapter.toPatient(s.patient) : undefined;
  const nobody: PatientSummary = { id: '', name: '', given: [], prefix: [] };
  for (const c of cases(patient ?? nobody)) {
    const name = `Patient/_search by ${c.id.slice('search.'.length)}`;
    if (!patient) s.skip(c.id, name, 'no test patient');
    else if (!c.criteria) s.skip(c.id, name, `the test patient has no ${c.needs}`);
    else await runCase(s, patient, c);
  }
}
