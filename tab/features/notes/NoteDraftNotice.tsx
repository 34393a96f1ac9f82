import type { JSX } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';

/** Says the box holds an unsaved draft brought back, and offers to go back to the saved note. */
export function NoteDraftNotice(props: { onDiscard: () => void }): JSX.Element {
  const { t } = useI18n();
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('note.draftRestored')}</MessageBarTitle>
        {t('note.draftRestoredBody')}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={props.onDiscard}>
          {t('note.discardDraft')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
