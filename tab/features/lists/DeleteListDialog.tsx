import { useState, type JSX } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ContextKind } from '../../../server/wire/contract';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { MessageKey } from '../../shared/i18n/en';
import { errorText } from '../../shared/error-text';

/** Who loses the list, in plain words: everyone in a shared context, only you in the personal one. */
const BODY: Record<ContextKind, MessageKey> = {
  channel: 'lists.deleteBodyChannel',
  chat: 'lists.deleteBodyChat',
  meeting: 'lists.deleteBodyMeeting',
  personal: 'lists.deleteBodyPersonal',
};

// Fluent v9 has no danger appearance: a primary button in the status danger colours, which keep the
// foreground on brand (white) readable in light, dark and high-contrast themes.
const useStyles = makeStyles({
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorStatusDangerBackground3Hover, color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

/** Asks before deleting a list; Cancel has the focus, so Enter does not delete by accident. */
export function DeleteListDialog(props: {
  name: string;
  contextKind: ContextKind;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const styles = useStyles();
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
            <p>{t(BODY[props.contextKind])}</p>
            {error && <ErrorNotice message={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" autoFocus onClick={props.onClose}>
              {t('app.cancel')}
            </Button>
            <Button appearance="primary" className={styles.danger} disabled={isBusy} onClick={confirm}>
              {t('lists.deleteConfirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
