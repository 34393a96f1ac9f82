// References that name a Practitioner or a Location without a `display` (normal in R4 data:
// `participant.individual = { reference: "Practitioner/…" }`): found in the raw resources, read once for all
// rows, and put back as `display` so the adapters show them like any other reference. A Reference has the same
// shape in DSTU2, STU3 and R4 (`reference`, `display`), so nothing here depends on the version.
import type { FhirResource } from './adapters/adapter.js';

const RESOLVABLE = /^(Practitioner|Location)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/?#]+)?$/;
/** Deep enough for `participant[].individual` and STU3's `requester.agent`. */
const MAX_DEPTH = 4;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** `Practitioner/<id>` or `Location/<id>` of a reference that has nothing to show, else undefined. */
export function resolvableReference(value: unknown): string | undefined {
  if (!isObject(value) || typeof value['reference'] !== 'string') return undefined;
  const display = value['display'];
  if (typeof display === 'string' && display.trim() !== '') return undefined;
  const match = RESOLVABLE.exec(value['reference'].trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Every `Practitioner/<id>` that a resource names without a display. */
export function practitionerReferences(resource: FhirResource): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const reference = resolvableReference(value);
    if (reference?.startsWith('Practitioner/')) found.add(reference);
    for (const [key, child] of Object.entries(value)) if (key !== 'contained') visit(child, depth + 1);
  };
  visit(resource, 0);
  return [...found];
}

/**
 * A copy of `resource` in which every reference without a display that `names` knows gets that name as its
 * display. The resource itself is never changed: it may be a cached answer shared with other users.
 */
export function withDisplays(resource: FhirResource, names: ReadonlyMap<string, string>): FhirResource {
  if (names.size === 0) return resource;
  const fill = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      let changed = false;
      const items = value.map((item) => {
        const next = fill(item, depth + 1);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? items : value;
    }
    if (!isObject(value)) return value;
    const reference = resolvableReference(value);
    const name = reference === undefined ? undefined : names.get(reference);
    if (name !== undefined) return { ...value, display: name };
    let copy: Json | undefined;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'contained') continue;
      const next = fill(child, depth + 1);
      if (next !== child) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  };
  return fill(resource, 0) as FhirResource;
}
