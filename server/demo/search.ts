// FHIR search over one demo server's store: the parameters of ./search-params.ts, string matching
// (prefix by default, :contains, :exact; case- and accent-insensitive), tokens, references, birthdate
// prefixes, _sort (`_sort=-date` and DSTU2's `_sort:desc=date`) and _count. Unknown parameters → 400.
import type { FhirVersion } from '../wire/contract.js';
import { badRequest, notFound } from '../errors.js';
import type { PatientKeys, ResourceStore, StoredResource } from './fhir-store.js';
import {
  PATIENT_PARAMS,
  PATIENT_STRING_PARAMS,
  RESULT_PARAMS,
  SEARCH_SPECS,
  type TypeSearchSpec,
} from './search-params.js';

export interface SearchOutcome {
  total: number;
  /** The page asked for: at most `_count` entries from `_offset`. */
  page: StoredResource[];
  /** Where the page starts (`_offset`) and its size (`_count`), for the Bundle's `next` link. */
  offset: number;
  count: number;
}

const DEFAULT_COUNT = 100;
const MAX_COUNT = 1000;
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);
const CATEGORY_SYSTEMS = new Set([
  'http://hl7.org/fhir/observation-category',
  'http://terminology.hl7.org/CodeSystem/observation-category',
]);
const BIRTHDATE = /^(eq|ne|gt|lt|ge|le)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/;
const FOLDED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', þ: 'th', ð: 'd', đ: 'd', ı: 'i' };

/** Lower case without accents: "Müller-Ångström" → "muller-angstrom", "Þórður" → "thordur". */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßłþðđı]/g, (c) => FOLDED[c] ?? c);
}

type Filter = (entry: StoredResource) => boolean;

/** Caller input echoed in a diagnostic, cut short. */
const quote = (text: string): string => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

const unsupported = (name: string, type: string, version: FhirVersion): Error =>
  badRequest(`Unsupported search parameter '${quote(name)}' for ${type} on this ${version} server`);

