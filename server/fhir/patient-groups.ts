// A list's Patients, read as `Patient?_id=a,b,c` searches of a batch's size instead of one read each (`_id`
// takes a comma-separated OR in every version: hl7.org/fhir/DSTU2/search.html#id). A patient a search does not
// return (deleted, past a server's page size, or the search failed or was refused) is read on its own later:
// a server that does not take such searches costs one more round trip, never a patient.
import type { PartQuery } from './adapters/adapter.js';
import { patientGroupUrl, patientReadUrl } from './adapters/queries.js';
import { resourcesOf, type QueryOutcome } from './batch.js';

export type PatientQuery = PartQuery & { patientId: string };

/** One search per group of at most `size` ids. */
export function patientGroups(ids: readonly string[], size: number): PatientQuery[] {
  const groups: PatientQuery[] = [];
  for (let i = 0; i < ids.length; i += size) {
    groups.push({ part: 'patient', resourceType: 'Patient', url: patientGroupUrl(ids.slice(i, i + size)), patientId: '' });
  }
  return groups;
}

export const isPatientGroup = (query: PartQuery): boolean => query.url.startsWith('Patient?');

/** The ids a `Patient?_id=a,b,c` search asked for. */
function idsOfGroup(url: string): Set<string> {
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  return new Set((query.get('_id') ?? '').split(',').filter(Boolean));
}

/** One outcome per patient the group searches found, as if it had been read by itself (`Patient/<id>`). */
export function patientsOfGroups(outcomes: readonly QueryOutcome<PatientQuery>[]): Map<string, QueryOutcome<PatientQuery>> {
  const found = new Map<string, QueryOutcome<PatientQuery>>();
  for (const outcome of outcomes) {
    if (!isPatientGroup(outcome.query)) continue;
    if (outcome.failure || outcome.status < 200 || outcome.status > 299) continue;
    const asked = idsOfGroup(outcome.query.url);
    for (const patient of resourcesOf(outcome, 'Patient')) {
      const id = patient.id;
      if (id === undefined || !asked.has(id)) continue;
      const query = { part: 'patient' as const, resourceType: 'Patient', url: patientReadUrl(id), patientId: id };
      found.set(id, { ...outcome, resource: patient, query });
    }
  }
  return found;
}
