// Builds every collaborator from the parsed config and starts listening. main.ts and the end-to-end
// tests both start Rounds through here, so the tests run the same wiring as production.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appIdUriOf, type Config } from './config.js';
import type { Logger } from './logger.js';
import { createApp } from './app.js';
import { DemoIdentity, chainAuthenticators } from './auth/demo-identity.js';
import type { Authenticator } from './auth/user.js';
import { unauthorized } from './errors.js';
import { AadVerifier } from './auth/aad-verifier.js';
import { createEhr, type EhrTuning } from './fhir/create-ehr.js';
import { loadTenantRoutes } from './partner/tenant-routes-file.js';
import type { EndpointConfig } from './partner/endpoint-config.js';
import { jwksOf } from './partner/jwks.js';
import type { RunningDemoPartner } from './demo/demo-partner.js';
import { openStore } from './lists/open-store.js';
import type { Membership } from './teams/membership.js';
import { cached, createGraphMembership } from './teams/create-membership.js';
import { ACCESS_OFF_WARNING } from './api/session-routes.js';
import { timedStore } from './lists/timed-store.js';
import type { SharedState } from './redis/shared-state.js';
import { Readiness } from './http/readiness.js';
import { DEFAULT_RATE_LIMIT } from './http/rate-limit.js';

/** How long close() lets requests in flight finish before it cuts their connections. */
export const DEFAULT_DRAIN_MS = 10_000;

export interface StartOptions {
  logger: Logger;
  version?: string;
  /** The built tab; defaults to dist/tab. */
  tabDir?: string;
  /** Shorter partner and FHIR timeouts, for tests. */
  ehrTuning?: EhrTuning;
  /** How long close() lets requests in flight finish before it cuts their connections (DEFAULT_DRAIN_MS). */
  drainMs?: number;
  /** A shorter deadline for a membership check through Graph, for tests. */
  accessTimeoutMs?: number;
  /**
   * In demo mode, a demo partner already started (with its SMART hospital) instead of one of its own, so a test
   * can play the EHR (record a vital) while a browser uses Rounds. It is not closed with Rounds.
   */
  demoPartner?: RunningDemoPartner;
}

