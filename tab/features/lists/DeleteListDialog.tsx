import { useState, type JSX } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { errorText } from '../../shared/error-text';

/** Asks before deleting a list; Cancel has the focus, so Enter does not delete by accident. */
export function DeleteListDialog(props: {
  name: string;
  contextLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);

  const confirm = (): void => {
    setIsBusy(true);
    props.onConfirm().then(
      () => props.onClose(),
      (failure: unknown) => {
        setError(errorText(failure, i18n));
        setIsBusy(false);
      },
    );
  };

  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('lists.deleteTitle', { name: props.name })}</DialogTitle>
          <DialogContent>
            <p>{t('lists.deleteBody', { context: props.contextLabel })}</p>
            {error && <ErrorNotice message={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" autoFocus onClick={props.onClose}>
              {t('app.cancel')}
            </Button>
            <Button appearance="primary" disabled={isBusy} onClick={confirm}>
              {t('lists.deleteConfirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
