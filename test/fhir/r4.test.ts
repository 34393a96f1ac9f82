// What only R4 looks like (hl7.org/fhir/R4): CodeableConcept statuses, recordedDate, a plain requester and
// Coverage.class[]; older shapes sent by an R4 server are ignored.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { fixture, fixtureEntry } from './fixtures.js';

const r4 = adapterFor('R4');
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';

describe('the R4 adapter', () => {
  test('takes the status code of the HL7 code system when a server sends its own coding first', () => {
    const allergy = r4.toAllergy({
      ...fixtureEntry('R4', 'allergies', 'alg-1'),
      clinicalStatus: { coding: [{ system: 'https://ehr.example.org/status', code: 'A' }, { system: CLINICAL, code: 'inactive' }] },
    });
    expect(allergy.clinicalStatus).toBe('inactive');
  });

  test('falls back to the status text when the CodeableConcept has no coding', () => {
    const condition = { resourceType: 'Condition', code: { text: 'Gout' }, clinicalStatus: { text: 'Active' } };
    expect(r4.toCondition(condition).clinicalStatus).toBe('Active');
  });

  test('ignores STU3 plain-code statuses and assertedDate', () => {
    const condition = r4.toCondition({ resourceType: 'Condition', code: { text: 'Gout' }, clinicalStatus: 'active', assertedDate: '2001' });
    expect(condition).toEqual({ text: 'Gout' });
  });

  test('reads the prescriber from a plain requester and ignores STU3 requester.agent', () => {
    const request = fixtureEntry('R4', 'medications', 'med-1');
    expect(r4.toMedication({ ...request, requester: { agent: { display: 'Dr. STU3' } } }).prescriber).toBeUndefined();
  });

  test('falls back to the coverage subplan and subgroup classes, and to the payor identifier', () => {
    const cls = (code: string, value: string): object => ({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code }] },
      value,
    });
    const coverage = {
      ...fixture('R4', 'coverage'),
      payor: [{ identifier: { value: 'Centers for Medicare and Medicaid Services' } }],
      class: [cls('subgroup', 'Medicare'), cls('subplan', 'Part A')],
    };
    expect(r4.toCoverage(coverage)).toMatchObject({
      payor: 'Centers for Medicare and Medicaid Services',
      plan: 'Part A',
      group: 'Medicare',
    });
  });

  test('ignores an STU3 Coverage.grouping', () => {
    const { class: _classes, ...coverage } = fixture('R4', 'coverage');
    const summary = r4.toCoverage({ ...coverage, grouping: { plan: 'GOLD', group: 'G42' } });
    expect(summary.plan).toBeUndefined();
    expect(summary.group).toBeUndefined();
  });

  test.each([
    [{ deceasedDateTime: '2024-03-03T10:00:00Z' }, true],
    [{ deceasedBoolean: true }, true],
    [{ deceasedBoolean: false }, false],
    [{ deceasedBoolean: 'yes' }, undefined],
  ])('reads %j as deceased = %s', (fields, expected) => {
    expect(r4.toPatient({ ...fixture('R4', 'patient'), ...fields }).deceased).toBe(expected);
  });
});
