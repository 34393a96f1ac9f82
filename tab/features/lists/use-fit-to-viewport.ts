import { useCallback, useEffect, useState } from 'react';

/**
 * A max-height that ends the element at the bottom of the viewport, so a scroll container's horizontal scrollbar
 * stays on screen instead of below its last row (#11 item 4). Measured, since what sits above the grid (toolbar,
 * error notices, the changes bar) changes height.
 */
export function useFitToViewport(): { ref: (element: HTMLElement | null) => void; maxHeight: string | undefined } {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [top, setTop] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (!element) return;
    const measure = (): void => setTop(Math.round(element.getBoundingClientRect().top + window.scrollY));
    measure();
    // jsdom (unit tests) has no ResizeObserver; there the window's resize is enough.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [element]);

  const ref = useCallback((el: HTMLElement | null) => setElement(el), []);
  // Never shorter than a few rows, however little room a phone in landscape leaves.
  const maxHeight = top === undefined ? undefined : `max(15rem, calc(100vh - ${top}px - 1rem))`;
  return { ref, maxHeight };
}
