import { useEffect, useState, useSyncExternalStore } from 'react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsHost, ThemeName } from './teams';

export const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

const hasMatchMedia = (): boolean => typeof window.matchMedia === 'function';

/** Outside Teams the browser's own settings choose: forced colours, then dark mode. */
function browserTheme(): ThemeName {
  if (!hasMatchMedia()) return 'default';
  if (window.matchMedia('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

/** Follows the browser's dark-mode and forced-colours settings as they change. */
function subscribeToBrowserTheme(onChange: () => void): () => void {
  if (!hasMatchMedia()) return () => undefined;
  const queries = [window.matchMedia('(prefers-color-scheme: dark)'), window.matchMedia('(forced-colors: active)')];
  queries.forEach((q) => q.addEventListener('change', onChange));
  return () => queries.forEach((q) => q.removeEventListener('change', onChange));
}

/**
 * The theme of the Teams context, following Teams' theme changes; the browser's outside Teams. Before the boot has
 * said which, the default: a browser's dark mode must not flash inside a light Teams.
 */
export function useThemeName(teams: TeamsHost | undefined, isBooted: boolean): ThemeName {
  const browser = useSyncExternalStore(subscribeToBrowserTheme, browserTheme, () => 'default' as const);
  // The theme Teams last switched to, for the host that said so.
  const [changed, setChanged] = useState<{ teams: TeamsHost; theme: ThemeName }>();
  useEffect(() => {
    teams?.onThemeChange((theme) => setChanged({ teams, theme }));
  }, [teams]);
  if (teams) return changed?.teams === teams ? changed.theme : teams.context.theme;
  return isBooted ? browser : 'default';
}
