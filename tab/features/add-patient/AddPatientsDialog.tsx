import { useRef, useState, type JSX } from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Entry, ManualPatient, PatientSummary, SearchTerms } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { errorText, inputErrorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { addManualEntry, addPatientEntry, morePatients, searchPatients, type PatientCriteria } from '../../shared/rounds-api';
import type { AddPatientsProps } from '../../shared/slots';
import { EmptyState } from '../../shared/components/EmptyState';
import { focusWhenReady, isFocusLost } from '../../shared/use-focus-return';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { ManualEntryForm } from './ManualEntryForm';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { searchedText } from './searched-text';

const SEARCH_COUNT = 20;

const useStyles = makeStyles({
  surface: { maxWidth: '56rem', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  errors: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type Search =
  | { status: 'idle' }
  | { status: 'searching' }
  | {
      status: 'done';
      patients: PatientSummary[];
      total?: number;
      next?: string;
      searched?: SearchTerms[];
      isLoadingMore?: boolean;
      moreError?: string;
    }
  | { status: 'error'; message: string };

/** Search the EHR (name, MRN, birth date, sex) and add one or several patients, or add one by hand. */
export function AddPatientsDialog(props: AddPatientsProps): JSX.Element {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [mode, setMode] = useState<'search' | 'manual'>('search');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [onList, setOnList] = useState<Set<string>>(() => new Set(props.patientIdsOnList));
  const [failures, setFailures] = useState<string[]>([]);
  const [isAdding, setIsAdding] = useState(false);

  const surfaceRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const runSearch = (criteria: PatientCriteria): void => {
    setSearch({ status: 'searching' });
    setSelected(new Set());
    searchPatients(api, { ...criteria, count: SEARCH_COUNT }).then(
      (result) => {
        setSearch({ status: 'done', patients: result.patients, total: result.total, next: result.next, searched: result.searched });
        // Pressing Search disables it while searching, which drops the focus to <body>: the results take it.
        if (isFocusLost()) {
          focusWhenReady(
            () => surfaceRef.current?.querySelector<HTMLElement>('input[type="checkbox"]:not(:disabled)') ?? summaryRef.current,
          );
        }
      },
      (error: unknown) => setSearch({ status: 'error', message: t('add.searchFailed', { reason: errorText(error, i18n) }) }),
    );
  };

  /** The next page of results, appended; the ones already shown and selected stay. */
  const showMore = (): void => {
    if (search.status !== 'done' || !search.next) return;
    const shown = search;
    setSearch({ ...shown, isLoadingMore: true, moreError: undefined });
    morePatients(api, shown.next as string).then(
      (result) => {
        const known = new Set(shown.patients.map((p) => p.id));
        const patients = [...shown.patients, ...result.patients.filter((p) => !known.has(p.id))];
        setSearch({ status: 'done', patients, total: result.total ?? shown.total, next: result.next, searched: shown.searched });
      },
      (error: unknown) =>
        setSearch({ ...shown, isLoadingMore: false, moreError: t('add.searchFailed', { reason: errorText(error, i18n) }) }),
    );
  };

  const addSelected = async (): Promise<void> => {
    if (search.status !== 'done') return;
    setIsAdding(true);
    const added: Entry[] = [];
    const failed: string[] = [];
    // One by one, so the list keeps the order of the results and a failure names its patient.
    for (const patient of search.patients.filter((p) => selected.has(p.id))) {
      try {
        added.push(await addPatientEntry(api, props.list.id, patient.id));
      } catch (error) {
        failed.push(t('add.addFailed', { name: patient.name, reason: errorText(error, i18n) }));
      }
    }
    setIsAdding(false);
    setFailures(failed);
    setOnList((current) => new Set([...current, ...added.flatMap((e) => (e.patientId ? [e.patientId] : []))]));
    setSelected(new Set());
    if (added.length > 0) props.onAdded(added);
    if (failed.length === 0) props.onClose();
  };

  const addManual = (manual: ManualPatient): void => {
    setIsAdding(true);
    addManualEntry(api, props.list.id, manual).then(
      (entry) => {
        setIsAdding(false);
        props.onAdded([entry]);
        props.onClose();
      },
      (error: unknown) => {
        setIsAdding(false);
        // A refusal (400) is about the fields: clinician words, never the value typed or the server's rule.
        setFailures([inputErrorText(error, i18n, 'add.manualRefused')]);
      },
    );
  };

  const toggle = (patientId: string, isSelected: boolean): void => {
    setSelected((current) => {
      const next = new Set(current);
      if (isSelected) next.add(patientId);
      else next.delete(patientId);
      return next;
    });
  };

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface className={styles.surface} ref={surfaceRef}>
        <DialogBody>
          <DialogTitle>{t('add.title', { name: props.list.name })}</DialogTitle>
          <DialogContent className={styles.content}>
            <TabList
              aria-label={t('add.modes')}
              selectedValue={mode}
              onTabSelect={(_e, data) => {
                setMode(data.value === 'manual' ? 'manual' : 'search');
                setFailures([]);
              }}
            >
              <Tab value="search">{t('add.tabSearch')}</Tab>
              <Tab value="manual">{t('add.tabManual')}</Tab>
            </TabList>
            {mode === 'search' ? (
              <>
                <SearchForm isBusy={search.status === 'searching'} onSearch={runSearch} />
                <div aria-live="polite" ref={summaryRef} tabIndex={-1}>
                  {search.status === 'searching' && <Spinner size="small" label={t('add.searching')} />}
                  {search.status === 'error' && <ErrorNotice message={search.message} />}
                  {search.status === 'done' && search.searched && (
                    <Caption1 as="p">{searchedText(search.searched, search.patients.length > 0, i18n)}</Caption1>
                  )}
                  {search.status === 'done' && search.patients.length === 0 && (
                    <EmptyState title={t('add.resultCount', { count: 0 })} body={t('add.noResults')} />
                  )}
                  {search.status === 'done' && search.patients.length > 0 && (
                    <Caption1 as="p">
                      {search.total !== undefined && search.total > search.patients.length
                        ? t('add.resultsMore', { shown: search.patients.length, total: search.total })
                        : t('add.resultCount', { count: search.patients.length })}
                    </Caption1>
                  )}
                </div>
                {search.status === 'done' && search.patients.length > 0 && (
                  <SearchResults patients={search.patients} selected={selected} onList={onList} onToggle={toggle} />
                )}
                {search.status === 'done' && search.moreError && <ErrorNotice message={search.moreError} onRetry={showMore} />}
                {search.status === 'done' && search.next && (
                  <Button appearance="secondary" disabled={search.isLoadingMore} onClick={showMore}>
                    {search.isLoadingMore ? t('add.loadingMore') : t('add.showMore')}
                  </Button>
                )}
              </>
            ) : (
              <ManualEntryForm isBusy={isAdding} onSubmit={addManual} />
            )}
            {failures.length > 0 && (
              <MessageBar intent="error" role="alert" layout="multiline">
                <MessageBarBody className={styles.errors}>
                  {failures.map((f) => (
                    <span key={f}>{f}</span>
                  ))}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              {t('app.close')}
            </Button>
            {mode === 'search' && (
              <Button
                appearance="primary"
                disabled={selected.size === 0 || isAdding}
                onClick={() => void addSelected()}
              >
                {selected.size === 0 ? t('list.addPatients') : t('add.addSelected', { count: selected.size })}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
