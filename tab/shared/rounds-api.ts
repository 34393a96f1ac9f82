// Typed calls of the Rounds HTTP API (../../../shared/spec/api.md), over the one fetch wrapper.
import type {
  ColumnId,
  Entry,
  ImportReport,
  List,
  ListContext,
  ListSort,
  ListSummary,
  ManualPatient,
  Me,
  PatientDetail,
  PatientSearchResult,
  RowsResponse,
} from '../../server/wire/contract';
import type { ApiClient, Conditional } from './api-client';

export interface PatientCriteria {
  name?: string;
  mrn?: string;
  birthdate?: string;
  gender?: string;
  count?: number;
}

export interface ListChanges {
  name?: string;
  columns?: ColumnId[];
  /** `null` clears the sort: the list shows in the order patients were added. */
  sort?: ListSort | null;
}

const enc = encodeURIComponent;

export function getMe(api: ApiClient): Promise<Me> {
  return api.get<Me>('/api/me');
}

/** `contextKind`, `contextId` and the roster (a channel's team, a meeting's chat) the server checks. */
export function contextParams(context: ListContext): URLSearchParams {
  const query = new URLSearchParams({ contextKind: context.kind, contextId: context.id });
  if (context.kind === 'channel' && context.teamId) query.set('teamId', context.teamId);
  if (context.kind === 'meeting' && context.chatId) query.set('chatId', context.chatId);
  return query;
}

export async function getLists(api: ApiClient, context: ListContext): Promise<ListSummary[]> {
  const query = contextParams(context);
  return (await api.get<{ lists: ListSummary[] }>(`/api/lists?${query.toString()}`)).lists;
}

export function getList(api: ApiClient, listId: string, signal?: AbortSignal): Promise<List> {
  return api.get<List>(`/api/lists/${enc(listId)}`, signal);
}

export function createList(api: ApiClient, name: string, context: ListContext): Promise<List> {
  return api.post<List>('/api/lists', { name, context });
}

/** A list file to import: its text and the content type the server reads it as. */
export interface ImportFile {
  text: string;
  contentType: 'text/csv' | 'application/fhir+json';
}

/** A new list of this context made from a CSV or FHIR List file, with what could not be matched. */
export function importList(api: ApiClient, file: ImportFile, name: string, context: ListContext): Promise<ImportReport> {
  const query = contextParams(context);
  query.set('name', name);
  return api.postText<ImportReport>(`/api/lists/import?${query.toString()}`, file.text, file.contentType);
}

export function updateList(api: ApiClient, listId: string, version: number, changes: ListChanges): Promise<List> {
  return api.patch<List>(`/api/lists/${enc(listId)}`, { version, ...changes });
}

export function deleteList(api: ApiClient, listId: string): Promise<void> {
  return api.delete(`/api/lists/${enc(listId)}`);
}


/** The rows answer's header naming when they were fingerprinted (server/wire/contract.ts VIEWED_AT_HEADER). */
export const VIEWED_AT_HEADER = 'Rounds-Viewed-At';

/** The rows unless they are still those of `etag` (the server answers 304: an idle ward costs almost nothing). */
export function getRowsIfChanged(
  api: ApiClient,
  listId: string,
  etag: string | undefined,
  signal?: AbortSignal,
  isFresh = false,
): Promise<Conditional<RowsResponse>> {
  return api.getIfChanged<RowsResponse>(`/api/lists/${enc(listId)}/rows${isFresh ? '?fresh=1' : ''}`, etag, signal);
}

/**
 * Mark as seen: these rows, or every row of the list, as shown at `viewedAt` (the rows answer's Rounds-Viewed-At):
 * a row whose values moved on since stays marked.
 */
export function markRowsSeen(api: ApiClient, listId: string, entryIds?: string[], viewedAt?: string): Promise<void> {
  return api.post<void>(`/api/lists/${enc(listId)}/seen`, { ...(entryIds ? { entryIds } : {}), ...(viewedAt ? { viewedAt } : {}) });
}

export function addPatientEntry(api: ApiClient, listId: string, patientId: string): Promise<Entry> {
  return api.post<Entry>(`/api/lists/${enc(listId)}/entries`, { patientId });
}

export function addManualEntry(api: ApiClient, listId: string, manual: ManualPatient): Promise<Entry> {
  return api.post<Entry>(`/api/lists/${enc(listId)}/entries`, { manual });
}

export function removeEntry(api: ApiClient, listId: string, entryId: string): Promise<void> {
  return api.delete(`/api/lists/${enc(listId)}/entries/${enc(entryId)}`);
}

export function saveNote(api: ApiClient, listId: string, entryId: string, text: string, version: number): Promise<Entry> {
  return api.put<Entry>(`/api/lists/${enc(listId)}/entries/${enc(entryId)}/note`, { text, version });
}

export function searchPatients(api: ApiClient, criteria: PatientCriteria): Promise<PatientSearchResult> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(criteria)) {
    if (value !== undefined && String(value).trim() !== '') query.set(key, String(value).trim());
  }
  return api.get<PatientSearchResult>(`/api/patients?${query.toString()}`);
}

/** The next page of a search, by the cursor its previous page answered with as `next`. */
export function morePatients(api: ApiClient, cursor: string): Promise<PatientSearchResult> {
  return api.get<PatientSearchResult>(`/api/patients?cursor=${encodeURIComponent(cursor)}`);
}

/** `listId`: the list the detail is opened from; the server checks it like the list itself. */
export function getPatientDetail(api: ApiClient, patientId: string, listId: string, signal?: AbortSignal): Promise<PatientDetail> {
  return api.get<PatientDetail>(`/api/patients/${enc(patientId)}?listId=${enc(listId)}`, signal);
}

/** `language`: the CSV's headers and vital labels read as on the screen. */
export function exportListCsv(api: ApiClient, listId: string, language: 'en' | 'fr'): Promise<{ blob: Blob; fileName?: string }> {
  return api.download(`/api/lists/${enc(listId)}/export?format=csv&lang=${language}`);
}
