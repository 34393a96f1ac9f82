// The FHIR List form of a Rounds list (R4, https://hl7.org/fhir/R4/list.html), for export and import.
// Notes ride on their own entry as an extension holding an Annotation, so each note stays tied to its
// patient (List.note[] is list-wide and could only point at an entry by position). Manual patients are
// display-only items, with the MRN as item.identifier and their other fields in a second extension.
import type { Entry, List } from '../wire/contract.js';

const EXTENSION_BASE = 'https://rounds.app/fhir/StructureDefinition';
export const NOTE_EXTENSION = `${EXTENSION_BASE}/list-entry-note`;
export const MANUAL_PATIENT_EXTENSION = `${EXTENSION_BASE}/list-entry-manual-patient`;
export const COLUMNS_EXTENSION = `${EXTENSION_BASE}/list-columns`;
export const MRN_TYPE = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }],
  text: 'MRN',
};

export interface FhirExtension {
  url: string;
  valueString?: string;
  valueDate?: string;
  valueCode?: string;
  valueAnnotation?: { text: string; authorString?: string; time?: string };
  extension?: FhirExtension[];
}

export interface FhirListEntry {
  date?: string;
  deleted?: boolean;
  item: { reference?: string; display?: string; identifier?: { type?: unknown; system?: string; value?: string } };
  extension?: FhirExtension[];
}

export interface FhirList {
  resourceType: 'List';
  id?: string;
  status: string;
  mode: string;
  title?: string;
  date?: string;
  extension?: FhirExtension[];
  entry?: FhirListEntry[];
}

function manualExtension(manual: NonNullable<Entry['manual']>): FhirExtension | undefined {
  const parts: FhirExtension[] = [];
  if (manual.birthDate) parts.push({ url: 'birthDate', valueDate: manual.birthDate });
  if (manual.gender) parts.push({ url: 'gender', valueCode: manual.gender });
  if (manual.location) parts.push({ url: 'location', valueString: manual.location });
  return parts.length > 0 ? { url: MANUAL_PATIENT_EXTENSION, extension: parts } : undefined;
}

function toFhirEntry(entry: Entry): FhirListEntry {
  const item: FhirListEntry['item'] = { display: entry.display };
  if (entry.patientId) item.reference = `Patient/${entry.patientId}`;
  const mrn = entry.mrn ?? entry.manual?.mrn;
  if (mrn) item.identifier = { type: MRN_TYPE, value: mrn };
  const extension: FhirExtension[] = [];
  if (entry.note) {
    extension.push({
      url: NOTE_EXTENSION,
      valueAnnotation: { text: entry.note.text, authorString: entry.note.author, time: entry.note.updatedAt },
    });
  }
  const manual = entry.manual ? manualExtension(entry.manual) : undefined;
  if (manual) extension.push(manual);
  return { date: entry.addedAt, item, ...(extension.length > 0 ? { extension } : {}) };
}

export function listToFhir(list: List): FhirList {
  return {
    resourceType: 'List',
    id: list.id,
    extension: [{ url: COLUMNS_EXTENSION, valueString: list.columns.join(',') }],
    status: 'current',
    mode: 'working',
    title: list.name,
    date: list.updatedAt,
    entry: list.entries.map(toFhirEntry),
  };
}

export function columnsFromExtension(extensions: readonly FhirExtension[] | undefined): string[] | undefined {
  const value = extensions?.find((e) => e.url === COLUMNS_EXTENSION)?.valueString;
  return value ? value.split(',').map((c) => c.trim()) : undefined;
}
