// Kill -9 in the middle of a burst of writes, restart on the same SQLite file: every write that was
// acknowledged with a 2xx is there, and the file opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Entry, List } from '../../server/wire/contract.js';
import { FAKE_CLIENT_ID, TENANT_A, startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { startRoundsProcess } from '../support/rounds-process.js';

let aad: FakeAad;
const dir = mkdtempSync(join(tmpdir(), 'rounds-crash-'));
beforeAll(async () => {
  aad = await startFakeAad();
});
afterAll(async () => {
  await aad.close();
  rmSync(dir, { recursive: true, force: true });
});

const WORKERS = 8;
const ACKS_BEFORE_KILL = 120;

test('every acknowledged entry and note survives a SIGKILL mid-burst', { timeout: 60_000 }, async () => {
  // Production settings with the fake Azure AD; the partner is never called (manual entries only).
  const env = {
    NODE_ENV: 'test',
    DEMO: '0',
    PUBLIC_URL: 'http://localhost:3978',
    AAD_CLIENT_ID: FAKE_CLIENT_ID,
    AAD_AUTHORITY: aad.authority,
    PARTNER_FHIR_URL: 'http://127.0.0.1:9/fhir',
    PARTNER_CLIENT_ID: 'unused',
    PARTNER_CLIENT_SECRET: 'unused',
    TEAMS_ACCESS_CHECK: 'off',
    DATABASE_URL: `sqlite:${join(dir, 'data', 'rounds.db')}`,
  };
  const headers = { authorization: `Bearer ${await aad.mint({ claims: { tid: TENANT_A } })}`, 'content-type': 'application/json' };
  const first = await startRoundsProcess(env);
  const created = await fetch(`${first.url}/api/lists`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Burst', context: { kind: 'channel', id: '19:crash@thread.tacv2' } }),
  });
  expect(created.status).toBe(201);
  const listId = ((await created.json()) as List).id;

  const ackedEntries = new Set<string>();
  const ackedNotes = new Map<string, { text: string; version: number }>();
  let acks = 0;
  let isKilled = false;
  let killed!: () => void;
  const kill = new Promise<void>((resolve) => (killed = resolve));
  const ack = (): void => {
    acks += 1;
    if (acks === ACKS_BEFORE_KILL && !isKilled) {
      isKilled = true;
      void first.kill('SIGKILL').then(killed);
    }
  };
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !isKilled; i += 1) {
      try {
        const res = await fetch(`${first.url}/api/lists/${listId}/entries`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ manual: { name: `Burst ${w}-${i}`, mrn: `B-${w}-${i}` } }),
        });
        if (res.status !== 201) throw new Error(`add answered ${res.status}`);
        const entry = (await res.json()) as Entry;
        ackedEntries.add(entry.id);
        ack();
        const text = `note ${w}-${i}`;
        const put = await fetch(`${first.url}/api/lists/${listId}/entries/${entry.id}/note`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ text, version: 1 }),
        });
        if (put.status !== 200) throw new Error(`note answered ${put.status}`);
        ackedNotes.set(entry.id, { text, version: ((await put.json()) as Entry).version });
        ack();
      } catch (error) {
        if (isKilled) return; // a request cut off by the kill was never acknowledged
        throw error;
      }
    }
  };
  await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), kill]);
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(ackedEntries.size).toBeGreaterThan(ACKS_BEFORE_KILL / 3);

  const second = await startRoundsProcess(env);
  try {
    const res = await fetch(`${second.url}/api/lists/${listId}`, { headers });
    expect(res.status).toBe(200);
    const entries = new Map(((await res.json()) as List).entries.map((e) => [e.id, e]));
    const missing = [...ackedEntries].filter((id) => !entries.has(id));
    expect(missing).toEqual([]);
    for (const [id, note] of ackedNotes) {
      expect(entries.get(id)?.version).toBe(note.version);
      expect(entries.get(id)?.note?.text).toBe(note.text);
    }
    console.log(`crash test: ${ackedEntries.size} entries and ${ackedNotes.size} notes acknowledged, all present after restart`);
  } finally {
    await second.kill('SIGTERM');
  }
});
