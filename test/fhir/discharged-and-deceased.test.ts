// Discharged and deceased patients (#12 item 7), read the same way in DSTU2, STU3 and R4: the latest encounter
// whatever its status, so a finished stay is seen, and Patient.deceased[x] in both its forms.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS, fixture } from './fixtures.js';

describe.each(VERSIONS)('the %s adapter on discharged and deceased patients', (version) => {
  const adapter = adapterFor(version);

  test('reads a finished encounter with its status, end and last bed', () => {
    const finished = {
      ...fixture(version, 'encounter'),
      status: 'finished',
      period: { start: '2026-11-25T09:00:00Z', end: '2026-12-01T15:30:00Z' },
    };
    expect(adapter.toEncounter(finished)).toMatchObject({
      status: 'finished',
      start: '2026-11-25T09:00:00Z',
      end: '2026-12-01T15:30:00Z',
      location: 'Ward 5, Bed 12',
    });
  });

  test('asks for the latest encounter whatever its status, so a finished stay is not skipped', () => {
    const [query] = adapter.patientQueries('p1', ['encounter']);
    expect(query?.resourceType).toBe('Encounter');
    expect(query?.url).toMatch(/_count=1$/);
    expect(query?.url).toMatch(/_sort(:desc=|=-)date/);
    expect(query?.url).not.toMatch(/status/);
  });

  test('reads deceasedDateTime as deceased, with the date', () => {
    const patient = adapter.toPatient({ ...fixture(version, 'patient'), deceasedDateTime: '2026-12-01T04:10:00Z' });
    expect(patient.deceased).toBe(true);
    expect(patient.deceasedDate).toBe('2026-12-01T04:10:00Z');
  });

  test.each([
    [true, true],
    [false, false],
  ])('reads deceasedBoolean %s as deceased = %s, without a date', (value, expected) => {
    const patient = adapter.toPatient({ ...fixture(version, 'patient'), deceasedBoolean: value });
    expect(patient.deceased).toBe(expected);
    expect(patient.deceasedDate).toBeUndefined();
  });

  test('says nothing of death when the patient has neither field', () => {
    const patient = adapter.toPatient(fixture(version, 'patient'));
    expect(patient.deceased).toBeUndefined();
    expect(patient.deceasedDate).toBeUndefined();
  });
});
