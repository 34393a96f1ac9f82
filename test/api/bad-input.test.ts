// Every endpoint against bad input, table-driven: always a 4xx OperationOutcome (or a success for input that
// turns out valid), never a 500, and the data already stored stays exactly as it was. Runs on every store.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Entry, List } from '../../server/wire/contract.js';
import { startListsApp, USER_A, type ApiResponse, type ListsApp } from '../support/lists-app.js';
import { storesUnderTest } from '../support/stores.js';

const CONTEXT = 'contextKind=channel&contextId=19:fuzz@thread.tacv2';
const HUGE = 'x'.repeat(300_000);
const LONG_QUERY = 'q'.repeat(8_000);

/** Bodies that no endpoint accepts: [label, body, content type]. */
const BAD_BODIES: Array<[string, string | undefined, string?]> = [
  ['no body at all', undefined],
  ['an empty JSON body', ''],
  ['null', 'null'],
  ['an array instead of an object', '[{"name":"x","version":1,"text":"x"}]'],
  ['a number', '42'],
  ['a string', '"x"'],
  ['invalid JSON', '{"name":'],
  ['JSON sent as text/plain', '{"name":"x"}', 'text/plain'],
  ['a form', 'name=x&version=1&text=x', 'application/x-www-form-urlencoded'],
  ['XML', '<List xmlns="http://hl7.org/fhir"/>', 'application/xml'],
  ['JSON in UTF-16', '{}', 'application/json; charset=utf-16'],
  ['wrong types', JSON.stringify({ name: 5, context: [], version: '1', text: 7, patientId: 3, manual: 'x', userId: {} })],
  ['nulls', JSON.stringify({ name: null, context: null, version: null, text: null, patientId: null, manual: null })],
  ['huge strings', JSON.stringify({ name: HUGE, version: 1, text: HUGE, manual: { name: HUGE }, patientId: HUGE })],
  ['a body over 1 MB', JSON.stringify({ name: 'x'.repeat(1_100_000), resourceType: 'List' })],
  ['NUL characters', JSON.stringify({ name: 'a\u0000', version: 1, text: 'a\u0000', manual: { name: 'a\u0000' } })],
  ['lone surrogates', JSON.stringify({ name: 'a\ud800', version: 1, text: 'a\udc00', manual: { name: '\ud800' } })],
  ['a version beyond PostgreSQL integers', JSON.stringify({ version: 2 ** 31, text: 'x', name: 'x', manual: 1 })],
  ['numbers out of range', JSON.stringify({ version: 1e308, text: 'x', name: -1, patientId: 1.5, manual: 1 })],
  ['a negative version', JSON.stringify({ version: -1, text: 'x', manual: 1 })],
  ['a fractional version', JSON.stringify({ version: 1.5, text: 'x', manual: 1 })],
  ['a __proto__ key', '{"__proto__":{"isAdmin":true,"version":1},"text":"x","name":"x","manual":1}'],
  ['a constructor.prototype key', '{"constructor":{"prototype":{"isAdmin":true}},"text":"x","name":"x","manual":1}'],
  ['deep nesting', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
];

/** Query strings added to each query endpoint: duplicated, polluted, huge, and badly encoded parameters. */
const BAD_QUERIES = (own: string): string[] => [
  `${own}=a&${own}=b`,
  `${own}[]=a`,
  `${own}[x]=a`,
  '__proto__=x',
  '__proto__[isAdmin]=1',
  'constructor[prototype][isAdmin]=1',
  `${own}=${LONG_QUERY}`,
  `${own}=%00`,
  `${own}=%E0%A4%A`,
  `${own}=%F0%9F`,
  `${own}=${encodeURIComponent('\u202e💉 名前')}`,
];

/** Ids that are malformed, unknown, or polluting, for every `:id` of a path. */
const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fmetadata',
  '__proto__',
  'constructor',
  'x'.repeat(5_000),
  encodeURIComponent('💉'),
];

interface Ids {
  listId: string;
  entryId: string;
}

interface Endpoint<P> {
  name: string;
  method: string;
  path: P;
}
const JSON_ENDPOINTS: Array<Endpoint<(ids: Ids) => string>> = [
  { name: 'POST /api/lists', method: 'POST', path: () => '/api/lists' },
  { name: 'POST /api/lists/import', method: 'POST', path: () => `/api/lists/import?${CONTEXT}` },
  { name: 'PATCH /api/lists/:listId', method: 'PATCH', path: ({ listId }) => `/api/lists/${listId}` },
  { name: 'POST /api/lists/:listId/entries', method: 'POST', path: ({ listId }) => `/api/lists/${listId}/entries` },
  {
    name: 'PUT /api/lists/:listId/entries/:entryId/note',
    method: 'PUT',
    path: ({ listId, entryId }) => `/api/lists/${listId}/entries/${entryId}/note`,
  },
  { name: 'POST /api/demo/sign-in', method: 'POST', path: () => '/api/demo/sign-in' },
];

