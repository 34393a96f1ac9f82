import { useId, useState, type JSX } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Note } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useInitialFocus } from '../../shared/use-initial-focus';
import { saveNote } from '../../shared/rounds-api';
import type { NoteEditorProps } from '../../shared/slots';
import { MAX_NOTE_LENGTH } from '../../shared/limits';
import { mergeTexts, newerEntryOf } from './note-conflict';
import { NoteDraftNotice } from './NoteDraftNotice';
import { useNoteDraft } from './use-note-draft';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  theirs: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  textarea: { minHeight: '10rem' },
  mergeActions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

interface Conflict {
  theirs?: Note;
}

/**
 * Edits the team note. When someone saved first (409), the user's text stays in the box, theirs is
 * shown beside it, and saving again uses the newer version: nobody's words are lost silently.
 */
export function NoteEditor(props: NoteEditorProps): JSX.Element {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const textRef = useInitialFocus<HTMLTextAreaElement>();
  const { t } = i18n;
  const [conflict, setConflict] = useState<Conflict>();
  const note = conflict ? conflict.theirs : props.entry.note;
  // Unsaved text survives closing and reloading (sessionStorage) until saved or discarded.
  const draft = useNoteDraft(props.listId, props.entry, note?.text ?? '');
  const { text, setText, version, setVersion } = draft;
  const theirsId = useId();
  const cancel = (): void => {
    draft.forget();
    props.onClose();
  };
  const discardDraft = (): void => {
    draft.discard();
    textRef.current?.focus();
  };

  const saving = useMutation({
    mutationFn: (edit: { text: string; version: number }) => saveNote(api, props.listId, props.entry.id, edit.text, edit.version),
    onSuccess: (entry) => {
      draft.forget();
      props.onSaved(entry);
      props.onClose();
    },
    onError: (failure) => {
      const newer = newerEntryOf(failure);
      if (!newer) return;
      setConflict({ theirs: newer.note });
      setVersion(newer.version);
      // Show their note in the list too, whatever the user decides here; nothing was saved.
      props.onTheirs(newer);
    },
  });
  // A conflict says so in its own words above; any other failure here.
  const error =
    saving.error && !newerEntryOf(saving.error) ? t('note.failed', { reason: errorText(saving.error, i18n) }) : undefined;
  // Saved: the dialog is closing, so the buttons stay disabled.
  const isSaving = saving.isPending || saving.isSuccess;
  const save = (): void => saving.mutate({ text, version });

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('note.title', { name: props.patientName })}</DialogTitle>
          <DialogContent className={styles.content}>
            {draft.isRestored && <NoteDraftNotice onDiscard={discardDraft} />}
            {conflict && (
              <MessageBar intent="warning" layout="multiline" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>{t('note.conflictTitle')}</MessageBarTitle>
                  {t('note.conflictBody')}
                </MessageBarBody>
              </MessageBar>
            )}
            {conflict && (
              <section aria-labelledby={theirsId}>
                <Caption1 as="h3" id={theirsId}>
                  {conflict.theirs
                    ? t('note.theirs', { author: conflict.theirs.author, when: i18n.date(conflict.theirs.updatedAt) })
                    : t('note.theirsEmpty')}
                </Caption1>
                {conflict.theirs && <p className={styles.theirs}>{conflict.theirs.text}</p>}
                <div className={styles.mergeActions}>
                  {conflict.theirs && (
                    <Button size="small" onClick={() => setText((mine) => mergeTexts(mine, conflict.theirs?.text ?? ''))}>
                      {t('note.copyTheirs')}
                    </Button>
                  )}
                  <Button size="small" onClick={cancel}>
                    {t('note.useTheirs')}
                  </Button>
                </div>
              </section>
            )}
            <Field
              label={t('note.label')}
              hint={
                !conflict && note
                  ? t('note.lastEdited', { author: note.author, when: i18n.date(note.updatedAt) })
                  : t('note.hint')
              }
              validationMessage={error}
              validationState={error ? 'error' : 'none'}
            >
              <Textarea
                className={styles.textarea}
                value={text}
                resize="vertical"
                maxLength={MAX_NOTE_LENGTH}
                ref={textRef}
                onChange={(_e, data) => setText(data.value)}
              />
            </Field>
            <Caption1>{t('note.count', { count: text.length, max: MAX_NOTE_LENGTH })}</Caption1>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={cancel}>
              {t('app.cancel')}
            </Button>
            <Button appearance="primary" disabled={isSaving} onClick={save}>
              {t('note.save')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
