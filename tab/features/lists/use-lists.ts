// The lists of one Teams context, and which one is shown.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ImportReport, List, ListContext, ListSummary } from '../../../server/wire/contract';
import { isApiResponseError } from '../../shared/api-client';
import { useApi } from '../../shared/api-context';
import { createList, deleteList, getList, getLists, importList, type ImportFile } from '../../shared/rounds-api';

export interface ListsState {
  status: 'loading' | 'ready' | 'error';
  error?: unknown;
  /** The context whose lists are shown: the tab's, or the one of a list opened by its id. */
  context: ListContext;
  lists: ListSummary[];
  selectedId?: string;
  /** The tab was configured with a list that no longer exists (or is not visible). */
  isInitialMissing: boolean;
  select: (listId: string) => void;
  reload: () => void;
  create: (name: string) => Promise<List>;
  /** A new list from a CSV or FHIR List file, selected once made. */
  importFrom: (file: ImportFile, name: string) => Promise<ImportReport>;
  remove: (listId: string) => Promise<void>;
  /** Keeps the switcher in step after a rename or a column change. */
  updateSummary: (list: List) => void;
}

export function summaryOf(list: List): ListSummary {
  const { entries, ...rest } = list;
  return { ...rest, size: entries.length };
}

interface Loaded {
  context: ListContext;
  lists: ListSummary[];
  selectedId?: string;
  isInitialMissing: boolean;
}

async function loadLists(
  api: ReturnType<typeof useApi>,
  context: ListContext,
  initialListId: string | undefined,
): Promise<Loaded> {
  const lists = await getLists(api, context);
  if (!initialListId || lists.some((l) => l.id === initialListId)) {
    return { context, lists, selectedId: initialListId ?? lists[0]?.id, isInitialMissing: false };
  }
  // A websiteUrl opened outside Teams names a channel's list: show it with its own context's lists.
  try {
    const list = await getList(api, initialListId);
    const ownLists = await getLists(api, list.context);
    return { context: list.context, lists: ownLists, selectedId: list.id, isInitialMissing: false };
  } catch (error) {
    if (isApiResponseError(error) && (error.status === 404 || error.status === 400)) {
      return { context, lists, selectedId: lists[0]?.id, isInitialMissing: true };
    }
    throw error;
  }
}

export function useLists(givenContext: ListContext, initialListId: string | undefined): ListsState {
  const api = useApi();
  // The roster (a channel's team, a meeting's chat) goes with the context: the server checks membership by it.
  const teamId = givenContext.kind === 'channel' ? givenContext.teamId : undefined;
  const chatId = givenContext.kind === 'meeting' ? givenContext.chatId : undefined;
  const context = useMemo<ListContext>(
    () => ({ kind: givenContext.kind, id: givenContext.id, ...(teamId ? { teamId } : {}), ...(chatId ? { chatId } : {}) }),
    [givenContext.kind, givenContext.id, teamId, chatId],
  );
  const [loaded, setLoaded] = useState<Loaded>({ context, lists: [], isInitialMissing: false });
  const [status, setStatus] = useState<ListsState['status']>('loading');
  const [error, setError] = useState<unknown>();
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setStatus('loading');
    loadLists(api, context, initialListId).then(
      (result) => {
        if (!isCurrent) return;
        setLoaded((previous) => ({
          ...result,
          // On a reload keep the user's choice when it still exists.
          selectedId: result.lists.some((l) => l.id === previous.selectedId) ? previous.selectedId : result.selectedId,
        }));
        setStatus('ready');
      },
      (failure: unknown) => {
        if (!isCurrent) return;
        setError(failure);
        setStatus('error');
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, context, initialListId, reloadKey]);

  const select = useCallback((listId: string) => setLoaded((l) => ({ ...l, selectedId: listId })), []);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  const create = useCallback(
    async (name: string): Promise<List> => {
      const list = await createList(api, name, loaded.context);
      setLoaded((l) => ({ ...l, lists: [...l.lists, summaryOf(list)], selectedId: list.id, isInitialMissing: false }));
      return list;
    },
    [api, loaded.context],
  );

  const importFrom = useCallback(
    async (file: ImportFile, name: string): Promise<ImportReport> => {
      const report = await importList(api, file, name, loaded.context);
      const { list } = report;
      setLoaded((l) => ({ ...l, lists: [...l.lists, summaryOf(list)], selectedId: list.id, isInitialMissing: false }));
      return report;
    },
    [api, loaded.context],
  );

  const remove = useCallback(
    async (listId: string): Promise<void> => {
      await deleteList(api, listId);
      setLoaded((l) => {
        const lists = l.lists.filter((x) => x.id !== listId);
        return { ...l, lists, selectedId: l.selectedId === listId ? lists[0]?.id : l.selectedId };
      });
    },
    [api],
  );

  const updateSummary = useCallback((list: List) => {
    setLoaded((l) => ({ ...l, lists: l.lists.map((x) => (x.id === list.id ? summaryOf(list) : x)) }));
  }, []);

  return { status, error, ...loaded, select, reload, create, importFrom, remove, updateSummary };
}
