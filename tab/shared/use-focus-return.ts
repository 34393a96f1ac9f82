import { useCallback, useRef } from 'react';

/**
 * Remembers the focused element when a dialog or drawer opens and puts the focus back when it closes,
 * or on `fallback` when that element is gone (e.g. the row was removed). `fallback` is looked up only
 * then, once the view behind the dialog is back (the rounding sheet replaces the whole list panel).
 */
export function useFocusReturn(): { remember(): void; restore(fallback?: () => HTMLElement | null | undefined): void } {
  const opener = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const restore = useCallback((fallback?: () => HTMLElement | null | undefined) => {
    const previous = opener.current;
    opener.current = null;
    // After the closing dialog has released its focus trap, and the view behind it has rendered.
    setTimeout(() => (previous?.isConnected ? previous : fallback?.())?.focus(), 0);
  }, []);
  return { remember, restore };
}
