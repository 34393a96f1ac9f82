// @vitest-environment jsdom
// The density choice (#11 item 5) is remembered per signed-in user, under a key that names the user and nothing else.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { densityKeyOf, useDensity } from '../../tab/features/lists/use-density';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('useDensity', () => {
  test('starts comfortable, and remembers compact for that user only', () => {
    const first = renderHook(({ userId }) => useDensity(userId), { initialProps: { userId: 'user-a' } });
    expect(first.result.current[0]).toBe('comfortable');
    act(() => first.result.current[1]('compact'));
    expect(first.result.current[0]).toBe('compact');
    expect(localStorage.getItem(densityKeyOf('user-a'))).toBe('compact');
    expect(Object.keys(localStorage)).toEqual(['rounds.density.user-a']);

    // Another user of the same browser keeps their own choice.
    first.rerender({ userId: 'user-b' });
    expect(first.result.current[0]).toBe('comfortable');
    // And the first user finds theirs again, as after a reload.
    const again = renderHook(() => useDensity('user-a'));
    expect(again.result.current[0]).toBe('compact');

    act(() => again.result.current[1]('comfortable'));
    expect(localStorage.getItem(densityKeyOf('user-a'))).toBeNull();
  });

  test('still switches when the browser refuses storage', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    const { result } = renderHook(() => useDensity('user-a'));
    act(() => result.current[1]('compact'));
    expect(result.current[0]).toBe('compact');
  });

  test('remembers nothing before anyone is signed in', () => {
    const { result } = renderHook(() => useDensity(''));
    act(() => result.current[1]('compact'));
    expect(result.current[0]).toBe('compact');
    expect(localStorage.length).toBe(0);
  });
});
