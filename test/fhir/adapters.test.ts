// One suite, three implementations (STYLE habit 12): the same clinical facts written in DSTU2, STU3 and R4
// shapes must read as the same view models.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS, fixture, fixtureEntries, fixtureEntry } from './fixtures.js';

describe.each(VERSIONS)('the %s adapter', (version) => {
  const adapter = adapterFor(version);

  test('reports its own version', () => {
    expect(adapter.version).toBe(version);
  });

  test('reads a patient: official name with prefix, MR identifier, practitioner', () => {
    expect(adapter.toPatient(fixture(version, 'patient'))).toEqual({
      id: 'pat-1',
      name: 'Dr. Alex Q Testperson',
      family: 'Testperson',
      given: ['Alex', 'Q'],
      prefix: ['Dr.'],
      gender: 'female',
      birthDate: '1970-02-03',
      mrn: 'MRN-0001',
      generalPractitioner: 'Dr. Grey Practitioner',
    });
  });

  test('reads the encounter with its location and the attending physician first', () => {
    expect(adapter.toEncounter(fixture(version, 'encounter'))).toEqual({
      id: 'enc-1',
      status: 'in-progress',
      type: 'Inpatient',
      start: '2024-03-01T08:00:00Z',
      location: 'Ward 5, Bed 12',
      participants: ['Dr. Attending', 'Dr. Consult'],
    });
  });

  test('asks for no location read when the encounter names its location', () => {
    expect(adapter.locationToResolve(fixture(version, 'encounter'))).toBeUndefined();
  });

  test('asks to read Location/<id> when the encounter location has no display, and reads its name', () => {
    const encounter = fixture(version, 'encounter-location-reference');
    expect(adapter.toEncounter(encounter).location).toBeUndefined();
    expect(adapter.locationToResolve(encounter)).toBe('Location/loc-9');
    expect(adapter.toLocationName(fixture(version, 'location'))).toBe('Ward 9');
  });

  test('reads conditions with their recorded date, onset, severity and clinical status', () => {
    const conditions = fixtureEntries(version, 'conditions').map((c) => adapter.toCondition(c));
    expect(conditions).toEqual([
      { text: 'Pneumonia', recorded: '2024-03-01', onset: '2024-02-27', severity: 'Moderate', clinicalStatus: 'active' },
      { text: 'Type 2 diabetes mellitus', onset: '2010-05', clinicalStatus: 'resolved' },
    ]);
  });

  test('keeps the newest vital sign per code, blood pressure with systolic then diastolic', () => {
    expect(adapter.toVitals(fixtureEntries(version, 'observations'))).toEqual([
      // Flags: the NEWS2 defaults, as these fixtures carry no interpretation or range (test/fhir/vital-flags.test.ts).
      { code: '8867-4', name: 'Heart rate', value: 88, unit: '/min', effective: '2024-03-02T08:00:00Z', flag: 'normal', components: [] },
      {
        code: '85354-9',
        name: 'Blood pressure panel',
        effective: '2024-03-02T08:00:00Z',
        components: [
          { code: '8480-6', name: 'Systolic blood pressure', value: 128, unit: 'mmHg', flag: 'normal' },
          { code: '8462-4', name: 'Diastolic blood pressure', value: 82, unit: 'mmHg' },
        ],
      },
      { code: '8310-5', name: 'Body temperature', value: 37.9, unit: 'Cel', effective: '2024-03-02T06:00:00Z', flag: 'normal', components: [] },
      { code: '29463-7', name: 'Body weight', value: 72.5, unit: 'kg', effective: '2024-03-01T10:00:00Z', components: [] },
    ]);
  });

  test('reads an allergy with its substance, recorded date, reactions and note', () => {
    const allergy = adapter.toAllergy(fixtureEntry(version, 'allergies', 'alg-1'));
    expect(allergy).toMatchObject({
      substance: 'Penicillin',
      recorded: '2020-01-15',
      reactions: ['Hives', 'Wheezing'],
      note: 'Reaction at a 2019 clinic visit',
    });
    expect(allergy.verificationStatus).toBe('confirmed');
  });

  test('names an allergy by its reaction substance, else its narrative, else "Unknown substance"', () => {
    const substances = ['alg-2', 'alg-3', 'alg-4'].map(
      (id) => adapter.toAllergy(fixtureEntry(version, 'allergies', id)).substance,
    );
    expect(substances).toEqual(['Latex', 'Allergy to shellfish', 'Unknown substance']);
  });

  test(`reads a ${adapter.medicationResourceType} with its date, prescriber and every dosage line`, () => {
    expect(adapter.toMedication(fixtureEntry(version, 'medications', 'med-1'))).toEqual({
      name: 'Amoxicillin 500 mg capsule',
      status: 'active',
      authored: '2024-03-01',
      prescriber: 'Dr. Attending',
      dosage: '500 mg every 8 hours; for 7 days',
    });
  });

  test('names a medication by its reference display, a contained Medication, else its narrative', () => {
    const names = ['med-2', 'med-3', 'med-4'].map((id) => adapter.toMedication(fixtureEntry(version, 'medications', id)).name);
    expect(names).toEqual(['Heparin 5000 units', 'Paracetamol 1 g tablet', 'Ondansetron 4 mg IV']);
  });

  test('reads coverage: payor, plan, group, subscriber id and period', () => {
    expect(adapter.toCoverage(fixture(version, 'coverage'))).toEqual({
      payor: 'Acme Health Insurance',
      plan: 'Gold PPO',
      group: 'Employer Group 42',
      subscriberId: 'SUB-777',
      period: { start: '2024-01-01', end: '2024-12-31' },
    });
  });
});
