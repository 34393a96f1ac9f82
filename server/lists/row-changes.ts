// What changed since you last looked (issue #12): per user and list, a fingerprint of each row's displayed values
// (a hash per column, never the values) as of when the user marked the row seen, and as last shown. Rows answer
// with the columns whose hashes differ. Viewing alone never clears a mark: an auto-refresh must not hide what
// changed while the clinician was away; marking the row or the list seen, or opening the patient, does. Another
// user's views and marks are theirs alone.
import { createHash } from 'node:crypto';
import type { ColumnId, Entry, List, Row } from '../wire/contract.js';
import type { ListStore, RowView } from './list-store.js';

/** The columns a change is shown in, and the values of a row that each one displays. */
const TRACKED: Readonly<Record<string, (row: Row) => unknown>> = {
  // A moved bed, an admission or a discharge.
  location: (row) => [row.encounter?.location, row.encounter?.status, row.encounter?.start, row.encounter?.end],
  attending: (row) => row.encounter?.participants,
  conditions: (row) => row.conditions,
  vitals: (row) => row.vitals,
  labs: (row) => row.labs,
  allergies: (row) => row.allergies,
  medications: (row) => row.medications,
  coverage: (row) => row.coverage,
  note: (row) => [row.note?.text, row.note?.updatedAt],
};

/** The hash of a row's column, salted with the list and entry so equal values on two rows never match. */
function hashOf(listId: string, entryId: string, column: string, value: unknown): string {
  return createHash('sha256').update(`${listId}\n${entryId}\n${column}\n${JSON.stringify(value ?? null)}`).digest('base64url').slice(0, 22);
}

/** The fingerprint of a row as displayed in these columns. */
export function fingerprintOf(listId: string, row: Row, columns: readonly ColumnId[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const column of columns) {
    const value = TRACKED[column];
    if (value) hashes[column] = hashOf(listId, row.entryId, column, value(row));
  }
  return hashes;
}

/** A row whose EHR data could not be read: its fingerprint says nothing about what changed. */
const isUnread = (row: Row): boolean => row.patient === undefined && row.manual === undefined && row.issues.length > 0;

const differing = (now: Record<string, string>, seen: Record<string, string>): string[] =>
  Object.keys(now).filter((column) => seen[column] !== undefined && seen[column] !== now[column]);

const sameHashes = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

export class RowChanges {
  constructor(
    private readonly store: ListStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The rows with what changed for this user since they marked each seen. A row seen for the first time (or a
   * column newly shown) starts from what it shows now: nothing is new on a first view.
   */
  async annotate(tenantId: string, list: List, userId: string, rows: Row[]): Promise<Row[]> {
    const at = this.now().toISOString();
    const views = new Map((await this.store.rowViews(tenantId, list.id, userId)).map((view) => [view.entryId, view]));
    const updates: RowView[] = [];
    let isAnyChanged = false;
    const annotated = rows.map((row): Row => {
      const view = views.get(row.entryId);
      let changes: string[] = [];
      if (isUnread(row)) {
        if (view) changes = differing(view.latest, view.seen);
      } else {
        const latest = fingerprintOf(list.id, row, list.columns);
        // A first view, or a column shown since the last mark, starts from what it shows now.
        const seen = { ...latest, ...view?.seen };
        if (!view || !sameHashes(latest, view.latest) || !sameHashes(seen, view.seen))
          updates.push({ entryId: row.entryId, seen, seenAt: view?.seenAt ?? at, latest, latestAt: at });
        changes = differing(latest, seen);
      }
      if (changes.length === 0) return row;
      isAnyChanged = true;
      return { ...row, changes, seenAt: view?.seenAt ?? at };
    });
    if (updates.length > 0) await this.store.saveRowViews(tenantId, list.id, userId, updates);
    // Nothing new for this user: the rows as built, shared with every other user (serialised once).
    return isAnyChanged ? annotated : rows;
  }

  /**
   * The user's own note edit is no news to them: their view of that row takes the new note as seen (a teammate's
   * edit still shows as a change to everyone else).
   */
  async acknowledgeNote(tenantId: string, listId: string, userId: string, entry: Entry): Promise<void> {
    const view = (await this.store.rowViews(tenantId, listId, userId)).find((v) => v.entryId === entry.id);
    if (view?.latest.note === undefined) return;
    const note = hashOf(listId, entry.id, 'note', [entry.note?.text, entry.note?.updatedAt]);
    await this.store.saveRowViews(tenantId, listId, userId, [
      { ...view, seen: { ...view.seen, note }, latest: { ...view.latest, note }, latestAt: this.now().toISOString() },
    ]);
  }

  /** Marks rows seen as they were last shown to this user: these entries, or the whole list. */
  markSeen(tenantId: string, listId: string, userId: string, entryIds?: readonly string[]): Promise<number> {
    return this.store.markSeen(tenantId, listId, userId, entryIds, this.now().toISOString());
  }
}
