// Unsaved team-note drafts, kept in this tab's sessionStorage so a reload does not lose them.
// Never localStorage: a draft is clinical text and must not outlive the browser session or the
// sign-out. The key names only the list and the entry (opaque ids), never the patient.

const PREFIX = 'rounds.draft.';

export interface NoteDraft {
  text: string;
  /** The entry version the draft was written against: saving it later still detects a colleague's save. */
  version: number;
}

const keyOf = (listId: string, entryId: string): string => `${PREFIX}${listId}.${entryId}`;

// Storage can be unavailable (blocked third-party storage in an iframe, quota): a draft is then
// simply not kept, and nothing else breaks.
function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function isNoteDraft(value: unknown): value is NoteDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return typeof draft.text === 'string' && typeof draft.version === 'number';
}

export function readNoteDraft(listId: string, entryId: string): NoteDraft | undefined {
  try {
    const raw = storage()?.getItem(keyOf(listId, entryId));
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return isNoteDraft(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeNoteDraft(listId: string, entryId: string, draft: NoteDraft): void {
  try {
    storage()?.setItem(keyOf(listId, entryId), JSON.stringify(draft));
  } catch {
    // Full or blocked storage: the beforeunload warning still guards the text.
  }
}

export function clearNoteDraft(listId: string, entryId: string): void {
  try {
    storage()?.removeItem(keyOf(listId, entryId));
  } catch {
    // Nothing was kept.
  }
}

/** On sign-out: every draft of this browser tab goes, whoever wrote it. */
export function clearAllNoteDrafts(): void {
  const store = storage();
  if (!store) return;
  try {
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
      (key): key is string => key?.startsWith(PREFIX) === true,
    );
    for (const key of keys) store.removeItem(key);
  } catch {
    // Nothing more can be done without storage.
  }
}
