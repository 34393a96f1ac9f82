// What only DSTU2 looks like (hl7.org/fhir/DSTU2): the adapter reads these shapes, and ignores the STU3+
// shapes when a DSTU2 server sends them (a wrong type is ignored, never guessed at).
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { fixture, fixtureEntry } from './fixtures.js';

const dstu2 = adapterFor('DSTU2');
const patient = fixture('DSTU2', 'patient');

describe('the DSTU2 adapter', () => {
  test('joins a family name sent as several parts', () => {
    const summary = dstu2.toPatient({ ...patient, name: [{ use: 'official', family: ['van', 'Dijk'], given: ['Ann'] }] });
    expect(summary).toMatchObject({ name: 'Ann van Dijk', family: 'van Dijk', given: ['Ann'] });
  });

  test('ignores a family sent as a plain string and falls back to the name text', () => {
    const summary = dstu2.toPatient({ ...patient, name: [{ family: 'Smith', text: 'SMITH, JO' }] });
    expect(summary.family).toBeUndefined();
    expect(summary.name).toBe('SMITH, JO');
  });

  test('reads the practitioner from careProvider, not generalPractitioner', () => {
    const { careProvider: _omitted, ...withoutCareProvider } = patient;
    const summary = dstu2.toPatient({ ...withoutCareProvider, generalPractitioner: [{ display: 'Dr. Elsewhere' }] });
    expect(summary.generalPractitioner).toBeUndefined();
  });

  test.each([
    ['active', { clinicalStatus: 'active' }],
    ['resolved', { clinicalStatus: 'resolved' }],
    ['unconfirmed', { verificationStatus: 'unconfirmed' }],
    ['refuted', { verificationStatus: 'refuted' }],
  ])('puts the single allergy status %s where it belongs', (status, expected) => {
    const allergy = dstu2.toAllergy({ ...fixtureEntry('DSTU2', 'allergies', 'alg-1'), status });
    expect({ clinicalStatus: allergy.clinicalStatus, verificationStatus: allergy.verificationStatus }).toEqual({
      clinicalStatus: undefined,
      verificationStatus: undefined,
      ...expected,
    });
  });

  test('reads the allergy substance from `substance` and ignores an STU3 `code`', () => {
    const allergy = dstu2.toAllergy({ resourceType: 'AllergyIntolerance', code: { text: 'Peanut' } });
    expect(allergy.substance).toBe('Unknown substance');
  });

  test('reads the single allergy note and ignores a note array', () => {
    const allergy = fixtureEntry('DSTU2', 'allergies', 'alg-1');
    expect(dstu2.toAllergy(allergy).note).toBe('Reaction at a 2019 clinic visit');
    expect(dstu2.toAllergy({ ...allergy, note: [{ text: 'as an array' }] }).note).toBeUndefined();
  });

  test('dates a condition by dateRecorded, not by assertedDate or recordedDate', () => {
    const condition = { resourceType: 'Condition', code: { text: 'Gout' }, assertedDate: '2001', recordedDate: '2002' };
    expect(dstu2.toCondition(condition).recorded).toBeUndefined();
    expect(dstu2.toCondition({ ...condition, dateRecorded: '2003-04-05' }).recorded).toBe('2003-04-05');
  });

  test('drops an observation whose single category is not vital-signs', () => {
    const observation = {
      resourceType: 'Observation',
      code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }], text: 'Glucose' },
      category: { coding: [{ code: 'laboratory' }] },
      valueQuantity: { value: 6.1, unit: 'mmol/L' },
    };
    expect(dstu2.toVitals([observation])).toEqual([]);
    expect(dstu2.toVitals([{ ...observation, category: { coding: [{ code: 'vital-signs' }] } }])).toHaveLength(1);
  });

  test('reads a MedicationOrder’s dateWritten and prescriber, not STU3’s authoredOn and requester', () => {
    const order = fixtureEntry('DSTU2', 'medications', 'med-1');
    const { dateWritten: _date, prescriber: _prescriber, ...bare } = order;
    const medication = dstu2.toMedication({ ...bare, authoredOn: '2024-01-01', requester: { agent: { display: 'X' } } });
    expect(medication.authored).toBeUndefined();
    expect(medication.prescriber).toBeUndefined();
  });

  test('reads the coverage subscriber id from its Identifier, the issuer as payor, and subPlan when there is no plan', () => {
    const coverage = fixture('DSTU2', 'coverage');
    expect(dstu2.toCoverage({ ...coverage, subscriberId: 'SUB-777' }).subscriberId).toBeUndefined();
    const { plan: _plan, ...withoutPlan } = coverage;
    expect(dstu2.toCoverage({ ...withoutPlan, subPlan: 'D15C9' })).toMatchObject({ payor: 'Acme Health Insurance', plan: 'D15C9' });
  });
});
