// Where the user is in the tab: which list, which patient's details, or the list's rounding sheet. It is
// written in the URL (so a reload returns there and a link can be shared) and in the browser's history (so
// Back closes what was opened). Pure, apart from the Navigator the app implements (app/use-history-place.ts).

export interface Place {
  listId?: string;
  /** The list entry whose details are open: an opaque id of the list, never a name or another identifier. */
  entryId?: string;
  view?: 'sheet';
}

/** The URL's query parameters for a place; any other parameter of the URL is left as it is. */
const KEYS = { listId: 'listId', entryId: 'patient', view: 'view' } as const;

/** Reads a place from a query string (`?listId=…&patient=…`) or a Teams subPageId written by `placeQuery`. */
export function placeOfSearch(search: string): Place {
  const params = new URLSearchParams(search);
  const listId = params.get(KEYS.listId) || undefined;
  const entryId = params.get(KEYS.entryId) || undefined;
  const view = params.get(KEYS.view) === 'sheet' ? 'sheet' : undefined;
  return { ...(listId ? { listId } : {}), ...(entryId ? { entryId } : {}), ...(view ? { view } : {}) };
}

/** `search` with the place's parameters set (and those the place lacks removed), without the leading "?". */
export function searchWithPlace(search: string, place: Place): string {
  const params = new URLSearchParams(search);
  for (const key of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
    const value = place[key];
    if (value) params.set(KEYS[key], value);
    else params.delete(KEYS[key]);
  }
  return params.toString();
}

/** The place alone as a query string: the shared link's query and the Teams deep link's subEntityId. */
export function placeQuery(place: Place): string {
  return searchWithPlace('', place);
}

export function isSamePlace(a: Place, b: Place): boolean {
  return a.listId === b.listId && a.entryId === b.entryId && a.view === b.view;
}

/** True when a patient's details or the rounding sheet are open over the list. */
export function isPlaceOpen(place: Place): boolean {
  return Boolean(place.entryId || place.view);
}

/** The tab's history, as the views use it (app/use-history-place.ts implements it). */
export interface Navigator {
  place: Place;
  /** Goes to a place in a new history entry: Back comes back here. */
  open: (place: Place) => void;
  /** Goes to a place in the current history entry (nothing for Back to undo). */
  replace: (place: Place) => void;
  /**
   * Back within the tab: closes the open patient or sheet, or returns to the list opened before. False when
   * there is nothing to go back to in the tab (Teams then navigates on its own).
   */
  back: () => boolean;
  /** A link to a place for a teammate: a Teams deep link in Teams, this page's URL elsewhere. */
  linkTo: (place: Place) => string;
}
