// What only STU3 looks like (hl7.org/fhir/STU3): plain-code statuses, assertedDate, requester.agent and
// Coverage.grouping; DSTU2 and R4 shapes sent by an STU3 server are ignored.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { fixture, fixtureEntry } from './fixtures.js';

const stu3 = adapterFor('STU3');

describe('the STU3 adapter', () => {
  test('ignores a DSTU2-style family array', () => {
    const summary = stu3.toPatient({ resourceType: 'Patient', id: 'x', name: [{ family: ['Old'], given: ['Style'] }] });
    expect(summary).toMatchObject({ name: 'Style', given: ['Style'] });
    expect(summary.family).toBeUndefined();
  });

  test('reads statuses as plain codes and ignores R4 CodeableConcepts', () => {
    const concept = { coding: [{ code: 'active' }] };
    expect(stu3.toCondition({ resourceType: 'Condition', code: { text: 'Gout' }, clinicalStatus: concept }).clinicalStatus).toBeUndefined();
    const allergy = stu3.toAllergy({ ...fixtureEntry('STU3', 'allergies', 'alg-1'), clinicalStatus: concept });
    expect(allergy).toMatchObject({ verificationStatus: 'confirmed' });
    expect(allergy.clinicalStatus).toBeUndefined();
  });

  test('dates conditions and allergies by assertedDate, not recordedDate', () => {
    expect(stu3.toCondition({ resourceType: 'Condition', code: { text: 'Gout' }, recordedDate: '2002' }).recorded).toBeUndefined();
    const { assertedDate: _asserted, ...allergy } = fixtureEntry('STU3', 'allergies', 'alg-1');
    expect(stu3.toAllergy({ ...allergy, recordedDate: '2002' }).recorded).toBeUndefined();
  });

  test('reads the prescriber from requester.agent and ignores an R4 plain requester', () => {
    const request = fixtureEntry('STU3', 'medications', 'med-1');
    expect(stu3.toMedication({ ...request, requester: { display: 'Dr. R4' } }).prescriber).toBeUndefined();
  });

  test('falls back to the coverage sub-plan and sub-group when only those are sent (CMS Blue Button)', () => {
    const coverage = { ...fixture('STU3', 'coverage'), grouping: { subGroup: 'Medicare', subPlan: 'Part A' } };
    expect(stu3.toCoverage(coverage)).toMatchObject({ plan: 'Part A', group: 'Medicare' });
  });

  test('shows a coverage plan by its code when it has no display', () => {
    const coverage = { ...fixture('STU3', 'coverage'), grouping: { plan: 'GOLD', group: 'G42' } };
    expect(stu3.toCoverage(coverage)).toMatchObject({ plan: 'GOLD', group: 'G42' });
  });

  test('ignores a DSTU2-style single Observation.category', () => {
    const observation = {
      resourceType: 'Observation',
      code: { text: 'Glucose', coding: [{ system: 'http://loinc.org', code: '2339-0' }] },
      category: { coding: [{ code: 'laboratory' }] },
      valueQuantity: { value: 6.1 },
    };
    expect(stu3.toVitals([observation]).map((v) => v.code)).toEqual(['2339-0']);
  });
});
