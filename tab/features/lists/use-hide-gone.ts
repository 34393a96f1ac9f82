// The list's "Hide discharged and deceased" toggle, remembered in this browser per list. The key holds the
// list id only (no patient data); storage a webview refuses just means the toggle is not remembered.
import { useCallback, useState } from 'react';

const keyOf = (listId: string): string => `rounds.hideGone.${listId}`;

function read(listId: string | undefined): boolean {
  if (!listId) return false;
  try {
    return window.localStorage.getItem(keyOf(listId)) === '1';
  } catch {
    return false;
  }
}

function write(listId: string, isHiding: boolean): void {
  try {
    if (isHiding) window.localStorage.setItem(keyOf(listId), '1');
    else window.localStorage.removeItem(keyOf(listId));
  } catch {
    // Storage refused (private mode, a locked-down webview): the choice lasts until the tab closes.
  }
}

export function useHideGone(listId: string | undefined): [isHiding: boolean, setHiding: (isHiding: boolean) => void] {
  const [chosen, setChosen] = useState<{ listId?: string; isHiding: boolean }>(() => ({ listId, isHiding: read(listId) }));
  const isHiding = chosen.listId === listId ? chosen.isHiding : read(listId);
  const setHiding = useCallback(
    (next: boolean) => {
      if (listId) write(listId, next);
      setChosen({ listId, isHiding: next });
    },
    [listId],
  );
  return [isHiding, setHiding];
}
