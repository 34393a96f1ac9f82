// The patient-scoped searches of the shared query table, built by Rounds' own adapter (so DSTU2 gets
// `MedicationOrder`, `_sort:desc=date`, `Coverage?subscriber=` …), each read back through the adapter to
// check the fields partner-interface.md §4 marks required. Only Patient is mandatory: a resource type the
// server does not declare may be missing (a warning: that column stays empty), a declared one must work.
import { PATIENT_PARTS, type FhirAdapter, type FhirResource, type PatientPart } from '../../server/fhir/adapters/adapter.js';
import { DEFAULT_LAB_CODES } from '../../server/clinical/lab-ranges.js';
import { UNKNOWN_SUBSTANCE } from '../../server/fhir/adapters/read-allergy.js';
import { UNKNOWN_CONDITION } from '../../server/fhir/adapters/read-condition.js';
import { UNKNOWN_MEDICATION } from '../../server/fhir/adapters/read-medication.js';
import { ofType, readSearchset } from './bundle.js';
import { bearer, call, outcomeCode } from './http.js';
import type { Session } from './session.js';

/** For each resource, the required fields it lacks (as the adapter reads them). */
type Gaps = (adapter: FhirAdapter, resources: FhirResource[]) => string[];

const count = (label: string, total: number, lacking: number): string[] =>
  lacking > 0 ? [`${lacking} of ${total} ${label}`] : [];

const REQUIRED: Record<PatientPart, Gaps> = {
  encounter: (a, rs) => {
    const read = rs.map((r) => a.toEncounter(r));
    return [
      ...count('lack status', read.length, read.filter((e) => !e.status).length),
      ...count('lack type[0] display', read.length, read.filter((e) => !e.type).length),
    ];
  },
  conditions: (a, rs) =>
    count('lack code display', rs.length, rs.filter((r) => a.toCondition(r).text === UNKNOWN_CONDITION).length),
  vitals: (a, rs) => {
    const vitals = a.toVitals(rs);
    // The level of responsiveness (67775-7) is a coded answer, read as `text`: valueCodeableConcept is its value.
    const hasValue = (v: (typeof vitals)[number]): boolean =>
      v.value !== undefined || v.text !== undefined || v.components.some((c) => c.value !== undefined);
    return [
      ...count('vital signs lack a code', vitals.length, vitals.filter((v) => !v.code).length),
      ...count('vital signs lack effective[x]', vitals.length, vitals.filter((v) => !v.effective).length),
      ...count('vital signs lack valueQuantity.value (or an AVPU answer)', vitals.length, vitals.filter((v) => !hasValue(v)).length),
    ];
  },
  // A result without a value is not read as one (it is not resulted yet): only its time can be missing.
  labs: (a, rs) => {
    const labs = a.toLabs(rs, DEFAULT_LAB_CODES);
    return count('lab results lack effective[x]', labs.length, labs.filter((l) => !l.effective).length);
  },
  allergies: (a, rs) =>
    count('lack a substance', rs.length, rs.filter((r) => a.toAllergy(r).substance === UNKNOWN_SUBSTANCE).length),
  medications: (a, rs) => {
    const read = rs.map((r) => a.toMedication(r));
    return [
      ...count('lack a medication name', read.length, read.filter((m) => m.name === UNKNOWN_MEDICATION).length),
      ...count('lack the date written', read.length, read.filter((m) => !m.authored).length),
      ...count('lack the prescriber display', read.length, read.filter((m) => !m.prescriber).length),
    ];
  },
  coverage: () => [],
};

async function checkPart(s: Session, patientId: string, part: PatientPart): Promise<void> {
  const adapter = s.adapter!;
  const [query] = adapter.patientQueries(patientId, [part]);
  const id = `scoped.${part}`;
  const name = `GET ${query!.url.replace(encodeURIComponent(patientId), '<id>')}`;
  const isDeclared = s.declaredTypes.has(query!.resourceType);
  const notServed = (why: string): void =>
    isDeclared
      ? s.fail(id, name, `${why}, although the metadata declares ${query!.resourceType}`)
      : s.warn(id, name, `${why}; ${query!.resourceType} is not declared either, so the ${part} column stays empty`);
  const outcome = await call(`${s.base}/${query!.url}`, { headers: bearer(s.token) }, s.http);
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status, body } = outcome.answer;
  if (status !== 200) return notServed(`answered ${status}${outcomeCode(body)}`);
  const set = readSearchset(body);
  if (typeof set === 'string') return notServed(set);
  const resources = ofType(set.matches, query!.resourceType);
  const gaps = REQUIRED[part](adapter, resources);
  if (gaps.length > 0) return s.fail(id, name, `required fields missing: ${gaps.join('; ')}`);
  if (resources.length === 0) return s.pass(id, name, `no ${query!.resourceType} for the test patient; fields not checked`);
  s.pass(id, name, `${resources.length} ${query!.resourceType}`);
}

export async function checkPatientScopedSearches(s: Session): Promise<void> {
  for (const part of PATIENT_PARTS) {
    if (!s.patient?.id || !s.adapter) s.skip(`scoped.${part}`, `Patient-scoped search: ${part}`, 'no test patient');
    else await checkPart(s, s.patient.id, part);
  }
}
