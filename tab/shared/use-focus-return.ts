import { useCallback, useRef } from 'react';

/**
 * Remembers the focused element when a dialog or drawer opens and puts the focus back when it closes,
 * or on `fallback` when that element is gone (e.g. the row was removed).
 */
export function useFocusReturn(): { remember(): void; restore(fallback?: HTMLElement | null): void } {
  const opener = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const restore = useCallback((fallback?: HTMLElement | null) => {
    const target = opener.current?.isConnected ? opener.current : fallback;
    opener.current = null;
    // After the closing dialog has released its focus trap.
    setTimeout(() => target?.focus(), 0);
  }, []);
  return { remember, restore };
}
