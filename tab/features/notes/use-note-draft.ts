import { useCallback, useEffect, useState } from 'react';
import type { Entry } from '../../../server/wire/contract';
import { clearNoteDraft, readNoteDraft, writeNoteDraft, type NoteDraft } from '../../shared/note-drafts';

export interface NoteDraftState {
  text: string;
  setText: (update: string | ((text: string) => string)) => void;
  /** The entry version a save is checked against: the draft's own, so a colleague's save in between is a conflict. */
  version: number;
  setVersion: (version: number) => void;
  /** The text came back from an unsaved draft (after a reload, or after closing without saving). */
  isRestored: boolean;
  /** Back to the saved note; the draft is gone. */
  discard: () => void;
  /** The draft is saved or abandoned on purpose (Cancel, Keep theirs): forget it. */
  forget: () => void;
}

function restoredDraft(listId: string, entry: Entry): NoteDraft | undefined {
  const draft = readNoteDraft(listId, entry.id);
  return draft && draft.text !== (entry.note?.text ?? '') ? draft : undefined;
}

/**
 * The note editor's text, kept as a draft in sessionStorage while it differs from the saved note,
 * and guarded by the browser's "leave site?" prompt until then.
 */
export function useNoteDraft(listId: string, entry: Entry, savedText: string): NoteDraftState {
  const [restored] = useState(() => restoredDraft(listId, entry));
  const [text, setText] = useState(restored?.text ?? entry.note?.text ?? '');
  const [version, setVersion] = useState(restored?.version ?? entry.version);
  const [isRestored, setIsRestored] = useState(restored !== undefined);
  const isDirty = text !== savedText;

  useEffect(() => {
    if (isDirty) writeNoteDraft(listId, entry.id, { text, version });
    else clearNoteDraft(listId, entry.id);
  }, [listId, entry.id, text, version, isDirty]);

  useEffect(() => {
    if (!isDirty) return;
    // Browsers show their own wording; preventDefault (and returnValue for older engines) asks for it.
    // html.spec.whatwg.org/multipage/nav-history-apis.html#beforeunloadevent
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const forget = useCallback(() => clearNoteDraft(listId, entry.id), [listId, entry.id]);
  const discard = useCallback(() => {
    clearNoteDraft(listId, entry.id);
    setText(entry.note?.text ?? '');
    setVersion(entry.version);
    setIsRestored(false);
  }, [listId, entry]);

  return { text, setText, version, setVersion, isRestored, discard, forget };
}
