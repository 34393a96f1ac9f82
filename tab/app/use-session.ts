// Who is signed in and how tokens are obtained: Teams SSO, the demo sign-in, or MSAL outside Teams.
import { useCallback, useMemo } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientConfig, Me } from '../../server/wire/contract';
import { createApiClient, isApiResponseError, type ApiClient, type TokenSource } from '../shared/api-client';
import { queryKeys } from '../shared/query-keys';
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

type Boot = { teams?: TeamsHost; config: ClientConfig };
type Started = Extract<Session, { status: 'signed-out' | 'ready' }>;

/** Finds the token source and asks the server who that is; `signOutTo` puts the session back to signed out. */
async function startSession(boot: Boot, signOutTo: (session: Started) => void): Promise<Started> {
  const signedOut = (mode: SignInMode, signIn?: () => Promise<void>): Started => ({ status: 'signed-out', mode, signIn });
  const source = await tokenSourceFor(boot.teams, boot.config);
  if (!source.getToken) return signedOut(source.mode, source.signIn);
  const onUnauthorized = (): void => {
    // An expired demo token: back to the demo sign-in. In Teams, the next call asks Teams again.
    if (!boot.teams && source.mode === 'demo') {
      clearDemoToken();
      signOutTo(signedOut('demo'));
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
            signOutTo(signedOut('demo'));
          }
        : source.signOut
          ? () => {
              // Drafts are clinical text: they go before the account does, whatever MSAL answers.
              clearAllNoteDrafts();
              void source.signOut?.().then(() => signOutTo(signedOut('aad', source.signIn)));
            }
          : undefined;
    return { status: 'ready', api, me, isDemo: boot.config.isDemo || me.isDemo === true, signOut };
  } catch (error) {
    if (isApiResponseError(error) && error.status === 401 && !boot.teams) return signedOut(source.mode, source.signIn);
    throw error;
  }
}

const STARTING: Session = { status: 'starting' };

/** The session as a query of its own: started once per page (and again by `refresh`), never refetched on focus. */
export function useSession(boot: Boot | undefined): Session & { refresh: () => void } {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.session,
    queryFn: boot
      ? () =>
          startSession(boot, (signedOut) => {
            // What was read with the old token is not for the next user.
            queryClient.removeQueries({ queryKey: queryKeys.signedIn });
            queryClient.setQueryData(queryKeys.session, signedOut);
          })
      : skipToken,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    // An API client and callbacks, not JSON: keep the object as it was made.
    structuralSharing: false,
  });
  const refresh = useCallback(() => {
    queryClient.removeQueries({ queryKey: queryKeys.signedIn });
    void queryClient.resetQueries({ queryKey: queryKeys.session });
  }, [queryClient]);
  const { data, error, isError } = query;
  return useMemo(() => {
    const session: Session = data ?? (isError ? { status: 'failed', error } : STARTING);
    return { ...session, refresh };
  }, [data, error, isError, refresh]);
}
