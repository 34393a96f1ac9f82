// Loads the hand-written FHIR fixtures of test/fixtures/fhir/<version>/: the same invented clinical facts
// written once in each version's own shapes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FhirVersion } from '../../server/wire/contract.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'fhir');

export const VERSIONS: readonly FhirVersion[] = ['DSTU2', 'STU3', 'R4'];

export function fixture(version: FhirVersion, name: string): FhirResource {
  return JSON.parse(readFileSync(join(FIXTURES, version.toLowerCase(), `${name}.json`), 'utf8')) as FhirResource;
}

/** The resources of a fixture Bundle, in entry order (outcome entries included, as a server sends them). */
export function fixtureEntries(version: FhirVersion, name: string): FhirResource[] {
  const bundle = fixture(version, name) as FhirResource & { entry?: { resource?: FhirResource }[] };
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** The fixture Bundle's resource with this id. */
export function fixtureEntry(version: FhirVersion, name: string, id: string): FhirResource {
  const found = fixtureEntries(version, name).find((resource) => resource.id === id);
  if (!found) throw new Error(`No ${id} in ${version} ${name}.json`);
  return found;
}
