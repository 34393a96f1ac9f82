import { useId, useState, type JSX } from 'react';
import { Button, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import type { ColumnId, Row } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { COLUMN_LABEL, cellText, nameOf } from '../../shared/row-view';
import { useSharedStyles } from '../../shared/styles';
import { CellValue, type CellClock } from './CellValue';
import { RowChangeLine } from './ChangeMarks';
import { PatientFields } from './PatientCards';
import { PatientName } from './PatientName';
import { RowActions, type RowHandlers } from './RowActions';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  // One line each, cut with an ellipsis: the full card is one tap away, on the button beside the name.
  line: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    '& span': { whiteSpace: 'nowrap' },
  },
  location: { color: tokens.colorNeutralForeground2 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    marginTop: tokens.spacingVerticalXS,
  },
});

/**
 * The compact density on a phone (#11 item 5): per patient the name, the bed and a line of vitals, so a screen
 * holds several; the button beside the name unfolds the full card (every column, the row's actions) in place, and
 * the name opens the patient's details as it does everywhere.
 */
export function CompactPatientList(props: { rows: Row[]; columns: ColumnId[]; handlers: RowHandlers; clock: CellClock }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <ul className={styles.list} aria-label={t('lists.label')}>
      {props.rows.map((row) => (
        <li key={row.entryId}>
          <CompactPatient row={row} columns={props.columns} handlers={props.handlers} clock={props.clock} />
        </li>
      ))}
    </ul>
  );
}

function CompactPatient(props: { row: Row; columns: ColumnId[]; handlers: RowHandlers; clock: CellClock }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { row, handlers, clock } = props;
  const [isOpen, setOpen] = useState(false);
  const cardId = useId();
  const name = nameOf(row);
  const vitals = cellText(row, 'vitals', i18n);
  return (
    <div className={styles.item} data-compact-patient={row.entryId}>
      <div className={styles.head}>
        <div className={styles.name}>
          <PatientName row={row} onOpen={handlers.onOpen} />
        </div>
        <Tooltip content={t('row.fullCard', { name })} relationship="label">
          <Button
            className={shared.touchTarget}
            appearance="subtle"
            icon={isOpen ? <ChevronUpRegular /> : <ChevronDownRegular />}
            aria-expanded={isOpen}
            aria-controls={isOpen ? cardId : undefined}
            onClick={() => setOpen(!isOpen)}
          />
        </Tooltip>
      </div>
      <RowChangeLine row={row} onMarkSeen={handlers.onMarkSeen} />
      <p className={mergeClasses(styles.line, styles.location)} title={cellText(row, 'location', i18n)}>
        <span className={shared.visuallyHidden}>{t(COLUMN_LABEL.location)}: </span>
        {cellText(row, 'location', i18n)}
      </p>
      {vitals && (
        <p className={styles.line} title={vitals}>
          <span className={shared.visuallyHidden}>{t(COLUMN_LABEL.vitals)}: </span>
          <CellValue row={row} column="vitals" clock={clock} />
        </p>
      )}
      {isOpen && (
        <div id={cardId} className={styles.card}>
          <PatientFields row={row} columns={props.columns} clock={clock} />
          <RowActions entryId={row.entryId} name={name} handlers={handlers} />
        </div>
      )}
    </div>
  );
}
