// One demo FHIR server's resources: the tenant's model rendered once in the server's version, indexed by
// type, id and patient, with the search keys taken from the version-neutral model.
import type { DemoTenantData } from './data/model.js';
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
  resource: FhirJson;
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

  add(id: string, entry: StoredResource): void {
    const type = entry.resource.resourceType;
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

export function buildResourceStore(data: DemoTenantData, renderer: DemoRenderer): ResourceStore {
  const store = new ResourceStore();
  const lookup = lookupFor(data);
  for (const o of data.organizations) store.add(o.id, { resource: renderer.organization(o, lookup) });
  for (const p of data.practitioners) store.add(p.id, { resource: renderer.practitioner(p, lookup) });
  for (const l of data.locations) store.add(l.id, { resource: renderer.location(l, lookup) });
  for (const p of data.patients) {
    store.add(p.id, {
      resource: renderer.patient(p, lookup),
      patient: {
        family: p.name.family,
        given: p.name.given,
        nameParts: [p.name.family, ...p.name.given, ...p.name.prefix, ...p.name.suffix, nameText(p.name)],
        birthDate: p.birthDate,
        gender: p.gender,
        identifiers: [{ system: lookup.mrnSystem, value: p.mrn }],
      },
    });
  }
  for (const e of data.encounters) {
    store.add(e.id, { resource: renderer.encounter(e, lookup), patientId: e.patientId, date: e.start });
  }
  for (const c of data.conditions) {
    store.add(c.id, { resource: renderer.condition(c, lookup), patientId: c.patientId, date: c.recorded });
  }
  for (const v of data.vitals) {
    const resource = renderer.vital(v, lookup) as FhirJson & { code?: { coding?: { code?: string }[] } };
    store.add(v.id, {
      resource,
      patientId: v.patientId,
      date: v.effective,
      category: 'vital-signs',
      // Every coding the renderer wrote: R4 adds 2708-6 beside 59408-5.
      codes: (resource.code?.coding ?? []).flatMap((c) => (c.code ? [c.code] : [])),
    });
  }
  for (const a of data.allergies) {
    store.add(a.id, { resource: renderer.allergy(a, lookup), patientId: a.patientId, date: a.recorded });
  }
  for (const m of data.medications) {
    store.add(m.id, { resource: renderer.medication(m, lookup), patientId: m.patientId, date: m.authored });
  }
  for (const c of data.coverages) {
    store.add(c.id, { resource: renderer.coverage(c, lookup), patientId: c.patientId, date: c.period.start });
  }
  return store;
}
