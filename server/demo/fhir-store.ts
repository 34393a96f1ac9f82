// One demo FHIR server's resources: the tenant's model rendered in the server's version, indexed by type, id
// and patient, with the search keys taken from the version-neutral model. Each resource is rendered the first
// time it is read, then kept: a start renders nothing, so the demo (and `npm start`) answers sooner.
import type { DemoTenantData, DemoVital } from './data/model.js';
import { LABS } from './data/lab-codes.js';
import { nameText } from './render/common.js';
import type { DemoRenderer, FhirJson, RenderLookup } from './render/renderer.js';

export interface PatientKeys {
  family: string;
  given: string[];
  /** Every part of every name (family, given, prefix, suffix) and the full text. */
  nameParts: string[];
  birthDate: string;
  gender: string;
  identifiers: { system: string; value: string }[];
}

export interface StoredResource {
  readonly resource: FhirJson;
  /** The resource's id, known without rendering it (set by the store). */
  id?: string;
  patientId?: string;
  /** What `_sort=date` (or the type's own date parameter) orders by. */
  date?: string;
  category?: string;
  codes?: string[];
  patient?: PatientKeys;
}

export class ResourceStore {
  private readonly byType = new Map<string, Map<string, StoredResource>>();
  private readonly byPatient = new Map<string, Map<string, StoredResource[]>>();

  add(type: string, id: string, entry: StoredResource): void {
    entry.id = id;
    let ofType = this.byType.get(type);
    if (!ofType) this.byType.set(type, (ofType = new Map<string, StoredResource>()));
    ofType.set(id, entry);
    if (entry.patientId) {
      let index = this.byPatient.get(type);
      if (!index) this.byPatient.set(type, (index = new Map<string, StoredResource[]>()));
      const list = index.get(entry.patientId) ?? [];
      list.push(entry);
      index.set(entry.patientId, list);
    }
  }

  read(type: string, id: string): StoredResource | undefined {
    return this.byType.get(type)?.get(id);
  }

  all(type: string): StoredResource[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }

  forPatient(type: string, patientId: string): StoredResource[] {
    return [...(this.byPatient.get(type)?.get(patientId) ?? [])];
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }
}

function lookupFor(data: DemoTenantData): RenderLookup {
  const names = new Map<string, string>();
  for (const p of data.practitioners) names.set(`Practitioner/${p.id}`, nameText(p.name));
  for (const l of data.locations) names.set(`Location/${l.id}`, l.name);
  for (const o of data.organizations) names.set(`Organization/${o.id}`, o.name);
  for (const p of data.patients) names.set(`Patient/${p.id}`, nameText(p.name));
  const nameOf =
    (type: string) =>
    (id: string): string =>
      names.get(`${type}/${id}`) ?? '';
  return {
    data,
    practitionerName: nameOf('Practitioner'),
    locationName: nameOf('Location'),
    organizationName: nameOf('Organization'),
    patientName: nameOf('Patient'),
    mrnSystem: `https://${data.tenant.domain}/fhir/sid/mrn`,
  };
}

/** The search keys of an entry, and its resource rendered on first read. */
function lazily(render: () => FhirJson, keys: Omit<StoredResource, 'resource'> = {}): StoredResource {
  let rendered: FhirJson | undefined;
  return {
    ...keys,
    get resource(): FhirJson {
      return (rendered ??= render());
    },
  };
}

function addVital(store: ResourceStore, v: DemoVital, renderer: DemoRenderer, lookup: RenderLookup): void {
  let rendered: FhirJson | undefined;
  const render = (): FhirJson => (rendered ??= renderer.vital(v, lookup));
  store.add('Observation', v.id, {
    patientId: v.patientId,
    date: v.effective,
    category: 'vital-signs',
    get resource(): FhirJson {
      return render();
    },
    // Every coding the renderer wrote (R4 adds 2708-6 beside 59408-5): read from the resource when searched by code.
    get codes(): string[] {
      const code = (render() as { code?: { coding?: { code?: string }[] } }).code;
      return (code?.coding ?? []).flatMap((c) => (c.code ? [c.code] : []));
    },
  });
}

/** A vital recorded after the store was built (the EHR at work while a list is open), found by every later search. */
export function recordVital(store: ResourceStore, data: DemoTenantData, renderer: DemoRenderer, vital: DemoVital): void {
  data.vitals.push(vital);
  addVital(store, vital, renderer, lookupFor(data));
}

/** The model records a test adds to a running demo server (see RunningDemoPartner.addRecords). */
export type DemoRecords = Partial<Omit<DemoTenantData, 'tenant' | 'edgeCases'>>;

const RECORD_KINDS = [
  'organizations',
  'practitioners',
  'locations',
  'patients',
  'encounters',
  'conditions',
  'vitals',
  'labs',
  'allergies',
  'medications',
  'coverages',
] as const;

/** Records added after the store was built: kept in the tenant's model too, so names and references resolve. */
export function addRecords(store: ResourceStore, data: DemoTenantData, renderer: DemoRenderer, records: DemoRecords): void {
  for (const kind of RECORD_KINDS) {
    const added = records[kind];
    // Each array is the model's own type; the union of kinds needs the cast to push into the matching one.
    if (added) (data[kind] as unknown[]).push(...added);
  }
  addToStore(store, records, renderer, lookupFor(data));
}

