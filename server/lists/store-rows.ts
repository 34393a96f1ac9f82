// Turns database rows (either dialect) into wire types, and back. SQLite hands back JSON as text and
// times as ISO strings; PostgreSQL hands back parsed JSONB and Date objects. Both end up identical.
import type { AuditEventType, ColumnId, Entry, List, ListContext, ListSummary, ManualPatient } from '../wire/contract.js';
import type { NewEntry, NewList, RowView, StoredAuditEvent } from './list-store.js';

export interface ListRow {
  id: string;
  context_kind: string;
  context_id: string;
  team_id: string | null;
  chat_id: string | null;
  name: string;
  columns: unknown;
  sort_column: string | null;
  sort_direction: string | null;
  stale_after_hours?: number | null;
  version: number;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
  size?: number | string;
}

export interface EntryRow {
  id: string;
  patient_id: string | null;
  manual: unknown;
  display: string;
  mrn: string | null;
  note_text: string | null;
  note_author: string | null;
  note_updated_at: unknown;
  version: number;
  added_by: string;
  added_at: unknown;
}

export interface AuditRow {
  id: string;
  type: string;
  tenant_id: string;
  user_id: string;
  at: unknown;
  list_id: string | null;
  patient_id: string | null;
  entry_id: string | null;
  context_kind: string | null;
  context_id: string | null;
  context_roster?: string | null;
  detail: string | null;
}

export function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A list's context with the roster it keeps: a channel's team, a meeting's chat (absent on older lists). */
export function contextOf(row: Pick<ListRow, 'context_kind' | 'context_id' | 'team_id' | 'chat_id'>): ListContext {
  const context = { kind: row.context_kind, id: row.context_id } as ListContext;
  if (context.kind === 'channel' && row.team_id) context.teamId = row.team_id;
  if (context.kind === 'meeting' && row.chat_id) context.chatId = row.chat_id;
  return context;
}

/**
 * The roster a context names, as its column and value. A context's lists are those kept under the roster it
 * was checked against: naming another team or chat never reaches them.
 */
export function rosterColumnOf(context: ListContext): { column: 'team_id' | 'chat_id'; value: string } | undefined {
  if (context.kind === 'channel' && context.teamId) return { column: 'team_id', value: context.teamId };
  if (context.kind === 'meeting' && context.chatId) return { column: 'chat_id', value: context.chatId };
  return undefined;
}

/** The condition that keeps a context's lists to the roster it names (none when it names none), with its value. */
export function rosterFilter(context: ListContext, placeholder: (n: number) => string): { sql: string; values: unknown[] } {
  const roster = rosterColumnOf(context);
  return roster ? { sql: ` AND ${roster.column} = ${placeholder(1)}`, values: [roster.value] } : { sql: '', values: [] };
}

/** The roster columns (team_id, chat_id) of a context. */
export function rosterValues(context: ListContext): [string | null, string | null] {
  return [
    context.kind === 'channel' ? (context.teamId ?? null) : null,
    context.kind === 'meeting' ? (context.chatId ?? null) : null,
  ];
}

export function toSummary(row: ListRow): ListSummary {
  const summary: ListSummary = {
    id: row.id,
    name: row.name,
    context: contextOf(row),
    columns: jsonOf<ColumnId[]>(row.columns),
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    size: Number(row.size ?? 0),
  };
  if (row.stale_after_hours !== null && row.stale_after_hours !== undefined) summary.staleAfterHours = Number(row.stale_after_hours);
  if (row.sort_column && row.sort_direction) {
    summary.sort = { column: row.sort_column as ColumnId, direction: row.sort_direction === 'desc' ? 'desc' : 'asc' };
  }
  return summary;
}

export function toList(row: ListRow, entries: readonly EntryRow[]): List {
  const { size: _size, ...rest } = toSummary(row);
  return { ...rest, entries: entries.map(toEntry) };
}

export function toEntry(row: EntryRow): Entry {
  const entry: Entry = {
    id: row.id,
    display: row.display,
    version: Number(row.version),
    addedBy: row.added_by,
    addedAt: isoOf(row.added_at),
  };
  if (row.patient_id !== null) entry.patientId = row.patient_id;
  if (row.manual !== null && row.manual !== undefined) entry.manual = jsonOf<ManualPatient>(row.manual);
  if (row.mrn !== null) entry.mrn = row.mrn;
  if (row.note_text !== null && row.note_author !== null && row.note_updated_at !== null) {
    entry.note = { text: row.note_text, author: row.note_author, updatedAt: isoOf(row.note_updated_at) };
  }
  return entry;
}

export function toAuditEvent(row: AuditRow): StoredAuditEvent {
  const event: StoredAuditEvent = {
    id: row.id,
    type: row.type as AuditEventType,
    tenantId: row.tenant_id,
    userId: row.user_id,
    at: isoOf(row.at),
  };
  if (row.list_id !== null) event.listId = row.list_id;
  if (row.patient_id !== null) event.patientId = row.patient_id;
  if (row.entry_id !== null) event.entryId = row.entry_id;
  if (row.context_kind !== null && row.context_id !== null) {
    event.context = contextOf({
      context_kind: row.context_kind,
      context_id: row.context_id,
      team_id: row.context_roster ?? null,
      chat_id: row.context_roster ?? null,
    });
  }
  if (row.detail !== null) event.criteria = row.detail.split(',');
  return event;
}

