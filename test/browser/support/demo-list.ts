// A list made through the API, as a clinician of a demo hospital, so a browser test only looks at it.
import type { ColumnId, Entry, List, Row, RowsResponse } from '../../../server/wire/contract.js';
import { HOST_TEAM_ID } from './browser.js';
import { tokenFor } from './rounds-server.js';

export interface DemoList {
  list: List;
  entries: Entry[];
}

async function call<T>(url: string, userId: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenFor(url, userId)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A list in a channel of the host's team, with these columns and patients, in the order given. */
export async function createDemoList(
  url: string,
  userId: string,
  options: { name: string; contextId: string; columns: ColumnId[]; patientIds: string[] },
): Promise<DemoList> {
  const list = await call<List>(url, userId, 'POST', '/api/lists', {
    name: options.name,
    context: { kind: 'channel', id: options.contextId, teamId: HOST_TEAM_ID },
    columns: options.columns,
  });
  const entries: Entry[] = [];
  for (const patientId of options.patientIds) {
    entries.push(await call<Entry>(url, userId, 'POST', `/api/lists/${list.id}/entries`, { patientId }));
  }
  return { list, entries };
}

/** The rows as this user gets them (the first time, that is also the view changes are counted from). */
export async function rowsOf(url: string, userId: string, listId: string): Promise<Row[]> {
  return (await call<RowsResponse>(url, userId, 'GET', `/api/lists/${listId}/rows`)).rows;
}

/** A teammate saves the entry's team note, on top of its current version. */
export async function saveNote(url: string, userId: string, listId: string, entryId: string, text: string): Promise<Entry> {
  const list = await call<List>(url, userId, 'GET', `/api/lists/${listId}`);
  const entry = list.entries.find((e) => e.id === entryId);
  if (!entry) throw new Error(`no entry ${entryId} on list ${listId}`);
  return call<Entry>(url, userId, 'PUT', `/api/lists/${listId}/entries/${entryId}/note`, { text, version: entry.version });
}
