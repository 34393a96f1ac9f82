import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, ListSummary } from '../../server/wire/contract.js';
import { diagnostics, startListsApp, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp({ partner: false });
});
afterAll(() => app.close());

let contextCounter = 0;
const channel = (): { kind: 'channel'; id: string } => ({ kind: 'channel', id: `19:lists-${++contextCounter}@thread.tacv2` });

async function createList(body: Record<string, unknown> = {}, userId = USER_A): Promise<List> {
  const res = await app.call(userId, 'POST', '/api/lists', { name: 'Ward 4', context: channel(), ...body });
  expect(res.status).toBe(201);
  return res.body as List;
}

describe('POST /api/lists', () => {
  test('creates a list with the default columns, version 1 and the creator', async () => {
    const context = channel();
    const res = await app.call(USER_A, 'POST', '/api/lists', { name: '  Ward 4 rounds  ', context });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Ward 4 rounds',
      context,
      columns: ['name', 'mrn', 'age', 'location', 'conditions', 'vitals', 'note'],
      version: 1,
      entries: [],
      createdBy: 'Dr. Ada Test',
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each([
    [{ name: '' }, /name: must not be empty/],
    [{ name: '   ' }, /name: must not be empty/],
    [{ name: 'x'.repeat(101) }, /name: must be at most 100 characters/],
    [{ columns: ['name', 'shoeSize'] }, /columns\.1/],
    [{ columns: ['name', 'name'] }, /columns: must not repeat a column/],
    [{ columns: [] }, /columns: must name at least one column/],
    [{ context: { kind: 'team', id: 'x' } }, /context\.kind/],
    [{ context: { kind: 'channel', id: 'bad id with spaces' } }, /context\.id/],
    [{ context: { kind: 'channel', id: 'x'.repeat(257) } }, /context\.id/],
    [{ sort: { column: 'name', direction: 'up' } }, /sort\.direction/],
    [{ colour: 'red' }, /colour/],
  ])('refuses %j with a 400 naming the field', async (override, message) => {
    const res = await app.call(USER_A, 'POST', '/api/lists', { name: 'Ward 4', context: channel(), ...override });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(diagnostics(res)).toMatch(message);
  });

  test('refuses a personal list in another user’s personal context with a 404', async () => {
    const res = await app.call(USER_A, 'POST', '/api/lists', { name: 'Mine', context: { kind: 'personal', id: USER_A2 } });
    expect(res.status).toBe(404);
  });

  test('holds the limit of 100 lists per context even when 105 creations race, with a 400 giving it', async () => {
    const context = channel();
    const results = await Promise.all(
      Array.from({ length: 105 }, (_, i) => app.call(USER_A, 'POST', '/api/lists', { name: `List ${i}`, context })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(100);
    const refused = results.filter((r) => r.status === 400);
    expect(refused).toHaveLength(5);
    expect(diagnostics(refused[0]!)).toMatch(/already has 100 lists/);
  });
});

describe('GET /api/lists', () => {
  test('answers the context’s lists with their sizes, and nothing of another tenant', async () => {
    const context = channel();
    await app.call(USER_A, 'POST', '/api/lists', { name: 'Day team', context });
    await app.call(USER_B, 'POST', '/api/lists', { name: 'Other tenant', context });
    const res = await app.call(USER_A, 'GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(context.id)}`);
    expect(res.status).toBe(200);
    const lists = (res.body as { lists: ListSummary[] }).lists;
    expect(lists.map((l) => [l.name, l.size])).toEqual([['Day team', 0]]);
  });

  test('shows a personal context to its owner only', async () => {
    await createList({ name: 'My patients', context: { kind: 'personal', id: USER_A2 } }, USER_A2);
    const own = await app.call(USER_A2, 'GET', `/api/lists?contextKind=personal&contextId=${USER_A2}`);
    expect((own.body as { lists: ListSummary[] }).lists.map((l) => l.name)).toEqual(['My patients']);
    expect((await app.call(USER_A, 'GET', `/api/lists?contextKind=personal&contextId=${USER_A2}`)).status).toBe(404);
  });

  test('refuses a missing or malformed context with a 400 naming it', async () => {
    const missing = await app.call(USER_A, 'GET', '/api/lists?contextKind=channel');
    expect(missing.status).toBe(400);
    expect(diagnostics(missing)).toMatch(/contextId/);
    const bad = await app.call(USER_A, 'GET', '/api/lists?contextKind=room&contextId=x');
    expect(bad.status).toBe(400);
    expect(diagnostics(bad)).toMatch(/contextKind/);
  });

  test('refuses a request without a token with a 401', async () => {
    const res = await fetch(`${app.url}/api/lists?contextKind=channel&contextId=x`);
    expect(res.status).toBe(401);
  });
});

describe('GET, PATCH and DELETE /api/lists/:listId', () => {
  test('answers the list to its tenant and 404 to another tenant, the same as an unknown id', async () => {
    const list = await createList();
    expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body).toEqual(list);
    const other = await app.call(USER_B, 'GET', `/api/lists/${list.id}`);
    const unknown = await app.call(USER_A, 'GET', '/api/lists/00000000-0000-4000-8000-000000000000');
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(diagnostics(other)).toBe(diagnostics(unknown));
  });

  test('answers a malformed list id with a 400 naming listId, never a 500', async () => {
    const res = await app.call(USER_A, 'GET', "/api/lists/1'%20OR%201=1");
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(/listId/);
  });

  test('hides someone else’s personal list behind a 404', async () => {
    const list = await createList({ context: { kind: 'personal', id: USER_A2 } }, USER_A2);
    expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).status).toBe(404);
    expect((await app.call(USER_A, 'DELETE', `/api/lists/${list.id}`)).status).toBe(404);
    expect((await app.call(USER_A2, 'GET', `/api/lists/${list.id}`)).status).toBe(200);
  });

  test('renames, changes columns and sort with the current version and bumps it', async () => {
    const list = await createList();
    const res = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, {
      version: 1,
      name: 'Renamed',
      columns: ['mrn', 'name', 'vitals'],
      sort: { column: 'mrn', direction: 'desc' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', columns: ['mrn', 'name', 'vitals'], version: 2 });
    expect(res.body.sort).toEqual({ column: 'mrn', direction: 'desc' });
    const cleared = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 2, sort: null });
    expect(cleared.body.sort).toBeUndefined();
  });

  test('answers a stale version with a 409 OperationOutcome carrying the current list', async () => {
    const list = await createList();
    await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 1, name: 'First' });
    const res = await app.call(USER_A2, 'PATCH', `/api/lists/${list.id}`, { version: 1, name: 'Second' });
    expect(res.status).toBe(409);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(diagnostics(res)).toMatch(/version 1 is stale/);
    expect(res.body.current).toMatchObject({ id: list.id, name: 'First', version: 2 });
  });

  test('refuses a PATCH without a version, or with nothing to change, or for another tenant', async () => {
    const list = await createList();
    const noVersion = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { name: 'x' });
    expect(noVersion.status).toBe(400);
    expect(diagnostics(noVersion)).toMatch(/version/);
    const nothing = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 1 });
    expect(nothing.status).toBe(400);
    expect(diagnostics(nothing)).toMatch(/at least one of name, columns, sort or staleAfterHours/);
    expect((await app.call(USER_B, 'PATCH', `/api/lists/${list.id}`, { version: 1, name: 'x' })).status).toBe(404);
  });

  test('keeps when values turn grey per list (1 h to 30 days), and null goes back to the default', async () => {
    const list = await createList();
    const set = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 1, staleAfterHours: 12 });
    expect(set.status).toBe(200);
    expect(set.body.staleAfterHours).toBe(12);
    expect((await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 2, staleAfterHours: 0 })).status).toBe(400);
    const cleared = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version: 2, staleAfterHours: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.staleAfterHours).toBeUndefined();
  });

  test('deletes a list with 204; it is gone after, and another tenant cannot delete it', async () => {
    const list = await createList();
    expect((await app.call(USER_B, 'DELETE', `/api/lists/${list.id}`)).status).toBe(404);
    const res = await app.call(USER_A, 'DELETE', `/api/lists/${list.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).status).toBe(404);
    expect((await app.call(USER_A, 'DELETE', `/api/lists/${list.id}`)).status).toBe(404);
  });
});
