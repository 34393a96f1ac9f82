import type { JSX } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider';

/** An error the user can act on: the message, and a retry when one makes sense. */
export function ErrorNotice(props: { message: string; onRetry?: () => void }): JSX.Element {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>{props.message}</MessageBarBody>
      {props.onRetry && (
        <MessageBarActions>
          <Button onClick={props.onRetry}>{t('app.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
