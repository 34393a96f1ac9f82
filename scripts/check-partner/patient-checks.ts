// The test patient: found, readable by reference, refused without a token, and carrying the fields
// partner-interface.md §4 marks required (MRN, name, gender, birthDate), read through Rounds' own adapter.
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { readSearchset, ofType } from './bundle.js';
import { bearer, call, outcomeCode, resourceTypeOf, FHIR_ACCEPT } from './http.js';
import type { Session } from './session.js';

const MR_SYSTEMS = ['http://hl7.org/fhir/v2/0203', 'http://terminology.hl7.org/CodeSystem/v2-0203'];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export async function searchPatients(s: Session, form: URLSearchParams): ReturnType<typeof call> {
  return call(
    `${s.base}/Patient/_search`,
    { method: 'POST', headers: { ...bearer(s.token), 'content-type': 'application/x-www-form-urlencoded' }, body: form },
    s.http,
  );
}

async function readPatient(s: Session, patientId: string): Promise<FhirResource | string> {
  const outcome = await call(`${s.base}/Patient/${encodeURIComponent(patientId)}`, { headers: bearer(s.token) }, s.http);
  if (!outcome.ok) return outcome.reason;
  const { status, body } = outcome.answer;
  if (status !== 200) return `GET Patient/<id> answered ${status}${outcomeCode(body)}`;
  if (resourceTypeOf(body) !== 'Patient') return `GET Patient/<id> answered ${resourceTypeOf(body) ?? 'no FHIR JSON'}`;
  if ((body as FhirResource).id !== patientId) return 'GET Patient/<id> answered another patient';
  return body as FhirResource;
}

/** The test patient's id: given, else the first match of a search by family, else of a plain `_count` search. */
async function locatePatient(s: Session): Promise<{ id: string; note: string } | { reason: string }> {
  if (s.options.patientId) return { id: s.options.patientId, note: 'given with --patient-id' };
  const criteria = s.options.family ? { family: s.options.family, count: 5 } : { count: 1 };
  const how = s.options.family ? 'a search by --family' : 'a search with only _count (give --family or --patient-id)';
  const outcome = await searchPatients(s, s.adapter!.patientSearchForm(criteria));
  if (!outcome.ok) return { reason: outcome.reason };
  const { status, body } = outcome.answer;
  if (status !== 200) return { reason: `${how} answered ${status}${outcomeCode(body)}` };
  const set = readSearchset(body);
  if (typeof set === 'string') return { reason: `${how}: ${set}` };
  const first = ofType(set.matches, 'Patient').find((p) => typeof p.id === 'string' && p.id !== '');
  return first?.id ? { id: first.id, note: `patient id ${first.id}` } : { reason: `${how} found no patient` };
}

/** Finds the test patient and reads it by reference. */
export async function findTestPatient(s: Session): Promise<void> {
  const findId = 'patient.find';
  const findName = 'A test patient is found';
  const readId = 'patient.read';
  const readName = 'GET Patient/<id> reads it';
  if (!s.token || !s.adapter) {
    s.skip(findId, findName, 'needs a token and the FHIR version');
    return s.skip(readId, readName, 'needs a token and the FHIR version');
  }
  const located = await locatePatient(s);
  if ('reason' in located) {
    s.fail(findId, findName, located.reason);
    return s.skip(readId, readName, 'no test patient');
  }
  s.pass(findId, findName, located.note);
  const patient = await readPatient(s, located.id);
  if (typeof patient === 'string') return s.fail(readId, readName, patient);
  s.patient = patient;
  s.pass(readId, readName);
}

