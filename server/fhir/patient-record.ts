// Turns the outcomes of one patient's reads into a PatientRecord of view models, through the adapter. The
// references those reads name without a display (the encounter's location, attending and other participants,
// prescribers) are listed first, read for all patients at once, and passed back in as `names`.
import { DEFAULT_LAB_CODES } from '../clinical/lab-ranges.js';
import type { FhirAdapter, FhirResource, PartQuery } from './adapters/adapter.js';
import { issueOf, resourcesOf, type QueryOutcome } from './batch.js';
import type { PatientRecord } from './ehr.js';
import { practitionerReferences, withDisplays } from './references.js';

/** The issue of a read answered with another patient than the one asked for: it is never shown. */
export const ANOTHER_PATIENT = 'Patient: the EHR answered with another patient than the one asked for; not shown';

/** A read `Patient/<id>` must answer that very patient (a server may redirect or normalise a bad URL). */
function isAskedFor(query: PartQuery, patient: FhirResource): boolean {
  const match = /^Patient\/([^/?#]+)$/.exec(query.url);
  if (!match?.[1]) return true;
  return patient.resourceType === 'Patient' && patient.id === decodeURIComponent(match[1]);
}

export function emptyRecord(): PatientRecord {
  return { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [] };
}

/** Runs an adapter conversion; adapters should not throw, but one odd resource must not sink the page. */
function safely<T>(issues: string[], resourceType: string, convert: () => T): T | undefined {
  try {
    return convert();
  } catch {
    issues.push(`${resourceType}: could not be read`);
    return undefined;
  }
}

/** `Location/<id>` and `Practitioner/<id>` that the outcomes name with nothing to show. */
export function referencesToResolve(adapter: FhirAdapter, outcomes: readonly QueryOutcome<PartQuery>[]): string[] {
  const found: string[] = [];
  const ignored: string[] = [];
  for (const outcome of outcomes) {
    if (issueOf(outcome)) continue;
    const { part, resourceType } = outcome.query;
    const resources = resourcesOf(outcome, resourceType);
    if (part === 'encounter' && resources[0]) {
      const encounter = resources[0];
      const location = safely(ignored, resourceType, () => adapter.locationToResolve(encounter));
      if (location) found.push(location);
      found.push(...practitionerReferences(encounter));
    }
    if (part === 'medications') for (const medication of resources) found.push(...practitionerReferences(medication));
  }
  return found;
}

export interface ReferenceNames {
  /** The name of each read Location or Practitioner, by `Type/<id>`. */
  names: Map<string, string>;
  /** Why a reference could not be read, by `Type/<id>`: the records that needed it say so. */
  issues: Map<string, string>;
}

export function namesOf(adapter: FhirAdapter, outcomes: readonly QueryOutcome[]): ReferenceNames {
  const names = new Map<string, string>();
  const issues = new Map<string, string>();
  const ignored: string[] = [];
  for (const outcome of outcomes) {
    const { resourceType, url } = outcome.query;
    const issue = issueOf(outcome);
    if (issue) issues.set(url, issue);
    const resource = issue ? undefined : resourcesOf(outcome, resourceType)[0];
    if (!resource) continue;
    const name = safely(ignored, resourceType, () =>
      resourceType === 'Location' ? adapter.toLocationName(resource) : adapter.toPractitionerName(resource),
    );
    if (name) names.set(url, name);
  }
  return { names, issues };
}

/** A part's view model and the issues its conversion raised. */
interface Converted {
  value: unknown;
  issues: readonly string[];
}

/**
 * Conversions of shared answers, kept as long as the answer itself (a cached read is the same object for every
 * load that uses it): a hundred clinicians opening one list convert its vital signs once, not a hundred times.
 * Frozen, since every row that shows them shares them.
 */
const conversions = new WeakMap<object, Map<string, Converted>>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** `convert` once per answer, adapter and part; later calls get the frozen result. */
function convertOnce(answer: object | undefined, key: string, convert: (issues: string[]) => unknown): Converted {
  const known = answer ? conversions.get(answer)?.get(key) : undefined;
  if (known) return known;
  const issues: string[] = [];
  const converted = deepFreeze({ value: convert(issues), issues });
  if (answer) {
    let byKey = conversions.get(answer);
    if (!byKey) conversions.set(answer, (byKey = new Map<string, Converted>()));
    byKey.set(key, converted);
  }
  return converted;
}

export function assembleRecord(
  adapter: FhirAdapter,
  outcomes: readonly QueryOutcome<PartQuery>[],
  references: ReferenceNames = { names: new Map(), issues: new Map() },
): PatientRecord {
  const record = emptyRecord();
  const { names } = references;
  // Which references this patient names is asked again only when some reference could not be read.
  if (references.issues.size > 0) {
    for (const reference of new Set(referencesToResolve(adapter, outcomes))) {
      const issue = references.issues.get(reference);
      if (issue) record.issues.push(issue);
    }
  }
  for (const outcome of outcomes) {
    const issue = issueOf(outcome);
    if (issue) {
      record.issues.push(issue);
      continue;
    }
    const { part, resourceType } = outcome.query;
    const resources = resourcesOf(outcome, resourceType);
    const each =
      <T>(convert: (r: FhirResource) => T) =>
      (issues: string[]): T[] =>
        resources.flatMap((r) => {
          const value = safely(issues, resourceType, () => convert(r));
          return value === undefined ? [] : [value];
        });
    // Parts that name no reference convert the same for every load of this answer: converted once.
    const shared = <T>(convert: (issues: string[]) => T): T => {
      const converted = convertOnce(outcome.resource, `${adapter.version}:${part}`, convert);
      record.issues.push(...converted.issues);
      return converted.value as T;
    };
    switch (part) {
      case 'patient': {
        const first = resources[0];
        if (first && !isAskedFor(outcome.query, first)) record.issues.push(ANOTHER_PATIENT);
        else if (first) record.patient = shared((issues) => safely(issues, resourceType, () => adapter.toPatient(first)));
        else record.issues.push('Patient: not found in the EHR');
        break;
      }
      case 'encounter': {
        const first = resources[0];
        if (first) record.encounter = safely(record.issues, resourceType, () => adapter.toEncounter(withDisplays(first, names)));
        break;
      }
      case 'conditions':
        record.conditions = shared(each((r) => adapter.toCondition(r)));
        break;
      case 'vitals':
        record.vitals = shared((issues) => safely(issues, resourceType, () => adapter.toVitals(resources)) ?? []);
        break;
      case 'labs': {
        // Read against the codes the search asked for (LAB_CODES): a server that ignores `code` sends more.
        const codes = outcome.query.labCodes ?? DEFAULT_LAB_CODES;
        record.labs = shared((issues) => safely(issues, resourceType, () => adapter.toLabs(resources, codes)) ?? []);
        break;
      }
      case 'allergies':
        record.allergies = shared(each((r) => adapter.toAllergy(r)));
        break;
      case 'medications':
        record.medications = each((r) => adapter.toMedication(withDisplays(r, names)))(record.issues);
        break;
      case 'coverage':
        record.coverage = shared(each((r) => adapter.toCoverage(r)));
        break;
    }
  }
  return record;
}
