import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, PeopleListRegular } from '@fluentui/react-icons';
import type { ImportReport, ListContext } from '../../../server/wire/contract';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { isApiResponseError } from '../../shared/api-client';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { Navigator, Place } from '../../shared/place';
import type { ListsSlots } from '../../shared/slots';
import { useNotify } from '../../shared/toast';
import { useMemoryNavigator } from '../../shared/use-memory-navigator';
import { DeleteListDialog } from './DeleteListDialog';
import { ImportListDialog } from './ImportListDialog';
import { ImportReportNotice } from './ImportReportNotice';
import { ListHeader } from './ListHeader';
import { focusMainHeading } from '../../shared/use-focus-return';
import { ListNameDialog } from './ListNameDialog';
import { ListPanel } from './ListPanel';
import { ListSkeleton } from './ListSkeleton';
import { useListData } from './use-list-data';
import { useLists, type ListsState } from './use-lists';

/**
 * The list on screen: the place's (history, URL, link) when it is one of the context's lists. A list named at
 * start that cannot be opened leaves none chosen, never another in its stead; otherwise the lists' own choice.
 */
function selectedIdOf(place: Place, lists: ListsState, initialListId: string | undefined): string | undefined {
  if (place.listId && lists.lists.some((l) => l.id === place.listId)) return place.listId;
  if (lists.isInitialMissing && place.listId === initialListId) return undefined;
  return lists.selectedId;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

type ListDialog = 'create' | 'rename' | 'delete' | 'import' | undefined;

/** The lists of one Teams context: switch, create, rename, delete, and the chosen list's patients. */
export function ListsView(props: {
  context: ListContext;
  initialListId?: string;
  /** The initial list came from a link (not the tab's configuration): if it cannot be opened, say so, show no other. */
  isInitialFromLink?: boolean;
  /** The list, patient or sheet on screen, in the browser's history (a history-less one when not given). */
  navigator?: Navigator;
  slots: ListsSlots;
  /** How often the open list's rows refresh by themselves while visible (AUTO_REFRESH_MS by default). */
  autoRefreshMs?: number;
  /** The signed-in user (their view preferences are remembered per user). */
  userId?: string;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const lists = useLists(props.context, props.initialListId);
  const memoryNavigator = useMemoryNavigator(props.initialListId ? { listId: props.initialListId } : {});
  const navigator = props.navigator ?? memoryNavigator;
  const selectedId = selectedIdOf(navigator.place, lists, props.initialListId);
  const data = useListData(selectedId, props.autoRefreshMs);
  const [dialog, setDialog] = useState<ListDialog>();
  const [importReport, setImportReport] = useState<ImportReport>();
  const moreRef = useRef<HTMLButtonElement>(null);
  const selected = lists.lists.find((l) => l.id === selectedId);
  const { updateSummary } = lists;
  const { place, replace } = navigator;

  // Once the lists are in, the URL names the list on screen (the tab may have opened on none), so a reload
  // and Back return to it.
  useEffect(() => {
    if (!place.listId && selectedId) replace({ ...place, listId: selectedId });
  }, [place, replace, selectedId]);

  const rename = useCallback(
    async (name: string): Promise<void> => {
      const { list, wasStale } = await data.applyChanges({ name });
      updateSummary(list);
      if (wasStale) notify(t('lists.changedElsewhere'), { intent: 'info' });
    },
    [data, updateSummary, notify, t],
  );

  const header = (
    <ListHeader
      lists={lists.lists}
      selected={selected}
      onSelect={(listId) => navigator.open({ listId })}
      onCreate={() => setDialog('create')}
      onRename={() => setDialog('rename')}
      onDelete={() => setDialog('delete')}
      onImport={() => setDialog('import')}
      moreRef={moreRef}
    />
  );

  // A list named by a link or the tab's configuration that this user cannot open (deleted, or not their team's).
  const isMissing = lists.isInitialMissing && !selected;
  let body: JSX.Element | null;
  if (lists.status === 'error') {
    // A context's lists answer 404 only to someone outside its roster (the server says no more, on purpose).
    const isRefused = isApiResponseError(lists.error) && lists.error.status === 404;
    body = (
      <ErrorNotice
        message={
          isRefused
            ? t('lists.notMember', { context: t(`context.${lists.context.kind}`) })
            : t('lists.loadFailed', { reason: errorText(lists.error, i18n) })
        }
        onRetry={lists.reload}
      />
    );
  } else if (lists.status === 'loading' && lists.lists.length === 0) {
    body = <ListSkeleton />;
  } else if (isMissing) {
    // Nothing else in its stead: another list's patients under a link to this one would be a wrong-patient risk.
    body = null;
  } else if (!selected) {
    body = (
      <EmptyState
        icon={<PeopleListRegular />}
        title={t('lists.emptyTitle')}
        body={t('lists.emptyBody')}
        action={
          <Button appearance="primary" icon={<AddRegular />} onClick={() => setDialog('create')}>
            {t('lists.new')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <ListPanel
        key={selected.id}
        data={data}
        slots={props.slots}
        onListChanged={updateSummary}
        userId={props.userId ?? ''}
        navigator={navigator}
      />
    );
  }

  return (
    <main className={styles.root}>
      {header}
      {isMissing &&
        (props.isInitialFromLink ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('lists.cannotOpenTitle')}</MessageBarTitle>
              {t(lists.lists.length > 0 ? 'lists.cannotOpenPick' : 'lists.cannotOpen')}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="warning">
            <MessageBarBody>{t('lists.notFound')}</MessageBarBody>
          </MessageBar>
        ))}
      {/* The report of the list on screen only: it says nothing about another one. */}
      {importReport && importReport.list.id === selected?.id && (
        <ImportReportNotice
          report={importReport}
          onDismiss={() => {
            setImportReport(undefined);
            moreRef.current?.focus();
          }}
        />
      )}
      {body}
      {dialog === 'import' && (
        <ImportListDialog
          onImport={lists.importFrom}
          onImported={(report) => {
            setImportReport(report);
            navigator.open({ listId: report.list.id });
            setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'create' && (
        <ListNameDialog
          mode="create"
          onSubmit={async (name) => {
            const list = await lists.create(name);
            navigator.open({ listId: list.id });
            focusMainHeading(name);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'rename' && selected && (
        <ListNameDialog mode="rename" initialName={selected.name} onSubmit={rename} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'delete' && selected && (
        <DeleteListDialog
          name={selected.name}
          contextKind={lists.context.kind}
          onConfirm={async () => {
            await lists.remove(selected.id);
            // Deleting is no step to go back to: the entry now names the list shown instead.
            navigator.replace({ listId: lists.lists.find((l) => l.id !== selected.id)?.id });
            notify(t('lists.deleted', { name: selected.name }), { intent: 'info' });
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </main>
  );
}
