// createApp(deps): middleware order, routers, the one error handler. The only place features meet.
import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Authenticator } from './auth/user.js';
import type { DemoIdentity } from './auth/demo-identity.js';
import { constants as zlibConstants } from 'node:zlib';
import compression from 'compression';
import { securityHeaders } from './http/security-headers.js';
import { staticTab } from './http/static-tab.js';
import { COMPRESS_FROM_BYTES } from './http/etag.js';
import { errorHandler, apiNotFound } from './http/error-handler.js';
import { authenticate } from './http/authenticate.js';
import { requestLog } from './http/request-log.js';
import { DEFAULT_RATE_LIMIT, rateLimitPerUser, type RateLimit } from './http/rate-limit.js';
import { healthRoutes, demoRoutes, meRoutes, readyRoutes } from './api/session-routes.js';
import { Readiness } from './http/readiness.js';
import { httpMetrics, metricsRoute } from './http/metrics-route.js';
import { clientConfigRoutes } from './api/client-config-routes.js';
import { patientRoutes } from './api/patient-routes.js';
import type { Ehr } from './fhir/ehr.js';
import type { ListStore } from './lists/list-store.js';
import type { Membership } from './teams/membership.js';
import { createListServices } from './lists/create-list-services.js';
import { listRoutes } from './api/list-routes.js';
import { DEFAULT_TAB_DIR } from './paths.js';
import { auditRoutes } from './api/audit-routes.js';
import { jwksRoute } from './http/jwks-route.js';
import type { JsonWebKeySet } from './partner/jwks.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  authenticator: Authenticator;
  /** Present in demo mode only. */
  demoIdentity?: DemoIdentity;
  /** The built tab (Vite's output); `npm run build` makes it. */
  tabDir?: string;
  version?: string;
  /** Live EHR data (server/fhir/ehr-service.ts); the patient endpoints are mounted when present. */
  ehr?: Ehr;
  /** Patient lists and the audit trail (server/lists/open-store.ts); the lists and audit endpoints are mounted when present. */
  store?: ListStore;
  /**
   * Who is in a channel's, chat's or meeting's roster (Microsoft Graph, or the demo's teams). Absent: every
   * member of a tenant sees every shared context (TEAMS_ACCESS_CHECK=off).
   */
  membership?: Membership;
  /** Requests per signed-in user (tenant and user of the verified token); DEFAULT_RATE_LIMIT when absent. */
  rateLimit?: RateLimit;
  /** What /api/ready asks (the store, Redis) and whether this instance drains; ready when absent. */
  readiness?: Readiness;
  /** The public keys of SMART Backend Services connections, at /.well-known/jwks.json; an empty set when absent. */
  jwks?: JsonWebKeySet;
}


export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.isProduction ? 1 : false);

  app.use(securityHeaders({ isHttps: config.publicUrl.startsWith('https://'), aadAuthority: config.aad.authority }));
  app.use(requestLog(logger));
  app.use(httpMetrics());
  app.get('/metrics', metricsRoute(config.metricsAllow));
  app.get('/.well-known/jwks.json', jwksRoute(deps.jwks ?? { keys: [] }));
  // JSON over 1 KB leaves compressed (Brotli at quality 4, or gzip); the tab's assets come precompressed. A
  // 256 KB Brotli window (not 4 MB) keeps a hundred answers compressed at once from costing hundreds of MB.
  app.use(
    compression({
      threshold: COMPRESS_FROM_BYTES,
      brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_LGWIN]: 18 } },
    }),
  );

  const api = express.Router();
  const jsonBody = express.json({ limit: '1mb', type: ['application/json', 'application/fhir+json'] });
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(healthRoutes(deps.version ?? '0.0.0', deps.membership ? config.teams.accessCheck : 'off'));
  api.use(readyRoutes(deps.readiness ?? new Readiness()));
  api.use(clientConfigRoutes(config));
  if (deps.demoIdentity) api.use('/demo', jsonBody, demoRoutes(deps.demoIdentity));
  // The token is checked (and the caller counted) before a body of up to 1 MB is read.
  api.use(authenticate(deps.authenticator));
  api.use(rateLimitPerUser(deps.rateLimit ?? DEFAULT_RATE_LIMIT));
  api.use(jsonBody);
  api.use(meRoutes());
  const lists = deps.store ? createListServices({ store: deps.store, membership: deps.membership, ehr: deps.ehr }) : undefined;
  if (deps.ehr) api.use(patientRoutes({ ehr: deps.ehr, audit: lists?.auditLog, lists: lists?.lists, changes: lists?.changes }));
  if (lists) {
    api.use(listRoutes(lists));
    api.use(auditRoutes(lists.audit));
  }
  api.use(apiNotFound());
  app.use('/api', api);

  const tabDir = deps.tabDir ?? DEFAULT_TAB_DIR;
  if (existsSync(tabDir)) {
    app.use(staticTab(tabDir));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Rounds API is running. Build the tab with `npm run build`.');
    });
  }

  // Anything unmatched gets our OperationOutcome 404 with our headers: Express's own 404 page would replace
  // the CSP with `default-src 'none'` and drop frame-ancestors.
  app.use(apiNotFound());
  app.use(errorHandler(logger));
  return app;
}
