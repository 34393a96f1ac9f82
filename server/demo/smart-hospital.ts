// One demo hospital on its own port, as a hospital's own EHR would be: its FHIR server and a token endpoint for
// SMART Backend Services (signed client assertions checked against the client's JWKS, no secret), serving one
// tenant's data. In demo mode Rounds reaches one demo hospital this way, so the demo exercises it; the tests use
// it as the SMART EHR. `acceptToken` puts another authority in front instead (the tests' Microsoft Entra ID).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { apiNotFound, errorHandler } from '../http/error-handler.js';
import { createLogger } from '../logger.js';
import { AssertionVerifier, type AssertionLog, type AssertionQuirks, type RegisteredClient } from './assertion-verifier.js';
import { smartBackendConfiguration } from './capability.js';
import type { DemoFhirServer } from './fhir-handler.js';
import { FHIR_BASE_PATH, fhirRouter } from './fhir-server.js';
import type { DemoPartnerStats } from './stats.js';
import { formOf, OAuthError, oauthErrorHandler, sendToken, TOKEN_PATH } from './token-endpoint.js';
import { TokenStore, type TokenCheck } from './token-store.js';

export interface SmartHospitalOptions {
  host: string;
  server: DemoFhirServer;
  stats: DemoPartnerStats;
  tokenLifetimeSeconds: number;
  /** Another authority's tokens instead of SMART's: answers the tenant a token is good for. */
  acceptToken?: (token: string) => TokenCheck;
}

export interface RunningSmartHospital {
  tenantId: string;
  /** Its FHIR base, e.g. http://127.0.0.1:41235/fhir */
  url: string;
  tokenUrl: string;
  /** Admits a backend services client: its id and the URL of its JWKS. */
  registerClient(client: RegisteredClient): void;
  /** How this EHR's checks go wrong (clock ahead, another audience), for tests. */
  setQuirks(quirks: AssertionQuirks): void;
  assertions: AssertionLog;
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startSmartHospital(options: SmartHospitalOptions): Promise<RunningSmartHospital> {
  const { server: hospital, stats } = options;
  const tenantId = hospital.tenant.tenantId;
  const tokens = new TokenStore(options.tokenLifetimeSeconds);
  const app = express();
  app.disable('x-powered-by');
  const listening = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, options.host, () => resolve(s));
    s.on('error', reject);
  });
  const { port } = listening.address() as AddressInfo;
  const origin = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const tokenUrl = `${origin}${TOKEN_PATH}`;
  const verifier = options.acceptToken ? undefined : new AssertionVerifier(tokenUrl);
  // Routes are mounted once the port, and so the token URL assertions must name, is known.

  app.post(TOKEN_PATH, express.text({ type: () => true, limit: '16kb' }), async (req, res) => {
    stats.tokenRequests += 1;
    const form = formOf(req);
    if (!verifier) throw new OAuthError(400, 'invalid_request', 'This server takes no token requests');
    await verifier.verify(form);
    if (form.get('grant_type') !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const scope = form.get('scope') ?? '';
    if (!/^system\/\S+( system\/\S+)*$/.test(scope)) throw new OAuthError(400, 'invalid_scope', 'Ask for system/ scopes');
    const perTenant = stats.perTenant[tenantId];
    if (perTenant) perTenant.tokenRequests += 1;
    sendToken(res, { tokens, stats }, tenantId, scope);
  });
  app.use(TOKEN_PATH, oauthErrorHandler());
  app.use(
    FHIR_BASE_PATH,
    fhirRouter({
      servers: new Map([[tenantId, hospital]]),
      tokens: options.acceptToken ? { check: options.acceptToken } : tokens,
      stats,
      isBatchSupported: true,
      discovery: {
        openMetadata: (_req, base) => hospital.capability(base),
        smartConfiguration: smartBackendConfiguration,
      },
    }),
  );
  app.use(apiNotFound());
  app.use(errorHandler(createLogger('silent')));

  const log: AssertionLog = verifier?.log ?? { accepted: 0, refused: [], jtis: [] };

  return {
    tenantId,
    url: `${origin}${FHIR_BASE_PATH}`,
    tokenUrl,
    registerClient: (client) => {
      if (!verifier) throw new Error('this hospital takes another authority’s tokens');
      verifier.register(client);
    },
    setQuirks: (quirks) => {
      if (verifier) verifier.quirks = { ...quirks };
    },
    assertions: log,
    revokeTokens: () => tokens.revokeAll(),
    close: () =>
      new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      }),
  };
}
