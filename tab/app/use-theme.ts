import { useEffect, useState } from 'react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsHost, ThemeName } from './teams';

export const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Outside Teams the browser's own settings choose: forced colours, then dark mode. */
function browserTheme(): ThemeName {
  if (typeof window.matchMedia !== 'function') return 'default';
  if (window.matchMedia('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

/** The theme of the Teams context, following Teams' theme changes; the browser's outside Teams. */
export function useThemeName(teams: TeamsHost | undefined, isBooted: boolean): ThemeName {
  const [theme, setTheme] = useState<ThemeName>(() => teams?.context.theme ?? 'default');
  useEffect(() => {
    if (!isBooted) return;
    if (teams) {
      setTheme(teams.context.theme);
      teams.onThemeChange(setTheme);
      return;
    }
    setTheme(browserTheme());
    if (typeof window.matchMedia !== 'function') return;
    const queries = [window.matchMedia('(prefers-color-scheme: dark)'), window.matchMedia('(forced-colors: active)')];
    const update = (): void => setTheme(browserTheme());
    queries.forEach((q) => q.addEventListener('change', update));
    return () => queries.forEach((q) => q.removeEventListener('change', update));
  }, [teams, isBooted]);
  return theme;
}
