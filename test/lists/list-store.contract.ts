// One suite, two stores: every ListStore must behave alike (STYLE.md habit 12).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ListStore, NewEntry, NewList, StoredAuditEvent } from '../../server/lists/list-store.js';
import type { ListContext } from '../../server/wire/contract.js';

const TENANT_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const T0 = '2026-01-01T08:00:00.000Z';
const T1 = '2026-01-01T09:00:00.000Z';

function newList(context: ListContext, overrides: Partial<NewList> = {}): NewList {
  return {
    id: randomUUID(),
    name: 'Ward 4 rounds',
    context,
    columns: ['name', 'mrn', 'note'],
    createdBy: 'Dr. Ada Test',
    createdAt: T0,
    ...overrides,
  };
}

function patientEntry(patientId: string, overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    id: randomUUID(),
    patientId,
    display: `Patient ${patientId}`,
    mrn: `MRN-${patientId}`,
    addedBy: 'Dr. Ada Test',
    addedAt: T1,
    ...overrides,
  };
}

function manualEntry(name: string, mrn?: string): NewEntry {
  return { id: randomUUID(), manual: { name, mrn }, display: name, mrn, addedBy: 'Dr. Ada Test', addedAt: T1 };
}

/** A context of its own for each test, so tests never see each other's lists. */
const freshContext = (): ListContext => ({ kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` });

export function describeListStoreContract(name: string, open: () => Promise<ListStore>): void {
  describe(`${name} (ListStore contract)`, () => {
    let store: ListStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    test('creates a list and reads it back with version 1 and no entries', async () => {
      const input = newList(freshContext(), { sort: { column: 'name', direction: 'desc' } });
      const created = await store.createList(TENANT_A, input, [], 100);
      expect(created).toEqual({
        id: input.id,
        name: 'Ward 4 rounds',
        context: input.context,
        columns: ['name', 'mrn', 'note'],
        sort: { column: 'name', direction: 'desc' },
        version: 1,
        entries: [],
        createdBy: 'Dr. Ada Test',
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await store.getList(TENANT_A, input.id)).toEqual(created);
    });

    test('lists a context with sizes and leaves out other contexts and tenants', async () => {
      const context = freshContext();
      const first = await store.createList(TENANT_A, newList(context, { name: 'one' }), [patientEntry('p1')], 100);
      await store.createList(TENANT_A, newList(context, { name: 'two', createdAt: T1 }), [], 100);
      await store.createList(TENANT_A, newList(freshContext(), { name: 'elsewhere' }), [], 100);
      await store.createList(TENANT_B, newList(context, { name: 'other tenant' }), [], 100);
      const lists = await store.listsInContext(TENANT_A, context);
      expect(lists.map((l) => [l.name, l.size])).toEqual([
        ['one', 1],
        ['two', 0],
      ]);
      expect(lists[0]).not.toHaveProperty('entries');
      expect(lists[0]?.id).toBe(first?.id);
    });

    test("treats another tenant's list as absent for every operation", async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1')], 100))!;
      const entryId = list.entries[0]!.id;
      expect(await store.getList(TENANT_B, list.id)).toBeUndefined();
      expect(await store.updateList(TENANT_B, list.id, 1, { name: 'x' }, T1)).toEqual({ status: 'not-found' });
      expect(await store.addEntry(TENANT_B, list.id, patientEntry('p2'), 500)).toEqual({ status: 'not-found' });
      expect(await store.setNote(TENANT_B, list.id, entryId, 1, null, T1)).toEqual({ status: 'not-found' });
      expect(await store.removeEntry(TENANT_B, list.id, entryId, T1)).toBe(false);
      expect(await store.deleteList(TENANT_B, list.id)).toBe(false);
      expect((await store.getList(TENANT_A, list.id))?.entries).toHaveLength(1);
    });

    test('refuses a new list once the context holds the maximum', async () => {
      const context = freshContext();
      expect(await store.createList(TENANT_A, newList(context), [], 2)).toBeDefined();
      expect(await store.createList(TENANT_A, newList(context), [], 2)).toBeDefined();
      expect(await store.createList(TENANT_A, newList(context), [], 2)).toBeUndefined();
      expect(await store.createList(TENANT_B, newList(context), [], 2)).toBeDefined();
    });

    test('updates name, columns and sort with the current version and bumps it', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      const result = await store.updateList(
        TENANT_A,
        list.id,
        1,
        { name: 'Renamed', columns: ['mrn', 'name'], sort: { column: 'mrn', direction: 'asc' } },
        T1,
      );
      expect(result.status).toBe('ok');
      const updated = result.status === 'ok' ? result.value : undefined;
      expect(updated).toMatchObject({ name: 'Renamed', columns: ['mrn', 'name'], version: 2, updatedAt: T1 });
      expect(updated?.sort).toEqual({ column: 'mrn', direction: 'asc' });
      const cleared = await store.updateList(TENANT_A, list.id, 2, { sort: null }, T1);
      expect(cleared.status === 'ok' && cleared.value.sort).toBeUndefined();
    });

    test('keeps a list\'s stale-after hours and clears them back to the default with null', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      const set = await store.updateList(TENANT_A, list.id, 1, { staleAfterHours: 12 }, T1);
      expect(set.status === 'ok' && set.value.staleAfterHours).toBe(12);
      expect((await store.getList(TENANT_A, list.id))?.staleAfterHours).toBe(12);
      const cleared = await store.updateList(TENANT_A, list.id, 2, { staleAfterHours: null }, T1);
      expect(cleared.status === 'ok' && 'staleAfterHours' in cleared.value).toBe(false);
    });

    test('keeps what each user saw of each row, marks rows or the whole list seen, and forgets removed rows', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1'), patientEntry('p2')], 100))!;
      const [p1, p2] = list.entries;
      const view = (entryId: string, seen: string, latest: string) => ({ entryId, seen: { vitals: seen }, seenAt: T0, latest: { vitals: latest }, latestAt: T1 });
      await store.saveRowViews(TENANT_A, list.id, 'user-1', [view(p1!.id, 'h1', 'h2'), view(p2!.id, 'h1', 'h3')]);
      await store.saveRowViews(TENANT_A, list.id, 'user-2', [view(p1!.id, 'h1', 'h1')]);
      // Another tenant reads nothing and writes nothing.
      expect(await store.rowViews(TENANT_B, list.id, 'user-1')).toEqual([]);
      await store.saveRowViews(TENANT_B, list.id, 'user-1', [view(p1!.id, 'x', 'x')]);
      expect(await store.markSeen(TENANT_B, list.id, 'user-1', undefined, T1)).toBe(0);

      const byEntry = async (userId: string) =>
        Object.fromEntries((await store.rowViews(TENANT_A, list.id, userId)).map((v) => [v.entryId, v]));
      expect((await byEntry('user-1'))[p1!.id]).toEqual(view(p1!.id, 'h1', 'h2'));

      expect(await store.markSeen(TENANT_A, list.id, 'user-1', [p1!.id], '2026-01-01T10:00:00.000Z')).toBe(1);
      const marked = await byEntry('user-1');
      expect(marked[p1!.id]).toMatchObject({ seen: { vitals: 'h2' }, seenAt: '2026-01-01T10:00:00.000Z' });
      expect(marked[p2!.id]?.seen).toEqual({ vitals: 'h1' });
      expect(await store.markSeen(TENANT_A, list.id, 'user-1', undefined, T1)).toBe(2);
      expect((await byEntry('user-1'))[p2!.id]?.seen).toEqual({ vitals: 'h3' });
      // Another user's views are their own.
      expect((await byEntry('user-2'))[p1!.id]?.seen).toEqual({ vitals: 'h1' });

      await store.removeEntry(TENANT_A, list.id, p1!.id, T1);
      expect(Object.keys(await byEntry('user-1'))).toEqual([p2!.id]);
      // A view of a row removed meanwhile is not kept.
      await store.saveRowViews(TENANT_A, list.id, 'user-1', [view(p1!.id, 'h9', 'h9')]);
      expect(Object.keys(await byEntry('user-1'))).toEqual([p2!.id]);
    });

    test('a view saved from a stale read never undoes a mark; a mark with viewedAt skips rows that moved on since', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1'), patientEntry('p2')], 100))!;
      const [p1, p2] = list.entries;
      await store.saveRowViews(TENANT_A, list.id, 'user-1', [
        { entryId: p1!.id, seen: { vitals: 'h1' }, seenAt: T0, latest: { vitals: 'h2' }, latestAt: T0 },
        { entryId: p2!.id, seen: { vitals: 'h1' }, seenAt: T0, latest: { vitals: 'h3' }, latestAt: T1 },
      ]);
      // Marked seen by the screen loaded between T0 and T1: p2's latest came after it and stays unseen.
      expect(await store.markSeen(TENANT_A, list.id, 'user-1', undefined, '2026-01-01T08:30:00.000Z', '2026-01-01T08:30:00.000Z')).toBe(1);
      // A view computed from a read before the mark (seen h1) arrives after it, adding the labs column.
      await store.saveRowViews(TENANT_A, list.id, 'user-1', [
        { entryId: p1!.id, seen: { vitals: 'h1', labs: 'l1' }, seenAt: T0, latest: { vitals: 'h2', labs: 'l1' }, latestAt: T1 },
      ]);
      const views = Object.fromEntries((await store.rowViews(TENANT_A, list.id, 'user-1')).map((v) => [v.entryId, v]));
      expect(views[p1!.id]?.seen).toEqual({ vitals: 'h2', labs: 'l1' });
      expect(views[p2!.id]?.seen).toEqual({ vitals: 'h1' });

      await store.acknowledge(TENANT_A, list.id, 'user-1', p2!.id, 'vitals', 'h4');
      await store.acknowledge(TENANT_A, list.id, 'user-1', p2!.id, 'note', 'n1');
      const acknowledged = (await store.rowViews(TENANT_A, list.id, 'user-1')).find((v) => v.entryId === p2!.id);
      // A column the row's view does not show is left alone.
      expect(acknowledged).toMatchObject({ seen: { vitals: 'h4' }, latest: { vitals: 'h4' } });
      await store.acknowledge(TENANT_B, list.id, 'user-1', p1!.id, 'vitals', 'x');
      expect((await store.rowViews(TENANT_A, list.id, 'user-1')).find((v) => v.entryId === p1!.id)?.latest.vitals).toBe('h2');
    });

    test('answers a stale version with a conflict that carries the current list', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      await store.updateList(TENANT_A, list.id, 1, { name: 'First writer' }, T1);
      const stale = await store.updateList(TENANT_A, list.id, 1, { name: 'Second writer' }, T1);
      expect(stale.status).toBe('conflict');
      expect(stale.status === 'conflict' && stale.current).toMatchObject({ name: 'First writer', version: 2 });
    });

    test('adds entries in order without touching the list version and bumps updatedAt', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      const first = await store.addEntry(TENANT_A, list.id, patientEntry('p1'), 500);
      const second = await store.addEntry(TENANT_A, list.id, manualEntry('Hand Written', 'M-9'), 500);
      expect(first.status).toBe('ok');
      expect(second.status === 'ok' && second.entry).toMatchObject({
        manual: { name: 'Hand Written', mrn: 'M-9' },
        display: 'Hand Written',
        mrn: 'M-9',
        version: 1,
      });
      const stored = (await store.getList(TENANT_A, list.id))!;
      expect(stored.version).toBe(1);
      expect(stored.updatedAt).toBe(T1);
      expect(stored.entries.map((e) => e.patientId ?? e.manual?.name)).toEqual(['p1', 'Hand Written']);
    });

    test('refuses the same patient twice on one list, by EHR id or by manual MRN', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      const added = await store.addEntry(TENANT_A, list.id, patientEntry('p1'), 500);
      const again = await store.addEntry(TENANT_A, list.id, patientEntry('p1'), 500);
      expect(again).toEqual({ status: 'duplicate', existingEntryId: added.status === 'ok' ? added.entry.id : '' });
      await store.addEntry(TENANT_A, list.id, manualEntry('A', 'MRN-7'), 500);
      expect((await store.addEntry(TENANT_A, list.id, manualEntry('B', ' mrn-7 '), 500)).status).toBe('duplicate');
      expect((await store.addEntry(TENANT_A, list.id, manualEntry('No MRN'), 500)).status).toBe('ok');
      expect((await store.addEntry(TENANT_A, list.id, manualEntry('No MRN'), 500)).status).toBe('ok');
    });

    test('refuses an entry beyond the maximum', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      expect((await store.addEntry(TENANT_A, list.id, patientEntry('p1'), 2)).status).toBe('ok');
      expect((await store.addEntry(TENANT_A, list.id, patientEntry('p2'), 2)).status).toBe('ok');
      expect(await store.addEntry(TENANT_A, list.id, patientEntry('p3'), 2)).toEqual({ status: 'full' });
    });

    test('lets concurrent adds of different patients all succeed, and never exceed the maximum', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [], 100))!;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.addEntry(TENANT_A, list.id, patientEntry(`c${i}`), 8)),
      );
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(8);
      expect(results.filter((r) => r.status === 'full')).toHaveLength(4);
      expect((await store.getList(TENANT_A, list.id))!.entries).toHaveLength(8);
    });

    test('sets, versions and clears a note; a stale version gets the current entry', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1')], 100))!;
      const entryId = list.entries[0]!.id;
      const note = { text: 'NPO after midnight', author: 'Dr. Ada Test', updatedAt: T1 };
      const set = await store.setNote(TENANT_A, list.id, entryId, 1, note, T1);
      expect(set).toMatchObject({ status: 'ok', value: { id: entryId, version: 2, note } });
      const stale = await store.setNote(TENANT_A, list.id, entryId, 1, { ...note, text: 'late' }, T1);
      expect(stale).toMatchObject({ status: 'conflict', current: { version: 2, note } });
      const cleared = await store.setNote(TENANT_A, list.id, entryId, 2, null, T1);
      expect(cleared.status === 'ok' && cleared.value.note).toBeUndefined();
      expect(await store.setNote(TENANT_A, list.id, randomUUID(), 1, null, T1)).toEqual({ status: 'not-found' });
    });

    test('removes an entry and deletes a list with its entries', async () => {
      const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1'), patientEntry('p2')], 100))!;
      expect(await store.removeEntry(TENANT_A, list.id, list.entries[0]!.id, T1)).toBe(true);
      expect(await store.removeEntry(TENANT_A, list.id, list.entries[0]!.id, T1)).toBe(false);
      expect((await store.getList(TENANT_A, list.id))!.entries.map((e) => e.patientId)).toEqual(['p2']);
      expect(await store.deleteList(TENANT_A, list.id)).toBe(true);
      expect(await store.getList(TENANT_A, list.id)).toBeUndefined();
      expect(await store.addEntry(TENANT_A, list.id, patientEntry('p3'), 500)).toEqual({ status: 'not-found' });
    });

    test('creates a list with imported entries and their notes in one step', async () => {
      const note = { text: 'Family meeting 3pm', author: 'Dr. Bo', updatedAt: T0 };
      const entries = [patientEntry('p1', { note }), manualEntry('Walk In', 'W-1'), patientEntry('p2')];
      const list = (await store.createList(TENANT_A, newList(freshContext()), entries, 100))!;
      expect(list.entries.map((e) => e.id)).toEqual(entries.map((e) => e.id));
      expect(list.entries[0]!.note).toEqual(note);
      expect(list.entries[1]!.manual).toEqual({ name: 'Walk In', mrn: 'W-1' });
    });

    test('keeps a channel list\'s team and a meeting list\'s chat, and binds older lists of a context once', async () => {
      const channel = { kind: 'channel' as const, id: `19:${randomUUID()}@thread.tacv2` };
      const older = (await store.createList(TENANT_A, newList(channel), [], 100))!;
      expect(older.context).toEqual(channel);
      const team = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';
      const bound = { ...channel, teamId: team };
      expect(await store.bindRoster(TENANT_B, bound)).toBe(0);
      expect(await store.bindRoster(TENANT_A, bound)).toBe(1);
      expect((await store.getList(TENANT_A, older.id))!.context).toEqual(bound);
      // A bound list keeps its team: a later, different claim changes nothing.
      expect(await store.bindRoster(TENANT_A, { ...channel, teamId: '00000000-0000-4000-8000-000000000000' })).toBe(0);
      expect((await store.listsInContext(TENANT_A, channel))[0]!.context).toEqual(bound);
      // Named with its team, the context holds the list; named with another team, nothing.
      expect((await store.listsInContext(TENANT_A, bound)).map((l) => l.id)).toEqual([older.id]);
      expect(await store.listsInContext(TENANT_A, { ...channel, teamId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);

      const meeting = { kind: 'meeting' as const, id: `MCM${randomUUID()}`, chatId: `19:meeting_${randomUUID()}@thread.v2` };
      const created = (await store.createList(TENANT_A, newList(meeting), [], 100))!;
      expect((await store.getList(TENANT_A, created.id))!.context).toEqual(meeting);
    });

    describe('a change and its audit events commit together', () => {
      /** An event whose id is taken: its insert fails inside the write's transaction, as a broken audit table would. */
      async function takenEvent(listId: string): Promise<StoredAuditEvent> {
        const event: StoredAuditEvent = { id: randomUUID(), type: 'list.viewed', tenantId: TENANT_A, userId: 'u', at: T0, listId };
        await store.appendAudit([event]);
        return { ...event, type: 'note.edited' };
      }

      test('a failing audit insert leaves the note, the entries and the list as they were', async () => {
        const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1')], 100))!;
        const entry = list.entries[0]!;
        const broken = [await takenEvent(list.id)];
        const note = { text: 'Not saved without its event', author: 'Dr. Ada Test', updatedAt: T1 };
        await expect(store.setNote(TENANT_A, list.id, entry.id, 1, note, T1, broken)).rejects.toThrow();
        await expect(store.addEntry(TENANT_A, list.id, patientEntry('p2'), 500, broken)).rejects.toThrow();
        await expect(store.removeEntry(TENANT_A, list.id, entry.id, T1, broken)).rejects.toThrow();
        await expect(store.updateList(TENANT_A, list.id, 1, { name: 'Renamed' }, T1, broken)).rejects.toThrow();
        await expect(store.deleteList(TENANT_A, list.id, broken)).rejects.toThrow();
        expect(await store.getList(TENANT_A, list.id)).toEqual(list);
        await expect(store.createList(TENANT_A, newList(list.context, { id: randomUUID() }), [], 100, broken)).rejects.toThrow();
        expect(await store.listsInContext(TENANT_A, list.context)).toHaveLength(1);
      });

      test('a write that takes effect stores its events; one that does not (stale, absent) stores none', async () => {
        const list = (await store.createList(TENANT_A, newList(freshContext()), [patientEntry('p1')], 100))!;
        const event = (type: StoredAuditEvent['type']): StoredAuditEvent => ({
          id: randomUUID(),
          type,
          tenantId: TENANT_A,
          userId: 'u',
          at: T1,
          listId: list.id,
        });
        const note = { text: 'Seen', author: 'Dr. Ada Test', updatedAt: T1 };
        expect((await store.setNote(TENANT_A, list.id, list.entries[0]!.id, 1, note, T1, [event('note.edited')])).status).toBe('ok');
        expect((await store.setNote(TENANT_A, list.id, list.entries[0]!.id, 1, note, T1, [event('note.edited')])).status).toBe('conflict');
        expect(await store.removeEntry(TENANT_A, list.id, randomUUID(), T1, [event('entry.removed')])).toBe(false);
        expect((await store.auditForList(TENANT_A, list.id, 10)).map((e) => e.type)).toEqual(['note.edited']);
      });
    });

    test('keeps audit events per tenant and list, newest first', async () => {
      const listId = randomUUID();
      const context = freshContext();
      for (const [i, type] of (['list.created', 'entry.added', 'note.edited'] as const).entries()) {
        await store.appendAudit([
          {
            id: randomUUID(),
            type,
            tenantId: TENANT_A,
            userId: 'demo-user-a',
            at: `2026-01-01T08:0${i}:00.000Z`,
            listId,
            patientId: type === 'list.created' ? undefined : 'p1',
            context,
          },
        ]);
      }
      await store.appendAudit([{ id: randomUUID(), type: 'list.created', tenantId: TENANT_B, userId: 'u', at: T0, listId }]);
      const events = await store.auditForList(TENANT_A, listId, 10);
      expect(events.map((e) => e.type)).toEqual(['note.edited', 'entry.added', 'list.created']);
      expect(events[0]).toMatchObject({ tenantId: TENANT_A, userId: 'demo-user-a', patientId: 'p1', context });
      expect(events[2]).not.toHaveProperty('patientId');
      expect(await store.auditForList(TENANT_A, listId, 1)).toHaveLength(1);
      expect(await store.auditForList(TENANT_B, listId, 10)).toHaveLength(1);
    });
  });
}
