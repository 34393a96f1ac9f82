// Readers for the FHIR datatypes every version shares: CodeableConcept, Coding, Quantity, Period,
// Reference and Narrative. Dates are kept exactly as the server sent them.
import { asNumber, asRecord, asString, records, type Json } from './json.js';

// Codings that only say a value is missing (hl7.org/fhir/R4/codesystem-data-absent-reason.html) are not names.
const isAbsentReason = (coding: Json): boolean => asString(coding['system'])?.endsWith('data-absent-reason') ?? false;

function meaningfulCodings(concept: unknown): Json[] {
  return records(asRecord(concept)?.['coding']).filter((coding) => !isAbsentReason(coding));
}

/** CodeableConcept → its text, else the first coding display (no code: a code is not a name). */
export function conceptLabel(concept: unknown): string | undefined {
  const record = asRecord(concept);
  if (!record) return undefined;
  const text = asString(record['text']);
  if (text) return text.trim();
  for (const coding of meaningfulCodings(record)) {
    const display = asString(coding['display']);
    if (display) return display.trim();
  }
  return undefined;
}

/** CodeableConcept → its text, else the first coding display, else the first coding code. */
export function conceptText(concept: unknown): string | undefined {
  return conceptLabel(concept) ?? conceptCode(concept);
}

/** The first code of a CodeableConcept, preferring codings of `systems` (in that order). */
export function conceptCode(concept: unknown, systems: readonly string[] = []): string | undefined {
  const codings = meaningfulCodings(concept);
  for (const system of systems) {
    const code = codings.find((coding) => coding['system'] === system && asString(coding['code']));
    if (code) return asString(code['code']);
  }
  for (const coding of codings) {
    const code = asString(coding['code']);
    if (code) return code;
  }
  return undefined;
}

/** Every code of a CodeableConcept, in order. */
export function conceptCodes(concept: unknown): string[] {
  return meaningfulCodings(concept).flatMap((coding) => {
    const code = asString(coding['code']);
    return code ? [code] : [];
  });
}

/** A code sent as a CodeableConcept (R4 status fields): the code of `system`, else any code, else the text. */
export function statusFromConcept(concept: unknown, system: string): string | undefined {
  return conceptCode(concept, [system]) ?? asString(asRecord(concept)?.['text']);
}

export interface QuantityValue {
  value?: number;
  unit?: string;
}

/** Quantity → value and unit (the human `unit`, else the UCUM `code`). */
export function quantity(value: unknown): QuantityValue | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const result: QuantityValue = {};
  const number = asNumber(record['value']);
  const unit = asString(record['unit']) ?? asString(record['code']);
  if (number !== undefined) result.value = number;
  if (unit !== undefined) result.unit = unit;
  return number === undefined && unit === undefined ? undefined : result;
}

export interface PeriodValue {
  start?: string;
  end?: string;
}

export function period(value: unknown): PeriodValue | undefined {
  const record = asRecord(value);
  const start = asString(record?.['start']);
  const end = asString(record?.['end']);
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined && { start }), ...(end !== undefined && { end }) };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

// A numeric entity outside Unicode (&#99999999;) would make String.fromCodePoint throw: it reads as a space.
const codePoint = (n: number): string => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ');

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (/^#x/i.test(name)) return codePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const stripTags = (html: string): string => html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' ');

/**
 * The resource's narrative (`text.div`) as plain text, at most `maxLength` characters. Some servers
 * escape the XHTML twice (`&lt;div&gt;`), so tags are stripped again after decoding.
 */
export function narrativeText(resource: Json, maxLength = 200): string | undefined {
  const div = asString(asRecord(resource['text'])?.['div']);
  if (!div) return undefined;
  const plain = stripTags(decodeEntities(stripTags(div))).replace(/\s+/g, ' ').trim();
  if (!plain) return undefined;
  return plain.length > maxLength ? `${plain.slice(0, maxLength - 1).trimEnd()}…` : plain;
}

/** The resource a local reference (`#id`) points to among the container's `contained` resources. */
export function containedResource(reference: unknown, container: Json): Json | undefined {
  const target = asString(asRecord(reference)?.['reference']);
  if (!target?.startsWith('#')) return undefined;
  return records(container['contained']).find((resource) => resource['id'] === target.slice(1));
}
