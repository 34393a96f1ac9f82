// The tenant comes from the verified token only. Every route answers another tenant's list, entry or patient
// exactly as it answers an unknown one, and no attempt changes, reads or audits the other tenant's data.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditEvent, Entry, List } from '../../server/wire/contract.js';
import { startListsApp, TENANT_A, USER_A, USER_B, type ApiResponse, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
const CHANNEL = { kind: 'channel', id: '19:shared-name@thread.tacv2' } as const;
/** Tenant A's list with an EHR patient and a manual one with a note; tenant B's own list in the same channel id. */
let listA: List;
let entryA: Entry;
let listB: List;

beforeAll(async () => {
  app = await startListsApp();
  const created = (await app.call(USER_A, 'POST', '/api/lists', { name: 'A ward', context: CHANNEL })).body as List;
  await app.call(USER_A, 'POST', `/api/lists/${created.id}/entries`, { patientId: 'a1' });
  entryA = (await app.call(USER_A, 'POST', `/api/lists/${created.id}/entries`, { manual: { name: 'Quill, Zed', mrn: 'Q-1' } }))
    .body as Entry;
  await app.call(USER_A, 'PUT', `/api/lists/${created.id}/entries/${entryA.id}/note`, { text: 'A only', version: 1 });
  listA = (await app.call(USER_A, 'GET', `/api/lists/${created.id}`)).body as List;
  listB = (await app.call(USER_B, 'POST', '/api/lists', { name: 'B ward', context: CHANNEL })).body as List;
});
afterAll(() => app.close());

/** A route called with some list and entry ids, as tenant B. */
type Call = (listId: string, entryId: string) => Promise<ApiResponse>;
const asB =
  (method: string, path: (listId: string, entryId: string) => string, body?: unknown): Call =>
  (listId, entryId) =>
    app.call(USER_B, method, path(listId, entryId), body, { 'x-tenant-id': TENANT_A, 'x-ms-tenant-id': TENANT_A });

const ROUTES: Array<[string, Call]> = [
  ['GET /api/lists/:listId', asB('GET', (l) => `/api/lists/${l}?tenantId=${TENANT_A}`)],
  ['PATCH /api/lists/:listId', asB('PATCH', (l) => `/api/lists/${l}`, { version: 1, name: 'Taken over' })],
  ['DELETE /api/lists/:listId', asB('DELETE', (l) => `/api/lists/${l}`)],
  ['POST /api/lists/:listId/entries (manual)', asB('POST', (l) => `/api/lists/${l}/entries`, { manual: { name: 'Intruder' } })],
  ['POST /api/lists/:listId/entries (EHR id)', asB('POST', (l) => `/api/lists/${l}/entries`, { patientId: 'b1' })],
  ['DELETE /api/lists/:listId/entries/:entryId', asB('DELETE', (l, e) => `/api/lists/${l}/entries/${e}`)],
  ['PUT /api/lists/:listId/entries/:entryId/note', asB('PUT', (l, e) => `/api/lists/${l}/entries/${e}/note`, { text: 'B', version: 2 })],
  ['GET /api/lists/:listId/rows', asB('GET', (l) => `/api/lists/${l}/rows`)],
  ['GET /api/lists/:listId/export?format=csv', asB('GET', (l) => `/api/lists/${l}/export?format=csv`)],
  ['GET /api/lists/:listId/export?format=fhir', asB('GET', (l) => `/api/lists/${l}/export?format=fhir`)],
  ['GET /api/audit?listId=', asB('GET', (l) => `/api/audit?listId=${l}&tenantId=${TENANT_A}`)],
];

/** Status and body, which must be the same for another tenant's id and for an id that never existed. */
const answer = (res: ApiResponse): unknown => ({ status: res.status, body: res.body });

describe("another tenant's ids", () => {
  test.each(ROUTES)('%s answers 404 exactly as for an unknown list', async (_route, call) => {
    const theirs = await call(listA.id, entryA.id);
    const unknown = await call(randomUUID(), randomUUID());
    expect(theirs.status).toBe(404);
    expect(answer(theirs)).toEqual(answer(unknown));
    expect(theirs.text).not.toMatch(/A ward|Quill|Q-1|A only/);
  });

  test.each([
    ['DELETE', (e: string) => `/api/lists/${listB.id}/entries/${e}`, undefined],
    ['PUT', (e: string) => `/api/lists/${listB.id}/entries/${e}/note`, { text: 'B', version: 2 }],
  ] as const)("%s of tenant A's entry through tenant B's own list answers 404 exactly as for an unknown entry", async (method, path, body) => {
    const theirs = await app.call(USER_B, method, path(entryA.id), body);
    const unknown = await app.call(USER_B, method, path(randomUUID()), body);
    expect(theirs.status).toBe(404);
    expect(answer(theirs)).toEqual(answer(unknown));
  });

  test("GET /api/patients/:id answers 404 for another tenant's patient exactly as for an unknown one", async () => {
    const theirs = await app.call(USER_B, 'GET', '/api/patients/a1');
    expect(theirs.status).toBe(404);
    expect(answer(theirs)).toEqual(answer(await app.call(USER_B, 'GET', '/api/patients/nobody')));
  });
});

describe('after every attempt', () => {
  test("tenant A's list, entries and note are exactly as they were", async () => {
    for (const [, call] of ROUTES) await call(listA.id, entryA.id);
    expect((await app.call(USER_A, 'GET', `/api/lists/${listA.id}`)).body).toEqual(listA);
  });

  test('the same channel id shows each tenant its own lists only', async () => {
    const query = `/api/lists?contextKind=channel&contextId=${encodeURIComponent(CHANNEL.id)}`;
    expect(((await app.call(USER_A, 'GET', query)).body as { lists: List[] }).lists.map((l) => l.id)).toEqual([listA.id]);
    expect(((await app.call(USER_B, 'GET', query)).body as { lists: List[] }).lists.map((l) => l.id)).toEqual([listB.id]);
  });

  test("an import by tenant B of tenant A's export links none of A's patients and lands in B's tenant", async () => {
    const exported = await app.call(USER_A, 'GET', `/api/lists/${listA.id}/export?format=fhir`);
    const query = `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(CHANNEL.id)}`;
    const imported = await app.call(USER_B, 'POST', query, exported.text, { 'content-type': 'application/fhir+json' });
    expect(imported.status).toBe(201);
    const list = (imported.body as { list: List }).list;
    expect(list.entries.every((e) => e.patientId === undefined)).toBe(true);
    expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).status).toBe(404);
  });

  test("tenant A's audit trail holds only tenant A's own events", async () => {
    const events = ((await app.call(USER_A, 'GET', `/api/audit?listId=${listA.id}`)).body as { events: AuditEvent[] }).events;
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.userId))).toEqual(new Set([USER_A]));
    expect(new Set(events.map((e) => e.tenantId))).toEqual(new Set([TENANT_A]));
  });
});