/** `patient=123`, `patient=Patient/123` or `patient=https://host/fhir/Patient/123` → "123"; other types → undefined. */
function patientIdOf(value: string): string | undefined {
  const match = /^(?:.*\/)?(?:([A-Za-z]+)\/)?([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (!match) return undefined;
  return match[1] === undefined || match[1] === 'Patient' ? match[2] : undefined;
}

function parseToken(value: string): { system?: string; code: string } {
  const bar = value.indexOf('|');
  return bar < 0 ? { code: value } : { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

/** A name and its hyphen- or space-separated parts, so "angstrom" finds "Müller-Ångström". */
const withParts = (names: readonly string[]): string[] =>
  names.flatMap((n) => [n, ...n.split(/[\s-]+/).filter(Boolean)]);

/** FHIR string search: starts-with by default, :contains anywhere, :exact the whole name, case and accents kept. */
function stringMatcher(
  modifier: string | undefined,
  name: string,
): (names: readonly string[], value: string) => boolean {
  if (modifier === 'exact') return (names, value) => names.includes(value);
  if (modifier === 'contains') return (names, value) => names.some((c) => normalize(c).includes(normalize(value)));
  if (modifier === undefined)
    return (names, value) => withParts(names).some((c) => normalize(c).startsWith(normalize(value)));
  throw badRequest(
    `Unsupported modifier ':${quote(modifier)}' on search parameter '${quote(name)}' (supported: :contains, :exact)`,
  );
}

function birthdateFilter(value: string): (keys: PatientKeys) => boolean {
  const match = BIRTHDATE.exec(value);
  if (!match)
    throw badRequest(
      `Search parameter 'birthdate' must be a date like 1970-01-31 (optionally prefixed eq, ge, le …), got '${quote(value)}'`,
    );
  const prefix = match[1] ?? 'eq';
  const date = match[2] ?? '';
  return (keys) => {
    const own = keys.birthDate.slice(0, date.length);
    switch (prefix) {
      case 'ne':
        return own !== date;
      case 'gt':
        return own > date;
      case 'lt':
        return own < date;
      case 'ge':
        return own >= date;
      case 'le':
        return own <= date;
      default:
        return own === date;
    }
  };
}

function patientFilter(base: string, modifier: string | undefined, name: string, values: string[]): Filter {
  const onKeys =
    (test: (keys: PatientKeys, value: string) => boolean): Filter =>
    (entry) =>
      entry.patient !== undefined && values.some((v) => test(entry.patient as PatientKeys, v));
  if ((PATIENT_STRING_PARAMS as readonly string[]).includes(base)) {
    const matches = stringMatcher(modifier, name);
    if (base === 'family') return onKeys((k, v) => matches([k.family], v));
    if (base === 'given') return onKeys((k, v) => matches(k.given, v));
    return onKeys((k, v) => matches(k.nameParts, v));
  }
  if (modifier !== undefined)
    throw badRequest(`Unsupported modifier ':${quote(modifier)}' on search parameter '${base}'`);
  if (base === 'id') return idFilter(values);
  if (base === 'gender') {
    const bad = values.find((v) => !GENDERS.has(v));
    if (bad !== undefined)
      throw badRequest(`Search parameter 'gender' must be male, female, other or unknown, got '${quote(bad)}'`);
    return onKeys((k, v) => k.gender === v);
  }
  if (base === 'birthdate') {
    const tests = values.map(birthdateFilter);
    return (entry) => entry.patient !== undefined && tests.some((t) => t(entry.patient as PatientKeys));
  }
  // identifier: value, system|value or system| (hl7.org/fhir/R4/search.html#token)
  return onKeys((k, v) => {
    const token = parseToken(v);
    return k.identifiers.some(
      (id) =>
        (token.system === undefined || token.system === '' || id.system === token.system) &&
        (token.code === '' || id.value === token.code),
    );
  });
}

const idFilter =
  (ids: readonly string[]): Filter =>
  (entry) =>
    ids.includes(entry.id ?? entry.resource.id ?? '');

function typeFilter(spec: TypeSearchSpec, base: string, values: string[]): Filter | undefined {
  if (spec.patientParams.includes(base)) {
    const ids = values.map(patientIdOf);
    return (entry) => entry.patientId !== undefined && ids.includes(entry.patientId);
  }
  if (base === 'category' && spec.hasCategory) {
    const tokens = values.map(parseToken);
    return (entry) =>
      tokens.some((t) => (t.system === undefined || CATEGORY_SYSTEMS.has(t.system)) && entry.category === t.code);
  }
  if (base === 'code' && spec.hasCode) {
    const tokens = values.map(parseToken);
    return (entry) =>
      tokens.some(
        (t) => (t.system === undefined || t.system === 'http://loinc.org') && (entry.codes ?? []).includes(t.code),
      );
  }
  return undefined;
}

function parseSort(modifier: string | undefined, value: string, keys: readonly string[], type: string): boolean {
  if (modifier !== undefined && modifier !== 'asc' && modifier !== 'desc') {
    throw badRequest(`Unsupported modifier ':${quote(modifier)}' on '_sort' (use _sort=-date or _sort:desc=date)`);
  }
  if (value.includes(',')) throw badRequest(`Search parameter '_sort' supports one key only, got '${quote(value)}'`);
  const isMinus = value.startsWith('-');
  const key = isMinus ? value.slice(1) : value;
  if (!keys.includes(key) || (isMinus && modifier !== undefined)) {
    const supported = keys.length > 0 ? keys.join(', ') : 'none';
    throw badRequest(
      `Unsupported sort '_sort${modifier ? `:${quote(modifier)}` : ''}=${quote(value)}' for ${type} (supported keys: ${supported})`,
    );
  }
  return isMinus || modifier === 'desc';
}

function resultParam(base: string, modifier: string | undefined, value: string): number | undefined {
  if (modifier !== undefined) throw badRequest(`Unsupported modifier ':${quote(modifier)}' on '${base}'`);
  if (base === '_count') {
    if (!/^\d+$/.test(value) || Number(value) > MAX_COUNT) {
      throw badRequest(
        `Search parameter '_count' must be a whole number from 0 to ${MAX_COUNT}, got '${quote(value)}'`,
      );
    }
    return Number(value);
  }
  if (base === '_format' && !JSON_FORMATS.has(value))
    throw badRequest(`This server answers JSON only: '_format=${quote(value)}' is not supported`);
  if (base === '_pretty' && value !== 'true' && value !== 'false')
    throw badRequest(`'_pretty' must be true or false, got '${quote(value)}'`);
  return undefined;
}

export function searchResources(
  store: ResourceStore,
  version: FhirVersion,
  type: string,
  params: Iterable<[string, string]>,
): SearchOutcome {
  const spec = type === 'Patient' ? undefined : SEARCH_SPECS[version][type];
  if (type !== 'Patient' && !spec) throw notFound(`This ${version} server does not serve ${type}`);
  const filters: Filter[] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  let isDescending: boolean | undefined;
  let patientScope: string[] | undefined;

  for (const [name, raw] of params) {
    const [base = '', modifier] = name.split(':', 2);
    const value = raw.trim();
    if (base === '_sort') {
      isDescending = parseSort(modifier, value, spec?.dateSortKeys ?? [], type);
      continue;
    }
    if (base === '_offset') {
      if (modifier !== undefined || !/^\d{1,6}$/.test(value))
        throw badRequest(`Search parameter '_offset' must be a whole number, got '${quote(value)}'`);
      offset = Number(value);
      continue;
    }
    if ((RESULT_PARAMS as readonly string[]).includes(base)) {
      count = resultParam(base, modifier, value) ?? count;
      continue;
    }
    const values = value.split(',').map((v) => v.trim());
    if (spec === undefined) {
      if (base !== '_id' && !(PATIENT_PARAMS as readonly string[]).includes(base))
        throw unsupported(name, type, version);
      if (value !== '') filters.push(patientFilter(base === '_id' ? 'id' : base, modifier, name, values));
      continue;
    }
    const filter = base === '_id' ? idFilter(values) : typeFilter(spec, base, values);
    if (!filter) throw unsupported(name, type, version);
    if (modifier !== undefined)
      throw badRequest(`Unsupported modifier ':${quote(modifier)}' on search parameter '${base}'`);
    if (value === '') continue; // an empty value does not constrain (as HAPI and most servers do)
    filters.push(filter);
    if (spec.patientParams.includes(base)) patientScope = values.flatMap((v) => patientIdOf(v) ?? []);
  }

  const candidates = patientScope ? patientScope.flatMap((id) => store.forPatient(type, id)) : store.all(type);
  const matches = candidates.filter((entry) => filters.every((f) => f(entry)));
  if (isDescending !== undefined) {
    const direction = isDescending ? -1 : 1;
    matches.sort((a, b) => direction * (a.date ?? '').localeCompare(b.date ?? ''));
  }
  return { total: matches.length, page: matches.slice(offset, offset + count), offset, count };
}
