// Encounter locations and participants, narrative fallbacks and CodeableConcept display: rules shared by
// every version (these elements have the same shape in DSTU2, STU3 and R4).
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS, fixture } from './fixtures.js';

describe.each(VERSIONS)('%s encounters and text', (version) => {
  const adapter = adapterFor(version);
  const encounter = fixture(version, 'encounter');
  const at = (location: object): typeof encounter => ({ ...encounter, location: [{ location }] });

  test('shows a contained Location by name and needs no follow-up read', () => {
    const withContained = { ...at({ reference: '#room' }), contained: [{ resourceType: 'Location', id: 'room', name: 'Room 7' }] };
    expect(adapter.toEncounter(withContained).location).toBe('Room 7');
    expect(adapter.locationToResolve(withContained)).toBeUndefined();
  });

  test.each([
    ['Location/loc-3', 'Location/loc-3'],
    ['Location/loc-3/_history/2', 'Location/loc-3'],
    ['https://other.example.org/fhir/Location/loc-3', undefined],
    ['#missing', undefined],
    ['Organization/org-1', undefined],
  ])('asks to resolve %s as %s', (reference, expected) => {
    expect(adapter.locationToResolve(at({ reference }))).toBe(expected);
  });

  test('ignores data-absent-reason codings when naming the encounter type', () => {
    const unknownType = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown', display: 'Unknown' }] }];
    expect(adapter.toEncounter({ ...encounter, type: unknownType }).type).toBeUndefined();
  });

  test('lists each participant once and leaves out those it cannot name', () => {
    const participant = (display?: string): object => ({ individual: { reference: 'Practitioner/x', ...(display && { display }) } });
    const summary = adapter.toEncounter({ ...encounter, participant: [participant('Dr. A'), participant(), participant('Dr. A')] });
    expect(summary.participants).toEqual(['Dr. A']);
  });

  test('reads a narrative that the server escaped twice, as plain text', () => {
    const allergy = {
      resourceType: 'AllergyIntolerance',
      text: { status: 'additional', div: '&lt;div ccdRefId="x"> &lt;b>aspirin&lt;/b> causes bleeding &amp; bruising.&lt;/div>' },
    };
    expect(adapter.toAllergy(allergy).substance).toBe('aspirin causes bleeding & bruising.');
  });

  test('reads numeric entities, and one outside Unicode as a space instead of throwing', () => {
    const allergy = { resourceType: 'AllergyIntolerance', text: { div: '<div>Nut&#8209;free &#x41;&#99999999;B</div>' } };
    expect(adapter.toAllergy(allergy).substance).toBe('Nut\u2011free A B');
  });

  test('cuts a long narrative to 200 characters', () => {
    const medication = { resourceType: adapter.medicationResourceType, text: { div: `<div>${'word '.repeat(100)}</div>` } };
    const name = adapter.toMedication(medication).name;
    expect(name).toHaveLength(200);
    expect(name.endsWith('…')).toBe(true);
  });

  test('names a condition by code text, else coding display, else code, else "Unnamed condition"', () => {
    const text = (code: unknown): string => adapter.toCondition({ resourceType: 'Condition', code }).text;
    expect(text({ text: 'Asthma', coding: [{ display: 'Asthma (disorder)', code: '195967001' }] })).toBe('Asthma');
    expect(text({ coding: [{ code: '195967001' }, { display: 'Asthma (disorder)' }] })).toBe('Asthma (disorder)');
    expect(text({ coding: [{ code: '195967001' }] })).toBe('195967001');
    expect(text(undefined)).toBe('Unnamed condition');
  });
});
