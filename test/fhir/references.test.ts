// References without a display: found in any version's shapes, and filled in on a copy, never on the answer
// itself (it may be a cached answer that other clinicians' loads share).
import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { practitionerReferences, resolvableReference, withDisplays } from '../../server/fhir/references.js';

const encounter: FhirResource = {
  resourceType: 'Encounter',
  participant: [
    { individual: { reference: 'Practitioner/dr-1' } },
    { individual: { reference: 'Practitioner/dr-2', display: 'Dr. Two' } },
    { individual: { reference: '#contained-1' } },
  ],
  location: [{ location: { reference: 'Location/ward-4/_history/3' } }],
  contained: [{ resourceType: 'Practitioner', id: 'contained-1', managingOrganization: { reference: 'Practitioner/dr-9' } }],
};

describe('references without a display', () => {
  test('finds each practitioner named by reference alone, once, not inside contained resources', () => {
    expect(practitionerReferences(encounter)).toEqual(['Practitioner/dr-1']);
    // STU3 MedicationRequest: requester.agent.
    expect(practitionerReferences({ resourceType: 'MedicationRequest', requester: { agent: { reference: 'Practitioner/p7' } } })).toEqual([
      'Practitioner/p7',
    ]);
  });

  test('reads Type/id, without a version, and ignores absolute, contained and other types', () => {
    expect(resolvableReference({ reference: 'Location/ward-4/_history/3' })).toBe('Location/ward-4');
    expect(resolvableReference({ reference: 'Practitioner/x', display: '  ' })).toBe('Practitioner/x');
    expect(resolvableReference({ reference: 'Organization/o1' })).toBeUndefined();
    expect(resolvableReference({ reference: '#c1' })).toBeUndefined();
    expect(resolvableReference({ reference: 'https://other.example/fhir/Practitioner/1' })).toBeUndefined();
  });

  test('fills in the names it knows on a copy and leaves the answer itself untouched', () => {
    const before = JSON.stringify(encounter);
    const names = new Map([
      ['Practitioner/dr-1', 'Dr. One'],
      ['Location/ward-4', 'Ward 4'],
    ]);
    const filled = withDisplays(encounter, names) as unknown as { participant: { individual: { display?: string } }[]; location: { location: { display?: string } }[] };
    expect(filled.participant.map((p) => p.individual.display)).toEqual(['Dr. One', 'Dr. Two', undefined]);
    expect(filled.location[0]?.location.display).toBe('Ward 4');
    expect(JSON.stringify(encounter)).toBe(before);
    expect(withDisplays(encounter, new Map())).toBe(encounter);
  });
});
