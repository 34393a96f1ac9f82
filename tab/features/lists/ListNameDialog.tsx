import { useState, type FormEvent, type JSX } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useInitialFocus } from '../../shared/use-initial-focus';
import { errorText } from '../../shared/error-text';
import { MAX_LIST_NAME } from '../../shared/limits';

/** Names a new list or renames one. `onSubmit` rejects to keep the dialog open with the error. */
export function ListNameDialog(props: {
  mode: 'create' | 'rename';
  initialName?: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const i18n = useI18n();
  const nameRef = useInitialFocus<HTMLInputElement>();
  const { t } = i18n;
  const [name, setName] = useState(props.initialName ?? '');
  const [error, setError] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);
  const trimmed = name.trim();
  const validation =
    trimmed.length > MAX_LIST_NAME ? t('config.nameTooLong', { max: MAX_LIST_NAME }) : undefined;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!trimmed) {
      setError(t('lists.nameRequired'));
      return;
    }
    if (validation) return;
    setIsBusy(true);
    props.onSubmit(trimmed).then(
      () => props.onClose(),
      (failure: unknown) => {
        setError(errorText(failure, i18n));
        setIsBusy(false);
      },
    );
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <form noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t(props.mode === 'create' ? 'lists.createTitle' : 'lists.renameTitle')}</DialogTitle>
            <DialogContent>
              <Field
                label={t('lists.nameLabel')}
                required
                validationState={validation || error ? 'error' : 'none'}
                validationMessage={validation ?? error}
              >
                <Input
                  ref={nameRef}
                  value={name}
                  onChange={(_e, data) => {
                    setName(data.value);
                    setError(undefined);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose}>
                {t('app.cancel')}
              </Button>
              <Button appearance="primary" type="submit" disabled={isBusy || Boolean(validation)}>
                {t(props.mode === 'create' ? 'lists.create' : 'lists.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
