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
  encounterStatus: (row) => [row.encounter?.status, row.encounter?.end],
  admitted: (row) => row.encounter?.start,
  attending: (row) => row.encounter?.participants,
  conditions: (row) => row.conditions,
  vitals: (row) => row.vitals,
  news2: (row) => (row.news2 ? [row.news2.score, row.news2.band, row.news2.partial] : undefined),
  labs: (row) => row.labs,
  allergies: (row) => row.allergies,
  medications: (row) => row.medications,
  coverage: (row) => row.coverage,
  note: (row) => [row.note?.text, row.note?.updatedAt],
};

/** The same values in another order are the same: EHRs need not sort conditions or allergies. */
function canonical(value: unknown): string {
  if (!Array.isArray(value)) return JSON.stringify(value ?? null);
  return `[${value.map((item) => JSON.stringify(item ?? null)).sort().join(',')}]`;
}

/** The hash of a row's column, salted with the list and entry so equal values on two rows never match. */
function hashOf(listId: string, entryId: string, column: string, value: unknown): string {
  return createHash('sha256').update(`${listId}\n${entryId}\n${column}\n${canonical(value)}`).digest('base64url').slice(0, 22);
}

/**
 * Fingerprints of rows already made, by row object: the rows of a list are built once per change of its EHR
 * answers and shared by everyone who opens it (RowService), so each is hashed once, not once per clinician.
 */
const fingerprints = new WeakMap<Row, { key: string; hashes: Record<string, string> }>();

/** The fingerprint of a row as displayed in these columns. */
export function fingerprintOf(listId: string, row: Row, columns: readonly ColumnId[]): Record<string, string> {
  const key = `${listId} ${columns.join(',')}`;
  const known = fingerprints.get(row);
  if (known?.key === key) return known.hashes;
  const hashes: Record<string, string> = {};
  for (const column of columns) {
    const value = TRACKED[column];
    if (value) hashes[column] = hashOf(listId, row.entryId, column, value(row));
  }
  fingerprints.set(row, { key, hashes });
  return hashes;
}

/** The FHIR resource types each tracked column is read from (issues name the type that failed: "Coverage: …"). */
const SOURCES: Readonly<Record<string, readonly string[]>> = {
  location: ['Encounter', 'Location'],
  encounterStatus: ['Encounter'],
  admitted: ['Encounter'],
  attending: ['Encounter', 'Practitioner'],
  conditions: ['Condition'],
  vitals: ['Observation'],
  news2: ['Observation'],
  labs: ['Observation'],
  allergies: ['AllergyIntolerance'],
  medications: ['MedicationRequest', 'MedicationOrder', 'Practitioner'],
  coverage: ['Coverage'],
  note: [],
};

/**
 * The columns of a row whose read failed: a part that failed reads as empty, which says nothing about what changed,
 * so their last fingerprint stands until the EHR answers them again. 'all' for a row the EHR did not give at all.
 */
function failedColumns(row: Row): 'all' | Set<string> {
  if (row.patient === undefined && row.manual === undefined && row.issues.length > 0) return 'all';
  const failedTypes = new Set(row.issues.map((issue) => issue.slice(0, Math.max(0, issue.indexOf(':')))));
  return new Set(Object.keys(SOURCES).filter((column) => SOURCES[column]!.some((type) => failedTypes.has(type))));
}

const differing = (now: Record<string, string>, seen: Record<string, string>): string[] =>
  Object.keys(now).filter((column) => seen[column] !== undefined && seen[column] !== now[column]);

const sameHashes = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

export interface AnnotatedRows {
  rows: Row[];
  /** When these rows were fingerprinted: a later "Mark as seen" clears only what had been shown by then. */
  viewedAt: string;
}

export class RowChanges {
  constructor(
    private readonly store: ListStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The rows with what changed for this user since they marked each seen. A row seen for the first time (or a
   * column newly shown) starts from what it shows now: nothing is new on a first view. Rows with nothing new are
   * the very rows given, so a list opened by many is still serialised once.
   */
  async annotate(tenantId: string, list: List, userId: string, rows: Row[]): Promise<AnnotatedRows> {
    const at = this.now().toISOString();
    const views = new Map((await this.store.rowViews(tenantId, list.id, userId)).map((view) => [view.entryId, view]));
    const updates: RowView[] = [];
    let isAnyChanged = false;
    const annotated = rows.map((row): Row => {
      const view = views.get(row.entryId);
      let changes: string[] = [];
      const failed = failedColumns(row);
      if (failed === 'all') {
        if (view) changes = differing(view.latest, view.seen);
      } else {
        const latest = { ...fingerprintOf(list.id, row, list.columns) };
        for (const column of failed) {
          const kept = view?.latest[column];
          if (kept === undefined) delete latest[column];
          else latest[column] = kept;
        }
        // A first view, or a column shown since the last mark, starts from what it shows now (the store keeps
        // what was marked seen meanwhile: it merges, it does not replace).
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
    return { rows: isAnyChanged ? annotated : rows, viewedAt: at };
  }

  /**
   * The user's own note edit is no news to them: their view of that row takes the new note as seen (a teammate's
   * edit still shows as a change to everyone else).
   */
  acknowledgeNote(tenantId: string, listId: string, userId: string, entry: Entry): Promise<void> {
    const note = hashOf(listId, entry.id, 'note', [entry.note?.text, entry.note?.updatedAt]);
    return this.store.acknowledge(tenantId, listId, userId, entry.id, 'note', note);
  }

  /**
   * Marks rows seen as they were last shown to this user: these entries, or the whole list. With `viewedAt` (when
   * the screen's rows were fingerprinted), a row whose values moved on since is left marked: what was never on
   * screen is never cleared.
   */
  markSeen(tenantId: string, listId: string, userId: string, entryIds?: readonly string[], viewedAt?: string): Promise<number> {
    return this.store.markSeen(tenantId, listId, userId, entryIds, this.now().toISOString(), viewedAt);
  }
}
