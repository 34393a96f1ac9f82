import { useState, type JSX } from 'react';
import type { ColumnId, Row } from '../../../server/wire/contract';
import {
  Button,
  Caption1,
  Title3,
  makeStyles,
  shorthands,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowLeftRegular, PrintRegular } from '@fluentui/react-icons';
import { useApi } from '../../shared/api-context';
import { DeceasedMark } from '../../shared/components/DeceasedMark';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n, type I18n } from '../../shared/i18n/I18nProvider';
import { exportListCsv } from '../../shared/rounds-api';
import { COLUMN_LABEL, SEPARATOR, birthDateOf, cellText, mrnOf } from '../../shared/row-view';
import type { RoundingSheetProps } from '../../shared/slots';
import { useSharedStyles } from '../../shared/styles';
import { useInitialFocus } from '../../shared/use-initial-focus';
import { saveBlob } from './download';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    '@media print': { gap: tokens.spacingVerticalS },
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    '@media print': { display: 'none' },
  },
  heading: { margin: 0 },
  scroller: { overflowX: 'auto', '@media print': { overflowX: 'visible' } },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '@media print': { fontSize: '8pt', color: 'black' },
  },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: 'start',
    verticalAlign: 'top',
    '@media print': { ...shorthands.borderColor('black') },
  },
  head: { backgroundColor: tokens.colorNeutralBackground3, '@media print': { backgroundColor: 'transparent' } },
  // Room for handwriting: the widest column, and a row tall enough to write two lines.
  notes: { minWidth: '14rem', width: '30%', height: '3rem' },
  row: { breakInside: 'avoid' },
  identifier: { display: 'block', fontWeight: tokens.fontWeightRegular },
});

/**
 * The second identifier printed under every name (MRN, else birth date), whatever the columns: a sheet on paper
 * has no other way to tell two patients of the same name apart.
 */
function secondIdentifier(row: Row, i18n: I18n): string | undefined {
  const mrn = mrnOf(row);
  if (mrn) return `${i18n.t('column.mrn')}\u00a0${mrn}`;
  const birthDate = birthDateOf(row);
  return birthDate ? `${i18n.t('column.birthDate')}\u00a0${i18n.date(birthDate)}` : undefined;
}

/** The list as a printable rounding sheet (one line per patient, room for notes) and as a CSV download. */
export function RoundingSheet(props: RoundingSheetProps): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<string>();
  const [isDownloading, setIsDownloading] = useState(false);
  // The sheet replaces the list and its Rounding sheet button: keyboard focus starts here, not on the page.
  const backRef = useInitialFocus<HTMLButtonElement>();
  const { list, rows } = props;
  // The name is always printed (with its second identifier), first when the list hides it.
  const columns: ColumnId[] = list.columns.includes('name') ? list.columns : ['name', ...list.columns];

  const downloadCsv = (): void => {
    setIsDownloading(true);
    setError(undefined);
    exportListCsv(api, list.id, i18n.language).then(
      ({ blob, fileName }) => {
        saveBlob(blob, fileName ?? `${list.name}.csv`);
        setIsDownloading(false);
      },
      (failure: unknown) => {
        setError(t('print.csvFailed', { reason: errorText(failure, i18n) }));
        setIsDownloading(false);
      },
    );
  };

  return (
    <section className={styles.root} aria-label={t('print.title', { name: list.name })}>
      <div className={styles.actions}>
        <Button ref={backRef} className={shared.touchTarget} icon={<ArrowLeftRegular />} onClick={props.onClose}>
          {t('print.back')}
        </Button>
        <Button className={shared.touchTarget} appearance="primary" icon={<PrintRegular />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        <Button
          className={shared.touchTarget}
          icon={<ArrowDownloadRegular />}
          disabled={isDownloading}
          onClick={downloadCsv}
        >
          {t('print.csv')}
        </Button>
      </div>
      {error && <ErrorNotice message={error} />}
      <Title3 as="h2" className={styles.heading}>
        {t('print.title', { name: list.name })}
      </Title3>
      <Caption1 as="p">
        {t('print.generated', { date: i18n.date(new Date().toISOString()) })}
        {SEPARATOR}
        {t('list.patientCount', { count: rows.length })}
      </Caption1>
      {rows.length === 0 ? (
        <p>{t('print.empty')}</p>
      ) : (
        <div className={styles.scroller}>
          <table className={styles.table}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className={mergeClasses(styles.cell, styles.head)}>
                    {t(COLUMN_LABEL[column])}
                  </th>
                ))}
                <th scope="col" className={mergeClasses(styles.cell, styles.head, styles.notes)}>
                  {t('print.notes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.entryId} className={styles.row}>
                  {columns.map((column) =>
                    column === 'name' ? (
                      <th key={column} scope="row" className={styles.cell}>
                        {cellText(row, column, i18n)}
                        {row.patient?.deceased && ' '}
                        <DeceasedMark patient={row.patient} />
                        <span className={styles.identifier}>{secondIdentifier(row, i18n)}</span>
                      </th>
                    ) : (
                      <td key={column} className={styles.cell}>
                        {cellText(row, column, i18n)}
                      </td>
                    ),
                  )}
                  <td className={mergeClasses(styles.cell, styles.notes)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
