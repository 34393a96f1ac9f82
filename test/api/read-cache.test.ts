// Identical EHR reads are shared between users for FHIR_CACHE_SECONDS, never between tenants, and Refresh
// (`?fresh=1`) asks the EHR again. Real app, real partners over loopback.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, PatientDetail, RowsResponse } from '../../server/wire/contract.js';
import { ReadCache } from '../../server/fhir/read-cache.js';
import { r4PatientBundle } from '../support/r4-patient-bundle.js';
import {
  startListsApp,
  startListsAppOnDemoPartner,
  TENANT_A,
  TENANT_B,
  USER_A,
  USER_B,
  type ListsApp,
  type ListsDemoApp,
} from '../support/lists-app.js';

describe('rows shared between users of one tenant', () => {
  let app: ListsDemoApp;
  let userId: string;
  let list: List;

  beforeAll(async () => {
    app = await startListsAppOnDemoPartner({ patientsPerTenant: 30 }, { env: { FHIR_CACHE_SECONDS: '30' } });
    const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === 'STU3')!;
    userId = app.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
    const created = await app.call(userId, 'POST', '/api/lists', {
      name: 'Shared',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    });
    list = created.body as List;
    for (const patientId of tenant.patientIds.slice(0, 12))
      expect((await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId })).status).toBe(201);
  });
  afterAll(() => app.close());

  const rows = async (query = ''): Promise<RowsResponse> => {
    const res = await app.call(userId, 'GET', `/api/lists/${list.id}/rows${query}`);
    expect(res.status).toBe(200);
    return res.body as RowsResponse;
  };

  test('20 concurrent first loads of one list cost the partner what one load costs', async () => {
    app.demoPartner.resetStats();
    const loads = await Promise.all(Array.from({ length: 20 }, () => rows()));
    const shared = app.demoPartner.stats.batchRequests;
    app.demoPartner.resetStats();
    const alone = await rows('?fresh=1');
    expect(alone.rows.every((r) => r.issues.length === 0)).toBe(true);
    expect(shared).toBe(app.demoPartner.stats.batchRequests);
    for (const load of loads) expect(load.rows).toEqual(alone.rows);
  });

  test('a second load within FHIR_CACHE_SECONDS asks the partner nothing and says how old its data is', async () => {
    const first = await rows('?fresh=1');
    app.demoPartner.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await rows();
    expect(app.demoPartner.stats.fhirRequests).toBe(0);
    expect(again.rows).toEqual(first.rows);
    expect(again.fetchedAt).toBe(first.fetchedAt);
  });

  test('Refresh (?fresh=1) asks the partner again and answers with newer data', async () => {
    const first = await rows();
    app.demoPartner.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refreshed = await rows('?fresh=1');
    expect(app.demoPartner.stats.batchRequests).toBeGreaterThan(0);
    expect(Date.parse(refreshed.fetchedAt)).toBeGreaterThan(Date.parse(first.fetchedAt));
  });

  test('a note saved while the EHR answers are shared shows in the very next rows', async () => {
    const before = await rows();
    const entry = ((await app.call(userId, 'GET', `/api/lists/${list.id}`)).body as List).entries[2]!;
    const saved = await app.call(userId, 'PUT', `/api/lists/${list.id}/entries/${entry.id}/note`, { text: 'NPO after midnight', version: entry.version });
    expect(saved.status).toBe(200);
    app.demoPartner.resetStats();
    const after = await rows();
    expect(app.demoPartner.stats.fhirRequests).toBe(0);
    expect(after.rows.find((r) => r.entryId === entry.id)?.note?.text).toBe('NPO after midnight');
    expect(before.rows.find((r) => r.entryId === entry.id)?.note?.text).toBeUndefined();
  });

  test('answers 400 naming the field for a fresh value that is not 0 or 1', async () => {
    const res = await app.call(userId, 'GET', `/api/lists/${list.id}/rows?fresh=yes`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/fresh/);
  });
});

