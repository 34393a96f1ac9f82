// How tightly the patients are shown (#11 item 5): "comfortable" (every value, wrapped) or "compact" (a line or two
// per row on a desktop, a name, bed and vitals line per patient on a phone). Remembered in this browser per signed-in
// user: the key holds the user's directory id only, no patient data; storage a webview refuses just means the
// choice lasts until the tab closes.
import { useCallback, useState } from 'react';

export type Density = 'comfortable' | 'compact';

export const densityKeyOf = (userId: string): string => `rounds.density.${userId}`;

function read(userId: string): Density {
  if (!userId) return 'comfortable';
  try {
    return window.localStorage.getItem(densityKeyOf(userId)) === 'compact' ? 'compact' : 'comfortable';
  } catch {
    return 'comfortable';
  }
}

function write(userId: string, density: Density): void {
  if (!userId) return;
  try {
    if (density === 'compact') window.localStorage.setItem(densityKeyOf(userId), 'compact');
    else window.localStorage.removeItem(densityKeyOf(userId));
  } catch {
    // Storage refused (private mode, a locked-down webview): the choice lasts until the tab closes.
  }
}

export function useDensity(userId: string): [density: Density, setDensity: (density: Density) => void] {
  const [chosen, setChosen] = useState<{ userId: string; density: Density }>(() => ({ userId, density: read(userId) }));
  const density = chosen.userId === userId ? chosen.density : read(userId);
  const setDensity = useCallback(
    (next: Density) => {
      write(userId, next);
      setChosen({ userId, density: next });
    },
    [userId],
  );
  return [density, setDensity];
}
