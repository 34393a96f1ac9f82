import type { JSX, Ref } from 'react';
import {
  Button,
  Caption1,
  Menu,
  MenuItem,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  ToggleButton,
  Toolbar,
  Tooltip,
  makeStyles,
  tokens,
  type MenuProps,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ClipboardTaskListLtrRegular,
  ColumnTripleEditRegular,
  EyeOffRegular,
  MoreHorizontalRegular,
  PersonAddRegular,
  TextDensityRegular,
} from '@fluentui/react-icons';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useSharedStyles } from '../../shared/styles';
import { UpdatedAgo } from './UpdatedAgo';
import type { Density } from './use-density';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  toolbar: { flexWrap: 'wrap', gap: tokens.spacingHorizontalS, padding: 0 },
  // A phone's toolbar is one row (#11 item 5): what does not fit is in the "More actions" menu.
  oneRow: { flexWrap: 'nowrap', gap: tokens.spacingHorizontalS, padding: 0, width: '100%', minWidth: 0 },
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
  /** The Rounding sheet button (on a phone, the menu that holds it), where the focus comes back from the sheet. */
  printRef?: Ref<HTMLButtonElement>;
  /** Discharged and deceased patients on the list: the toggle shows only when there are some. */
  goneCount: number;
  isHidingGone: boolean;
  onHideGoneChange: (isHiding: boolean) => void;
  density: Density;
  onDensityChange: (density: Density) => void;
  /** A phone or a narrow pane: one row, the rest in a menu. */
  isNarrow: boolean;
}): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  // A ref prop is taken out of props before render reads it (react-hooks/refs treats the whole object as a ref).
  const { printRef } = props;
  const { t } = useI18n();
  const isCompact = props.density === 'compact';
  const hasGone = props.goneCount > 0;

  const add = (
    <Button className={shared.touchTarget} appearance="primary" icon={<PersonAddRegular />} onClick={props.onAdd}>
      {t('list.addPatients')}
    </Button>
  );

  return (
    <div className={styles.root}>
      {props.isNarrow ? (
        <Toolbar aria-label={t('list.toolbar')} className={styles.oneRow}>
          {add}
          <Tooltip content={t('list.refresh')} relationship="label">
            <Button
              className={shared.touchTarget}
              icon={<ArrowClockwiseRegular />}
              onClick={props.onRefresh}
              disabledFocusable={props.isRefreshing}
            />
          </Tooltip>
          <MoreActions {...props} />
        </Toolbar>
      ) : (
        <Toolbar aria-label={t('list.toolbar')} className={styles.toolbar}>
          {add}
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
            ref={printRef}
            className={shared.touchTarget}
            icon={<ClipboardTaskListLtrRegular />}
            onClick={props.onPrint}
          >
            {t('list.print')}
          </Button>
          {hasGone && (
            <ToggleButton
              className={shared.touchTarget}
              icon={<EyeOffRegular />}
              checked={props.isHidingGone}
              onClick={() => props.onHideGoneChange(!props.isHidingGone)}
            >
              {t('list.hideGone', { count: props.goneCount })}
            </ToggleButton>
          )}
          <ToggleButton
            className={shared.touchTarget}
            icon={<TextDensityRegular />}
            checked={isCompact}
            onClick={() => props.onDensityChange(isCompact ? 'comfortable' : 'compact')}
          >
            {t('list.compact')}
          </ToggleButton>
        </Toolbar>
      )}
      <div className={styles.status}>
        <Caption1 as="p">{t('list.patientCount', { count: props.count })}</Caption1>
        {props.isHidingGone && hasGone && <Caption1 as="p">{t('list.hiddenCount', { count: props.goneCount })}</Caption1>}
        <UpdatedAgo fetchedAt={props.fetchedAt} />
      </div>
    </div>
  );
}

/** The phone's overflow: the toolbar's other actions, and the two view toggles as checkable items. */
function MoreActions(props: Parameters<typeof ListToolbar>[0]): JSX.Element {
  const shared = useSharedStyles();
  const { printRef } = props;
  const { t } = useI18n();
  const checked = {
    view: [...(props.isHidingGone ? ['hideGone'] : []), ...(props.density === 'compact' ? ['compact'] : [])],
  };
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const isCompact = data.checkedItems.includes('compact');
    if (isCompact !== (props.density === 'compact')) props.onDensityChange(isCompact ? 'compact' : 'comfortable');
    const isHiding = data.checkedItems.includes('hideGone');
    if (isHiding !== props.isHidingGone) props.onHideGoneChange(isHiding);
  };
  return (
    <Menu checkedValues={checked} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={t('list.moreActions')} relationship="label">
          <Button ref={printRef} className={shared.touchTarget} icon={<MoreHorizontalRegular />} />
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<ColumnTripleEditRegular />} onClick={props.onColumns}>
            {t('list.columns')}
          </MenuItem>
          <MenuItem icon={<ClipboardTaskListLtrRegular />} onClick={props.onPrint}>
            {t('list.print')}
          </MenuItem>
          {props.goneCount > 0 && (
            <MenuItemCheckbox icon={<EyeOffRegular />} name="view" value="hideGone">
              {t('list.hideGone', { count: props.goneCount })}
            </MenuItemCheckbox>
          )}
          <MenuItemCheckbox icon={<TextDensityRegular />} name="view" value="compact">
            {t('list.compact')}
          </MenuItemCheckbox>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
