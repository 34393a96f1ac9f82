// Open, non-secret configuration the tab needs before sign-in: demo mode or Azure AD, and how to sign in.
import { Router } from 'express';
import { appIdUriOf, type Config } from '../config.js';
import type { ClientConfig } from '../wire/contract.js';

export function clientConfigRoutes(config: Config): Router {
  const router = Router();
  const body: ClientConfig = {
    isDemo: config.isDemo,
    aadClientId: config.aad.clientId,
    appIdUri: appIdUriOf(config),
    authority: config.aad.authority,
    autoRefreshSeconds: config.autoRefreshSeconds,
  };
  router.get('/client-config', (_req, res) => {
    res.json(body);
  });
  return router;
}
