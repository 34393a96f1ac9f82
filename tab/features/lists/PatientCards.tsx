import type { JSX } from 'react';
import { Card, CardHeader, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnId, Row } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { COLUMN_LABEL, cellText, nameOf } from '../../shared/row-view';
import { CellValue, type CellClock } from './CellValue';
import { ChangedCell, RowChangeLine } from './ChangeMarks';
import { PatientName } from './PatientName';
import { RowActions, type RowHandlers } from './RowActions';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(6rem, auto) 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  group: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300 },
});

/** The patients as cards, for phones and narrow panes: one card per patient, the chosen columns inside. */
export function PatientCards(props: { rows: Row[]; columns: ColumnId[]; handlers: RowHandlers; clock: CellClock }): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  return (
    <ul className={styles.list} aria-label={i18n.t('lists.label')}>
      {props.rows.map((row) => (
        <li key={row.entryId}>
          <Card>
            <CardHeader
              header={<PatientName row={row} onOpen={props.handlers.onOpen} />}
              description={<RowChangeLine row={row} onMarkSeen={props.handlers.onMarkSeen} />}
              action={<RowActions entryId={row.entryId} name={nameOf(row)} handlers={props.handlers} />}
            />
            <PatientFields row={row} columns={props.columns} clock={props.clock} />
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** A card's body: the list's columns (the name aside) as terms and values; empty values are left out. */
export function PatientFields(props: { row: Row; columns: ColumnId[]; clock: CellClock }): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { row } = props;
  return (
    <dl className={styles.fields}>
      {props.columns
        .filter((c) => c !== 'name')
        .map((column) => {
          const text = cellText(row, column, i18n);
          if (!text) return null;
          return (
            <div key={column} className={styles.group}>
              <dt className={styles.term}>{i18n.t(COLUMN_LABEL[column])}</dt>
              <dd className={styles.value}>
                <ChangedCell isChanged={row.changes.includes(column)}>
                  <CellValue row={row} column={column} clock={props.clock} />
                </ChangedCell>
              </dd>
            </div>
          );
        })}
    </dl>
  );
}
