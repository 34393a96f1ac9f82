// The name box as clinicians type it: "Last, First", "First Last" or "Last First". A comma is never sent on
// to the EHR, where it would mean OR (hl7.org/fhir/R4/search.html#combining).

/** One way to read the name box: a FHIR `family` and `given` (prefix searches), or a plain `name`. */
export interface NameReading {
  family?: string;
  given?: string;
  name?: string;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * The readings of a typed name, the likeliest first; the search tries them in order until one finds someone.
 * - "Abernathy, Mei" → family Abernathy, given Mei (a family name may have spaces: "van der Berg, Anna");
 * - "Abernathy" (one word) → name Abernathy, as before: any part of any name;
 * - "Mei Abernathy" → family Abernathy + given Mei, then family Mei + given Abernathy;
 * - three words and more: first and last words as above, the middle ones ignored ("Mei Ling Abernathy").
 */
export function readNameQuery(text: string): NameReading[] {
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const family = words(text.slice(0, comma)).join(' ');
    // Further commas are typos, never ORs: the given name is the first word after the first comma.
    const [given] = words(text.slice(comma + 1).replaceAll(',', ' '));
    if (!family) return given ? [{ name: given }] : [];
    return [given ? { family, given } : { family }];
  }
  const parts = words(text);
  if (parts.length === 0) return [];
  if (parts.length === 1) return [{ name: parts[0] }];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return [
    { family: last, given: first },
    { family: first, given: last },
  ];
}
