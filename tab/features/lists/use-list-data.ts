// One list and its live rows, on TanStack Query: loading, auto-refresh with ETags, changes with version checks,
// removal and restore. The cache keeps the last good rows through a failed refresh.
import { useCallback, useRef, useState } from 'react';
import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Entry, List, Row, RowsResponse } from '../../../server/wire/contract';
import { isApiResponseError, type Conditional } from '../../shared/api-client';
import { useApi } from '../../shared/api-context';
import { mutationKeys, queryKeys } from '../../shared/query-keys';
import { VIEWED_AT_HEADER, getList, getRowsIfChanged, markRowsSeen, updateList, type ListChanges } from '../../shared/rounds-api';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface ListData {
  list?: List;
  listStatus: LoadStatus;
  listError?: unknown;
  rows: Row[];
  /** 'loading' before the first rows and while a reload asked for by the user runs; polls run unseen. */
  rowsStatus: LoadStatus;
  rowsError?: unknown;
  fetchedAt?: string;
  /** Reloads the list and its rows from the server. */
  reload: () => void;
  /** Reloads the list, and its rows fresh from the EHR (not answers shared in the last FHIR_CACHE_SECONDS). */
  refresh: () => void;
  refreshRows: () => void;
  /** PATCHes the list; on a 409 it re-applies the change to the newest version once. */
  applyChanges(changes: ListChanges): Promise<{ list: List; wasStale: boolean }>;
  /** Puts a saved entry (e.g. a new note) into the list and its row. */
  setEntry: (entry: Entry) => void;
  /** Hides a row at once (removal); `reload` brings the truth back. */
  dropEntry: (entryId: string) => void;
  /** Mark as seen: these rows, or every row; their change marks go at once. */
  markSeen: (entryIds?: string[]) => Promise<void>;
}

/** The rows on screen, with what the server said of them. */
interface ShownRows {
  rows: Row[];
  fetchedAt: string;
  /** The ETag of exactly these rows: an auto-refresh asks only whether they changed. Gone once edited here. */
  etag?: string;
  /** Their Rounds-Viewed-At, sent back with "Mark as seen". */
  viewedAt?: string;
}

/** Rows refresh by themselves every minute while the tab is visible, jittered so a ward's tabs do not beat together. */
export const AUTO_REFRESH_MS = 60_000;
const JITTER = 0.1;
/** This tab's own pace, within ±10 % of the configured one: tabs opened together drift apart. */
const TAB_PACE = 1 - JITTER + Math.random() * 2 * JITTER;

/** What the list itself knows about an entry, for when live rows can't be read. */
export function rowFromEntry(entry: Entry): Row {
  return {
    entryId: entry.id,
    manual: entry.manual,
    display: entry.display,
    mrn: entry.mrn,
    note: entry.note,
    conditions: [],
    vitals: [],
    labs: [],
    allergies: [],
    medications: [],
    coverage: [],
    issues: [],
    changes: [],
  };
}

/** Whether "Mark as seen" was sent for this list since `since`: an answer asked for before it still has the marks. */
function isMarkedSince(queryClient: QueryClient, listId: string, since: number): boolean {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: mutationKeys.markSeen(listId) })
    .some((mutation) => mutation.state.submittedAt >= since);
}

/** The rows to show after an answer: new ones, or those on screen confirmed current (304) or kept (marked since). */
function rowsAfter(answer: Conditional<RowsResponse>, shown: ShownRows | undefined, isStaleAnswer: boolean): ShownRows {
  const viewedAt = answer.headers.get(VIEWED_AT_HEADER) ?? undefined;
  if (!answer.unchanged && (!isStaleAnswer || !shown)) {
    return { rows: answer.body.rows, fetchedAt: answer.body.fetchedAt, etag: answer.etag, viewedAt };
  }
  if (!shown) throw new Error('The server answered 304 to rows this tab does not hold');
  return answer.unchanged ? { ...shown, viewedAt } : shown;
}

/** Edits the cached rows of a list; they then differ from their ETag, so the next ask gets them whole. */
function editRows(queryClient: QueryClient, listId: string, edit: (rows: Row[]) => Row[]): void {
  queryClient.setQueryData<ShownRows>(queryKeys.rows(listId), (shown) =>
    shown ? { ...shown, rows: edit(shown.rows), etag: undefined } : shown,
  );
}

function editEntries(queryClient: QueryClient, listId: string, edit: (entries: Entry[]) => Entry[]): void {
  queryClient.setQueryData<List>(queryKeys.list(listId), (list) => (list ? { ...list, entries: edit(list.entries) } : list));
}

