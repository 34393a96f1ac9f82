import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import { openStore } from '../../server/lists/open-store.js';
import { describeListStoreContract } from './list-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeListStoreContract('KyselyStore on SQLite', () => Promise.resolve(openSqliteStore(join(dir, 'contract', 'rounds.db'))));

describe('the store on a SQLite file', () => {
  test('creates the database, and its write-ahead log, readable by its owner only; tightens an existing one', async () => {
    const file = join(dir, 'private', 'rounds.db');
    const store = openSqliteStore(file);
    const context = { kind: 'chat' as const, id: '19:private@unq.gbl.spaces' };
    await store.createList('t', { id: 'l-p', name: 'Private', context, columns: ['name'], createdBy: 'x', createdAt: '2026-01-01T00:00:00.000Z' }, [], 10);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
    chmodSync(file, 0o644);
    await openSqliteStore(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('creates the folder, records its migrations once and keeps data across reopening', async () => {
    const file = join(dir, 'nested', 'deeper', 'rounds.db');
    const first = openSqliteStore(file);
    const context = { kind: 'chat' as const, id: '19:chat@unq.gbl.spaces' };
    await first.createList(
      'tenant-1',
      { id: 'l-1', name: 'Kept', context, columns: ['name'], createdBy: 'x', createdAt: '2026-01-01T00:00:00.000Z' },
      [],
      100,
    );
    await first.close();
    const second = openSqliteStore(file);
    expect((await second.getList('tenant-1', 'l-1'))?.name).toBe('Kept');
    await second.close();

    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'context_rosters_and_audit_detail' },
      { version: 3, name: 'audit_context_roster' },
      { version: 4, name: 'row_views_and_stale_after' },
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('refuses to change or delete audit events', async () => {
    const file = join(dir, 'audit.db');
    const store = openSqliteStore(file);
    await store.appendAudit([{ id: 'e-1', type: 'list.created', tenantId: 't', userId: 'u', at: '2026-01-01T00:00:00.000Z' }]);
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_events SET user_id = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('openStore(DATABASE_URL)', () => {
  test('opens SQLite for sqlite: URLs, in memory when the path is empty, and refuses other schemes', async () => {
    const file = join(dir, 'opened', 'rounds.db');
    const store = await openStore(`sqlite:${file}`);
    expect(store.dialect).toBe('sqlite');
    await store.close();
    expect(existsSync(file)).toBe(true);
    const memory = await openStore('sqlite:');
    expect(await memory.listsInContext('t', { kind: 'chat', id: 'c' })).toEqual([]);
    await memory.close();
    await expect(openStore('mysql://localhost/rounds')).rejects.toThrow(/DATABASE_URL/);
  });
});
