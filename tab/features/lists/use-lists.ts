// The lists of one Teams context (TanStack Query), and which one is shown.
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportReport, List, ListContext, ListSummary } from '../../../server/wire/contract';
import { isApiResponseError } from '../../shared/api-client';
import { useApi } from '../../shared/api-context';
import { queryKeys } from '../../shared/query-keys';
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
  const queryClient = useQueryClient();
  // The roster (a channel's team, a meeting's chat) goes with the context: the server checks membership by it.
  const teamId = givenContext.kind === 'channel' ? givenContext.teamId : undefined;
  const chatId = givenContext.kind === 'meeting' ? givenContext.chatId : undefined;
  const context = useMemo<ListContext>(
    () => ({ kind: givenContext.kind, id: givenContext.id, ...(teamId ? { teamId } : {}), ...(chatId ? { chatId } : {}) }),
    [givenContext.kind, givenContext.id, teamId, chatId],
  );
  const queryKey = useMemo(() => queryKeys.listsView(context, initialListId), [context, initialListId]);
  const query = useQuery({ queryKey, queryFn: () => loadLists(api, context, initialListId) });
  /** The list the user opened (kept across reloads while it still exists). */
  const [chosenId, setChosenId] = useState<string>();
  /** A list made here answers the warning that the configured one is missing. */
  const [hasMadeList, setHasMadeList] = useState(false);

  const loaded = query.data;
  const lists = loaded?.lists ?? [];
  const has = (listId: string | undefined): listId is string => lists.some((l) => l.id === listId);
  const selectedId = has(chosenId) ? chosenId : has(loaded?.selectedId) ? loaded.selectedId : lists[0]?.id;
  const shownContext = loaded?.context ?? context;

  const editLists = useCallback(
    (edit: (lists: ListSummary[]) => ListSummary[]) =>
      queryClient.setQueryData<Loaded>(queryKey, (l) => (l ? { ...l, lists: edit(l.lists) } : l)),
    [queryClient, queryKey],
  );
  /** A new list: on screen at once, opened, and the lists read again. */
  const added = useCallback(
    (list: List) => {
      queryClient.setQueryData(queryKeys.list(list.id), list);
      editLists((all) => [...all, summaryOf(list)]);
      setChosenId(list.id);
      setHasMadeList(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contextLists(shownContext) });
    },
    [queryClient, editLists, shownContext],
  );

  const { mutateAsync: create } = useMutation({
    mutationFn: (name: string) => createList(api, name, shownContext),
    onSuccess: added,
  });
  const { mutateAsync: importFrom } = useMutation({
    mutationFn: ({ file, name }: { file: ImportFile; name: string }) => importList(api, file, name, shownContext),
    onSuccess: (report) => added(report.list),
  });
  const { mutateAsync: remove } = useMutation({
    mutationFn: (listId: string) => deleteList(api, listId),
    onSuccess: (_done, listId) => {
      editLists((all) => all.filter((x) => x.id !== listId));
      queryClient.removeQueries({ queryKey: queryKeys.list(listId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contextLists(shownContext) });
    },
  });

  const updateSummary = useCallback(
    (list: List) => editLists((all) => all.map((x) => (x.id === list.id ? summaryOf(list) : x))),
    [editLists],
  );
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const importFromFile = useCallback((file: ImportFile, name: string) => importFrom({ file, name }), [importFrom]);

  return {
    // A failed reload keeps the lists on screen; only lists never read are an error.
    status: loaded ? 'ready' : query.isError ? 'error' : 'loading',
    error: query.error ?? undefined,
    context: shownContext,
    lists,
    selectedId,
    isInitialMissing: (loaded?.isInitialMissing ?? false) && !hasMadeList,
    select: setChosenId,
    reload,
    create,
    importFrom: importFromFile,
    remove,
    updateSummary,
  };
}