export function buildResourceStore(data: DemoTenantData, renderer: DemoRenderer): ResourceStore {
  const store = new ResourceStore();
  addToStore(store, data, renderer, lookupFor(data));
  return store;
}

function addToStore(store: ResourceStore, data: DemoRecords, renderer: DemoRenderer, lookup: RenderLookup): void {
  for (const o of data.organizations ?? []) store.add('Organization', o.id, lazily(() => renderer.organization(o, lookup)));
  for (const p of data.practitioners ?? []) store.add('Practitioner', p.id, lazily(() => renderer.practitioner(p, lookup)));
  for (const l of data.locations ?? []) store.add('Location', l.id, lazily(() => renderer.location(l, lookup)));
  for (const p of data.patients ?? []) {
    store.add(
      'Patient',
      p.id,
      lazily(() => renderer.patient(p, lookup), {
        patient: {
        family: p.name.family,
        given: p.name.given,
        nameParts: [p.name.family, ...p.name.given, ...p.name.prefix, ...p.name.suffix, nameText(p.name)],
        birthDate: p.birthDate,
        gender: p.gender,
          identifiers: [{ system: lookup.mrnSystem, value: p.mrn }],
        },
      }),
    );
  }
  for (const e of data.encounters ?? []) {
    store.add('Encounter', e.id, lazily(() => renderer.encounter(e, lookup), { patientId: e.patientId, date: e.start }));
  }
  for (const c of data.conditions ?? []) {
    store.add('Condition', c.id, lazily(() => renderer.condition(c, lookup), { patientId: c.patientId, date: c.recorded }));
  }
  for (const v of data.vitals ?? []) addVital(store, v, renderer, lookup);
  for (const l of data.labs ?? []) {
    const codes = [LABS[l.kind].loinc.code];
    store.add('Observation', l.id, lazily(() => renderer.lab(l, lookup), { patientId: l.patientId, date: l.effective, category: 'laboratory', codes }));
  }
  for (const a of data.allergies ?? []) {
    store.add('AllergyIntolerance', a.id, lazily(() => renderer.allergy(a, lookup), { patientId: a.patientId, date: a.recorded }));
  }
  for (const m of data.medications ?? []) {
    store.add(renderer.medicationType, m.id, lazily(() => renderer.medication(m, lookup), { patientId: m.patientId, date: m.authored }));
  }
  for (const c of data.coverages ?? []) {
    store.add('Coverage', c.id, lazily(() => renderer.coverage(c, lookup), { patientId: c.patientId, date: c.period.start }));
  }
}

type RawJson = Record<string, unknown>;
const referenceOf = (value: unknown): string | undefined => (value as { reference?: unknown } | undefined)?.reference as string | undefined;
const codesOf = (concept: unknown): string[] =>
  ((concept as { coding?: { code?: unknown }[] } | undefined)?.coding ?? []).flatMap((c) => (typeof c.code === 'string' ? [c.code] : []));

/** The search keys of a resource as a test wrote it: its patient, date, category, codes, or a patient's names. */
function rawKeys(resource: RawJson): Omit<StoredResource, 'resource'> {
  if (resource.resourceType === 'Patient') {
    const names = (resource.name as { family?: string | string[]; given?: string[]; prefix?: string[]; suffix?: string[]; text?: string }[] | undefined) ?? [];
    const families = names.flatMap((n) => (Array.isArray(n.family) ? n.family : n.family ? [n.family] : []));
    const identifiers = (resource.identifier as { system?: string; value?: string }[] | undefined) ?? [];
    return {
      patient: {
        family: families[0] ?? '',
        given: names[0]?.given ?? [],
        nameParts: [...families, ...names.flatMap((n) => [...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? []), ...(n.text ? [n.text] : [])])],
        birthDate: typeof resource.birthDate === 'string' ? resource.birthDate : '',
        gender: typeof resource.gender === 'string' ? resource.gender : '',
        identifiers: identifiers.map((i) => ({ system: i.system ?? '', value: i.value ?? '' })),
      },
    };
  }
  const reference = ['subject', 'patient', 'beneficiary'].map((field) => referenceOf(resource[field])).find(Boolean);
  const period = resource.period as { start?: string } | undefined;
  const date = [resource.effectiveDateTime, period?.start, resource.recordedDate, resource.authoredOn, resource.onsetDateTime].find(
    (d): d is string => typeof d === 'string',
  );
  const categories = Array.isArray(resource.category) ? resource.category : resource.category ? [resource.category] : [];
  return {
    ...(reference?.startsWith('Patient/') ? { patientId: reference.slice('Patient/'.length) } : {}),
    ...(date ? { date } : {}),
    ...(categories.length ? { category: categories.flatMap(codesOf)[0] } : {}),
    codes: codesOf(resource.code),
  };
}

/** FHIR resources as a test wrote them (odd ids, bare references, one version's shapes), served as they are. */
export function addRawResources(store: ResourceStore, resources: readonly FhirJson[]): void {
  for (const resource of resources) {
    store.add(resource.resourceType, resource.id ?? '', { resource, ...rawKeys(resource as unknown as RawJson) });
  }
}
