// HumanName: which name to show and how to spell it. DSTU2 sends `family` as an array
// (hl7.org/fhir/DSTU2/datatypes.html#HumanName); STU3 and R4 send one string.
import { asRecord, asString, records, strings, type Json } from './json.js';

/** Reads `family` in one version's shape. */
export type FamilyReader = (name: Json) => string | undefined;

export const familyFromArray: FamilyReader = (name) => {
  const parts = strings(name['family']);
  return parts.length > 0 ? parts.join(' ') : undefined;
};

export const familyFromString: FamilyReader = (name) => asString(name['family']);

/** The name to show: `official`, else `usual`, else the first. */
export function pickName(names: unknown): Json | undefined {
  const all = records(names);
  return all.find((n) => n['use'] === 'official') ?? all.find((n) => n['use'] === 'usual') ?? all[0];
}

export interface NameParts {
  family?: string;
  given: string[];
  prefix: string[];
  text?: string;
}

export function nameParts(name: Json | undefined, readFamily: FamilyReader): NameParts {
  if (!name) return { given: [], prefix: [] };
  const family = readFamily(name);
  const text = asString(name['text']);
  return {
    ...(family !== undefined && { family }),
    given: strings(name['given']),
    prefix: strings(name['prefix']),
    ...(text !== undefined && { text }),
  };
}

/** "Prefix Given Family" from the parts, else the name's text. */
export function displayName(parts: NameParts): string | undefined {
  const built = [...parts.prefix, ...parts.given, parts.family ?? ''].join(' ').replace(/\s+/g, ' ').trim();
  if (parts.given.length > 0 || parts.family !== undefined) return built;
  return parts.text?.trim();
}

/** Display of a resource's `name`: a string (Location, Organization) or HumanName(s) (Practitioner). */
export function resourceName(resource: Json, readFamily: FamilyReader): string | undefined {
  const name = resource['name'];
  const text = asString(name);
  if (text) return text.trim();
  // DSTU2 Practitioner.name is a single HumanName; STU3+ an array.
  const human = asRecord(name) ?? pickName(name);
  return human ? displayName(nameParts(human, readFamily)) : undefined;
}
