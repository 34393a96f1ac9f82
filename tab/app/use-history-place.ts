// The tab's place (shared/place.ts) kept in the URL and the browser's history: opening a patient, the
// rounding sheet or another list pushes an entry, Back (the browser's, or Teams' through teams-js) pops it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isPlaceOpen, isSamePlace, placeOfSearch, searchWithPlace, type Navigator, type Place } from '../shared/place';

/** This page load: history entries pushed by an earlier load (before a reload) belong to another document. */
const DOCUMENT_ID = Math.random().toString(36).slice(2);

/** What the tab keeps in `history.state`, beside anything else there. */
interface OwnEntry {
  document: string;
  /** How many entries this load pushed before this one: Back stays in the tab while it is above 0. */
  depth: number;
}

function ownEntryOf(state: unknown): OwnEntry | undefined {
  const entry = (state as { rounds?: OwnEntry } | null)?.rounds;
  return entry && typeof entry.document === 'string' && typeof entry.depth === 'number' ? entry : undefined;
}

/** True when the current history entry was written by the tab: the page was reloaded there. */
export function isOwnHistoryEntry(): boolean {
  return ownEntryOf(window.history.state) !== undefined;
}

function urlOf(place: Place): string {
  const search = searchWithPlace(window.location.search, place);
  return `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
}

function stateWith(entry: OwnEntry): unknown {
  const state: unknown = window.history.state;
  return { ...(state && typeof state === 'object' ? state : {}), rounds: entry };
}

/** How long Back waits for the browser's popstate before it may go back again (a double Escape goes back once). */
const BACK_SETTLE_MS = 1_000;

/** `isActive` is false on the configuration and removal pages, whose URLs and history the tab leaves alone. */
export function useHistoryPlace(initial: Place, linkTo: (place: Place) => string, isActive = true): Navigator {
  const [place, setPlace] = useState<Place>(initial);
  // Read once, when the tab starts.
  const initialRef = useRef(initial);
  const placeRef = useRef(place);
  const backPending = useRef<ReturnType<typeof setTimeout>>(undefined);

  const show = useCallback((next: Place) => {
    placeRef.current = next;
    setPlace((current) => (isSamePlace(current, next) ? current : next));
  }, []);

  useEffect(() => {
    if (!isActive) return;
    // The entry the tab opened on names its place too, so a reload (or a Teams deep link's place) stays put.
    const entry = ownEntryOf(window.history.state);
    window.history.replaceState(stateWith(entry?.document === DOCUMENT_ID ? entry : { document: DOCUMENT_ID, depth: 0 }), '', urlOf(initialRef.current));
    const onPopState = (): void => {
      clearTimeout(backPending.current);
      backPending.current = undefined;
      show(placeOfSearch(window.location.search));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [show, isActive]);

  const open = useCallback(
    (next: Place) => {
      if (isSamePlace(next, placeRef.current)) return;
      const entry = ownEntryOf(window.history.state);
      const depth = entry?.document === DOCUMENT_ID ? entry.depth + 1 : 1;
      window.history.pushState(stateWith({ document: DOCUMENT_ID, depth }), '', urlOf(next));
      show(next);
    },
    [show],
  );

  const replace = useCallback(
    (next: Place) => {
      const entry = ownEntryOf(window.history.state) ?? { document: DOCUMENT_ID, depth: 0 };
      window.history.replaceState(stateWith(entry), '', urlOf(next));
      show(next);
    },
    [show],
  );

  const back = useCallback((): boolean => {
    const current = placeRef.current;
    const entry = ownEntryOf(window.history.state);
    if (entry?.document === DOCUMENT_ID && entry.depth > 0) {
      if (backPending.current === undefined) {
        backPending.current = setTimeout(() => (backPending.current = undefined), BACK_SETTLE_MS);
        window.history.back();
      }
      // Closed at once, not when popstate comes: a close button must never wait on the browser.
      if (isPlaceOpen(current)) show({ ...(current.listId ? { listId: current.listId } : {}) });
      return true;
    }
    // Opened by a link or a reload, with nothing of ours behind it: close in place, so Back leaves the tab after.
    if (isPlaceOpen(current)) {
      replace({ ...(current.listId ? { listId: current.listId } : {}) });
      return true;
    }
    return false;
  }, [show, replace]);

  return useMemo(() => ({ place, open, replace, back, linkTo }), [place, open, replace, back, linkTo]);
}
