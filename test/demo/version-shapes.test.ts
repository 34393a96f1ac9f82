import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirVersion } from '../../server/wire/contract.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import {
  patientQueries,
  postBatch,
  resourcesOf,
  searchPatients,
  tenantOf,
  tokenFor,
  fhirGet,
  type Json,
} from './helpers.js';

let partner: RunningDemoPartner;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, seed: 'shapes', anchorDate: '2026-03-10' });
});
afterAll(() => partner.close());

interface VersionExpectations {
  capability: { resourceType: string; fhirVersion: string };
  familySearch: string;
  familyOf: (patient: Json) => string;
  /** Version-specific checks of the patient-scoped answers. */
  checkPatient: (patient: Json) => void;
  checkEncounter: (encounter: Json, patientId: string) => void;
  checkCondition: (condition: Json) => void;
  checkObservation: (observation: Json) => void;
  checkAllergy: (allergy: Json) => void;
  medicationType: string;
  checkMedication: (medication: Json) => void;
  checkCoverage: (coverage: Json, patientId: string) => void;
}

const EXPECTATIONS: Record<FhirVersion, VersionExpectations> = {
  DSTU2: {
    capability: { resourceType: 'Conformance', fhirVersion: '1.0.2' },
    familySearch: 'family:contains',
    familyOf: (p) => String(p.name[0].family[0]),
    checkPatient: (p) => {
      expect(Array.isArray(p.name[0].family)).toBe(true);
      expect(p.careProvider[0].display).toMatch(/^Dr\. /);
      expect(p.identifier[0].type.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/v2/0203', code: 'MR' });
    },
    checkEncounter: (e, id) => {
      expect(e.patient.reference).toBe(`Patient/${id}`);
      expect(e.subject).toBeUndefined();
      expect(e.class).toBe('inpatient');
    },
    checkCondition: (c) => {
      expect(c.dateRecorded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['active', 'resolved']).toContain(c.clinicalStatus);
      expect(['confirmed', 'provisional']).toContain(c.verificationStatus);
    },
    checkObservation: (o) => {
      expect(Array.isArray(o.category)).toBe(false);
      expect(o.category.coding[0].code).toBe('vital-signs');
    },
    checkAllergy: (a) => {
      expect(a.substance.coding[0].display).toEqual(expect.any(String));
      expect(a.status).toEqual(expect.any(String));
      expect(a.recordedDate).toEqual(expect.any(String));
      expect(a.code).toBeUndefined();
    },
    medicationType: 'MedicationOrder',
    checkMedication: (m) => {
      expect(m.prescriber.display).toMatch(/^Dr\. /);
      expect(m.dateWritten).toEqual(expect.any(String));
      expect(m.medicationCodeableConcept.text).toEqual(expect.any(String));
    },
    checkCoverage: (c, id) => {
      expect(c.subscriber.reference).toBe(`Patient/${id}`);
      expect(c.issuer.display).toEqual(expect.any(String));
      expect(c.plan).toEqual(expect.any(String));
      expect(c.group).toEqual(expect.any(String));
      expect(c.beneficiary).toBeUndefined();
    },
  },
  STU3: {
    capability: { resourceType: 'CapabilityStatement', fhirVersion: '3.0.2' },
    familySearch: 'family',
    familyOf: (p) => String(p.name[0].family),
    checkPatient: (p) => {
      expect(typeof p.name[0].family).toBe('string');
      expect(p.generalPractitioner[0].display).toMatch(/^Dr\. /);
      expect(p.identifier[0].type.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/v2/0203', code: 'MR' });
    },
    checkEncounter: (e, id) => {
      expect(e.subject.reference).toBe(`Patient/${id}`);
      expect(e.patient).toBeUndefined();
    },
    checkCondition: (c) => {
      expect(c.assertedDate).toEqual(expect.any(String));
      expect(typeof c.clinicalStatus).toBe('string');
    },
    checkObservation: (o) => {
      expect(Array.isArray(o.category)).toBe(true);
      expect(o.category[0].coding[0].code).toBe('vital-signs');
    },
    checkAllergy: (a) => {
      expect(a.code.coding[0].display).toEqual(expect.any(String));
      expect(typeof a.clinicalStatus).toBe('string');
      expect(typeof a.verificationStatus).toBe('string');
      expect(a.assertedDate).toEqual(expect.any(String));
    },
    medicationType: 'MedicationRequest',
    checkMedication: (m) => {
      expect(m.requester.agent.display).toMatch(/^Dr\. /);
      expect(m.authoredOn).toEqual(expect.any(String));
      expect(m.intent).toBe('order');
    },
    checkCoverage: (c, id) => {
      expect(c.beneficiary.reference).toBe(`Patient/${id}`);
      expect(c.payor[0].display).toEqual(expect.any(String));
      expect(c.grouping).toEqual({
        group: expect.any(String),
        groupDisplay: expect.any(String),
        plan: expect.any(String),
        planDisplay: expect.any(String),
      });
    },
  },
  R4: {
    capability: { resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' },
    familySearch: 'family',
    familyOf: (p) => String(p.name[0].family),
    checkPatient: (p) => {
      expect(typeof p.name[0].family).toBe('string');
      expect(p.generalPractitioner[0].display).toMatch(/^Dr\. /);
      expect(p.identifier[0].type.coding[0]).toMatchObject({
        system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
        code: 'MR',
      });
    },
    checkEncounter: (e, id) => {
      expect(e.subject.reference).toBe(`Patient/${id}`);
      expect(e.class.system).toBe('http://terminology.hl7.org/CodeSystem/v3-ActCode');
    },
    checkCondition: (c) => {
      expect(c.clinicalStatus.coding[0].system).toBe('http://terminology.hl7.org/CodeSystem/condition-clinical');
      expect(c.verificationStatus.coding[0].code).toEqual(expect.any(String));
      expect(c.recordedDate).toEqual(expect.any(String));
    },
    checkObservation: (o) => {
      expect(o.category[0].coding[0]).toMatchObject({
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
      });
    },
    checkAllergy: (a) => {
      expect(a.clinicalStatus.coding[0].code).toEqual(expect.any(String));
      expect(a.verificationStatus.coding[0].code).toEqual(expect.any(String));
      expect(a.recordedDate).toEqual(expect.any(String));
    },
    medicationType: 'MedicationRequest',
    checkMedication: (m) => {
      expect(m.requester.display).toMatch(/^Dr\. /);
      expect(m.requester.agent).toBeUndefined();
    },
    checkCoverage: (c, id) => {
      expect(c.beneficiary.reference).toBe(`Patient/${id}`);
      expect(c.subscriberId).toEqual(expect.any(String));
      expect(c.period.start).toEqual(expect.any(String));
      expect((c.class as Json[]).map((k) => String(k.type.coding[0].code))).toEqual(['group', 'plan']);
      expect(c.class[1]).toEqual({ type: expect.any(Object), value: expect.any(String), name: expect.any(String) });
    },
  },
};

describe.each(['DSTU2', 'STU3', 'R4'] as const)('the %s demo server', (version) => {
  const expected = EXPECTATIONS[version];
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(partner, tenantOf(partner, version).tenantId);
  });

  test('describes itself in its own version with the resources it serves and batch', async () => {
    const { body } = await fhirGet(partner, token, 'metadata');
    expect(body).toMatchObject(expected.capability);
    const types = (body.rest[0].resource as Json[]).map((r) => String(r.type));
    expect(types).toEqual(
      expect.arrayContaining(['Patient', 'Encounter', 'Observation', expected.medicationType, 'Coverage', 'Location']),
    );
    expect(body.rest[0].interaction).toContainEqual({ code: 'batch' });
  });

  test('answers POST Patient/_search by family name with total', async () => {
    const sample = tenantOf(partner, version).samplePatientIds[0]!;
    const patient = (await fhirGet(partner, token, `Patient/${sample}`)).body;
    const family = expected.familyOf(patient);
    const { status, headers, body } = await searchPatients(partner, token, {
      [expected.familySearch]: family.slice(0, 5).toLowerCase(),
      _count: '50',
    });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(resourcesOf(body).map((p) => String(p.id))).toContain(sample);
    for (const found of resourcesOf(body))
      expect(expected.familyOf(found).toLowerCase()).toContain(family.slice(0, 5).toLowerCase());
  });

  test("answers a batch of the spec's patient-scoped searches in its own shapes", async () => {
    const id = tenantOf(partner, version).samplePatientIds[0]!;
    const { status, body } = await postBatch(partner, token, patientQueries(version, id));
    expect(status).toBe(200);
    expect(body.type).toBe('batch-response');
    expect((body.entry as Json[]).map((e) => String(e.response.status))).toEqual(Array(7).fill('200 OK'));
    const [patient, encounters, conditions, vitals, allergies, medications, coverage] = (body.entry as Json[]).map(
      (e) => e.resource as Json,
    );

    expected.checkPatient(patient!);
    expect(encounters!.total).toBe(1);
    const encounter = resourcesOf(encounters!)[0]!;
    expected.checkEncounter(encounter, id);
    expect(encounter.status).toBe('in-progress');
    expect(encounter.location[0].location.display).toMatch(/, Room \d+, Bed [AB]$/);
    expect(encounter.type[0].coding[0].display).toBe('Hospital admission');
    const attending = encounter.participant[0].individual as Json;
    const nominated = (patient!.careProvider ?? patient!.generalPractitioner)[0] as Json;
    expect(nominated).toEqual(attending);

    expect(resourcesOf(conditions!).length).toBeGreaterThanOrEqual(1);
    for (const c of resourcesOf(conditions!)) {
      expected.checkCondition(c);
      expect(c.code.coding[0].system).toBe('http://snomed.info/sct');
    }

    const observations = resourcesOf(vitals!);
    expect(observations.length).toBeGreaterThan(5);
    observations.forEach(expected.checkObservation);
    const pressure = observations.find((o) => o.code.coding[0].code === '85354-6')!;
    expect((pressure.component as Json[]).map((c) => String(c.code.coding[0].code))).toEqual(['8480-6', '8462-4']);
    expect(pressure.component[0].valueQuantity).toMatchObject({
      unit: 'mmHg',
      system: 'http://unitsofmeasure.org',
      code: 'mm[Hg]',
    });

    const allergyList = resourcesOf(allergies!);
    expect(allergyList.length).toBeGreaterThanOrEqual(1);
    allergyList.forEach(expected.checkAllergy);

    const medicationList = resourcesOf(medications!);
    expect(medicationList.length).toBeGreaterThanOrEqual(2);
    for (const m of medicationList) {
      expect(m.resourceType).toBe(expected.medicationType);
      expected.checkMedication(m);
      expect(m.dosageInstruction[0].text).toEqual(expect.any(String));
    }

    const coverages = resourcesOf(coverage!);
    expect(coverages).toHaveLength(1);
    expected.checkCoverage(coverages[0]!, id);
  });

  test('sorts vital signs newest first, and oldest first with _sort=date', async () => {
    // The sample patient with the longest stay so far, so there is a series to order.
    const series = await Promise.all(
      tenantOf(partner, version).samplePatientIds.map(async (id) => ({
        id,
        times: resourcesOf((await fhirGet(partner, token, patientQueries(version, id)[3]!)).body).map((o) =>
          String(o.effectiveDateTime),
        ),
      })),
    );
    const { id, times: newest } = series.sort((a, b) => b.times.length - a.times.length)[0]!;
    expect(newest.length).toBeGreaterThan(10);
    expect(newest).toEqual([...newest].sort().reverse());
    // A long stay's series fills more than the table's page of 100: compare the whole of it, both ways.
    const whole = async (sort: string): Promise<string[]> =>
      resourcesOf((await fhirGet(partner, token, `Observation?patient=${id}&category=vital-signs&${sort}&_count=1000`)).body).map(
        (o) => String(o.effectiveDateTime),
      );
    const newestOfAll = await whole(version === 'DSTU2' ? '_sort:desc=date' : '_sort=-date');
    expect(newest).toEqual(newestOfAll.slice(0, newest.length));
    expect(await whole('_sort=date')).toEqual([...newestOfAll].sort());
  });

  test('answers a batch posted to the base without a trailing slash too', async () => {
    const id = tenantOf(partner, version).samplePatientIds[0]!;
    const { status, body } = await postBatch(partner, token, [`Patient/${id}`, 'Patient/does-not-exist'], '');
    expect(status).toBe(200);
    expect((body.entry as Json[]).map((e) => String(e.response.status))).toEqual(['200 OK', '404 Not Found']);
    expect(body.entry[1].resource.resourceType).toBe('OperationOutcome');
  });
});