describe('answers that expire', () => {
  let app: ListsApp;

  beforeAll(async () => {
    app = await startListsApp({ env: { FHIR_CACHE_SECONDS: '1' } });
  });
  afterAll(() => app.close());

  test('once FHIR_CACHE_SECONDS have passed, the next load asks the EHR again and shows what it says now', async () => {
    const created = await app.call(USER_A, 'POST', '/api/lists', {
      name: 'Expiring',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    });
    const list = created.body as List;
    await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId: 'a1' });
    const first = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    app.partner!.resetStats();
    expect(((await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse).fetchedAt).toBe(first.fetchedAt);
    expect(app.partner!.stats.fhirRequests).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(app.partner!.stats.fhirRequests).toBeGreaterThan(0);
    expect(Date.parse(later.fetchedAt)).toBeGreaterThan(Date.parse(first.fetchedAt));
    expect(later.rows[0]?.patient?.id).toBe('a1');
  });
});

describe('tenants', () => {
  let app: ListsApp;

  beforeAll(async () => {
    // The same patient id in two tenants, with different people behind it.
    app = await startListsApp({
      env: { FHIR_CACHE_SECONDS: '30' },
      partner: {
        tenants: {
          [TENANT_A]: r4PatientBundle({ id: 'same', family: 'Alder', given: 'Ann', mrn: 'MRN-A' }),
          [TENANT_B]: r4PatientBundle({ id: 'same', family: 'Birch', given: 'Bea', mrn: 'MRN-B' }),
        },
      },
    });
  });
  afterAll(() => app.close());

  test('two tenants never share a cached read, even of the same URL', async () => {
    const a = await app.call(USER_A, 'GET', '/api/patients/same');
    const b = await app.call(USER_B, 'GET', '/api/patients/same');
    expect((a.body as PatientDetail).patient.family).toBe('Alder');
    expect((b.body as PatientDetail).patient.family).toBe('Birch');
    app.partner!.resetStats();
    const aAgain = await app.call(USER_A, 'GET', '/api/patients/same');
    expect((aAgain.body as PatientDetail).patient.mrn).toBe('MRN-A');
    expect(app.partner!.stats.fhirRequests).toBe(0);
  });
});

describe('the read cache itself', () => {
  const read = { status: 200, resource: { resourceType: 'Patient', id: 'p' }, fetchedAt: Date.now() };

  test('an answer leaves memory when it expires, without being looked up', async () => {
    const cache = new ReadCache({ ttlMs: 40, maxBytes: 1_000_000 });
    await cache.forTenant('t').track('Patient/p', Promise.resolve({ read, bytes: 500 }));
    expect(cache.size).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(cache.size).toBe(0);
  });

  test('holds at most FHIR_CACHE_MB of answers, forgetting the least recently used', async () => {
    const cache = new ReadCache({ ttlMs: 60_000, maxBytes: 1_000 });
    const tenant = cache.forTenant('t');
    for (let i = 0; i < 5; i += 1) await tenant.track(`Patient/${i}`, Promise.resolve({ read, bytes: 300 }));
    expect(cache.size).toBeLessThanOrEqual(1_000);
    expect(tenant.lookup('Patient/4')).toBeDefined();
    expect(tenant.lookup('Patient/0')).toBeUndefined();
  });

  test('keeps no failure, and no answer at all when FHIR_CACHE_SECONDS is 0', async () => {
    const cache = new ReadCache({ ttlMs: 60_000, maxBytes: 1_000 });
    await cache.forTenant('t').track('Patient/x', Promise.resolve({ read: { status: 503, fetchedAt: 0 }, bytes: 10 }));
    expect(cache.forTenant('t').lookup('Patient/x')).toBeUndefined();
    const off = new ReadCache({ ttlMs: 0, maxBytes: 1_000 });
    await off.forTenant('t').track('Patient/p', Promise.resolve({ read, bytes: 10 }));
    expect(off.forTenant('t').lookup('Patient/p')).toBeUndefined();
  });

  test('a read on its way is joined, not sent again', () => {
    const cache = new ReadCache({ ttlMs: 0, maxBytes: 1_000 });
    const pending = cache.forTenant('t').track('Patient/p', new Promise(() => undefined));
    expect(cache.forTenant('t').lookup('Patient/p')).toBe(pending);
    expect(cache.forTenant('other').lookup('Patient/p')).toBeUndefined();
  });
});
