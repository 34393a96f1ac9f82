// The name and MRN boxes read the way clinicians type (#11 item 8), over the embedded demo partner through the
// production code path: "Last, First", "First Last", "Last First", and an MRN typed in lower case.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirVersion, PatientSearchResult } from '../../server/wire/contract.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { startRoundsFor, type RoundsForPartner } from '../support/rounds-for-partner.js';

let aad: FakeAad;
let demo: RunningDemoPartner;
let rounds: RoundsForPartner;

beforeAll(async () => {
  aad = await startFakeAad();
  demo = await startDemoPartner({ host: '127.0.0.1', port: 0 });
  rounds = await startRoundsFor({ aad, partner: { url: demo.url, clientId: demo.clientId, secret: demo.clientSecret } });
});
afterAll(async () => {
  await rounds.close();
  await demo.close();
  await aad.close();
});

function tenantOf(version: FhirVersion): string {
  const tenant = demo.tenants.find((t) => t.fhirVersion === version);
  if (!tenant) throw new Error(`the demo partner has no ${version} hospital`);
  return tenant.tenantId;
}

async function search(version: FhirVersion, query: Record<string, string>): Promise<PatientSearchResult> {
  const { status, body } = await rounds.get(`/api/patients?${new URLSearchParams(query).toString()}`, tenantOf(version));
  expect(status).toBe(200);
  return body as unknown as PatientSearchResult;
}

const namesOf = (result: PatientSearchResult): string[] => result.patients.map((p) => p.name);

describe('searching patients the way clinicians type', () => {
  test('"Abernathy, M" finds Mei Abernathy: family Abernathy, given starting with M, no OR', async () => {
    const result = await search('STU3', { name: 'Abernathy, M' });
    expect(namesOf(result)).toContain('Mei Abernathy');
    expect(result.patients.every((p) => p.family === 'Abernathy')).toBe(true);
    expect(result.searched).toEqual([{ family: 'Abernathy', given: 'M' }]);
  });

  test('"Mei Abernathy" finds her at the first try', async () => {
    const result = await search('STU3', { name: 'Mei Abernathy' });
    expect(namesOf(result)).toContain('Mei Abernathy');
    expect(result.searched).toEqual([{ family: 'Abernathy', given: 'Mei' }]);
  });

  test('"Abernathy Mei" finds her when the names are tried the other way round', async () => {
    const result = await search('STU3', { name: 'abernathy  mei' });
    expect(namesOf(result)).toContain('Mei Abernathy');
    expect(result.searched).toEqual([
      { family: 'mei', given: 'abernathy' },
      { family: 'abernathy', given: 'mei' },
    ]);
  });

  test('a name that matches neither way says both searches were made', async () => {
    const result = await search('STU3', { name: 'Zzyzx Qwerty' });
    expect(result.patients).toEqual([]);
    expect(result.searched).toHaveLength(2);
  });

  test('one word still searches any part of the name, as before', async () => {
    const result = await search('STU3', { name: 'Abernathy' });
    expect(namesOf(result)).toContain('Mei Abernathy');
    expect(result.searched).toEqual([{ name: 'Abernathy' }]);
  });

  test('an MRN typed in lower case finds its patient, upper-cased after the exact value found nobody', async () => {
    const someone = (await search('DSTU2', { name: 'a', count: '5' })).patients.find((p) => p.mrn && /[A-Z]/.test(p.mrn));
    expect(someone?.mrn).toBeDefined();
    const mrn = someone!.mrn!;
    const result = await search('DSTU2', { mrn: mrn.toLowerCase() });
    expect(result.patients.map((p) => p.id)).toEqual([someone!.id]);
    expect(result.searched).toEqual([{ mrn: mrn.toLowerCase() }, { mrn }]);
  });

  test('an MRN typed exactly is searched once', async () => {
    const someone = (await search('DSTU2', { name: 'a', count: '1' })).patients[0]!;
    const result = await search('DSTU2', { mrn: someone.mrn! });
    expect(result.patients.map((p) => p.id)).toEqual([someone.id]);
    expect(result.searched).toEqual([{ mrn: someone.mrn }]);
  });
});
