import { useState, type JSX } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { ColumnId, ListSort } from '../../../server/wire/contract';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { ALL_COLUMNS, COLUMN_LABEL } from '../../shared/row-view';
import { useSharedStyles } from '../../shared/styles';
import { errorText } from '../../shared/error-text';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  // A grid, not a flex row: the arrows keep one column whatever the label's length.
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
  },
  label: { minWidth: 0, overflowWrap: 'anywhere' },
  sort: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, marginTop: tokens.spacingVerticalL },
});

export interface ColumnChoice {
  columns: ColumnId[];
  /** `null`: the order patients were added. */
  sort: ListSort | null;
}

/** Shown columns first, in their order, then the hidden ones in the default order. */
function initialOrder(shown: ColumnId[]): ColumnId[] {
  return [...shown, ...ALL_COLUMNS.filter((c) => !shown.includes(c))];
}

export function ColumnChooser(props: {
  columns: ColumnId[];
  sort?: ListSort;
  onSave: (choice: ColumnChoice) => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const [order, setOrder] = useState<ColumnId[]>(() => initialOrder(props.columns));
  const [shown, setShown] = useState<Set<ColumnId>>(() => new Set(props.columns));
  const [sortColumn, setSortColumn] = useState<ColumnId | ''>(props.sort?.column ?? '');
  const [direction, setDirection] = useState<'asc' | 'desc'>(props.sort?.direction ?? 'asc');
  const [error, setError] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);

  const chosen = order.filter((c) => shown.has(c));
  // A sort by a column that is no longer shown falls back to the order patients were added.
  const effectiveSort: ColumnId | '' = sortColumn && chosen.includes(sortColumn) ? sortColumn : '';
  const move = (index: number, by: -1 | 1): void => {
    setOrder((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  };
  const toggle = (column: ColumnId, isOn: boolean): void => {
    setShown((current) => {
      const next = new Set(current);
      if (isOn) next.add(column);
      else next.delete(column);
      return next;
    });
  };

  const save = (): void => {
    if (chosen.length === 0) {
      setError(t('columns.atLeastOne'));
      return;
    }
    setIsBusy(true);
    const sort = effectiveSort ? { column: effectiveSort, direction } : null;
    props.onSave({ columns: chosen, sort }).then(props.onClose, (failure: unknown) => {
      setError(errorText(failure, i18n));
      setIsBusy(false);
    });
  };

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('columns.title')}</DialogTitle>
          <DialogContent>
            <p>{t('columns.intro')}</p>
            <ul className={styles.list}>
              {order.map((column, index) => {
                const label = t(COLUMN_LABEL[column]);
                return (
                  <li key={column} className={styles.item}>
                    <Checkbox
                      className={styles.label}
                      label={label}
                      checked={shown.has(column)}
                      onChange={(_e, data) => toggle(column, data.checked === true)}
                    />
                    <Button
                      className={shared.touchTarget}
                      appearance="subtle"
                      icon={<ArrowUpRegular />}
                      aria-label={t('columns.moveUp', { column: label })}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    />
                    <Button
                      className={shared.touchTarget}
                      appearance="subtle"
                      icon={<ArrowDownRegular />}
                      aria-label={t('columns.moveDown', { column: label })}
                      disabled={index === order.length - 1}
                      onClick={() => move(index, 1)}
                    />
                  </li>
                );
              })}
            </ul>
            <div className={styles.sort}>
              <Field label={t('columns.sortBy')}>
                <Select value={effectiveSort} onChange={(_e, data) => setSortColumn(data.value as ColumnId | '')}>
                  <option value="">{t('columns.sortNone')}</option>
                  {chosen.map((column) => (
                    <option key={column} value={column}>
                      {t(COLUMN_LABEL[column])}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('columns.direction')}>
                <RadioGroup
                  layout="horizontal"
                  value={direction}
                  disabled={!effectiveSort}
                  onChange={(_e, data) => setDirection(data.value === 'desc' ? 'desc' : 'asc')}
                >
                  <Radio value="asc" label={t('columns.ascending')} />
                  <Radio value="desc" label={t('columns.descending')} />
                </RadioGroup>
              </Field>
            </div>
            {error && <ErrorNotice message={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              {t('app.cancel')}
            </Button>
            <Button appearance="primary" disabled={isBusy} onClick={save}>
              {t('columns.apply')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
