import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditEvent, Entry, List } from '../../server/wire/contract.js';
import { diagnostics, startListsApp, TENANT_A, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp();
});
afterAll(() => app.close());

async function auditOf(listId: string, userId = USER_A): Promise<AuditEvent[]> {
  const res = await app.call(userId, 'GET', `/api/audit?listId=${listId}`);
  expect(res.status).toBe(200);
  return (res.body as { events: AuditEvent[] }).events;
}

async function newList(context: { kind: string; id: string } = { kind: 'channel', id: `19:${randomUUID()}` }, userId = USER_A): Promise<List> {
  return (await app.call(userId, 'POST', '/api/lists', { name: 'Secret Ward Name', context })).body as List;
}

describe('GET /api/audit?listId=', () => {
  test("records who did what to a list, newest first, with ids only: no names, no note text", async () => {
    const list = await newList();
    const path = `/api/lists/${list.id}`;
    const entry = (await app.call(USER_A, 'POST', `${path}/entries`, { patientId: 'a1' })).body as Entry;
    await app.call(USER_A2, 'PUT', `${path}/entries/${entry.id}/note`, { text: 'Very private note text', version: 1 });
    await app.call(USER_A, 'PATCH', path, { version: 1, name: 'Other Name', columns: ['name'] });
    await app.call(USER_A, 'PATCH', path, { version: 2, sort: { column: 'name', direction: 'asc' } });
    await app.call(USER_A, 'GET', `${path}/export?format=fhir`);
    await app.call(USER_A, 'DELETE', `${path}/entries/${entry.id}`);

    const events = await auditOf(list.id);
    expect(events.map((e) => e.type)).toEqual([
      'entry.removed',
      'list.exported',
      'list.columns-changed', // the sort
      'list.columns-changed',
      'list.renamed',
      'note.edited',
      'entry.added',
      'list.created',
    ]);
    expect(events.find((e) => e.type === 'note.edited')).toMatchObject({
      tenantId: TENANT_A,
      userId: USER_A2,
      listId: list.id,
      entryId: entry.id,
      patientId: 'a1',
    });
    expect(events.every((e) => e.tenantId === TENANT_A && e.listId === list.id && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const text = JSON.stringify(events);
    for (const secret of ['Very private note text', 'Secret Ward Name', 'Other Name', 'Alder1', 'MRN-A1', 'Dr. Ada'])
      expect(text).not.toContain(secret);
  });

  test('records an import and the entries it added', async () => {
    const context = `19:${randomUUID()}`;
    const res = await app.call(USER_A, 'POST', `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(context)}`, 'patientId,name\na2,x\n,Walk In\n', {
      'content-type': 'text/csv',
    });
    const listId = (res.body as { list: List }).list.id;
    const events = await auditOf(listId);
    expect(events.map((e) => [e.type, e.patientId])).toEqual([
      ['entry.added', undefined],
      ['entry.added', 'a2'],
      ['list.imported', undefined],
    ]);
  });

  test("keeps a deleted list's trail readable by its tenant and no one else", async () => {
    const list = await newList();
    await app.call(USER_A, 'DELETE', `/api/lists/${list.id}`);
    expect((await auditOf(list.id)).map((e) => e.type)).toEqual(['list.deleted', 'list.created']);
    expect((await app.call(USER_B, 'GET', `/api/audit?listId=${list.id}`)).status).toBe(404);
  });

  test("answers 404 for another tenant's list, someone else's personal list and an unknown list", async () => {
    const list = await newList();
    const other = await app.call(USER_B, 'GET', `/api/audit?listId=${list.id}`);
    expect(other.status).toBe(404);
    expect(diagnostics(other)).toBe('List not found');
    const personal = await newList({ kind: 'personal', id: USER_A2 }, USER_A2);
    expect((await app.call(USER_A, 'GET', `/api/audit?listId=${personal.id}`)).status).toBe(404);
    // The refused look is on the owner's trail: who tried, on which kind of context, nothing else.
    const trail = await auditOf(personal.id, USER_A2);
    expect(trail.map((e) => e.type)).toEqual(['access.denied', 'list.created']);
    expect(trail[0]).toMatchObject({ userId: USER_A, contextKind: 'personal', listId: personal.id });
    expect((await app.call(USER_A, 'GET', `/api/audit?listId=${randomUUID()}`)).status).toBe(404);
  });

  test('refuses a missing or malformed listId and a bad limit with a 400 naming the field', async () => {
    const missing = await app.call(USER_A, 'GET', '/api/audit');
    expect(missing.status).toBe(400);
    expect(diagnostics(missing)).toMatch(/listId/);
    expect((await app.call(USER_A, 'GET', '/api/audit?listId=abc')).status).toBe(400);
    const list = await newList();
    const limit = await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&limit=0`);
    expect(limit.status).toBe(400);
    expect(diagnostics(limit)).toMatch(/limit/);
    expect((await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&limit=1`)).body.events).toHaveLength(1);
  });

  test('records views: a list opened, one patient.viewed per EHR patient shown in its rows (one insert), a detail opened from it', async () => {
    const list = await newList();
    const path = `/api/lists/${list.id}`;
    for (const patientId of ['a1', 'a2']) await app.call(USER_A, 'POST', `${path}/entries`, { patientId });
    await app.call(USER_A, 'POST', `${path}/entries`, { manual: { name: 'Walk In' } });
    const before = (await auditOf(list.id)).length;

    expect((await app.call(USER_A2, 'GET', path)).status).toBe(200);
    expect((await app.call(USER_A2, 'GET', `${path}/rows`)).status).toBe(200);
    expect((await app.call(USER_A2, 'GET', `/api/patients/a1?listId=${list.id}`)).status).toBe(200);

    const views = (await auditOf(list.id)).slice(0, -before);
    expect(views.map((e) => [e.type, e.patientId])).toEqual([
      ['patient.viewed', 'a1'],
      ['patient.viewed', 'a2'],
      ['patient.viewed', 'a1'],
      ['list.viewed', undefined],
    ]);
    expect(views.every((e) => e.userId === USER_A2 && e.listId === list.id)).toBe(true);
    // The rows' two events are one insert: they carry the same time.
    expect(views[1]!.at).toBe(views[2]!.at);
    expect(JSON.stringify(views)).not.toMatch(/Alder|MRN-A|Walk In|Secret Ward Name/);
  });

  test('a detail opened from a list the user may not see is the list\'s 404, and reads nothing', async () => {
    const personal = await newList({ kind: 'personal', id: USER_A2 }, USER_A2);
    const res = await app.call(USER_A, 'GET', `/api/patients/a1?listId=${personal.id}`);
    expect(res.status).toBe(404);
    expect(diagnostics(res)).toBe('List not found');
  });

  test('pages through a long trail with next, and filters by type, so views never bury a change', async () => {
    const list = await newList();
    const path = `/api/lists/${list.id}`;
    const entry = (await app.call(USER_A, 'POST', `${path}/entries`, { patientId: 'a1' })).body as Entry;
    await app.call(USER_A, 'PUT', `${path}/entries/${entry.id}/note`, { text: 'n', version: 1 });
    for (let i = 0; i < 5; i += 1) await app.call(USER_A, 'GET', `${path}/rows`);
    const first = await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&limit=3`);
    expect(first.body.events).toHaveLength(3);
    expect(first.body.next).toBe(first.body.events[2].id);
    type Page = { events: AuditEvent[]; next?: string };
    const all: AuditEvent[] = [...(first.body as Page).events];
    for (let next = (first.body as Page).next; next; ) {
      const page = (await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&limit=3&before=${next}`)).body as Page;
      all.push(...page.events);
      next = page.next;
    }
    expect(all.map((e) => e.type)).toEqual([...Array.from({ length: 5 }, () => 'patient.viewed'), 'note.edited', 'entry.added', 'list.created']);
    const changes = await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&type=note.edited,entry.added`);
    expect((changes.body.events as AuditEvent[]).map((e) => e.type)).toEqual(['note.edited', 'entry.added']);
    const bad = await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&type=note.deleted`);
    expect(bad.status).toBe(400);
    expect(diagnostics(bad)).toMatch(/type/);
  });
});
