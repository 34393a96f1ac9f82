// Removing a patient from the list at once, with an Undo that re-adds them (and their note).
import { useCallback } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Entry, List, Row } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { errorText } from '../../shared/error-text';
import { queryKeys } from '../../shared/query-keys';
import { addManualEntry, addPatientEntry, removeEntry, saveNote } from '../../shared/rounds-api';
import { nameOf } from '../../shared/row-view';
import { useNotify } from '../../shared/toast';

interface Removal {
  listId: string;
  entry: Entry;
  /** The patient's name, as the toasts say it. */
  name: string;
}

async function restoreEntry(api: ReturnType<typeof useApi>, { listId, entry }: Removal): Promise<void> {
  const restored = entry.patientId
    ? await addPatientEntry(api, listId, entry.patientId)
    : await addManualEntry(api, listId, entry.manual ?? { name: entry.display });
  if (entry.note?.text) await saveNote(api, listId, restored.id, entry.note.text, restored.version);
}

export function useEntryRemoval(options: {
  list: List | undefined;
  rows: Row[];
  /** Hides the row at once, before the server has answered. */
  dropEntry: (entryId: string) => void;
}): (entryId: string) => void {
  const api = useApi();
  const i18n = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { list, rows, dropEntry } = options;

  // Callbacks on the mutations themselves, not on each mutate(): those fire for the latest call only, and two
  // patients removed in a row each need their toast and Undo. The list (its entries' versions) is read again after
  // a removal; its rows too when the removal failed or was undone.
  const { mutate: restore } = useMutation({
    mutationFn: (removal: Removal) => restoreEntry(api, removal),
    onSuccess: (_done, { name }) => notify(i18n.t('row.restored', { name })),
    onError: (error, { name }) => notify(i18n.t('row.restoreFailed', { name, reason: errorText(error, i18n) }), { intent: 'error' }),
    onSettled: (_done, _error, { listId }) => queryClient.invalidateQueries({ queryKey: queryKeys.list(listId) }),
  });
  const { mutate: remove } = useMutation({
    mutationFn: ({ listId, entry }: Removal) => removeEntry(api, listId, entry.id),
    onSuccess: (_done, removal) => {
      notify(i18n.t('row.removed', { name: removal.name }), {
        intent: 'info',
        action: { label: i18n.t('row.undo'), onClick: () => restore(removal) },
      });
      return queryClient.invalidateQueries({ queryKey: queryKeys.list(removal.listId), exact: true });
    },
    onError: (error, { listId, name }) => {
      notify(i18n.t('row.removeFailed', { name, reason: errorText(error, i18n) }), { intent: 'error' });
      return queryClient.invalidateQueries({ queryKey: queryKeys.list(listId) });
    },
  });

  return useCallback(
    (entryId: string) => {
      const entry = list?.entries.find((e) => e.id === entryId);
      const row = rows.find((r) => r.entryId === entryId);
      if (!list || !entry) return;
      dropEntry(entryId);
      remove({ listId: list.id, entry, name: row ? nameOf(row) : entry.display });
    },
    [list, rows, dropEntry, remove],
  );
}