/** Patient data must not be served without a token. */
export async function checkRequiresToken(s: Session): Promise<void> {
  const id = 'fhir.requires-token';
  const name = 'Patient data is refused without a token';
  const path = s.patient?.id ? `Patient/${encodeURIComponent(s.patient.id)}` : undefined;
  if (!path) return s.skip(id, name, 'no test patient');
  const outcome = await call(`${s.base}/${path}`, { headers: { accept: FHIR_ACCEPT } }, s.http);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status } = outcome.answer;
  if (status === 401 || status === 403) return s.pass(id, name, String(status));
  s.fail(id, name, `GET Patient/<id> without a token answered ${status}, expected 401`);
}

/** An id no server has, for the OR-search below. */
const ABSENT_ID = 'rounds-check-absent';

/**
 * `GET Patient?_id=<id>,<absent>`: Rounds reads a list's Patients 50 at a time this way (one batch entry
 * instead of fifty). A server that refuses or ignores it still works, with one more round trip per list: a
 * warning, not a failure.
 */
export async function checkPatientIdList(s: Session): Promise<void> {
  const id = 'patient.id-list';
  const name = 'GET Patient?_id=a,b finds the patients of a list in one search';
  const patientId = s.patient?.id;
  if (!patientId) return s.skip(id, name, 'no test patient');
  const ids = [patientId, ABSENT_ID].map(encodeURIComponent).join(',');
  const outcome = await call(`${s.base}/Patient?_id=${ids}&_count=2`, { headers: bearer(s.token) }, s.http);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status, body } = outcome.answer;
  const fallback = ': Rounds reads each patient on its own instead, one more round trip per list';
  if (status !== 200) return s.warn(id, name, `answered ${status}${outcomeCode(body)}${fallback}`);
  const set = readSearchset(body);
  if (typeof set === 'string') return s.warn(id, name, `${set}${fallback}`);
  const found = ofType(set.matches, 'Patient').map((p) => p.id);
  if (found.length === 1 && found[0] === patientId) return s.pass(id, name);
  s.warn(id, name, `answered ${found.length} patients, not just the one asked for (is _id ignored?)${fallback}`);
}

/** An identifier typed `MR` (v2-0203), the form the spec asks for; Rounds also accepts weaker forms. */
function hasTypedMrn(patient: FhirResource): boolean {
  return asArray(patient.identifier).some((identifier) => {
    const type = isObject(identifier) ? identifier.type : undefined;
    return asArray(isObject(type) ? type.coding : undefined).some(
      (c) => isObject(c) && c.code === 'MR' && MR_SYSTEMS.includes(String(c.system)),
    );
  });
}

export function checkPatientFields(s: Session): void {
  const fields = [
    ['patient.mrn', 'Patient has an MRN'],
    ['patient.name', 'Patient has a family and a given name'],
    ['patient.gender', 'Patient has a gender'],
    ['patient.birth-date', 'Patient has a birthDate'],
  ] as const;
  if (!s.patient || !s.adapter) {
    for (const [id, name] of fields) s.skip(id, name, 'no test patient');
    return;
  }
  const summary = s.adapter.toPatient(s.patient);
  const [mrn, name, gender, birthDate] = fields;
  if (!summary.mrn) s.fail(mrn[0], mrn[1], 'no identifier with type coding MR (system http://terminology.hl7.org/CodeSystem/v2-0203 or http://hl7.org/fhir/v2/0203)');
  else if (!hasTypedMrn(s.patient)) s.warn(mrn[0], mrn[1], 'found only by a weaker rule (type text or an official identifier); the spec asks for a type coding MR');
  else s.pass(mrn[0], mrn[1]);
  const missingName = [!summary.family && 'name.family', summary.given.length === 0 && 'name.given'].filter(Boolean);
  if (missingName.length > 0) s.fail(name[0], name[1], `missing ${missingName.join(' and ')}`);
  else s.pass(name[0], name[1]);
  if (summary.gender) s.pass(gender[0], gender[1]);
  else s.fail(gender[0], gender[1], 'missing gender');
  if (summary.birthDate) s.pass(birthDate[0], birthDate[1]);
  else s.fail(birthDate[0], birthDate[1], 'missing birthDate');
}
