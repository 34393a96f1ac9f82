// Outside Teams with Azure AD: MSAL at top level (popups are fine there, unlike in the Teams iframe).
// Loaded lazily: the demo and Teams paths never download msal-browser.
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-browser';
import type { ClientConfig } from '../../../server/wire/contract';

export interface MsalSession {
  hasAccount: () => boolean;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
  getToken: () => Promise<string>;
}

export async function createMsalSession(config: ClientConfig): Promise<MsalSession> {
  if (!config.aadClientId || !config.appIdUri) throw new Error('Azure AD sign-in is not configured');
  const scopes = [`${config.appIdUri}/access_as_user`];
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.aadClientId,
      // Multi-tenant app: any work account; the server checks the tenant allow-list.
      authority: `${config.authority}/organizations`,
      redirectUri: `${window.location.origin}/tab`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const redirect = await msal.handleRedirectPromise();
  let account: AccountInfo | null = redirect?.account ?? msal.getAllAccounts()[0] ?? null;

  return {
    hasAccount: () => account !== null,
    signIn: async () => {
      const result = await msal.loginPopup({ scopes });
      account = result.account;
    },
    signOut: async () => {
      const current = account;
      account = null;
      await msal.logoutPopup({ account: current ?? undefined });
    },
    getToken: async () => {
      if (!account) throw new Error('Sign in first');
      try {
        return (await msal.acquireTokenSilent({ scopes, account })).accessToken;
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
        const result = await msal.acquireTokenPopup({ scopes, account });
        account = result.account;
        return result.accessToken;
      }
    },
  };
}