/**
 * What makes two entries the same patient on one list: the EHR id, or for a manual entry its MRN
 * (trimmed, case-insensitive). A manual entry without an MRN is never a duplicate.
 */
export function dedupeKeyOf(entry: Pick<NewEntry, 'patientId' | 'manual'>): string | null {
  if (entry.patientId) return `id:${entry.patientId}`;
  const mrn = entry.manual?.mrn?.trim().toLowerCase();
  return mrn ? `mrn:${mrn}` : null;
}

/** The insert parameters of an entry, in the column order both stores use. */
export function entryValues(tenantId: string, listId: string, e: NewEntry): unknown[] {
  return [
    e.id,
    listId,
    tenantId,
    e.patientId ?? null,
    e.manual ? JSON.stringify(e.manual) : null,
    e.display,
    e.mrn ?? null,
    dedupeKeyOf(e),
    e.note?.text ?? null,
    e.note?.author ?? null,
    e.note?.updatedAt ?? null,
    e.addedBy,
    e.addedAt,
  ];
}

/** The insert parameters of a new list (LIST_INSERT_COLUMNS): updated at the moment it is created. */
export function listValues(tenantId: string, list: NewList): unknown[] {
  return [
    list.id,
    tenantId,
    list.context.kind,
    list.context.id,
    ...rosterValues(list.context),
    list.name,
    JSON.stringify(list.columns),
    list.sort?.column ?? null,
    list.sort?.direction ?? null,
    list.createdBy,
    list.createdAt,
    list.createdAt,
  ];
}

/** The insert parameters of an audit event (AUDIT_INSERT_COLUMNS). */
export function auditValues(event: StoredAuditEvent): unknown[] {
  return [
    event.id,
    event.tenantId,
    event.userId,
    event.type,
    event.at,
    event.listId ?? null,
    event.patientId ?? null,
    event.entryId ?? null,
    event.context?.kind ?? null,
    event.context?.id ?? null,
    event.context ? (rosterColumnOf(event.context)?.value ?? null) : null,
    event.criteria?.join(',') ?? null,
  ];
}

export const LIST_INSERT_COLUMNS =
  'id, tenant_id, context_kind, context_id, team_id, chat_id, name, columns, sort_column, sort_direction, created_by, created_at, updated_at';

export const AUDIT_INSERT_COLUMNS =
  'id, tenant_id, user_id, type, at, list_id, patient_id, entry_id, context_kind, context_id, context_roster, detail';

export const ENTRY_INSERT_COLUMNS =
  'id, list_id, tenant_id, patient_id, manual, display, mrn, dedupe_key, note_text, note_author, note_updated_at, added_by, added_at';

export const ENTRY_SELECT_COLUMNS =
  'id, patient_id, manual, display, mrn, note_text, note_author, note_updated_at, version, added_by, added_at';

export const LIST_SELECT_COLUMNS =
  'id, context_kind, context_id, team_id, chat_id, name, columns, sort_column, sort_direction, stale_after_hours, version, created_by, created_at, updated_at';

/**
 * The conditions of an audit page, with placeholders from `placeholder(n)` (n counts from 1): events before an
 * event (by its sequence, within the same list) and of some types.
 */
export function auditPageFilter(
  page: { before?: string; types?: readonly string[] },
  placeholder: (n: number) => string,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const next = (value: unknown): string => {
    values.push(value);
    return placeholder(values.length);
  };
  let sql = '';
  if (page.before !== undefined) sql += ` AND seq < (SELECT seq FROM audit_events WHERE id = ${next(page.before)})`;
  if (page.types && page.types.length > 0) sql += ` AND type IN (${page.types.map((t) => next(t)).join(', ')})`;
  return { sql, values };
}

const columnCount = (columns: string): number => columns.split(',').length;

/** `?, ?, …` for one row of `columns` (SQLite). */
export function sqliteValues(columns: string): string {
  return `(${Array.from({ length: columnCount(columns) }, () => '?').join(', ')})`;
}

/** `($1, $2, …), ($n+1, …)` for `rows` rows of `columns` (PostgreSQL): no placeholder is counted by hand. */
export function postgresValues(columns: string, rows = 1): string {
  const n = columnCount(columns);
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: n }, (_, c) => `$${r * n + c + 1}`).join(', ')})`,
  ).join(', ');
}

export interface RowViewRow {
  entry_id: string;
  seen: unknown;
  seen_at: unknown;
  latest: unknown;
  latest_at: unknown;
}

export function toRowView(row: RowViewRow): RowView {
  return {
    entryId: row.entry_id,
    seen: jsonOf<Record<string, string>>(row.seen),
    seenAt: isoOf(row.seen_at),
    latest: jsonOf<Record<string, string>>(row.latest),
    latestAt: isoOf(row.latest_at),
  };
}
