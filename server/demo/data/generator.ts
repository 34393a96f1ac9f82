// The seeded generator: tenant definitions + seed + anchor day → a version-neutral model of each
// hospital's inpatients (./model.ts). Same inputs, same data; no Math.random, no clock.
import { createPrng, type Prng } from '../prng.js';
import { DEMO_TENANT_DEFINITIONS, type DemoTenantDefinition } from '../tenants.js';
import { CONDITIONS, DISCHARGE_EXPIRED, DISCHARGE_HOME } from './clinical.js';
import {
  buildAllergies,
  buildConditions,
  buildCoverage,
  buildMedications,
  buildVitals,
  type RecordContext,
} from './clinical-records.js';
import { buildFacility } from './facility.js';
import { buildLabs } from './lab-series.js';
import { buildNews2Series } from './news2-series.js';
import { createIdMaker } from './ids.js';
import type { DemoEdgeCases, DemoEncounter, DemoPatient, DemoTenantData, Gender, PersonName } from './model.js';
import { ACCENTED_NAMES, CITIES, FAMILY, FEMALE_GIVEN, LONG_NAMES, MALE_GIVEN, STREETS } from './names.js';
import { DAY, HOUR, MINUTE, anchorMoment, dateOnly, dateTime } from './time.js';

export interface GeneratorOptions {
  seed: number | string;
  patientsPerTenant: number;
  /** YYYY-MM-DD: the day the stays are relative to ("today" in the data). */
  anchorDate: string;
  tenants?: readonly DemoTenantDefinition[];
}

type EdgeRole = keyof DemoEdgeCases;
const EDGE_ROLES: readonly EdgeRole[] = [
  'accentedName',
  'longName',
  'noEncounter',
  'noVitals',
  'deceased',
  'discharged',
  'locationWithoutDisplay',
  'noAllergiesRecorded',
];

/** Spreads the edge cases over the list (indices 3, 11, 18 … for 60 patients); small lists keep the first ones. */
function edgeRoleIndices(count: number): Map<number, EdgeRole> {
  const roles = new Map<number, EdgeRole>();
  EDGE_ROLES.forEach((role, k) => {
    const index = count >= EDGE_ROLES.length ? Math.floor(((k + 0.5) * count) / EDGE_ROLES.length) : k;
    if (index < count && !roles.has(index)) roles.set(index, role);
  });
  return roles;
}

export function generateDemoData(options: GeneratorOptions): DemoTenantData[] {
  const tenants = options.tenants ?? DEMO_TENANT_DEFINITIONS;
  return tenants.map((tenant, index) => generateTenantData(tenant, index, options));
}

/** A tenant's data with its facility (organisations, practitioners, locations) and no patient yet. */
export function tenantDataOf(
  tenant: DemoTenantDefinition,
  facility: Pick<DemoTenantData, 'organizations' | 'practitioners' | 'locations'> = { organizations: [], practitioners: [], locations: [] },
): DemoTenantData {
  return {
    tenant,
    ...facility,
    patients: [],
    encounters: [],
    conditions: [],
    vitals: [],
    labs: [],
    allergies: [],
    medications: [],
    coverages: [],
    edgeCases: {},
  };
}

