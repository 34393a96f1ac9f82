import { useCallback, useMemo, useState } from 'react';
import { isPlaceOpen, placeQuery, type Navigator, type Place } from './place';

/**
 * A Navigator without browser history: for views rendered on their own (component tests, a host that gives
 * none). Opening and Back behave alike, the URL and Back button are untouched.
 */
export function useMemoryNavigator(initial: Place = {}): Navigator {
  const [place, setPlace] = useState<Place>(initial);
  const back = useCallback((): boolean => {
    if (!isPlaceOpen(place)) return false;
    setPlace(place.listId ? { listId: place.listId } : {});
    return true;
  }, [place]);
  const linkTo = useCallback((to: Place) => `?${placeQuery(to)}`, []);
  return useMemo(() => ({ place, open: setPlace, replace: setPlace, back, linkTo }), [place, back, linkTo]);
}
