// Open, non-secret configuration the tab needs before sign-in: demo mode or Azure AD, and how to sign in.
import { Router } from 'express';
import type { Config } from '../config.js';
import type { ClientConfig } from '../wire/contract.js';

/** The App ID URI Teams SSO and MSAL ask tokens for: configured, else api://<public host>/<client id>. */
export function appIdUriOf(config: Config): string | undefined {
  if (config.aad.appIdUri) return config.aad.appIdUri;
  if (!config.aad.clientId) return undefined;
  return `api://${new URL(config.publicUrl).host}/${config.aad.clientId}`;
}

export function clientConfigRoutes(config: Config): Router {
  const router = Router();
  const body: ClientConfig = {
    isDemo: config.isDemo,
    aadClientId: config.aad.clientId,
    appIdUri: appIdUriOf(config),
    authority: config.aad.authority,
  };
  router.get('/client-config', (_req, res) => {
    res.json(body);
  });
  return router;
}
