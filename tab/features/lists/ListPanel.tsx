import { Suspense, useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { PersonAddRegular, PeopleListRegular } from '@fluentui/react-icons';
import type { Entry, List, ListSort } from '../../../server/wire/contract';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { Navigator } from '../../shared/place';
import { nameOf, sortRows } from '../../shared/row-view';
import { isGone } from '../../shared/row-status';
import type { ListsSlots } from '../../shared/slots';
import { useNotify } from '../../shared/toast';
import { focusWhenReady, useFocusReturn } from '../../shared/use-focus-return';
import { useIsNarrow } from '../../shared/use-narrow';
import { useNow } from '../../shared/use-now';
import { staleAfterHoursOf } from '../../shared/value-age';
import type { CellClock } from './CellValue';
import { ColumnChooser, type ColumnChoice } from './ColumnChooser';
import { ListSkeleton } from './ListSkeleton';
import { ChangesBar, clockTime } from './ChangeMarks';
import { CompactPatientList } from './CompactPatientList';
import { ListToolbar } from './ListToolbar';
import { PatientCards } from './PatientCards';
import { PatientGrid } from './PatientGrid';
import type { RowHandlers } from './RowActions';
import type { ListData } from './use-list-data';
import { useDensity } from './use-density';
import { useEntryRemoval } from './use-entry-removal';
import { useHideGone } from './use-hide-gone';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Open =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'columns' }
  | { kind: 'note'; entryId: string; fromDetail: boolean };

