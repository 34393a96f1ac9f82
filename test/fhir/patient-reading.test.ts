// Which identifier is the MRN and which name is shown: rules shared by every version, checked through
// each adapter with that version's identifier-type system.
import { describe, expect, test } from 'vitest';
import type { FhirVersion } from '../../server/wire/contract.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS } from './fixtures.js';

const V2_SYSTEM: Record<FhirVersion, string> = {
  DSTU2: 'http://hl7.org/fhir/v2/0203',
  STU3: 'http://hl7.org/fhir/v2/0203',
  R4: 'http://terminology.hl7.org/CodeSystem/v2-0203',
};

describe.each(VERSIONS)('reading a %s patient', (version) => {
  const adapter = adapterFor(version);
  const mrnOf = (identifier: unknown[]): string | undefined =>
    adapter.toPatient({ resourceType: 'Patient', id: 'p', identifier }).mrn;
  const typed = (code: string, value: string, system = V2_SYSTEM[version], extra: object = {}): object => ({
    type: { coding: [{ system, code }] },
    value,
    ...extra,
  });

  test('takes the identifier typed MR in the v2-0203 code system', () => {
    expect(mrnOf([typed('SS', '000-00-0000'), typed('MR', 'M-1')])).toBe('M-1');
  });

  test('accepts MR typed in another code system, below the v2-0203 one', () => {
    expect(mrnOf([typed('MR', 'LOCAL-1', 'https://ehr.example.org/id-types')])).toBe('LOCAL-1');
    expect(mrnOf([typed('MR', 'LOCAL-1', 'https://ehr.example.org/id-types'), typed('MR', 'M-2')])).toBe('M-2');
  });

  test('prefers the MR identifier whose type text is exactly "MRN" over a community record number', () => {
    const community = { ...typed('MR', 'C-1'), type: { coding: [{ system: V2_SYSTEM[version], code: 'MR' }], text: 'Community Medical Record Number' } };
    const facility = { ...typed('MR', 'F-1'), type: { coding: [{ system: V2_SYSTEM[version], code: 'MR' }], text: 'MRN' } };
    expect(mrnOf([community, facility])).toBe('F-1');
  });

  test('takes an identifier whose type text names an MRN when nothing is coded MR', () => {
    expect(mrnOf([{ use: 'usual', value: 'U-1' }, { type: { text: 'Medical Record Number' }, value: 'T-1' }])).toBe('T-1');
    expect(mrnOf([{ type: { text: 'mrn' }, value: 'T-2' }])).toBe('T-2');
  });

  test('falls back to the official, then the usual identifier', () => {
    expect(mrnOf([{ use: 'usual', value: 'U-1' }, { use: 'official', value: 'O-1' }])).toBe('O-1');
    expect(mrnOf([{ use: 'secondary', value: 'S-1' }, { use: 'usual', value: 'U-1' }])).toBe('U-1');
  });

  test('has no MRN when no identifier qualifies, and skips identifiers without a value', () => {
    expect(mrnOf([{ use: 'secondary', value: 'S-1' }, { system: 'urn:x', value: 'X' }])).toBeUndefined();
    expect(mrnOf([typed('MR', ''), { use: 'usual', value: 'U-1' }])).toBe('U-1');
  });

  test('ranks an old MR identifier below a current one', () => {
    expect(mrnOf([typed('MR', 'OLD', V2_SYSTEM[version], { use: 'old' }), typed('MR', 'NEW')])).toBe('NEW');
  });

  const family = (value: string): string | string[] => (version === 'DSTU2' ? [value] : value);

  test('shows the official name, else the usual one, else the first', () => {
    const name = (names: object[]): string => adapter.toPatient({ resourceType: 'Patient', id: 'p', name: names }).name;
    const nick = { use: 'nickname', given: ['Nick'] };
    const usual = { use: 'usual', given: ['Sam'], family: family('Usual') };
    const official = { use: 'official', given: ['Samuel'], family: family('Official') };
    expect(name([nick, usual, official])).toBe('Samuel Official');
    expect(name([nick, usual])).toBe('Sam Usual');
    expect(name([nick])).toBe('Nick');
  });

  test('names a patient without any name "Unknown patient" and keeps the array fields', () => {
    expect(adapter.toPatient({ resourceType: 'Patient' })).toEqual({ id: '', name: 'Unknown patient', given: [], prefix: [] });
  });

  test('shows a contained practitioner by name when the reference has no display', () => {
    const practitioner = {
      resourceType: 'Practitioner',
      id: 'gp',
      name: version === 'DSTU2' ? { family: ['House'], given: ['Greg'] } : [{ family: 'House', given: ['Greg'] }],
    };
    const field = version === 'DSTU2' ? 'careProvider' : 'generalPractitioner';
    const summary = adapter.toPatient({ resourceType: 'Patient', id: 'p', contained: [practitioner], [field]: [{ reference: '#gp' }] });
    expect(summary.generalPractitioner).toBe('Greg House');
  });
});
