import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startDemoPartner,
  DEMO_TENANT_DSTU2_ID,
  DEMO_TENANT_R4_ID,
  type RunningDemoPartner,
} from '../../server/demo/demo-partner.js';
import {
  diagnosticsOf,
  fhirGet,
  FORM,
  postBatch,
  resourcesOf,
  searchPatients,
  tenantOf,
  tokenFor,
  type Json,
} from './helpers.js';

let partner: RunningDemoPartner;
let r4Token: string;
let dstu2Token: string;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 20 });
  r4Token = await tokenFor(partner, DEMO_TENANT_R4_ID);
  dstu2Token = await tokenFor(partner, DEMO_TENANT_DSTU2_ID);
});
afterAll(() => partner.close());

describe('authentication at the FHIR endpoint', () => {
  test('refuses a search without a token with a 401 OperationOutcome and WWW-Authenticate: Bearer', async () => {
    const { status, headers, body } = await fhirGet(partner, undefined, 'Patient?family=a');
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(body.resourceType).toBe('OperationOutcome');
  });

  test('refuses POST Patient/_search and a batch without a token', async () => {
    const search = await fetch(`${partner.url}/Patient/_search`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'family=a',
    });
    expect(search.status).toBe(401);
    const batch = await fetch(`${partner.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [] }),
    });
    expect(batch.status).toBe(401);
  });

  test('refuses a made-up token, even on metadata', async () => {
    expect((await fhirGet(partner, 'not-a-token', 'Patient?_count=1')).status).toBe(401);
    expect((await fhirGet(partner, 'not-a-token', 'metadata')).status).toBe(401);
  });
});

describe('bad requests', () => {
  test('refuses an unsupported search parameter with a 400 naming it', async () => {
    const { status, body } = await fhirGet(partner, r4Token, 'Observation?patient=x&date=ge2024-01-01');
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(diagnosticsOf(body)).toContain("'date'");
  });

  test('refuses an unsupported parameter in a POST Patient/_search form', async () => {
    const { status, body } = await searchPatients(partner, r4Token, { family: 'a', 'address-city': 'Brookhaven' });
    expect(status).toBe(400);
    expect(diagnosticsOf(body)).toContain("'address-city'");
  });

  test("refuses the other version's parameter: DSTU2 Coverage has no beneficiary", async () => {
    const { status, body } = await fhirGet(partner, dstu2Token, 'Coverage?beneficiary=1');
    expect(status).toBe(400);
    expect(diagnosticsOf(body)).toContain("'beneficiary'");
  });

  test('gives a 400 to the bad entry of a batch and answers the others', async () => {
    const id = tenantOf(partner, 'R4').samplePatientIds[0]!;
    const { status, body } = await postBatch(partner, r4Token, [
      `Patient/${id}`,
      `Condition?patient=${id}&onset-date=2020`,
    ]);
    expect(status).toBe(200);
    const [good, bad] = body.entry as Json[];
    expect(good!.response.status).toBe('200 OK');
    expect(bad!.response.status).toBe('400 Bad Request');
    expect(diagnosticsOf(bad!.resource as Json)).toContain("'onset-date'");
    expect(bad!.response.outcome.resourceType).toBe('OperationOutcome');
  });

  test('names bad values: _count, gender and birthdate', async () => {
    const count = await fhirGet(partner, r4Token, 'Patient?_count=lots');
    expect(count.status).toBe(400);
    expect(diagnosticsOf(count.body)).toContain('_count');
    const gender = await searchPatients(partner, r4Token, { gender: 'f' });
    expect(gender.status).toBe(400);
    expect(diagnosticsOf(gender.body)).toContain('gender');
    const birthdate = await searchPatients(partner, r4Token, { birthdate: '31/01/1970' });
    expect(birthdate.status).toBe(400);
    expect(diagnosticsOf(birthdate.body)).toContain('birthdate');
  });

  test('refuses an unsupported modifier and a search form sent as JSON', async () => {
    const modifier = await fhirGet(partner, r4Token, 'Patient?family:missing=true');
    expect(modifier.status).toBe(400);
    expect(diagnosticsOf(modifier.body)).toContain(':missing');
    const json = await fetch(`${partner.url}/Patient/_search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r4Token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ family: 'a' }),
    });
    expect(json.status).toBe(400);
    expect(diagnosticsOf((await json.json()) as Json)).toMatch(/x-www-form-urlencoded/);
  });

  test('refuses an unsupported sort key with a 400 naming it', async () => {
    const { status, body } = await fhirGet(partner, r4Token, 'Coverage?patient=x&_sort=-date');
    expect(status).toBe(400);
    expect(diagnosticsOf(body)).toContain('_sort');
  });

  test('answers a missing resource with a 404 OperationOutcome', async () => {
    const { status, body } = await fhirGet(partner, r4Token, 'Location/nowhere');
    expect(status).toBe(404);
    expect(body.resourceType).toBe('OperationOutcome');
  });

  test('answers a type the version does not have with a 404: R4 has no MedicationOrder', async () => {
    const { status, body } = await fhirGet(partner, r4Token, 'MedicationOrder?patient=x');
    expect(status).toBe(404);
    expect(diagnosticsOf(body)).toContain('MedicationOrder');
  });

  test('refuses writes with a 405: the demo servers are read-only', async () => {
    const res = await fetch(`${partner.url}/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r4Token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(res.status).toBe(405);
  });

  test('refuses a transaction Bundle and a body that is not JSON', async () => {
    const transaction = await fetch(`${partner.url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r4Token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }),
    });
    expect(transaction.status).toBe(400);
    const broken = await fetch(`${partner.url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r4Token}`, 'content-type': 'application/fhir+json' },
      body: '{"resourceType":',
    });
    expect(broken.status).toBe(400);
    expect(diagnosticsOf((await broken.json()) as Json)).toMatch(/not valid JSON/);
  });
});

describe('tenant isolation', () => {
  test("a token for tenant A never returns tenant B's patients", async () => {
    const dstu2 = tenantOf(partner, 'DSTU2');
    const r4 = tenantOf(partner, 'R4');
    const everyone = resourcesOf((await fhirGet(partner, r4Token, 'Patient?_count=1000')).body).map((p) =>
      String(p.id),
    );
    expect(everyone.sort()).toEqual([...r4.patientIds].sort());
    expect(everyone.some((id) => dstu2.patientIds.includes(id))).toBe(false);

    const otherId = dstu2.samplePatientIds[0]!;
    expect((await fhirGet(partner, r4Token, `Patient/${otherId}`)).status).toBe(404);
    expect((await fhirGet(partner, dstu2Token, `Patient/${otherId}`)).status).toBe(200);
    const otherMrn = String((await fhirGet(partner, dstu2Token, `Patient/${otherId}`)).body.identifier[0].value);
    expect((await searchPatients(partner, r4Token, { identifier: otherMrn })).body.total).toBe(0);
    expect((await fhirGet(partner, r4Token, `Encounter?patient=${otherId}`)).body.total).toBe(0);
  });
});
