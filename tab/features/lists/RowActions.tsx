import type { JSX } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
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

export function RowActions(props: { entryId: string; name: string; handlers: RowHandlers }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  return (
    <div className={styles.root}>
      <Button
        className={shared.touchTarget}
        appearance="subtle"
        icon={<NoteEditRegular />}
        aria-label={t('row.editNote', { name: props.name })}
        title={t('row.editNote', { name: props.name })}
        onClick={() => props.handlers.onEditNote(props.entryId)}
      />
      <Button
        className={shared.touchTarget}
        appearance="subtle"
        icon={<DeleteRegular />}
        aria-label={t('row.remove', { name: props.name })}
        title={t('row.remove', { name: props.name })}
        onClick={() => props.handlers.onRemove(props.entryId)}
      />
    </div>
  );
}
