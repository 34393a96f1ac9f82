// The demo token lives in sessionStorage: it ends with the browser tab, and demo mode only.
const KEY = 'rounds.demoToken';

export function readDemoToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked (e.g. partitioned in an iframe)
  }
}

export function saveDemoToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // The session still works for this page; it just won't survive a reload.
  }
}

export function clearDemoToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
