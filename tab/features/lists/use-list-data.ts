// One list and its live rows: loading, refresh, changes with version checks, removal and restore.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Entry, List, Row, RowsResponse } from '../../../server/wire/contract';
import { isApiResponseError, type Conditional } from '../../shared/api-client';
import { useApi } from '../../shared/api-context';
import { VIEWED_AT_HEADER, getList, getRowsIfChanged, markRowsSeen, updateList, type ListChanges } from '../../shared/rounds-api';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface ListData {
  list?: List;
  listStatus: LoadStatus;
  listError?: unknown;
  rows: Row[];
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
  /** When the rows on screen were last confirmed current (a load, or an auto-refresh answered 304). */
  checkedAt?: Date;
}

/** Rows refresh by themselves every minute while the tab is visible, jittered so a ward's tabs do not beat together. */
export const AUTO_REFRESH_MS = 60_000;
const JITTER = 0.1;
const jittered = (ms: number): number => ms * (1 - JITTER + Math.random() * 2 * JITTER);

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

export function useListData(listId: string | undefined, autoRefreshMs: number = AUTO_REFRESH_MS): ListData {
  const api = useApi();
  const [list, setList] = useState<List>();
  const [listStatus, setListStatus] = useState<LoadStatus>('loading');
  const [listError, setListError] = useState<unknown>();
  const [rows, setRows] = useState<Row[]>([]);
  const [rowsStatus, setRowsStatus] = useState<LoadStatus>('loading');
  const [rowsError, setRowsError] = useState<unknown>();
  const [fetchedAt, setFetchedAt] = useState<string>();
  const [listKey, setListKey] = useState(0);
  const [rowsKey, setRowsKey] = useState(0);
  const listRef = useRef<List | undefined>(undefined);
  listRef.current = list;
  /** Set by refresh(): the next rows load asks the EHR again. */
  const isFreshRef = useRef(false);
  /** The ETag of the rows on screen and the list they are of: an auto-refresh asks only whether they changed. */
  const shownRef = useRef<{ listId: string; etag?: string; viewedAt?: string } | undefined>(undefined);
  const [checkedAt, setCheckedAt] = useState<Date>();

  useEffect(() => {
    if (!listId) return;
    const controller = new AbortController();
    setListStatus('loading');
    setList((current) => (current?.id === listId ? current : undefined));
    getList(api, listId, controller.signal).then(
      (loaded) => {
        setList(loaded);
        setListStatus('ready');
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setListError(error);
        setListStatus('error');
      },
    );
    return () => controller.abort();
  }, [api, listId, listKey]);

  /** Counts "Mark as seen" clicks: an answer asked for before the last one still carries the marks it cleared. */
  const seenEpochRef = useRef(0);
  /** Rows answered (or confirmed current by a 304) for this list, unless marked seen since they were asked for. */
  const showRows = useCallback((shownListId: string, answer: Conditional<RowsResponse>, askedAtEpoch: number): void => {
    const viewedAt = answer.headers.get(VIEWED_AT_HEADER) ?? undefined;
    if (!answer.unchanged && askedAtEpoch === seenEpochRef.current) {
      setRows(answer.body.rows);
      setFetchedAt(answer.body.fetchedAt);
      shownRef.current = { listId: shownListId, etag: answer.etag, viewedAt };
    } else if (answer.unchanged && shownRef.current?.listId === shownListId) {
      // The rows on screen are still the current ones, as of this later answer.
      shownRef.current = { ...shownRef.current, viewedAt };
    }
    setCheckedAt(new Date());
    setRowsError(undefined);
    setRowsStatus('ready');
  }, []);
  /** A load or refresh that failed: the rows on screen stay, and say so. */
  const showFailure = useCallback((error: unknown): void => {
    setRowsError(error);
    setRowsStatus('error');
  }, []);

  useEffect(() => {
    if (!listId) return;
    const controller = new AbortController();
    setRowsStatus('loading');
    setRows((current) => (current.length > 0 && listRef.current?.id === listId ? current : []));
    const isFresh = isFreshRef.current;
    isFreshRef.current = false;
    const epoch = seenEpochRef.current;
    const load = getRowsIfChanged(api, listId, undefined, controller.signal, isFresh);
    load.then(
      (answer) => showRows(listId, answer, epoch),
      (error: unknown) => {
        if (!controller.signal.aborted) showFailure(error);
      },
    );
    return () => controller.abort();
  }, [api, listId, listKey, rowsKey, showRows, showFailure]);

  // Live without a reload: while the tab is visible, ask every minute whether the rows changed (304 when not);
  // hidden, it waits, and asks at once on coming back if a refresh is due. A failed refresh keeps the rows shown.
  useEffect(() => {
    if (!listId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let dueAt = Date.now() + jittered(autoRefreshMs);
    const poll = async (): Promise<void> => {
      dueAt = Date.now() + jittered(autoRefreshMs);
      const shown = shownRef.current;
      const epoch = seenEpochRef.current;
      try {
        showRows(listId, await getRowsIfChanged(api, listId, shown?.listId === listId ? shown.etag : undefined, controller.signal), epoch);
      } catch (error) {
        if (!controller.signal.aborted) showFailure(error);
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      if (document.hidden) return;
      timer = setTimeout(() => void poll().then(schedule), Math.max(0, dueAt - Date.now()));
    };
    document.addEventListener('visibilitychange', schedule);
    schedule();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', schedule);
    };
  }, [api, listId, autoRefreshMs, showRows, showFailure]);

  const reload = useCallback(() => setListKey((k) => k + 1), []);
  const refresh = useCallback(() => {
    isFreshRef.current = true;
    setListKey((k) => k + 1);
  }, []);
  const refreshRows = useCallback(() => setRowsKey((k) => k + 1), []);

  const applyChanges = useCallback(
    async (changes: ListChanges): Promise<{ list: List; wasStale: boolean }> => {
      const current = listRef.current;
      if (!current) throw new Error('The list is not loaded yet');
      try {
        const updated = await updateList(api, current.id, current.version, changes);
        setList(updated);
        return { list: updated, wasStale: false };
      } catch (error) {
        if (!isApiResponseError(error) || !error.isConflict) throw error;
        // Someone saved first: take the newest version and apply this change on top of it.
        const newest = await getList(api, current.id);
        const updated = await updateList(api, newest.id, newest.version, changes);
        setList(updated);
        return { list: updated, wasStale: true };
      }
    },
    [api],
  );

  const setEntry = useCallback((entry: Entry) => {
    setList((l) => (l ? { ...l, entries: l.entries.map((e) => (e.id === entry.id ? entry : e)) } : l));
    setRows((all) => all.map((r) => (r.entryId === entry.id ? { ...r, note: entry.note } : r)));
  }, []);

  const dropEntry = useCallback((entryId: string) => {
    setList((l) => (l ? { ...l, entries: l.entries.filter((e) => e.id !== entryId) } : l));
    setRows((all) => all.filter((r) => r.entryId !== entryId));
  }, []);

  const markSeen = useCallback(
    async (entryIds?: string[]): Promise<void> => {
      if (!listId) return;
      seenEpochRef.current += 1;
      const shown = shownRef.current;
      await markRowsSeen(api, listId, entryIds, shown?.listId === listId ? shown.viewedAt : undefined);
      const marked = entryIds ? new Set(entryIds) : undefined;
      setRows((all) => all.map((r) => (!marked || marked.has(r.entryId) ? { ...r, changes: [] } : r)));
    },
    [api, listId],
  );

  // A failed refresh keeps the last good rows on screen (the error says they are not current); rows never read
  // still show from the list's own snapshots.
  const shownRows = rowsStatus === 'error' && rows.length === 0 && list ? list.entries.map(rowFromEntry) : rows;

  return {
    list,
    listStatus,
    listError,
    rows: shownRows,
    rowsStatus,
    rowsError,
    fetchedAt,
    reload,
    refresh,
    refreshRows,
    applyChanges,
    setEntry,
    dropEntry,
    markSeen,
    checkedAt,
  };
}
