import type { JSX, Ref } from 'react';
import { Button, Caption1, ToggleButton, Toolbar, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ClipboardTaskListLtrRegular,
  ColumnTripleEditRegular,
  EyeOffRegular,
  PersonAddRegular,
} from '@fluentui/react-icons';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useSharedStyles } from '../../shared/styles';
import { UpdatedAgo } from './UpdatedAgo';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  toolbar: { flexWrap: 'wrap', gap: tokens.spacingHorizontalS, padding: 0 },
  status: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'baseline',
    color: tokens.colorNeutralForeground3,
    '& p': { margin: 0 },
  },
});

export function ListToolbar(props: {
  count: number;
  fetchedAt?: string;
  isRefreshing: boolean;
  onAdd: () => void;
  onColumns: () => void;
  onRefresh: () => void;
  onPrint: () => void;
  /** The Rounding sheet button, where the focus comes back from the sheet. */
  printRef?: Ref<HTMLButtonElement>;
  /** Discharged and deceased patients on the list: the toggle shows only when there are some. */
  goneCount: number;
  isHidingGone: boolean;
  onHideGoneChange: (isHiding: boolean) => void;
}): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  return (
    <div className={styles.root}>
      <Toolbar aria-label={t('list.toolbar')} className={styles.toolbar}>
        <Button className={shared.touchTarget} appearance="primary" icon={<PersonAddRegular />} onClick={props.onAdd}>
          {t('list.addPatients')}
        </Button>
        <Button className={shared.touchTarget} icon={<ColumnTripleEditRegular />} onClick={props.onColumns}>
          {t('list.columns')}
        </Button>
        <Button
          className={shared.touchTarget}
          icon={<ArrowClockwiseRegular />}
          onClick={props.onRefresh}
          disabledFocusable={props.isRefreshing}
        >
          {t('list.refresh')}
        </Button>
        <Button
          ref={props.printRef}
          className={shared.touchTarget}
          icon={<ClipboardTaskListLtrRegular />}
          onClick={props.onPrint}
        >
          {t('list.print')}
        </Button>
        {props.goneCount > 0 && (
          <ToggleButton
            className={shared.touchTarget}
            icon={<EyeOffRegular />}
            checked={props.isHidingGone}
            onClick={() => props.onHideGoneChange(!props.isHidingGone)}
          >
            {t('list.hideGone', { count: props.goneCount })}
          </ToggleButton>
        )}
      </Toolbar>
      <div className={styles.status}>
        <Caption1 as="p">{t('list.patientCount', { count: props.count })}</Caption1>
        {props.isHidingGone && props.goneCount > 0 && (
          <Caption1 as="p">{t('list.hiddenCount', { count: props.goneCount })}</Caption1>
        )}
        <UpdatedAgo fetchedAt={props.fetchedAt} />
      </div>
    </div>
  );
}
