// What to show for a Reference: its `display`, else the name of the contained resource it points to.
import { asRecord, asString, records, type Json } from './json.js';
import { conceptText, containedResource } from './read-common.js';
import { resourceName, type FamilyReader } from './read-name.js';

export function referenceDisplay(reference: unknown, container: Json, readFamily: FamilyReader): string | undefined {
  const display = asString(asRecord(reference)?.['display']);
  if (display) return display.trim();
  const target = containedResource(reference, container);
  if (!target) return undefined;
  // A contained Medication has a code, not a name.
  return resourceName(target, readFamily) ?? conceptText(target['code']);
}

/** The first reference of a list that has something to show. */
export function firstReferenceDisplay(references: unknown, container: Json, readFamily: FamilyReader): string | undefined {
  for (const reference of records(references)) {
    const display = referenceDisplay(reference, container, readFamily);
    if (display) return display;
  }
  return undefined;
}
