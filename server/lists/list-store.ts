// The storage interface for patient lists, their entries and the audit trail. KyselyStore implements it once for
// SQLite and PostgreSQL; test/lists/list-store.contract.ts holds it to the same expectations on both.
// Every method takes the tenant from the verified token and filters on it: another tenant's ids read as absent.
import type {
  AuditEvent,
  ColumnId,
  Entry,
  List,
  ListContext,
  ListSort,
  ListSummary,
  Note,
} from '../wire/contract.js';

/** A list as created: the store adds its version, entries and updatedAt. */
export type NewList = Pick<List, 'id' | 'name' | 'context' | 'columns' | 'sort' | 'createdBy' | 'createdAt'>;

/** An entry as added: the store gives it its version. */
export type NewEntry = Omit<Entry, 'version'>;

export interface ListChanges {
  name?: string;
  columns?: ColumnId[];
  /** `null` clears the sort. */
  sort?: ListSort | null;
  /** `null` goes back to the default (24 h). */
  staleAfterHours?: number | null;
}

/**
 * What one user last saw of one row: per column, a hash of its displayed values (never the values), as of when
 * they marked it seen, and as last shown to them.
 */
export interface RowView {
  entryId: string;
  seen: Record<string, string>;
  seenAt: string;
  latest: Record<string, string>;
  latestAt: string;
}

/** A write guarded by a version: stale versions get the current state back, for a 409 body. */
export type VersionedWrite<T> =
  | { status: 'ok'; value: T }
  | { status: 'not-found' }
  | { status: 'conflict'; current: T };

export type AddEntryResult =
  | { status: 'ok'; entry: Entry }
  | { status: 'not-found' }
  | { status: 'duplicate'; existingEntryId: string }
  | { status: 'full' };

/** An audit event as stored: the list's context rides along so a deleted list's trail keeps its visibility rule. */
export interface StoredAuditEvent extends AuditEvent {
  context?: ListContext;
}

/**
 * Every write takes the audit events that describe it and stores them in the same transaction, only when the
 * write took effect: a change is never kept without its event, nor an event without its change.
 */
export type AuditOfWrite = readonly StoredAuditEvent[];

/** Which part of a trail to read. */
export interface AuditPage {
  /** An event id: only events recorded before it. */
  before?: string;
  /** Only these types. */
  types?: readonly string[];
}

export interface ListStore {
  readonly dialect: 'sqlite' | 'postgres';
  listsInContext(tenantId: string, context: ListContext): Promise<ListSummary[]>;
  /**
   * Creates a list with its entries (none, or an import's) in one transaction.
   * Returns undefined when the context already holds `maxListsPerContext` lists.
   */
  createList(
    tenantId: string,
    list: NewList,
    entries: readonly NewEntry[],
    maxListsPerContext: number,
    audit?: AuditOfWrite,
  ): Promise<List | undefined>;
  getList(tenantId: string, listId: string): Promise<List | undefined>;
  /** Applies the changes and bumps the version when `version` is current. */
  updateList(
    tenantId: string,
    listId: string,
    version: number,
    changes: ListChanges,
    at: string,
    audit?: AuditOfWrite,
  ): Promise<VersionedWrite<List>>;
  deleteList(tenantId: string, listId: string, audit?: AuditOfWrite): Promise<boolean>;
  /** Adds an entry without needing the list version (two clinicians may add at once); bumps `updatedAt`. */
  addEntry(tenantId: string, listId: string, entry: NewEntry, maxEntries: number, audit?: AuditOfWrite): Promise<AddEntryResult>;
  removeEntry(tenantId: string, listId: string, entryId: string, at: string, audit?: AuditOfWrite): Promise<boolean>;
  /** Sets (or with `null` clears) an entry's note when `version` is the entry's current one; bumps it. */
  setNote(
    tenantId: string,
    listId: string,
    entryId: string,
    version: number,
    note: Note | null,
    at: string,
    audit?: AuditOfWrite,
  ): Promise<VersionedWrite<Entry>>;
  /**
   * Records the roster of the context's lists that have none yet (a channel's team, a meeting's chat), once a
   * member opened them from Teams. Returns how many lists were bound.
   */
  bindRoster(tenantId: string, context: ListContext): Promise<number>;
  /** What this user last saw of the list's rows (rows never viewed have none). */
  rowViews(tenantId: string, listId: string, userId: string): Promise<RowView[]>;
  /**
   * Keeps these views of the list's rows for this user. An existing view takes the new `latest`, and the `seen`
   * hashes of columns it had none for: what it marked seen meanwhile stays (a mark is never undone by a view).
   */
  saveRowViews(tenantId: string, listId: string, userId: string, views: readonly RowView[]): Promise<void>;
  /** Takes `hash` as both seen and latest for one column of one row's view, when there is one (one's own edit). */
  acknowledge(tenantId: string, listId: string, userId: string, entryId: string, column: string, hash: string): Promise<void>;
  /**
   * Marks rows seen by this user as last shown to them (seen := latest, at `at`): these entries, or every row of
   * the list when `entryIds` is undefined; with `viewedAt`, only rows whose latest is no newer. Returns how many.
   */
  markSeen(
    tenantId: string,
    listId: string,
    userId: string,
    entryIds: readonly string[] | undefined,
    at: string,
    viewedAt?: string,
  ): Promise<number>;
  /** Appends events that go with no change (views, exports, refusals), all in one insert. */
  appendAudit(events: readonly StoredAuditEvent[]): Promise<void>;
  /** The list's events in this tenant, newest first; older than the event `page.before`, of `page.types` only. */
  auditForList(tenantId: string, listId: string, limit: number, page?: AuditPage): Promise<StoredAuditEvent[]>;
  /** Readiness: rejects when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
