// @vitest-environment jsdom
// #11 item 6: the place in the URL and the history (use-history-place), as the browser test drives it in Chromium.
import { afterEach, describe, expect, test } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { isOwnHistoryEntry, useHistoryPlace } from '../../tab/app/use-history-place';
import type { Place } from '../../tab/shared/place';

const linkTo = (place: Place): string => `link:${place.entryId ?? ''}`;

function start(url: string, initial: Place) {
  window.history.replaceState(null, '', url);
  return renderHook(() => useHistoryPlace(initial, linkTo));
}

afterEach(cleanup);

describe('the place in the URL and the history', () => {
  test('opening a patient pushes an entry; back() closes it at once and pops that entry', async () => {
    const { result } = start('/tab?listId=l-1&lang=fr', { listId: 'l-1' });
    expect(isOwnHistoryEntry()).toBe(true);
    const before = window.history.length;
    act(() => result.current.open({ listId: 'l-1', entryId: 'e-1' }));
    expect(window.history.length).toBe(before + 1);
    expect(window.location.search).toBe('?listId=l-1&lang=fr&patient=e-1');

    act(() => {
      expect(result.current.back()).toBe(true);
      // A second press before the browser has answered goes back once only.
      expect(result.current.back()).toBe(true);
    });
    expect(result.current.place).toEqual({ listId: 'l-1' });
    await waitFor(() => expect(window.location.search).toBe('?listId=l-1&lang=fr'));
    // Back at the entry the tab opened on: nothing of the tab's behind it, so Back is Teams' (or the browser's).
    await waitFor(() => expect(result.current.back()).toBe(false));
    expect(result.current.place).toEqual({ listId: 'l-1' });
  });

  test('a patient opened by a link or a reload closes in place, so Back then leaves the tab', () => {
    const { result } = start('/tab', { listId: 'l-2', entryId: 'e-2' });
    expect(window.location.search).toBe('?listId=l-2&patient=e-2');
    const before = window.history.length;
    act(() => expect(result.current.back()).toBe(true));
    expect(result.current.place).toEqual({ listId: 'l-2' });
    expect(window.location.search).toBe('?listId=l-2');
    expect(window.history.length).toBe(before);
    act(() => expect(result.current.back()).toBe(false));
  });

  test('Back and Forward in the browser move between the places (popstate)', async () => {
    const { result } = start('/tab', { listId: 'l-3' });
    act(() => result.current.open({ listId: 'l-4' }));
    act(() => result.current.open({ listId: 'l-4', view: 'sheet' }));
    act(() => window.history.back());
    await waitFor(() => expect(result.current.place).toEqual({ listId: 'l-4' }));
    act(() => window.history.back());
    await waitFor(() => expect(result.current.place).toEqual({ listId: 'l-3' }));
    act(() => window.history.forward());
    await waitFor(() => expect(result.current.place).toEqual({ listId: 'l-4' }));
    expect(result.current.linkTo({ entryId: 'e-9' })).toBe('link:e-9');
  });
});
