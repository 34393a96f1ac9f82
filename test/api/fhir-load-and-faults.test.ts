// No EHR answer is lost: the app over the demo partner (real HTTP on loopback) under 500 concurrent searches,
// against a partner that drops kept-alive connections, throttles with Retry-After, answers broken JSON, or hangs.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { List, PatientSearchResult, RowsResponse } from '../../server/wire/contract.js';
import { startListsAppOnDemoPartner, diagnostics, type ListsDemoApp } from '../support/lists-app.js';

const FHIR_TIMEOUT_MS = 2_000;

let app: ListsDemoApp;
let userId: string;
let tenantId: string;
let patientIds: string[];

beforeAll(async () => {
  app = await startListsAppOnDemoPartner({ patientsPerTenant: 40 }, { ehrTuning: { fhirTimeoutMs: FHIR_TIMEOUT_MS } });
  const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === 'R4')!;
  tenantId = tenant.tenantId;
  patientIds = tenant.samplePatientIds.slice(0, 6);
  userId = app.demoPartner.users.find((u) => u.tenantId === tenantId)!.userId;
});
afterAll(() => app.close());
afterEach(() => app.demoPartner.setFaults({}));

async function listOf(ids: readonly string[]): Promise<List> {
  const created = await app.call(userId, 'POST', '/api/lists', {
    name: 'Ward round',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    columns: ['name', 'location', 'attending', 'vitals', 'medications'],
  });
  expect(created.status).toBe(201);
  const list = created.body as List;
  for (const patientId of ids) expect((await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId })).status).toBe(201);
  return list;
}

const complete = (rows: RowsResponse): boolean => rows.rows.every((r) => r.patient !== undefined && r.issues.length === 0);

describe('under load', () => {
  test('500 concurrent patient searches for one tenant all answer, with one token request for the tenant', async () => {
    app.demoPartner.resetStats();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => app.call(userId, 'GET', `/api/patients?family=${'abcdefghijklmnopqrstuvw'[i % 23]}`)),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${diagnostics(a)}`)).toEqual([]);
    expect(answers.every((a) => Array.isArray((a.body as PatientSearchResult).patients))).toBe(true);
    expect(app.demoPartner.stats.perTenant[tenantId]?.tokenRequests).toBe(1);
    expect(app.demoPartner.stats.fhirRequests - app.demoPartner.stats.metadataRequests).toBe(500);
  });
});

describe('partner faults', () => {
  test('a batch written to a kept-alive connection the partner has just closed is sent again on a new one, and completes', async () => {
    const list = await listOf(patientIds);
    // Warm the pool, so the next load reuses kept-alive connections.
    expect(complete((await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse)).toBe(true);
    app.demoPartner.setFaults({ dropReusedConnections: true });
    app.demoPartner.resetStats();
    const rows = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(app.demoPartner.stats.faultsInjected).toBeGreaterThan(0);
    expect(rows.rows.flatMap((r) => r.issues)).toEqual([]);
    expect(complete(rows)).toBe(true);
  });

  test('a 429 with Retry-After: 1 is waited out and retried, and the rows come back complete', async () => {
    const list = await listOf(patientIds.slice(0, 2));
    app.demoPartner.setFaults({ throttle: { count: 1, status: 429, retryAfterSeconds: 1 } });
    app.demoPartner.resetStats();
    const started = Date.now();
    const rows = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(app.demoPartner.stats.faultsInjected).toBe(1);
    expect(complete(rows)).toBe(true);
  });

  test('a Retry-After longer than the deadline is not waited for: the read fails with the partner\'s status', async () => {
    app.demoPartner.setFaults({ throttle: { count: 1, status: 503, retryAfterSeconds: 30 } });
    const started = Date.now();
    const res = await app.call(userId, 'GET', `/api/patients/${patientIds[0]}`);
    expect(Date.now() - started).toBeLessThan(FHIR_TIMEOUT_MS);
    expect(res.status).toBe(502);
    expect(diagnostics(res)).toBe('The partner answered 503');
  });

  test('an import against a hanging partner stops calling it once the first search has failed', async () => {
    app.demoPartner.setFaults({ hang: true });
    app.demoPartner.resetStats();
    const csv = `name,mrn\n${Array.from({ length: 40 }, (_, i) => `Patient ${i},MRN-NONE-${i}`).join('\n')}\n`;
    const res = await app.call(userId, 'POST', `/api/lists/import?contextKind=channel&contextId=19:${randomUUID()}@thread.tacv2`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(504);
    const calledBy504 = app.demoPartner.stats.faultsInjected;
    await new Promise((resolve) => setTimeout(resolve, FHIR_TIMEOUT_MS + 500));
    // The four searches in flight when the first failed, and not one of the 36 still waiting.
    expect(calledBy504).toBeLessThanOrEqual(4);
    expect(app.demoPartner.stats.faultsInjected).toBe(calledBy504);
  });

  test('a partner answering JSON cut off midway gets a 502 that says so, quoting nothing of the answer', async () => {
    app.demoPartner.setFaults({ malformedAnswers: true });
    const res = await app.call(userId, 'GET', `/api/patients/${patientIds[0]}`);
    expect(res.status).toBe(502);
    expect(diagnostics(res)).toBe('The partner sent an answer that could not be read');
    expect(res.text).not.toContain('searchset');
    app.demoPartner.setFaults({});
    expect((await app.call(userId, 'GET', `/api/patients/${patientIds[0]}`)).status).toBe(200);
  });

  test('a partner that hangs gets a 504 within the deadline that says so', async () => {
    app.demoPartner.setFaults({ hang: true });
    const started = Date.now();
    const res = await app.call(userId, 'GET', `/api/patients/${patientIds[0]}`);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(diagnostics(res)).toBe('The partner did not answer within 2 s');
    expect(elapsed).toBeGreaterThanOrEqual(FHIR_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(FHIR_TIMEOUT_MS + 1_000);
  });
});
