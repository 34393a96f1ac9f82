// Encounter and Location. Both have the same fields we read in DSTU2, STU3 and R4 (DSTU2 names the patient
// `patient`, STU3/R4 `subject`; the view model needs neither).
import type { EncounterSummary } from '../../wire/contract.js';
import { asRecord, asString, compact, records, strings, type Json } from './json.js';
import { conceptCodes, conceptText, period } from './read-common.js';
import { referenceDisplay } from './read-reference.js';
import type { FamilyReader } from './read-name.js';

const firstLocation = (encounter: Json): unknown => records(encounter['location'])[0]?.['location'];

// Attending physicians first (v3 ParticipationType ATND), so participants[0] is the one to call.
const isAttending = (participant: Json): boolean =>
  records(participant['type']).some((type) => conceptCodes(type).includes('ATND'));

export function readEncounter(resource: Json, readFamily: FamilyReader): EncounterSummary {
  const participants = records(resource['participant']);
  const ordered = [...participants.filter(isAttending), ...participants.filter((p) => !isAttending(p))];
  const names = ordered.flatMap((p) => {
    const name = referenceDisplay(p['individual'], resource, readFamily);
    return name ? [name] : [];
  });
  const when = period(resource['period']);
  return compact<EncounterSummary>({
    id: asString(resource['id']),
    status: asString(resource['status']),
    type: conceptText(records(resource['type'])[0]),
    start: when?.start,
    end: when?.end,
    location: referenceDisplay(firstLocation(resource), resource, readFamily),
    participants: [...new Set(names)],
  });
}

const LOCATION_REFERENCE = /^Location\/([^/?#]+)(\/_history\/[^/?#]+)?$/;

/** `Location/<id>` of the first location when nothing about it can be shown without reading it. */
export function locationToResolve(resource: Json, readFamily: FamilyReader): string | undefined {
  const location = firstLocation(resource);
  if (referenceDisplay(location, resource, readFamily)) return undefined;
  const match = LOCATION_REFERENCE.exec(asString(asRecord(location)?.['reference'])?.trim() ?? '');
  return match ? `Location/${match[1]}` : undefined;
}

export function readLocationName(resource: Json): string | undefined {
  const name = asString(resource['name']);
  if (name) return name.trim();
  return strings(resource['alias'])[0]?.trim();
}
