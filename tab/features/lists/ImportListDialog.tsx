import { useRef, useState, type ChangeEvent, type FormEvent, type JSX } from 'react';
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
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ImportReport } from '../../../server/wire/contract';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { MAX_IMPORT_BYTES, MAX_LIST_NAME } from '../../shared/limits';
import type { ImportFile } from '../../shared/rounds-api';
import { useInitialFocus } from '../../shared/use-initial-focus';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  file: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** The content type the server reads the file as: a .json file (or a JSON-looking one) is a FHIR List. */
function contentTypeOf(file: File): ImportFile['contentType'] | undefined {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (lower.endsWith('.json') || file.type.includes('json')) return 'application/fhir+json';
  return undefined;
}

/** "Ward 4 – 2 May.csv" → "Ward 4 – 2 May", cut to the longest name a list may have. */
function nameOf(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').trim().slice(0, MAX_LIST_NAME);
}

/**
 * Makes a list from a CSV or FHIR List file. `onImport` rejects to keep the dialog open with the server's
 * reason; on success the caller closes it and shows the report.
 */
export function ImportListDialog(props: {
  onImport: (file: ImportFile, name: string) => Promise<ImportReport>;
  onImported: (report: ImportReport) => void;
  onClose: () => void;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const fileRef = useInitialFocus<HTMLInputElement>();
  const [file, setFile] = useState<File>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [name, setName] = useState('');
  // Once the clinician typed a name, choosing another file no longer replaces it.
  const isNameEdited = useRef(false);
  const [nameProblem, setNameProblem] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);
  const trimmed = name.trim();
  const nameTooLong = trimmed.length > MAX_LIST_NAME ? t('config.nameTooLong', { max: MAX_LIST_NAME }) : undefined;

  const choose = (event: ChangeEvent<HTMLInputElement>): void => {
    const chosen = event.target.files?.[0];
    setFailure(undefined);
    setFile(chosen);
    if (!chosen) return setFileProblem(undefined);
    if (!contentTypeOf(chosen)) setFileProblem(t('import.fileType'));
    else if (chosen.size > MAX_IMPORT_BYTES) setFileProblem(t('import.fileTooLarge'));
    else setFileProblem(undefined);
    if (!isNameEdited.current) {
      setName(nameOf(chosen.name));
      setNameProblem(undefined);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (isBusy) return;
    const contentType = file && contentTypeOf(file);
    if (!file) return setFileProblem(t('import.fileRequired'));
    if (!trimmed) return setNameProblem(t('lists.nameRequired'));
    if (!contentType || fileProblem || nameTooLong) return;
    setIsBusy(true);
    setFailure(undefined);
    file
      .text()
      .catch(() => {
        throw new Error(t('import.fileUnreadable'));
      })
      .then((text) => props.onImport({ text, contentType }, trimmed))
      .then(
        (report) => props.onImported(report),
        (error: unknown) => {
          setFailure(t('import.failed', { reason: errorText(error, i18n) }));
          setIsBusy(false);
        },
      );
  };

  const nameMessage = nameTooLong ?? nameProblem;
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && !isBusy && props.onClose()}>
      <DialogSurface>
        <form noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t('import.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field
                label={t('import.fileLabel')}
                required
                hint={t('import.fileHint')}
                validationState={fileProblem ? 'error' : 'none'}
                validationMessage={fileProblem}
              >
                {(fieldProps) => (
                  <input
                    {...fieldProps}
                    ref={fileRef}
                    className={styles.file}
                    type="file"
                    accept=".csv,.json,text/csv,application/json,application/fhir+json"
                    disabled={isBusy}
                    onChange={choose}
                  />
                )}
              </Field>
              <Field
                label={t('lists.nameLabel')}
                required
                validationState={nameMessage ? 'error' : 'none'}
                validationMessage={nameMessage}
              >
                <Input
                  value={name}
                  disabled={isBusy}
                  onChange={(_e, data) => {
                    isNameEdited.current = true;
                    setName(data.value);
                    setNameProblem(undefined);
                  }}
                />
              </Field>
              {failure && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" disabled={isBusy} onClick={props.onClose}>
                {t('app.cancel')}
              </Button>
              <Button
                appearance="primary"
                type="submit"
                // Focusable while busy, so the focus stays in the dialog for the error that may follow.
                disabledFocusable={isBusy}
                disabled={!isBusy && (Boolean(fileProblem) || Boolean(nameTooLong))}
                icon={isBusy ? <Spinner size="tiny" /> : undefined}
              >
                {isBusy ? t('import.busy') : t('import.submit')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
