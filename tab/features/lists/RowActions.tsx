import type { JSX } from 'react';
import { Button, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular, NoteEditRegular } from '@fluentui/react-icons';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({ root: { display: 'flex', gap: tokens.spacingHorizontalXS } });

export interface RowHandlers {
  onOpen: (entryId: string) => void;
  onEditNote: (entryId: string) => void;
  onRemove: (entryId: string) => void;
  /** Mark as seen: the row's change marks go. */
  onMarkSeen: (entryId: string) => void;
}

/** Icon buttons: each Tooltip (relationship "label") is both what a pointer shows and the button's accessible name. */
export function RowActions(props: { entryId: string; name: string; handlers: RowHandlers }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  return (
    <div className={styles.root}>
      <Tooltip content={t('row.editNote', { name: props.name })} relationship="label" withArrow>
        <Button
          className={shared.touchTarget}
          appearance="subtle"
          icon={<NoteEditRegular />}
          onClick={() => props.handlers.onEditNote(props.entryId)}
        />
      </Tooltip>
      <Tooltip content={t('row.remove', { name: props.name })} relationship="label" withArrow>
        <Button
          className={shared.touchTarget}
          appearance="subtle"
          icon={<DeleteRegular />}
          onClick={() => props.handlers.onRemove(props.entryId)}
        />
      </Tooltip>
    </div>
  );
}
