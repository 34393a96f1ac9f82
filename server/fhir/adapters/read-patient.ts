// Patient → PatientSummary. The version adapters say how `family` is shaped and which field holds the
// patient's own practitioner (DSTU2 `careProvider`, STU3/R4 `generalPractitioner`).
import type { PatientSummary } from '../../wire/contract.js';
import { asBoolean, asString, type Json } from './json.js';
import { pickMrn } from './read-identifier.js';
import { displayName, nameParts, pickName, type FamilyReader } from './read-name.js';
import { firstReferenceDisplay } from './read-reference.js';

export interface PatientShape {
  readFamily: FamilyReader;
  practitionerField: 'careProvider' | 'generalPractitioner';
}

export const UNKNOWN_PATIENT = 'Unknown patient';

export function readPatient(resource: Json, shape: PatientShape): PatientSummary {
  const parts = nameParts(pickName(resource['name']), shape.readFamily);
  const summary: PatientSummary = {
    id: asString(resource['id']) ?? '',
    name: displayName(parts) ?? UNKNOWN_PATIENT,
    given: parts.given,
    prefix: parts.prefix,
  };
  if (parts.family !== undefined) summary.family = parts.family;
  const gender = asString(resource['gender']);
  if (gender !== undefined) summary.gender = gender;
  const birthDate = asString(resource['birthDate']);
  if (birthDate !== undefined) summary.birthDate = birthDate;
  const mrn = pickMrn(resource['identifier']);
  if (mrn !== undefined) summary.mrn = mrn;
  const practitioner = firstReferenceDisplay(resource[shape.practitionerField], resource, shape.readFamily);
  if (practitioner !== undefined) summary.generalPractitioner = practitioner;
  // deceasedDateTime only ever means "has died"; deceasedBoolean may say either. Patient.deceased[x] has these
  // two forms in DSTU2, STU3 and R4 alike (hl7.org/fhir/DSTU2/patient.html).
  const deceasedDate = asString(resource['deceasedDateTime'])?.trim() || undefined;
  const deceased = asBoolean(resource['deceasedBoolean']) ?? (deceasedDate ? true : undefined);
  if (deceased !== undefined) summary.deceased = deceased;
  if (deceasedDate) summary.deceasedDate = deceasedDate;
  return summary;
}
