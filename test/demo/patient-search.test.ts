import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { fhirGet, resourcesOf, searchPatients, tenantOf, tokenFor, type Json } from './helpers.js';

let partner: RunningDemoPartner;
let token: string;
let dstu2Token: string;
let accented: Json;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 24 });
  token = await tokenFor(partner, tenantOf(partner, 'STU3').tenantId);
  dstu2Token = await tokenFor(partner, tenantOf(partner, 'DSTU2').tenantId);
  accented = (await fhirGet(partner, dstu2Token, `Patient/${tenantOf(partner, 'DSTU2').edgeCases.accentedName!}`)).body;
});
afterAll(() => partner.close());

const idsOf = (bundle: Json): string[] => resourcesOf(bundle).map((p) => String(p.id));

describe('Patient search', () => {
  test('matches name parts case- and accent-insensitively', async () => {
    expect(accented.name[0]).toMatchObject({ family: ['Müller-Ångström'], given: ['Zoë', 'Éloïse'] });
    for (const name of ['muller', 'ZOE', 'angstrom', 'eloise', 'Müller-Å']) {
      const { body } = await searchPatients(partner, dstu2Token, { name });
      expect(idsOf(body), name).toContain(accented.id);
    }
    expect(idsOf((await searchPatients(partner, dstu2Token, { name: 'oise' })).body)).not.toContain(accented.id);
    expect(idsOf((await searchPatients(partner, dstu2Token, { 'name:contains': 'oise' })).body)).toContain(accented.id);
  });

  test('DSTU2 family:contains finds the middle of a family name, family:exact only the whole', async () => {
    expect(idsOf((await searchPatients(partner, dstu2Token, { 'family:contains': 'LER-ÅNG' })).body)).toEqual([
      accented.id,
    ]);
    expect((await searchPatients(partner, dstu2Token, { 'family:exact': 'Müller' })).body.total).toBe(0);
    expect(idsOf((await searchPatients(partner, dstu2Token, { 'family:exact': 'Müller-Ångström' })).body)).toEqual([
      accented.id,
    ]);
  });

  test('combines family, given, birthdate and gender (all must match)', async () => {
    const id = tenantOf(partner, 'STU3').samplePatientIds[2]!;
    const patient = (await fhirGet(partner, token, `Patient/${id}`)).body;
    const form = {
      family: String(patient.name[0].family),
      given: String(patient.name[0].given[0]),
      birthdate: String(patient.birthDate),
      gender: String(patient.gender),
    };
    expect(idsOf((await searchPatients(partner, token, form)).body)).toEqual([id]);
    const otherGender = patient.gender === 'male' ? 'female' : 'male';
    expect((await searchPatients(partner, token, { ...form, gender: otherGender })).body.total).toBe(0);
    expect((await searchPatients(partner, token, { ...form, birthdate: '1900-01-01' })).body.total).toBe(0);
  });

  test('finds a patient by MRN, with or without the identifier system', async () => {
    const id = tenantOf(partner, 'STU3').samplePatientIds[0]!;
    const mrn = (await fhirGet(partner, token, `Patient/${id}`)).body.identifier[0] as Json;
    expect(idsOf((await searchPatients(partner, token, { identifier: String(mrn.value) })).body)).toEqual([id]);
    expect(
      idsOf((await searchPatients(partner, token, { identifier: `${String(mrn.system)}|${String(mrn.value)}` })).body),
    ).toEqual([id]);
    expect((await searchPatients(partner, token, { identifier: `urn:other|${String(mrn.value)}` })).body.total).toBe(0);
  });

  test('finds by _id and by id, the name the original Teams app sent', async () => {
    const [a, b] = tenantOf(partner, 'STU3').patientIds;
    expect(idsOf((await searchPatients(partner, token, { _id: a! })).body)).toEqual([a]);
    expect(idsOf((await searchPatients(partner, token, { id: `${a!},${b!}` })).body).sort()).toEqual([a, b].sort());
  });

  test('limits the page with _count but reports the full total', async () => {
    const { body } = await searchPatients(partner, token, { _count: '5' });
    expect(body.total).toBe(24);
    expect(body.entry).toHaveLength(5);
  });
});

describe('patient-scoped searches', () => {
  test('accept the patient as a bare id, Patient/<id> or a full URL', async () => {
    const id = tenantOf(partner, 'STU3').samplePatientIds[0]!;
    const totals = await Promise.all(
      [id, `Patient/${id}`, `${partner.url}/Patient/${id}`].map(
        async (ref) =>
          (await fhirGet(partner, token, `Condition?patient=${encodeURIComponent(ref)}`)).body.total as number,
      ),
    );
    expect(totals[0]).toBeGreaterThanOrEqual(1);
    expect(new Set(totals).size).toBe(1);
  });

  test('filter observations by LOINC code', async () => {
    const id = tenantOf(partner, 'STU3').samplePatientIds[0]!;
    const { body } = await fhirGet(
      partner,
      token,
      `Observation?patient=${id}&code=http://loinc.org|8867-4&_sort=-date&_count=1`,
    );
    expect(body.total).toBeGreaterThan(1);
    expect(resourcesOf(body)).toHaveLength(1);
    expect(resourcesOf(body)[0]!.code.coding[0]).toMatchObject({ code: '8867-4', display: 'Heart rate' });
    expect(resourcesOf(body)[0]!.valueQuantity).toMatchObject({ unit: 'beats/minute', code: '/min' });
  });
});
