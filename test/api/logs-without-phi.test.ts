// Everything Rounds logs during a clinician's morning with a failing partner, read back from pino's own output:
// never a patient's name, MRN, birth date, note or search term, never a secret or a token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Entry, List } from '../../server/wire/contract.js';
import { createLogger } from '../../server/logger.js';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import { startListsApp, USER_A, type ListsApp } from '../support/lists-app.js';

const RETIRED_SECRET = 'retired-secret-5c1e7';
const SECRET = 'secret-1';
/** What must never reach a log line: the partner's patient a1, a hand-added patient, a note, secrets. */
const PHI = ['Alder1', 'Ann Alder1', 'MRN-A1', '1970-01-01', 'Quill', 'Zed', 'MRN-Q-0042', '1961-07-04', 'penicillin', 'daughter'];

let lines = '';
let app: ListsApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rounds-logs-'));
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      lines += chunk.toString('utf8');
      done();
    },
  });
  app = await startListsApp({
    logger: createLogger('trace', destination),
    store: openSqliteStore(join(dir, 'rounds.db')),
    // The partner has retired our first secret and its Condition searches fail.
    credentials: { clientSecret: RETIRED_SECRET, clientSecretNext: SECRET },
    partner: { faults: { failingTypes: { Condition: 500 } } },
    ehrTuning: { tokenTimeoutMs: 1_000, fhirTimeoutMs: 1_000 },
  });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites a stored entry's manual patient as plain text, as a faulty migration or a hand edit might. */
function corruptManualEntry(entryId: string): void {
  const db = new Database(join(dir, 'rounds.db'));
  try {
    db.prepare('UPDATE entries SET manual = ? WHERE id = ?').run('Quill, Zed; MRN-Q-0042; born 1961-07-04', entryId);
  } finally {
    db.close();
  }
}

test('logs the outage, the secret rotation and an internal error without PHI, secrets or tokens', async () => {
  const partner = app.partner!;
  expect((await app.call(USER_A, 'GET', '/api/patients?family=Alder1&mrn=MRN-A1&birthdate=1970-01-01')).status).toBe(200);
  expect((await app.call(USER_A, 'GET', '/api/patients/a1')).body.issues).toEqual(['Condition: 500 from the EHR']);

  const list = (await app.call(USER_A, 'POST', '/api/lists', { name: 'Ward 4', context: { kind: 'channel', id: '19:logs' } })).body as List;
  const entries = `/api/lists/${list.id}/entries`;
  expect((await app.call(USER_A, 'POST', entries, { patientId: 'a1' })).status).toBe(201);
  const walkIn = (await app.call(USER_A, 'POST', entries, { manual: { name: 'Quill, Zed', mrn: 'MRN-Q-0042', birthDate: '1961-07-04' } }))
    .body as Entry;
  const note = { text: 'Allergic to penicillin; call his daughter first', version: 1 };
  expect((await app.call(USER_A, 'PUT', `${entries}/${walkIn.id}/note`, note)).status).toBe(200);
  expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).status).toBe(200);

  // The partner drops every token it gave, then goes away altogether.
  partner.revokeTokens();
  expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}/export`)).status).toBe(200);
  await partner.close();
  expect((await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).status).toBe(200);
  expect((await app.call(USER_A, 'GET', '/api/patients?family=Alder1')).status).toBe(502);
  expect((await app.call(USER_A, 'POST', entries, { patientId: 'a2' })).status).toBe(502);

  corruptManualEntry(walkIn.id);
  const broken = await app.call(USER_A, 'GET', `/api/lists/${list.id}`);
  expect(broken.status).toBe(500);
  expect(broken.text).not.toMatch(/Quill|MRN-Q-0042/);

  // Nothing of the patients, the secrets, the partner's tokens or the clinician's own token…
  const userToken = await app.tokenFor(USER_A);
  const forbidden = [...PHI, RETIRED_SECRET, SECRET, userToken.split('.')[2]!, ...partner.stats.issuedTokens];
  expect(partner.stats.issuedTokens.length).toBeGreaterThan(1);
  for (const value of forbidden) expect(lines, `the log holds ${value}`).not.toContain(value);
  expect(lines).not.toMatch(/Bearer|client_secret|access_token/i);
  // …yet the log still says what happened.
  expect(lines).toMatch(/switched to the other configured secret/);
  expect(lines).toMatch(/"reason":"The partner could not be reached"/);
  expect(lines).toMatch(/"msg":"unhandled error"/);
  expect(lines).toMatch(/"type":"SyntaxError"/);
});