export function useListData(listId: string | undefined, autoRefreshMs: number = AUTO_REFRESH_MS): ListData {
  const api = useApi();
  const queryClient = useQueryClient();
  /** Set by a reload the user asked for: the next rows load asks for them whole (and, for Refresh, from the EHR again). */
  const userAskRef = useRef<'reload' | 'fresh'>(undefined);
  /** A reload the user asked for is running (the Refresh button waits; polls do not make it wait). */
  const [isReloading, setReloading] = useState(false);

  const listQuery = useQuery({
    queryKey: queryKeys.list(listId ?? ''),
    queryFn: listId ? ({ signal }) => getList(api, listId, signal) : skipToken,
  });

  const pace = autoRefreshMs * TAB_PACE;
  const rowsQuery = useQuery({
    queryKey: queryKeys.rows(listId ?? ''),
    queryFn: listId
      ? async ({ signal }): Promise<ShownRows> => {
          const ask = userAskRef.current;
          userAskRef.current = undefined;
          const askedAt = Date.now();
          // Only the auto-refresh asks whether the rows changed; a reload gets them whole, with a new fetch time.
          const etag = ask ? undefined : queryClient.getQueryData<ShownRows>(queryKeys.rows(listId))?.etag;
          const answer = await getRowsIfChanged(api, listId, etag, signal, ask === 'fresh');
          const shown = queryClient.getQueryData<ShownRows>(queryKeys.rows(listId));
          return rowsAfter(answer, shown, isMarkedSince(queryClient, listId, askedAt));
        }
      : skipToken,
    // Live without a reload: while the tab is visible, ask at this pace whether the rows changed (304 when not);
    // hidden, it waits, and asks at once on coming back if the rows are older than that.
    refetchInterval: pace,
    staleTime: pace,
  });

  const reloadWith = useCallback(
    (queryKey: readonly unknown[], options: { isFresh?: boolean; exact?: boolean } = {}) => {
      userAskRef.current = options.isFresh === true ? 'fresh' : 'reload';
      setReloading(true);
      void queryClient.invalidateQueries({ queryKey, exact: options.exact }).finally(() => setReloading(false));
    },
    [queryClient],
  );
  // The list's key is a prefix of its rows' key: invalidating the list reloads both.
  const reload = useCallback(() => reloadWith(queryKeys.list(listId ?? '')), [listId, reloadWith]);
  const refresh = useCallback(() => reloadWith(queryKeys.list(listId ?? ''), { isFresh: true }), [listId, reloadWith]);
  const refreshRows = useCallback(() => reloadWith(queryKeys.rows(listId ?? ''), { exact: true }), [listId, reloadWith]);

  const { mutateAsync: applyChanges } = useMutation({
    mutationFn: async (changes: ListChanges): Promise<{ list: List; wasStale: boolean }> => {
      const current = listId ? queryClient.getQueryData<List>(queryKeys.list(listId)) : undefined;
      if (!current) throw new Error('The list is not loaded yet');
      try {
        return { list: await updateList(api, current.id, current.version, changes), wasStale: false };
      } catch (error) {
        if (!isApiResponseError(error) || !error.isConflict) throw error;
        // Someone saved first: take the newest version and apply this change on top of it.
        const newest = await getList(api, current.id);
        return { list: await updateList(api, newest.id, newest.version, changes), wasStale: true };
      }
    },
    onSuccess: ({ list }, changes) => {
      queryClient.setQueryData(queryKeys.list(list.id), list);
      // The server reads only the list's columns: an added column's values come with the rows read again.
      if (changes.columns) void queryClient.invalidateQueries({ queryKey: queryKeys.rows(list.id), exact: true });
    },
  });

  const setEntry = useCallback(
    (entry: Entry) => {
      if (!listId) return;
      editEntries(queryClient, listId, (entries) => entries.map((e) => (e.id === entry.id ? entry : e)));
      editRows(queryClient, listId, (rows) => rows.map((r) => (r.entryId === entry.id ? { ...r, note: entry.note } : r)));
    },
    [queryClient, listId],
  );

  const dropEntry = useCallback(
    (entryId: string) => {
      if (!listId) return;
      editEntries(queryClient, listId, (entries) => entries.filter((e) => e.id !== entryId));
      editRows(queryClient, listId, (rows) => rows.filter((r) => r.entryId !== entryId));
    },
    [queryClient, listId],
  );

  const { mutateAsync: markSeenOf } = useMutation({
    mutationKey: mutationKeys.markSeen(listId ?? ''),
    mutationFn: async (entryIds: string[] | undefined): Promise<void> => {
      if (!listId) return;
      const viewedAt = queryClient.getQueryData<ShownRows>(queryKeys.rows(listId))?.viewedAt;
      await markRowsSeen(api, listId, entryIds, viewedAt);
    },
    onSuccess: (_done, entryIds) => {
      if (!listId) return;
      const marked = entryIds ? new Set(entryIds) : undefined;
      editRows(queryClient, listId, (rows) => rows.map((r) => (!marked || marked.has(r.entryId) ? { ...r, changes: [] } : r)));
    },
  });
  const markSeen = useCallback((entryIds?: string[]) => markSeenOf(entryIds), [markSeenOf]);

  const list = listQuery.data;
  const rows = rowsQuery.data?.rows ?? [];
  const rowsStatus: LoadStatus =
    rowsQuery.isError && !isReloading ? 'error' : rowsQuery.isPending || isReloading ? 'loading' : 'ready';
  // A failed refresh keeps the last good rows on screen (the error says they are not current); rows never read
  // still show from the list's own snapshots.
  const shownRows = rowsStatus === 'error' && rows.length === 0 && list ? list.entries.map(rowFromEntry) : rows;

  return {
    list,
    listStatus: listQuery.isError ? 'error' : listQuery.isPending ? 'loading' : 'ready',
    listError: listQuery.error ?? undefined,
    rows: shownRows,
    rowsStatus,
    rowsError: rowsQuery.error ?? undefined,
    fetchedAt: rowsQuery.data?.fetchedAt,
    reload,
    refresh,
    refreshRows,
    applyChanges,
    setEntry,
    dropEntry,
    markSeen,
  };
}