function generateTenantData(
  tenant: DemoTenantDefinition,
  tenantIndex: number,
  options: GeneratorOptions,
): DemoTenantData {
  const count = options.patientsPerTenant;
  if (!Number.isInteger(count) || count < 1 || count > 2000) {
    throw new Error(`patientsPerTenant must be an integer from 1 to 2000, got ${count}`);
  }
  const prng = createPrng(options.seed).fork(tenant.tenantId);
  const nextId = createIdMaker(tenant, prng.fork('ids'));
  const now = anchorMoment(options.anchorDate);
  const facility = buildFacility(tenant, Math.ceil(count / tenant.wards.length), prng.fork('facility'), nextId);
  const data = tenantDataOf(tenant, {
    organizations: [facility.provider, ...facility.payors],
    practitioners: facility.practitioners,
    locations: facility.locations,
  });
  const roles = edgeRoleIndices(count);
  const acute = CONDITIONS.filter((c) => c.isAcute);

  for (let i = 0; i < count; i += 1) {
    const role = roles.get(i);
    const p = prng.fork(`patient-${i}`);
    const ward = facility.wards[i % facility.wards.length];
    const bed = ward?.beds[Math.floor(i / facility.wards.length)];
    const isAdmitted = role !== 'noEncounter' && ward !== undefined && bed !== undefined;
    // The attending is both the encounter's participant and the patient's careProvider/generalPractitioner;
    // a patient never admitted keeps a community practitioner there.
    const attendingId = p.pick(isAdmitted ? ward.attendingIds : facility.generalPractitionerIds);
    const patient = buildPatient(p, tenant, tenantIndex, i, role, now, nextId('Patient'), attendingId);
    if (role) data.edgeCases[role] = patient.id;
    data.patients.push(patient);

    let encounter: DemoEncounter | undefined;
    const reason = p.pick(acute);
    if (isAdmitted) {
      const isFinished = role === 'discharged' || role === 'deceased';
      const start = now - (isFinished ? p.int(4, 9) : p.int(0, 8)) * DAY - p.int(2, 20) * HOUR - p.int(0, 59) * MINUTE;
      const end = isFinished ? now - p.int(10, 30) * HOUR - p.int(0, 59) * MINUTE : undefined;
      encounter = {
        id: nextId('Encounter'),
        patientId: patient.id,
        status: isFinished ? 'finished' : 'in-progress',
        start: dateTime(start),
        end: end === undefined ? undefined : dateTime(end),
        locationId: bed.id,
        isLocationDisplayed: role !== 'locationWithoutDisplay' && !p.chance(0.06),
        attendingId,
        reason: reason.snomed,
        dischargeDisposition: role === 'deceased' ? DISCHARGE_EXPIRED : isFinished ? DISCHARGE_HOME : undefined,
      };
      if (!isFinished) bed.isOccupied = true;
      if (role === 'deceased' && encounter.end) patient.deceasedAt = encounter.end;
      data.encounters.push(encounter);
    }

    const ctx: RecordContext = { prng: p, nextId, patientId: patient.id, now, encounter };
    data.conditions.push(...buildConditions(ctx, encounter ? reason : undefined));
    if (role !== 'noVitals') data.vitals.push(...buildVitals(ctx));
    data.allergies.push(...buildAllergies(ctx, role === 'noAllergiesRecorded' || p.chance(0.15)));
    data.medications.push(...buildMedications(ctx, ward?.attendingIds ?? facility.generalPractitionerIds));
    data.coverages.push(...buildCoverage(ctx, facility.payors));
  }

  // Labs come last, from forks of their own, so adding them left every other record (and id) as it was.
  const encounterOf = new Map(data.encounters.map((e) => [e.patientId, e]));
  data.patients.forEach((patient, i) => {
    const ctx: RecordContext = { prng: prng.fork(`labs-${i}`), nextId, patientId: patient.id, now, encounter: encounterOf.get(patient.id) };
    data.labs.push(...buildLabs(ctx, tenant.labUnits ?? 'si', i));
  });
  // Oxygen flow and responsiveness last of all, for the same reason: each set of vitals gains them, nothing else moves.
  data.vitals.push(...buildNews2Series(data, prng.fork('news2'), nextId));
  return data;
}

function buildPatient(
  p: Prng,
  tenant: DemoTenantDefinition,
  tenantIndex: number,
  index: number,
  role: EdgeRole | undefined,
  now: number,
  id: string,
  generalPractitionerId: string,
): DemoPatient {
  const special =
    role === 'accentedName'
      ? ACCENTED_NAMES[tenantIndex % ACCENTED_NAMES.length]
      : role === 'longName'
        ? LONG_NAMES[tenantIndex % LONG_NAMES.length]
        : undefined;
  const gender: Gender = special ? special.gender : p.chance(0.5) ? 'female' : 'male';
  const givenPool = gender === 'female' ? FEMALE_GIVEN : MALE_GIVEN;
  const name: PersonName = special
    ? { family: special.family, given: [...special.given], prefix: [], suffix: [] }
    : {
        family: p.pick(FAMILY),
        given: p.chance(0.4) ? p.sample(givenPool, 2) : [p.pick(givenPool)],
        prefix: p.chance(0.15) ? [gender === 'female' ? p.pick(['Ms.', 'Mrs.']) : 'Mr.'] : [],
        suffix: gender === 'male' && p.chance(0.05) ? [p.pick(['Jr.', 'III'])] : [],
      };
  const age = p.int(19, 96);
  const birthMs = now - age * 365.25 * DAY - p.int(0, 364) * DAY;
  const place = p.pick(CITIES);
  return {
    id,
    mrn: `${tenant.mrnPrefix}${String(2_000_000 + index * 97 + p.int(0, 96))}`,
    name,
    gender,
    birthDate: dateOnly(birthMs),
    phone: `555-01${String(p.int(0, 99)).padStart(2, '0')}`,
    address: { line: `${p.int(10, 999)} ${p.pick(STREETS)}`, ...place },
    generalPractitionerId,
  };
}
