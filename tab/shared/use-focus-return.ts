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

/**
 * Focuses what `find` returns as soon as it is on screen (after a reload, a new list, search results),
 * checking each frame for up to `timeoutMs`, so the focus never falls to <body> while the view catches up
 * (#11 item 1). It wins over a dialog's own focus return, which may land on an element about to go.
 */
export function focusWhenReady(find: () => HTMLElement | null | undefined, timeoutMs = 4000): void {
  const startedAt = Date.now();
  const attempt = (): void => {
    const target = find();
    if (target?.isConnected) {
      target.focus();
      return;
    }
    if (Date.now() - startedAt < timeoutMs) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** True when nothing useful has the focus: <body>, or a submit button that went disabled while busy. */
export function isFocusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (active instanceof HTMLButtonElement && active.type === 'submit');
}

/**
 * After sign-in or a new list: the page's main heading (with `name`, when given) takes the focus, so a
 * screen reader says where the user is and Tab starts from the top of the view (#11 item 1).
 */
export function focusMainHeading(name?: string): void {
  // Without a name, the heading is the next view's: not one on screen now (the sign-in page's own).
  const current = new Set(name === undefined ? document.querySelectorAll('h1, h2') : []);
  focusWhenReady(() => {
    const heading = [...document.querySelectorAll<HTMLElement>('h1, h2')].find(
      (h) => !current.has(h) && (name === undefined || h.textContent?.trim() === name),
    );
    // Headings are not tab stops; -1 lets a script focus one without adding it to the tab order.
    if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    return heading;
  });
}
