import type { JSX } from 'react';
import type { ColumnId, Row } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { labEntries } from '../../shared/lab-view';
import { cellText, vitalEntries } from '../../shared/row-view';
import { TimedValues } from './TimedValues';

/** What the cells need besides the row: the time ages are counted to, and the list's threshold for greying. */
export interface CellClock {
  now: Date;
  staleAfterHours: number;
}

/** One cell's content (the name cell aside): values with their age where they have a time, text elsewhere. */
export function CellValue(props: { row: Row; column: ColumnId; clock: CellClock; className?: string }): JSX.Element {
  const i18n = useI18n();
  const { row, column, clock } = props;
  if (column === 'vitals') {
    return <TimedValues values={vitalEntries(row.vitals, i18n)} staleAfterHours={clock.staleAfterHours} now={clock.now} />;
  }
  if (column === 'labs') {
    return <TimedValues values={labEntries(row.labs, i18n)} staleAfterHours={clock.staleAfterHours} now={clock.now} />;
  }
  return <span className={props.className}>{cellText(row, column, i18n)}</span>;
}
