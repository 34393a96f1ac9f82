// Who is signed in and how tokens are obtained: Teams SSO, the demo sign-in, or MSAL outside Teams.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClientConfig, Me } from '../../server/wire/contract';
import { createApiClient, isApiResponseError, type ApiClient, type TokenSource } from '../shared/api-client';
import { getMe } from '../shared/rounds-api';
import { clearDemoToken, readDemoToken } from '../features/sign-in/demo-token';
import { clearAllNoteDrafts } from '../shared/note-drafts';
import type { TeamsHost } from './teams';

export type SignInMode = 'demo' | 'aad' | 'none';

export type Session =
  | { status: 'starting' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-out'; mode: SignInMode; signIn?: () => Promise<void> }
  | { status: 'ready'; api: ApiClient; me: Me; isDemo: boolean; signOut?: () => void };

interface Source {
  getToken?: TokenSource;
  mode: SignInMode;
  signIn?: () => Promise<void>;
  signOut?: () => Promise<void>;
}

async function tokenSourceFor(teams: TeamsHost | undefined, config: ClientConfig): Promise<Source> {
  if (teams) return { getToken: () => teams.getAuthToken(), mode: 'none' };
  if (config.isDemo) {
    const token = readDemoToken();
    return { mode: 'demo', getToken: token ? () => Promise.resolve(token) : undefined };
  }
  if (config.aadClientId && config.appIdUri) {
    const { createMsalSession } = await import('../features/sign-in/msal-session');
    const msal = await createMsalSession(config);
    return {
      mode: 'aad',
      getToken: msal.hasAccount() ? msal.getToken : undefined,
      signIn: msal.signIn,
      signOut: msal.signOut,
    };
  }
  return { mode: 'none' };
}

export function useSession(
  boot: { teams?: TeamsHost; config: ClientConfig } | undefined,
): Session & { refresh: () => void } {
  const [session, setSession] = useState<Session>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    if (!boot) return;
    let isCurrent = true;
    const signedOut = (mode: SignInMode, signIn?: () => Promise<void>): void => {
      if (isCurrent) setSession({ status: 'signed-out', mode, signIn });
    };
    const start = async (): Promise<void> => {
      const source = await tokenSourceFor(boot.teams, boot.config);
      if (!source.getToken) return signedOut(source.mode, source.signIn);
      const onUnauthorized = (): void => {
        // An expired demo token: back to the demo sign-in. In Teams, the next call asks Teams again.
        if (!boot.teams && source.mode === 'demo') {
          clearDemoToken();
          signedOut('demo');
        }
      };
      const api = createApiClient({ getToken: source.getToken, onUnauthorized });
      try {
        const me = await getMe(api);
        const signOut =
          source.mode === 'demo'
            ? () => {
                clearAllNoteDrafts();
                clearDemoToken();
                signedOut('demo');
              }
            : source.signOut
              ? () => {
                  // Drafts are clinical text: they go before the account does, whatever MSAL answers.
                  clearAllNoteDrafts();
                  void source.signOut?.().then(() => signedOut('aad', source.signIn));
                }
              : undefined;
        if (isCurrent) setSession({ status: 'ready', api, me, isDemo: boot.config.isDemo || me.isDemo === true, signOut });
      } catch (error) {
        if (isApiResponseError(error) && error.status === 401 && !boot.teams) return signedOut(source.mode, source.signIn);
        throw error;
      }
    };
    setSession({ status: 'starting' });
    start().catch((error: unknown) => {
      if (isCurrent) setSession({ status: 'failed', error });
    });
    return () => {
      isCurrent = false;
    };
  }, [boot, attempt]);

  return useMemo(() => ({ ...session, refresh }), [session, refresh]);
}
