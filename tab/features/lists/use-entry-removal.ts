// Removing a patient from the list at once, with an Undo that re-adds them (and their note).
import { useCallback } from 'react';
import type { Entry, List, Row } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { errorText } from '../../shared/error-text';
import { addManualEntry, addPatientEntry, removeEntry, saveNote } from '../../shared/rounds-api';
import { nameOf } from '../../shared/row-view';
import { useNotify } from '../../shared/toast';

async function restoreEntry(api: ReturnType<typeof useApi>, listId: string, entry: Entry): Promise<void> {
  const restored = entry.patientId
    ? await addPatientEntry(api, listId, entry.patientId)
    : await addManualEntry(api, listId, entry.manual ?? { name: entry.display });
  if (entry.note?.text) await saveNote(api, listId, restored.id, entry.note.text, restored.version);
}

export function useEntryRemoval(options: {
  list: List | undefined;
  rows: Row[];
  dropEntry: (entryId: string) => void;
  reload: () => void;
}): (entryId: string) => void {
  const api = useApi();
  const i18n = useI18n();
  const notify = useNotify();
  const { list, rows, dropEntry, reload } = options;

  return useCallback(
    (entryId: string) => {
      const entry = list?.entries.find((e) => e.id === entryId);
      const row = rows.find((r) => r.entryId === entryId);
      if (!list || !entry) return;
      const name = row ? nameOf(row) : entry.display;
      const listId = list.id;
      dropEntry(entryId);
      removeEntry(api, listId, entryId).then(
        () =>
          notify(i18n.t('row.removed', { name }), {
            intent: 'info',
            action: {
              label: i18n.t('row.undo'),
              onClick: () => {
                restoreEntry(api, listId, entry).then(
                  () => {
                    notify(i18n.t('row.restored', { name }));
                    reload();
                  },
                  (error: unknown) => {
                    notify(i18n.t('row.restoreFailed', { name, reason: errorText(error, i18n) }), { intent: 'error' });
                    reload();
                  },
                );
              },
            },
          }),
        (error: unknown) => {
          notify(i18n.t('row.removeFailed', { name, reason: errorText(error, i18n) }), { intent: 'error' });
          reload();
        },
      );
    },
    [api, i18n, notify, list, rows, dropEntry, reload],
  );
}
