import { useMemo, type JSX } from 'react';
import {
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  createTableColumn,
  makeStyles,
  tokens,
  type SortDirection,
  type TableColumnDefinition,
  mergeClasses,
  type TableColumnId,
} from '@fluentui/react-components';
import type { ColumnId, ListSort, Row } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { COLUMN_LABEL, nameOf } from '../../shared/row-view';
import { CellValue, type CellClock } from './CellValue';
import { ChangedCell, RowChangeLine } from './ChangeMarks';
import { PatientName } from './PatientName';
import { RowActions, type RowHandlers } from './RowActions';

const ACTIONS = 'actions';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', maxWidth: '100%' },
  // Cells keep their minimum widths; when they add up to more than the pane, the grid scrolls sideways.
  grid: { minWidth: '100%' },
  cell: { minWidth: '8rem', alignItems: 'flex-start', paddingBlock: tokens.spacingVerticalS },
  wide: { minWidth: '12rem' },
  narrow: { minWidth: '6rem' },
  // The row's actions stay in view when the columns scroll sideways.
  actions: {
    minWidth: '6rem',
    maxWidth: '6rem',
    flexGrow: 0,
    position: 'sticky',
    right: 0,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

const WIDE: ColumnId[] = ['name', 'conditions', 'vitals', 'labs', 'medications', 'note', 'coverage', 'allergies'];
const NARROW: ColumnId[] = ['mrn', 'age', 'gender'];

// The rows arrive sorted by the list's sort (ListPanel), so the grid keeps their order instead of
// sorting them a second time. Fluent makes a header sortable when its compare takes two arguments.
const keepOrder = (_a: Row, _b: Row): number => 0;

export function toDirection(direction: 'asc' | 'desc'): SortDirection {
  return direction === 'asc' ? 'ascending' : 'descending';
}

/** The patients as a sortable Fluent DataGrid; the sort belongs to the list and is saved with it, and `rows` come sorted. */
export function PatientGrid(props: {
  listName: string;
  rows: Row[];
  columns: ColumnId[];
  sort?: ListSort;
  handlers: RowHandlers;
  onSortChange: (sort: ListSort) => void;
  /** Ages are counted to `now`; values older than `staleAfterHours` are greyed. */
  clock: CellClock;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { handlers, clock } = props;

  const columns = useMemo<TableColumnDefinition<Row>[]>(() => {
    const data = props.columns.map((id) =>
      createTableColumn<Row>({
        columnId: id,
        compare: keepOrder,
        renderHeaderCell: () => i18n.t(COLUMN_LABEL[id]),
        renderCell: (row) =>
          id === 'name' ? (
            <div>
              <PatientName row={row} onOpen={handlers.onOpen} />
              <RowChangeLine row={row} onMarkSeen={handlers.onMarkSeen} />
            </div>
          ) : (
            <ChangedCell isChanged={row.changes.includes(id)}>
              <CellValue row={row} column={id} clock={clock} className={styles.text} />
            </ChangedCell>
          ),
      }),
    );
    const actions = createTableColumn<Row>({
      columnId: ACTIONS,
      renderHeaderCell: () => i18n.t('row.actions'),
      renderCell: (row) => <RowActions entryId={row.entryId} name={nameOf(row)} handlers={handlers} />,
    });
    return [...data, actions];
  }, [props.columns, i18n, handlers, clock, styles.text]);

  const classOf = (columnId: TableColumnId): string => {
    if (columnId === ACTIONS) return mergeClasses(styles.cell, styles.actions);
    if (WIDE.includes(columnId as ColumnId)) return mergeClasses(styles.cell, styles.wide);
    if (NARROW.includes(columnId as ColumnId)) return mergeClasses(styles.cell, styles.narrow);
    return styles.cell;
  };
  const isInteractive = (columnId: TableColumnId): boolean => columnId === ACTIONS || columnId === 'name';

  return (
    <div className={styles.scroller}>
      <DataGrid
        className={styles.grid}
        items={props.rows}
        columns={columns}
        getRowId={(row: Row) => row.entryId}
        sortable
        sortState={{
          sortColumn: props.sort?.column,
          sortDirection: toDirection(props.sort?.direction ?? 'asc'),
        }}
        onSortChange={(_e, state) => {
          if (state.sortColumn === undefined || state.sortColumn === ACTIONS) return;
          props.onSortChange({
            column: state.sortColumn as ColumnId,
            direction: state.sortDirection === 'ascending' ? 'asc' : 'desc',
          });
        }}
        aria-label={i18n.t('list.gridLabel', { name: props.listName })}
      >
        <DataGridHeader>
          <DataGridRow>
            {({ renderHeaderCell, columnId }) => (
              <DataGridHeaderCell className={classOf(columnId)}>
                {renderHeaderCell()}
              </DataGridHeaderCell>
            )}
          </DataGridRow>
        </DataGridHeader>
        <DataGridBody<Row>>
          {({ item, rowId }) => (
            <DataGridRow<Row> key={rowId}>
              {({ renderCell, columnId }) => (
                <DataGridCell className={classOf(columnId)} focusMode={isInteractive(columnId) ? 'group' : 'cell'}>
                  {renderCell(item)}
                </DataGridCell>
              )}
            </DataGridRow>
          )}
        </DataGridBody>
      </DataGrid>
    </div>
  );
}
