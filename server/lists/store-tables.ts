// The tables of migrations/{sqlite,postgres} as Kysely sees them, and their rows turned into wire types and back.
// SQLite hands back JSON as text and times as ISO strings; PostgreSQL hands back parsed JSONB and Date objects.
// Both are written the same way (JSON text, ISO text) and end up identical.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AuditEventType, ColumnId, Entry, List, ListContext, ListSummary, ManualPatient } from '../wire/contract.js';
import type { NewEntry, NewList, RowView, StoredAuditEvent } from './list-store.js';

/** JSON: TEXT in SQLite, JSONB in PostgreSQL. */
type Json = ColumnType<unknown, string, string>;
/** A time: ISO TEXT in SQLite, TIMESTAMPTZ in PostgreSQL. */
type Time = ColumnType<string | Date, string, string>;

export interface ListsTable {
  id: string;
  tenant_id: string;
  context_kind: string;
  context_id: string;
  team_id: string | null;
  chat_id: string | null;
  name: string;
  columns: Json;
  sort_column: string | null;
  sort_direction: string | null;
  stale_after_hours: number | null;
  version: Generated<number>;
  created_by: string;
  created_at: Time;
  updated_at: Time;
}

export interface EntriesTable {
  id: string;
  list_id: string;
  tenant_id: string;
  patient_id: string | null;
  manual: Json | null;
  display: string;
  mrn: string | null;
  dedupe_key: string | null;
  note_text: string | null;
  note_author: string | null;
  note_updated_at: Time | null;
  version: Generated<number>;
  added_by: string;
  added_at: Time;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  tenant_id: string;
  user_id: string;
  type: string;
  at: Time;
  list_id: string | null;
  patient_id: string | null;
  entry_id: string | null;
  context_kind: string | null;
  context_id: string | null;
  context_roster: string | null;
  detail: string | null;
}

export interface RowViewsTable {
  list_id: string;
  entry_id: string;
  tenant_id: string;
  user_id: string;
  seen: Json;
  seen_at: Time;
  latest: Json;
  latest_at: Time;
}

export interface Tables {
  lists: ListsTable;
  entries: EntriesTable;
  audit_events: AuditEventsTable;
  row_views: RowViewsTable;
}

export const LIST_COLUMNS = [
  'id', 'context_kind', 'context_id', 'team_id', 'chat_id', 'name', 'columns', 'sort_column', 'sort_direction',
  'stale_after_hours', 'version', 'created_by', 'created_at', 'updated_at',
] as const;
export const ENTRY_COLUMNS = [
  'id', 'patient_id', 'manual', 'display', 'mrn', 'note_text', 'note_author', 'note_updated_at', 'version', 'added_by', 'added_at',
] as const;
export const ROW_VIEW_COLUMNS = ['entry_id', 'seen', 'seen_at', 'latest', 'latest_at'] as const;

type ListRow = Pick<Selectable<ListsTable>, (typeof LIST_COLUMNS)[number]> & { size?: unknown };
type EntryRow = Pick<Selectable<EntriesTable>, (typeof ENTRY_COLUMNS)[number]>;
type RowViewRow = Pick<Selectable<RowViewsTable>, (typeof ROW_VIEW_COLUMNS)[number]>;

function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A list's context with the roster it keeps: a channel's team, a meeting's chat (absent on older lists). */
function contextOf(kind: string, id: string, teamId: string | null, chatId: string | null): ListContext {
  const context = { kind, id } as ListContext;
  if (context.kind === 'channel' && teamId) context.teamId = teamId;
  if (context.kind === 'meeting' && chatId) context.chatId = chatId;
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

export function toSummary(row: ListRow): ListSummary {
  const summary: ListSummary = {
    id: row.id,
    name: row.name,
    context: contextOf(row.context_kind, row.context_id, row.team_id, row.chat_id),
    columns: jsonOf<ColumnId[]>(row.columns),
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    size: Number(row.size ?? 0),
  };
  if (row.stale_after_hours !== null) summary.staleAfterHours = Number(row.stale_after_hours);
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

export function toAuditEvent(row: Selectable<AuditEventsTable>): StoredAuditEvent {
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
    event.context = contextOf(row.context_kind, row.context_id, row.context_roster, row.context_roster);
  }
  if (row.detail !== null) event.criteria = row.detail.split(',');
  return event;
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

/**
 * What makes two entries the same patient on one list: the EHR id, or for a manual entry its MRN
 * (trimmed, case-insensitive). A manual entry without an MRN is never a duplicate.
 */
export function dedupeKeyOf(entry: Pick<NewEntry, 'patientId' | 'manual'>): string | null {
  if (entry.patientId) return `id:${entry.patientId}`;
  const mrn = entry.manual?.mrn?.trim().toLowerCase();
  return mrn ? `mrn:${mrn}` : null;
}

/** A new list's row: updated at the moment it is created. */
export function listRow(tenantId: string, list: NewList): Insertable<ListsTable> {
  const { context } = list;
  return {
    id: list.id,
    tenant_id: tenantId,
    context_kind: context.kind,
    context_id: context.id,
    team_id: context.kind === 'channel' ? (context.teamId ?? null) : null,
    chat_id: context.kind === 'meeting' ? (context.chatId ?? null) : null,
    name: list.name,
    columns: JSON.stringify(list.columns),
    sort_column: list.sort?.column ?? null,
    sort_direction: list.sort?.direction ?? null,
    created_by: list.createdBy,
    created_at: list.createdAt,
    updated_at: list.createdAt,
  };
}

export function entryRow(tenantId: string, listId: string, e: NewEntry): Insertable<EntriesTable> {
  return {
    id: e.id,
    list_id: listId,
    tenant_id: tenantId,
    patient_id: e.patientId ?? null,
    manual: e.manual ? JSON.stringify(e.manual) : null,
    display: e.display,
    mrn: e.mrn ?? null,
    dedupe_key: dedupeKeyOf(e),
    note_text: e.note?.text ?? null,
    note_author: e.note?.author ?? null,
    note_updated_at: e.note?.updatedAt ?? null,
    added_by: e.addedBy,
    added_at: e.addedAt,
  };
}

export function auditRow(event: StoredAuditEvent): Insertable<AuditEventsTable> {
  return {
    id: event.id,
    tenant_id: event.tenantId,
    user_id: event.userId,
    type: event.type,
    at: event.at,
    list_id: event.listId ?? null,
    patient_id: event.patientId ?? null,
    entry_id: event.entryId ?? null,
    context_kind: event.context?.kind ?? null,
    context_id: event.context?.id ?? null,
    context_roster: event.context ? (rosterColumnOf(event.context)?.value ?? null) : null,
    detail: event.criteria?.join(',') ?? null,
  };
}
