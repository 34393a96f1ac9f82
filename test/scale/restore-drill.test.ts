// The operations guide's restore drill (scripts/restore-drill.sh) on a real PostgreSQL: a store with lists, a
// note and audit events is dumped, restored into an empty database, and Rounds reads the restored copy.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../server/lists/open-postgres.js';
import { freshDatabase, requirePostgres } from '../support/postgres.js';
import { REPO_ROOT } from '../support/rounds-process.js';

const run = promisify(execFile);
const isAvailable = await requirePostgres('the restore drill');

describe.runIf(isAvailable)('scripts/restore-drill.sh', () => {
  const databases: Awaited<ReturnType<typeof freshDatabase>>[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  test('restores every list, entry and audit event into an empty database, which Rounds then reads', async () => {
    const [source, restored] = [await freshDatabase(), await freshDatabase()];
    databases.push(source, restored);
    const store = await openPostgresStore(source.url);
    const tenant = 'aaaaaaaa-0000-4000-8000-000000000001';
    const at = '2026-12-01T08:00:00.000Z';
    const list = await store.createList(
      tenant,
      { id: '11111111-1111-4111-8111-111111111111', name: 'Ward 4', context: { kind: 'channel', id: '19:w4@thread.tacv2', teamId: '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f' }, columns: ['name', 'note'], createdBy: 'Dr. A', createdAt: at },
      [{ id: '22222222-2222-4222-8222-222222222222', manual: { name: 'Quill, Zed', mrn: 'Q-1' }, display: 'Quill, Zed', mrn: 'Q-1', addedBy: 'Dr. A', addedAt: at }],
      100,
      [{ id: '33333333-3333-4333-8333-333333333333', type: 'list.created', tenantId: tenant, userId: 'u', at, listId: '11111111-1111-4111-8111-111111111111' }],
    );
    await store.setNote(tenant, list!.id, list!.entries[0]!.id, 1, { text: 'Seen at 8', author: 'Dr. A', updatedAt: at }, at);
    await store.close();

    const { stdout } = await run(join(REPO_ROOT, 'scripts', 'restore-drill.sh'), [], {
      env: { ...process.env, DATABASE_URL: source.url, RESTORE_URL: restored.url },
    });
    expect(stdout).toContain('restored copy:              1 lists, 1 entries, 1 audit events');
    expect(stdout).toContain('restore drill passed');

    const copy = await openPostgresStore(restored.url);
    try {
      const read = await copy.getList(tenant, list!.id);
      expect(read?.context).toEqual(list!.context);
      expect(read?.entries[0]?.note?.text).toBe('Seen at 8');
      expect(await copy.auditForList(tenant, list!.id, 10)).toHaveLength(1);
    } finally {
      await copy.close();
    }
  });
});
