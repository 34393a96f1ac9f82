import { useEffect, useRef, type RefObject } from 'react';

/**
 * Puts the focus on this element when a dialog opens. Fluent's Dialog focuses its first focusable
 * element in an effect that runs after ours, so ours waits one task to have the last word.
 */
export function useInitialFocus<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    const timer = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  return ref;
}