/** One list: its toolbar, its patients (grid or cards), and the dialogs it opens. */
export function ListPanel(props: {
  data: ListData;
  slots: ListsSlots;
  onListChanged: (list: List) => void;
  /** The patient or rounding sheet open over the list: in the URL and the history, so Back closes them. */
  navigator: Navigator;
  /** The signed-in user, whose density (comfortable or compact) this browser remembers. */
  userId: string;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const isNarrow = useIsNarrow();
  const focus = useFocusReturn();
  const toolbarRef = useRef<HTMLDivElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  // The first patient just added, whose row takes the focus once the list has reloaded (#11 item 1).
  const addedRef = useRef<string>(undefined);
  const { data, slots, onListChanged, navigator } = props;
  const { list, rows, markSeen } = data;
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const place = navigator.place.listId === list?.id ? navigator.place : {};
  const detailId = place.entryId;
  const isSheet = place.view === 'sheet';
  const [pendingSort, setPendingSort] = useState<ListSort>();
  const sort = pendingSort ?? list?.sort;
  // Ages and "discharged" are counted to this time, renewed every minute.
  const now = useNow();
  // Sorted once per change of rows or sort, not on every render (dialogs opening, toasts, focus).
  const sortedRows = useMemo(
    () => sortRows(rows, sort?.column, sort?.direction ?? 'asc', i18n, now),
    [rows, sort?.column, sort?.direction, i18n, now],
  );
  // Discharged and deceased patients: counted on the toggle, so hiding them never hides them silently.
  const [isHidingGone, setHidingGone] = useHideGone(list?.id);
  const [density, setDensity] = useDensity(props.userId);
  const goneCount = useMemo(() => sortedRows.filter((row) => isGone(row, now)).length, [sortedRows, now]);
  const shownRows = useMemo(
    () => (isHidingGone ? sortedRows.filter((row) => !isGone(row, now)) : sortedRows),
    [isHidingGone, sortedRows, now],
  );
  const staleAfterHours = staleAfterHoursOf(list);
  const clock = useMemo<CellClock>(() => ({ now, staleAfterHours }), [now, staleAfterHours]);

  const show = useCallback(
    (next: Open) => {
      focus.remember();
      setOpen(next);
    },
    [focus],
  );
  const close = useCallback(() => {
    setOpen({ kind: 'none' });
    focus.restore(() => toolbarRef.current?.querySelector('button'));
  }, [focus]);
  // The drawer and the sheet close by going back: the close button, Escape, Back and Teams' back button alike.
  const { back, open: openPlace, replace: replacePlace } = navigator;
  const closePlace = useCallback(() => {
    back();
  }, [back]);

  // A row's name button (or, while it is not on screen, the toolbar's first button): never <body>.
  const rowButton = useCallback(
    (entryId: string) =>
      sectionRef.current?.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(entryId)}"]`) ??
      toolbarRef.current?.querySelector('button'),
    [],
  );
  const closeAdd = useCallback(() => {
    const added = addedRef.current;
    addedRef.current = undefined;
    if (!added) return close();
    setOpen({ kind: 'none' });
    // The opener may be the empty list's "Add patients", gone once the rows arrive: wait for the new row.
    focusWhenReady(() => sectionRef.current?.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(added)}"]`));
  }, [close]);

  // Once the drawer or the sheet is closed, however it was, the focus goes back to the row's name button (the
  // opener, or the row when opened by a link) or the sheet's button, whose toolbar the sheet had replaced.
  const shownRef = useRef({ detailId, isSheet });
  useEffect(() => {
    const was = shownRef.current;
    shownRef.current = { detailId, isSheet };
    const closedId = was.detailId !== detailId ? was.detailId : undefined;
    if (closedId) {
      // A note being written from the drawer goes with it (its draft stays, #11 item 7).
      setOpen((o) => (o.kind === 'note' && o.fromDetail ? { kind: 'none' } : o));
      // Once the drawer is gone: on its way out Fluent gives the focus back to what had it when it opened, which
      // is nothing when a link or a reload opened it.
      focusWhenReady(() => (document.querySelector('[role="dialog"]') ? undefined : rowButton(closedId)));
    } else if (was.isSheet && !isSheet) {
      focus.restore(() => printRef.current);
    }
  }, [detailId, isSheet, focus, rowButton]);

  // A link (or Forward) to a patient no longer on the list: say so, and the URL stops naming them.
  useEffect(() => {
    if (!list || !detailId || list.entries.some((e) => e.id === detailId)) return;
    replacePlace({ listId: list.id });
    notify(t('list.patientGone'), { intent: 'info' });
  }, [list, detailId, replacePlace, notify, t]);

  const listId = list?.id;
  const remove = useEntryRemoval({ list, rows, dropEntry: data.dropEntry });
  const handlers = useMemo<RowHandlers>(
    () => ({
      onOpen: (entryId) => {
        if (listId) openPlace({ listId, entryId });
        // Opening the patient is looking at what changed: the row's marks go (the server marks it too).
        void markSeen([entryId]).catch(() => undefined);
      },
      onEditNote: (entryId) => show({ kind: 'note', entryId, fromDetail: false }),
      onRemove: remove,
      onMarkSeen: (entryId) => void markSeen([entryId]).catch(() => notify(t('changes.markFailed'), { intent: 'error' })),
    }),
    [show, listId, openPlace, remove, markSeen, notify, t],
  );

  const save = useCallback(
    async (changes: ColumnChoice | { sort: ListSort }): Promise<void> => {
      const { list: saved, wasStale } = await data.applyChanges(changes);
      onListChanged(saved);
      if (wasStale) notify(t('lists.changedElsewhere'), { intent: 'info' });
    },
    [data, onListChanged, notify, t],
  );

  const changeSort = (sort: ListSort): void => {
    setPendingSort(sort);
    save({ sort }).then(
      () => setPendingSort(undefined),
      (error: unknown) => {
        setPendingSort(undefined);
        notify(t('lists.actionFailed', { reason: errorText(error, i18n) }), { intent: 'error' });
      },
    );
  };

  if (data.listStatus === 'error' && !list) {
    return <ErrorNotice message={t('lists.loadFailed', { reason: errorText(data.listError, i18n) })} onRetry={data.reload} />;
  }
  if (!list) return <ListSkeleton />;

  const entryOf = (entryId: string): Entry | undefined => list.entries.find((e) => e.id === entryId);
  const rowOf = (entryId: string) => rows.find((r) => r.entryId === entryId);

  if (isSheet) {
    return (
      <Suspense fallback={<ListSkeleton />}>
        <slots.RoundingSheet list={{ ...list, sort }} rows={shownRows} onClose={closePlace} />
      </Suspense>
    );
  }

  const isFirstLoad = data.rowsStatus === 'loading' && rows.length === 0 && list.entries.length > 0;
  const detailRow = detailId ? rowOf(detailId) : undefined;
  const noteRow = open.kind === 'note' ? rowOf(open.entryId) : undefined;
  const noteEntry = open.kind === 'note' ? entryOf(open.entryId) : undefined;

  return (
    <section className={styles.root} aria-label={list.name} ref={sectionRef}>
      <div ref={toolbarRef}>
        <ListToolbar
          count={list.entries.length}
          fetchedAt={data.fetchedAt}
          isRefreshing={data.rowsStatus === 'loading'}
          onAdd={() => show({ kind: 'add' })}
          onColumns={() => show({ kind: 'columns' })}
          onRefresh={data.refresh}
          onPrint={() => {
            focus.remember();
            openPlace({ listId: list.id, view: 'sheet' });
          }}
          printRef={printRef}
          goneCount={goneCount}
          isHidingGone={isHidingGone}
          onHideGoneChange={setHidingGone}
          density={density}
          onDensityChange={setDensity}
          isNarrow={isNarrow}
        />
      </div>
      {data.rowsStatus === 'error' &&
        (rows.length > 0 ? (
          <ErrorNotice
            message={t('list.refreshFailed', {
              reason: errorText(data.rowsError, i18n),
              time: data.fetchedAt ? clockTime(data.fetchedAt, i18n.locale) : '',
            })}
            onRetry={data.refreshRows}
          />
        ) : (
          <ErrorNotice message={t('list.rowsFailed', { reason: errorText(data.rowsError, i18n) })} onRetry={data.refreshRows} />
        ))}
      <ChangesBar
        rows={shownRows}
        // Only the rows on screen: a row hidden by the toggle keeps its marks until it is shown.
        onMarkAll={() => void data.markSeen(shownRows.map((r) => r.entryId)).catch(() => notify(t('changes.markFailed'), { intent: 'error' }))}
      />
      {list.entries.length === 0 ? (
        <EmptyState
          icon={<PeopleListRegular />}
          title={t('list.emptyTitle')}
          body={t('list.emptyBody')}
          action={
            <Button appearance="primary" icon={<PersonAddRegular />} onClick={() => show({ kind: 'add' })}>
              {t('list.addPatients')}
            </Button>
          }
        />
      ) : isFirstLoad ? (
        <ListSkeleton rows={Math.min(list.entries.length, 8)} />
      ) : isNarrow && density === 'compact' ? (
        <CompactPatientList rows={shownRows} columns={list.columns} handlers={handlers} clock={clock} />
      ) : isNarrow ? (
        <PatientCards rows={shownRows} columns={list.columns} handlers={handlers} clock={clock} />
      ) : (
        <PatientGrid
          listName={list.name}
          rows={shownRows}
          columns={list.columns}
          sort={sort}
          handlers={handlers}
          onSortChange={changeSort}
          clock={clock}
          density={density}
        />
      )}

      {open.kind === 'columns' && (
        <ColumnChooser columns={list.columns} sort={list.sort} onSave={save} onClose={close} />
      )}
      <Suspense fallback={null}>
        {open.kind === 'add' && (
          <slots.AddPatients
            list={list}
            patientIdsOnList={list.entries.flatMap((e) => (e.patientId ? [e.patientId] : []))}
            onAdded={(entries) => {
              if (entries.length > 0) notify(t('add.added', { count: entries.length }));
              addedRef.current ??= entries[0]?.id;
              data.reload();
            }}
            onClose={closeAdd}
          />
        )}
        {detailRow && (
          <slots.PatientDetail
            listId={list.id}
            row={detailRow}
            link={navigator.linkTo({ listId: list.id, entryId: detailRow.entryId })}
            onEditNote={() => setOpen({ kind: 'note', entryId: detailRow.entryId, fromDetail: true })}
            onClose={closePlace}
          />
        )}
        {open.kind === 'note' && noteEntry && (
          <slots.NoteEditor
            listId={list.id}
            entry={noteEntry}
            patientName={noteRow ? nameOf(noteRow) : noteEntry.display}
            onSaved={(entry) => {
              data.setEntry(entry);
              notify(t('note.saved'));
            }}
            onTheirs={data.setEntry}
            onClose={() => {
              const { entryId, fromDetail } = open;
              if (!fromDetail) {
                setOpen({ kind: 'none' });
                focus.restore(() => rowButton(entryId));
                return;
              }
              setOpen({ kind: 'none' });
              // Back into the drawer (its note button), so Escape still closes it after a save or cancel.
              focusWhenReady(() => document.querySelector<HTMLElement>('[data-note-edit]'));
            }}
          />
        )}
      </Suspense>
    </section>
  );
}
