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
import { COLUMN_LABEL, cellText, nameOf } from '../../shared/row-view';
import { CellValue, type CellClock } from './CellValue';
import { ChangedCell, RowChangeLine } from './ChangeMarks';
import { PatientName } from './PatientName';
import { RowActions, type RowHandlers } from './RowActions';
import type { Density } from './use-density';
import { useFitToViewport } from './use-fit-to-viewport';

const ACTIONS = 'actions';

// Minimum widths in rem; the grid is at least as wide as their sum, so every row holds all its cells.
const WIDE_REM = 12;
// Compact rows cut a cell after two lines: timed values (vitals, labs) get the room for most of theirs.
const TIMED_COMPACT_REM = 18;
const NARROW_REM = 6;
const CELL_REM = 8;
const ACTIONS_REM = 6;
// A cell's horizontal padding (Fluent's spacingHorizontalS on each side), outside its min-width.
const PADDING_REM = 1;

const useStyles = makeStyles({
  // Bounded in height (useFitToViewport), so its horizontal scrollbar sits at the bottom of the screen, not
  // below the last row.
  scroller: { overflow: 'auto', maxWidth: '100%' },
  // Cells keep their minimum widths; when they add up to more than the pane, the grid scrolls sideways.
  grid: { minWidth: '100%' },
  // The header stays on top while the rows scroll inside the bounded scroller.
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  // The frozen name cell is opaque, so it takes the row's hover and pressed tints itself, over its own background.
  row: {
    ':hover': { '--rounds-row-tint': tokens.colorSubtleBackgroundHover },
    ':active': { '--rounds-row-tint': tokens.colorSubtleBackgroundPressed },
  },
  cell: { minWidth: `${CELL_REM}rem`, alignItems: 'flex-start', paddingBlock: tokens.spacingVerticalS },
  wide: { minWidth: `${WIDE_REM}rem` },
  timedCompact: { minWidth: `${TIMED_COMPACT_REM}rem` },
  narrow: { minWidth: `${NARROW_REM}rem` },
  // The patient's name stays in view when the columns scroll sideways, so no row's data shows without its
  // patient (a wrong-patient risk).
  frozen: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    // As tall as the row, so nothing scrolled under it shows above or below the name.
    alignSelf: 'stretch',
    backgroundColor: tokens.colorNeutralBackground2,
    backgroundImage: 'linear-gradient(var(--rounds-row-tint, transparent), var(--rounds-row-tint, transparent))',
    borderRight: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  // The actions scroll with the row (last column): a column stuck to the right edge would cover another's content.
  actions: { minWidth: `${ACTIONS_REM}rem`, maxWidth: `${ACTIONS_REM}rem`, flexGrow: 0 },
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  // Compact (#11 item 5): smaller type, less padding, and at most two lines per cell (the cell's hover text and the
  // patient's details hold the rest; the full text is still in the page for screen readers). Names are never cut.
  compactCell: {
    paddingBlock: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  clamp: {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 2,
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
});

const WIDE: ColumnId[] = ['name', 'conditions', 'vitals', 'labs', 'medications', 'note', 'coverage', 'allergies'];
const NARROW: ColumnId[] = ['mrn', 'age', 'gender'];

// The rows arrive sorted by the list's sort (ListPanel), so the grid keeps their order instead of
// sorting them a second time. Fluent makes a header sortable when its compare takes two arguments.
const keepOrder = (_a: Row, _b: Row): number => 0;

const TIMED: ColumnId[] = ['vitals', 'labs'];

function minRemOf(id: ColumnId, isCompact: boolean): number {
  if (isCompact && TIMED.includes(id)) return TIMED_COMPACT_REM;
  if (WIDE.includes(id)) return WIDE_REM;
  if (NARROW.includes(id)) return NARROW_REM;
  return CELL_REM;
}

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
  density?: Density;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { handlers, clock } = props;
  const isCompact = props.density === 'compact';
  const { ref: fitRef, maxHeight } = useFitToViewport();
  const minRem = props.columns.reduce((sum, id) => sum + minRemOf(id, isCompact) + PADDING_REM, ACTIONS_REM + PADDING_REM);

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
              {isCompact ? (
                <div className={styles.clamp} title={cellText(row, id, i18n)}>
                  <CellValue row={row} column={id} clock={clock} />
                </div>
              ) : (
                <CellValue row={row} column={id} clock={clock} className={styles.text} />
              )}
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
  }, [props.columns, i18n, handlers, clock, styles.text, styles.clamp, isCompact]);

  const cell = mergeClasses(styles.cell, isCompact && styles.compactCell);
  const classOf = (columnId: TableColumnId): string => {
    if (columnId === ACTIONS) return mergeClasses(cell, styles.actions);
    if (columnId === 'name') return mergeClasses(cell, styles.wide, styles.frozen);
    if (isCompact && TIMED.includes(columnId as ColumnId)) return mergeClasses(cell, styles.timedCompact);
    if (WIDE.includes(columnId as ColumnId)) return mergeClasses(cell, styles.wide);
    if (NARROW.includes(columnId as ColumnId)) return mergeClasses(cell, styles.narrow);
    return cell;
  };
  // The name cell holds one button, which is the stop itself (Tab and Shift+Tab leave the grid from it); the
  // actions cell is a group of buttons that Enter goes into and Escape leaves (Fluent's focusable group).
  const focusModeOf = (columnId: TableColumnId): 'group' | 'none' | 'cell' =>
    columnId === ACTIONS ? 'group' : columnId === 'name' ? 'none' : 'cell';

  return (
    <div ref={fitRef} className={styles.scroller} style={{ maxHeight }}>
      <DataGrid
        className={styles.grid}
        // As wide as the cells' minimum widths: a narrower grid would let the last cells spill out of their rows.
        style={{ minWidth: `max(100%, ${minRem}rem)` }}
        items={props.rows}
        columns={columns}
        size={isCompact ? 'small' : 'medium'}
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
        <DataGridHeader className={styles.header}>
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
            <DataGridRow<Row> key={rowId} className={styles.row}>
              {({ renderCell, columnId }) => (
                <DataGridCell className={classOf(columnId)} focusMode={focusModeOf(columnId)}>
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