/** Query endpoints, each with one of its own parameters to duplicate and spoil. */
const QUERY_ENDPOINTS: Array<Endpoint<(ids: Ids) => string> & { own: string }> = [
  { name: 'GET /api/lists', method: 'GET', path: () => `/api/lists?${CONTEXT}`, own: 'contextId' },
  { name: 'GET /api/lists/:listId/export', method: 'GET', path: ({ listId }) => `/api/lists/${listId}/export?format=csv`, own: 'format' },
  { name: 'GET /api/audit', method: 'GET', path: ({ listId }) => `/api/audit?listId=${listId}&limit=5`, own: 'limit' },
  { name: 'GET /api/patients (family)', method: 'GET', path: () => '/api/patients?family=Alder1', own: 'family' },
  { name: 'GET /api/patients (count)', method: 'GET', path: () => '/api/patients?mrn=MRN-A1', own: 'count' },
  { name: 'POST /api/lists/import', method: 'POST', path: () => `/api/lists/import?${CONTEXT}`, own: 'name' },
  { name: 'GET /api/me', method: 'GET', path: () => '/api/me?x=1', own: 'x' },
  { name: 'GET /api/connection', method: 'GET', path: () => '/api/connection?x=1', own: 'x' },
];

const PATH_ENDPOINTS: Array<Endpoint<(id: string, ids: Ids) => string>> = [
  { name: 'GET /api/lists/:listId', method: 'GET', path: (id) => `/api/lists/${id}` },
  { name: 'PATCH /api/lists/:listId', method: 'PATCH', path: (id) => `/api/lists/${id}` },
  { name: 'DELETE /api/lists/:listId', method: 'DELETE', path: (id) => `/api/lists/${id}` },
  { name: 'POST /api/lists/:listId/entries', method: 'POST', path: (id) => `/api/lists/${id}/entries` },
  { name: 'DELETE …/entries/:entryId', method: 'DELETE', path: (id, { listId }) => `/api/lists/${listId}/entries/${id}` },
  { name: 'DELETE /api/lists/:listId/entries/…', method: 'DELETE', path: (id, { entryId }) => `/api/lists/${id}/entries/${entryId}` },
  { name: 'PUT …/entries/:entryId/note', method: 'PUT', path: (id, { listId }) => `/api/lists/${listId}/entries/${id}/note` },
  { name: 'GET /api/lists/:listId/rows', method: 'GET', path: (id) => `/api/lists/${id}/rows` },
  { name: 'GET /api/lists/:listId/export', method: 'GET', path: (id) => `/api/lists/${id}/export` },
  { name: 'GET /api/audit?listId=', method: 'GET', path: (id) => `/api/audit?listId=${id}` },
  { name: 'GET /api/patients/:id', method: 'GET', path: (id) => `/api/patients/${id}` },
];

function expectNoServerError(res: ApiResponse, what: string): void {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.resourceType, `${what} answers an OperationOutcome`).toBe('OperationOutcome');
    expect(res.body?.issue?.[0]?.diagnostics, `${what} says why`).toMatch(/\w/);
  }
}

describe.each(await storesUnderTest('the bad-input suite'))('bad input on $name', (stores) => {
  let app: ListsApp;
  let ids: Ids;
  let before: List;

  beforeAll(async () => {
    app = await startListsApp({ store: await stores.open() });
    const created = await app.call(USER_A, 'POST', '/api/lists', { name: 'Ward 4', context: { kind: 'channel', id: '19:fuzz@thread.tacv2' } });
    const listId = (created.body as List).id;
    await app.call(USER_A, 'POST', `/api/lists/${listId}/entries`, { patientId: 'a1' });
    const manual = (await app.call(USER_A, 'POST', `/api/lists/${listId}/entries`, { manual: { name: 'Walk-in, Pat', mrn: 'W-7' } }))
      .body as Entry;
    await app.call(USER_A, 'PUT', `/api/lists/${listId}/entries/${manual.id}/note`, { text: 'Plan: recheck K+', version: 1 });
    ids = { listId, entryId: manual.id };
    before = (await app.call(USER_A, 'GET', `/api/lists/${listId}`)).body as List;
  });
  afterAll(async () => {
    await app.close();
    await stores.cleanUp();
  });

  test.each(JSON_ENDPOINTS)('$name refuses every bad body with a 4xx OperationOutcome', async ({ method, path }) => {
    for (const [label, body, contentType] of BAD_BODIES) {
      const headers: Record<string, string> = { 'content-type': contentType ?? 'application/json' };
      const res = await app.call(USER_A, method, path(ids), body, body === undefined ? {} : headers);
      expectNoServerError(res, `${method} ${path(ids)} with ${label}`);
      expect(res.status, `${method} ${path(ids)} with ${label}`).toBeGreaterThanOrEqual(400);
    }
  });

  test.each(QUERY_ENDPOINTS)('$name answers odd query parameters without a 500', async ({ method, path, own }) => {
    for (const query of BAD_QUERIES(own)) {
      const url = `${path(ids)}&${query}`;
      const res = await app.call(USER_A, method, url, method === 'POST' ? 'name\nSomeone' : undefined, { 'content-type': 'text/csv' });
      expectNoServerError(res, `${method} ${url.slice(0, 120)}`);
    }
  });

  test.each(PATH_ENDPOINTS)('$name refuses malformed and unknown ids with a 4xx OperationOutcome', async ({ method, path }) => {
    for (const id of BAD_IDS) {
      const url = path(id, ids);
      const res = await app.call(USER_A, method, url, method === 'GET' || method === 'DELETE' ? undefined : { version: 1, text: 'x' });
      expectNoServerError(res, `${method} ${url.slice(0, 120)}`);
      expect(res.status, `${method} ${url.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
    }
  });

  test('leaves the stored list, its entries and its note exactly as they were', async () => {
    const after = (await app.call(USER_A, 'GET', `/api/lists/${ids.listId}`)).body as List;
    expect(after).toEqual(before);
  });
});
