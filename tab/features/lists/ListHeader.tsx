import type { JSX, Ref } from 'react';
import {
  Button,
  Dropdown,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Option,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowImportRegular, DeleteRegular, MoreHorizontalRegular, RenameRegular } from '@fluentui/react-icons';
import type { ListSummary } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  title: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', margin: 0 },
  switcher: { minWidth: '12rem', maxWidth: '100%' },
});

/** The list's name, the switch between the context's lists, and the list-level actions. */
export function ListHeader(props: {
  lists: ListSummary[];
  selected?: ListSummary;
  onSelect: (listId: string) => void;
  onCreate: () => void;
  onRename: () => void;
  onDelete: () => void;
  onImport: () => void;
  /** The menu button, for the focus to return to when what it opened is gone. */
  moreRef?: Ref<HTMLButtonElement>;
}): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  // A ref prop is taken out of props before render reads it (react-hooks/refs treats the whole object as a ref).
  const { moreRef } = props;
  const { t } = useI18n();
  const { selected } = props;

  return (
    <div className={mergeClasses(styles.root, shared.noPrint)}>
      <Title3 as="h1" className={styles.title}>
        {selected?.name ?? t('app.title')}
      </Title3>
      {/* With none chosen (a link to a list this user cannot open), the switcher is the way on. */}
      {(props.lists.length > 1 || (!selected && props.lists.length > 0)) && (
        <Dropdown
          className={styles.switcher}
          aria-label={t('lists.label')}
          placeholder={t('lists.choose')}
          value={selected?.name ?? ''}
          selectedOptions={selected ? [selected.id] : []}
          onOptionSelect={(_e, data) => data.optionValue && props.onSelect(data.optionValue)}
        >
          {props.lists.map((list) => (
            <Option key={list.id} value={list.id} text={list.name}>
              {list.name}
            </Option>
          ))}
        </Dropdown>
      )}
      <Button className={shared.touchTarget} icon={<AddRegular />} onClick={props.onCreate}>
        {t('lists.new')}
      </Button>
      {/* Always there: importing a list needs no list to exist yet. */}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            ref={moreRef}
            className={shared.touchTarget}
            icon={<MoreHorizontalRegular />}
            aria-label={t('lists.more')}
            appearance="subtle"
          />
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {selected && (
              <MenuItem icon={<RenameRegular />} onClick={props.onRename}>
                {t('lists.rename')}
              </MenuItem>
            )}
            <MenuItem icon={<ArrowImportRegular />} onClick={props.onImport}>
              {t('lists.import')}
            </MenuItem>
            {selected && (
              <MenuItem icon={<DeleteRegular />} onClick={props.onDelete}>
                {t('lists.delete')}
              </MenuItem>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
    </div>
  );
}