export interface RunningRounds {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Start-up stopped for a reason an admin can act on: main.ts prints it and exits 1, without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function listenFailure(error: Error, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new StartupError(`Port ${config.port} on ${config.host} is in use: stop what listens there, or set PORT`);
  if (code === 'EACCES') return new StartupError(`Port ${config.port} on ${config.host} needs privileges Rounds does not have: set PORT`);
  if (code === 'EADDRNOTAVAIL') return new StartupError(`HOST ${config.host} is not an address of this machine`);
  return error;
}

async function connectShared(redis: NonNullable<Config['redis']>, logger: Logger): Promise<SharedState> {
  const { connectSharedState } = await import('./redis/shared-state.js');
  return connectSharedState(redis, logger);
}

export async function startRounds(config: Config, options: StartOptions): Promise<RunningRounds> {
  const { logger } = options;
  const closers: Array<() => Promise<void>> = [];
  // Every tenant reaches its data through the partner (or the demo partner), unless TENANT_ROUTES_FILE
  // gives it its own endpoint; a bad routes file stops start-up, before anything runs, naming each problem.
  const routes = new Map<string, EndpointConfig>(config.tenantRoutesFile ? loadTenantRoutes(config.tenantRoutesFile) : []);
  // The lists' database (DATABASE_URL), migrated before anything listens; closed after the server stops.
  const store = timedStore(await openStore(config.databaseUrl, { ssl: config.databaseSsl }));
  // REDIS_URL: rate limits and partner tokens shared by every instance. An instance starts while Redis is
  // away (/api/ready says 503 until it answers) and falls back to its own counts and tokens meanwhile.
  // Loaded only when configured, like the stores' drivers.
  const shared = config.redis ? await connectShared(config.redis, logger) : undefined;
  if (shared) closers.push(() => shared.redis.close());
  const readiness = new Readiness({ database: () => store.ping(), ...(shared ? { Redis: () => shared.redis.ping() } : {}) });

  let authenticator: Authenticator = {
    authenticate: () => Promise.reject(unauthorized('Azure AD sign-in is not configured')),
  };
  let demoIdentity: DemoIdentity | undefined;
  let membership: Membership | undefined;
  /** Tells the demo's SMART hospital where Rounds' keys are, once Rounds listens at this origin. */
  let registerDemoClient: ((origin: string) => void) | undefined;
  if (config.teams.accessCheck === 'graph') membership = createGraphMembership(config, logger, options.accessTimeoutMs);
  if (config.teams.accessCheck === 'off') logger.warn(ACCESS_OFF_WARNING);
  if (config.isDemo) {
    // Only demo mode loads the demo partner: production code paths never import server/demo.
    const { startDemoPartner, DEMO_SMART_CLIENT_ID, DEMO_SMART_TENANT_ID } = await import('./demo/demo-partner.js');
    const partner =
      options.demoPartner ?? (await startDemoPartner({ host: '127.0.0.1', port: 0, hospitals: [{ tenantId: DEMO_SMART_TENANT_ID }] }));
    if (!options.demoPartner) closers.push(() => partner.close());
    config.partner = { fhirUrl: partner.url, clientId: partner.clientId, clientSecret: partner.clientSecret };
    // One demo hospital is reached as a hospital's own EHR, through SMART Backend Services (unless routed elsewhere).
    if (!routes.has(DEMO_SMART_TENANT_ID) && partner.hospitals[0]) {
      const { demoSmartEndpoint } = await import('./demo/demo-smart-client.js');
      const [hospital] = partner.hospitals;
      routes.set(DEMO_SMART_TENANT_ID, demoSmartEndpoint(hospital.url));
      registerDemoClient = (origin) => hospital.registerClient({ clientId: DEMO_SMART_CLIENT_ID, jwksUrl: `${origin}/.well-known/jwks.json` });
    }
    demoIdentity = new DemoIdentity(partner.users);
    if (config.teams.accessCheck === 'demo') {
      const { DemoRosters, seedPrivateChannelLists } = await import('./demo/demo-rosters.js');
      membership = cached(new DemoRosters(), config);
      await seedPrivateChannelLists(store);
    }
    authenticator = chainAuthenticators(demoIdentity);
    logger.info({ partner: partner.url }, 'demo partner started with synthetic data');
  }
  if (config.aad.clientId) {
    const aad = new AadVerifier({
      authority: config.aad.authority,
      clientId: config.aad.clientId,
      // The audience /api/client-config advertises, derived when AAD_APP_ID_URI is not set.
      appIdUri: appIdUriOf(config),
      allowedTenants: config.aad.allowedTenants,
    });
    // Demo tokens go to the demo identity, every other token to Azure AD.
    authenticator = demoIdentity ? chainAuthenticators(demoIdentity, aad) : aad;
  }

  const ehr = createEhr(config, routes, logger, options.ehrTuning, shared?.tokens);
  // The public half of every SMART Backend Services key, for the EHRs that check our assertions.
  const jwks = jwksOf([...(config.partner ? [config.partner] : []), ...routes.values()]);
  closers.push(() => ehr.close());

  const app = createApp({
    config,
    logger,
    authenticator,
    demoIdentity,
    ehr,
    store,
    membership,
    readiness,
    jwks,
    rateLimit: shared ? { ...DEFAULT_RATE_LIMIT, counter: shared.rateCounter } : undefined,
    version: options.version,
    tabDir: options.tabDir,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listen error to this callback (and the server emits it too).
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(listenFailure(error, config)) : resolve(s)));
    s.on('error', (error) => reject(listenFailure(error, config)));
  }).catch(async (error: unknown) => {
    await Promise.allSettled(closers.map((close) => close()));
    await store.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const url = config.port === 0 ? `http://127.0.0.1:${port}` : config.publicUrl;
  logger.info({ url, host: config.host, port, demo: config.isDemo }, 'Rounds is listening');
  const ownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  registerDemoClient?.(`http://${ownHost.includes(':') ? `[${ownHost}]` : ownHost}:${port}`);

  return {
    url,
    port,
    close: async () => {
      // /api/ready turns 503 at once, so the load balancer sends nothing new while requests in flight finish.
      readiness.drain();
      // Stop accepting, let requests in flight finish (their connections close after them), then cut the rest.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A kept-alive connection goes as soon as its last answer is sent, not when the client lets go.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const drained = await Promise.race([
        closed.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), options.drainMs ?? DEFAULT_DRAIN_MS).unref()),
      ]);
      if (!drained) {
        logger.warn('requests still in flight after the drain time: closing their connections');
        server.closeAllConnections();
        await closed;
      }
      clearInterval(sweep);
      await Promise.allSettled(closers.map((close) => close()));
      await store.close();
    },
  };
}
