// Reads a list's rows through a running Rounds as a user of a tenant: a personal list with these patients, then
// GET rows. What a clinician's tab does, over real HTTP.
import type { FakeAad } from './fake-aad.js';

export interface RowsAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function rowsThrough(roundsUrl: string, aad: FakeAad, tenantId: string, patientIds: string[]): Promise<RowsAnswer> {
  const token = await aad.mint({ claims: { tid: tenantId } });
  const call = async (method: string, path: string, body?: unknown): Promise<RowsAnswer> => {
    const res = await fetch(`${roundsUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const list = await call('POST', '/api/lists', { name: 'Ward round', context: { kind: 'personal', id: 'user-oid-1' } });
  if (list.status !== 201) throw new Error(`creating the list answered ${list.status}`);
  const listId = String(list.body.id);
  for (const patientId of patientIds) {
    const added = await call('POST', `/api/lists/${listId}/entries`, { patientId });
    if (added.status !== 201) return added;
  }
  return call('GET', `/api/lists/${listId}/rows`);
}

/** The patient ids of the rows of a rows answer. */
export const rowPatientIds = (answer: RowsAnswer): string[] =>
  ((answer.body.rows as { patient?: { id: string } }[] | undefined) ?? []).map((row) => row.patient?.id ?? '');
