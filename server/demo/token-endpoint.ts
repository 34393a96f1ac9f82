// The partner's OAuth 2.0 token endpoint: client credentials (RFC 6749 §4.4) with the client
// authenticated by form fields (client_secret_post) or HTTP Basic (client_secret_basic), `scope=<tenant id>`,
// and RFC 6749 §5.2 error bodies.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { DemoFaults } from './faults.js';
import { logRequest, type DemoPartnerStats } from './stats.js';
import type { TokenStore } from './token-store.js';

export const TOKEN_PATH = '/oauth2/token';
export const AUTHORIZE_PATH = '/oauth2/authorize';

export interface ClientCredentials {
  clientId: string;
  /** Every secret accepted right now (two during a rotation). */
  secrets: string[];
}

export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const isSame = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/** Client id and secret from `Authorization: Basic` (form-encoded, then base64: RFC 6749 §2.3.1). */
function basicCredentials(req: Request): { clientId: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) throw new OAuthError(401, 'invalid_client', 'The Authorization header is not valid HTTP Basic');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError(401, 'invalid_client', 'The Basic credentials have no client secret');
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new OAuthError(401, 'invalid_client', 'The Basic credentials are not form-encoded');
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

export function formOf(req: Request): URLSearchParams {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) throw new OAuthError(400, 'invalid_request', `The parameter ${key} is repeated`);
    seen.add(key);
  }
  return form;
}

/** The one tenant named by the scope; SMART-style `system/*.read` scopes may come along. */
function tenantOfScope(scope: string | null, tenantIds: readonly string[]): string {
  const parts = (scope ?? '').split(/\s+/).filter(Boolean);
  const named = parts.filter((p) => !/^(system|user|patient)\//.test(p));
  if (named.length !== 1) {
    throw new OAuthError(400, 'invalid_scope', 'The scope must name exactly one tenant: scope=<Azure AD tenant id>');
  }
  const tenant = tenantIds.find((id) => id.toLowerCase() === named[0]?.toLowerCase());
  if (!tenant) {
    const why = GUID.test(named[0] ?? '') ? 'is not served by this partner' : 'is not a tenant id';
    throw new OAuthError(400, 'invalid_scope', `The scope ${why}`);
  }
  return tenant;
}

/** Issues a token for the tenant and answers with it (RFC 6749 §5.1), never cached; counts it. */
export function sendToken(
  res: Response,
  deps: { tokens: TokenStore; stats: DemoPartnerStats },
  tenantId: string,
  scope: string,
  /** What a faulty partner leaves out of its answer or answers instead (DemoFaults.tokenAnswerOmits, …Sets). */
  faulty: { omits?: readonly string[]; sets?: Record<string, unknown> } = {},
): void {
  const issued = deps.tokens.issue(tenantId);
  deps.stats.tokensIssued += 1;
  const answer: Record<string, unknown> = {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope,
  };
  for (const field of faulty.omits ?? []) delete answer[field];
  Object.assign(answer, faulty.sets);
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(answer);
}

export function tokenRouter(deps: {
  credentials: ClientCredentials;
  tokens: TokenStore;
  tenantIds: readonly string[];
  stats: DemoPartnerStats;
  /** The token switches of DemoFaults (secrets and answer fields), read on every request. */
  faults?: DemoFaults;
}): Router {
  const { credentials, tokens, tenantIds, stats } = deps;
  const faults = deps.faults ?? {};
  const router = express.Router();
  router.post(TOKEN_PATH, express.text({ type: () => true, limit: '16kb' }), (req, res) => {
    stats.tokenRequests += 1;
    const logEntry = logRequest(stats, req.method, TOKEN_PATH);
    res.on('finish', () => {
      logEntry.status = res.statusCode;
    });
    const form = formOf(req);
    const basic = basicCredentials(req);
    if (basic && form.has('client_secret')) {
      throw new OAuthError(
        400,
        'invalid_request',
        'Use one client authentication method: Basic or client_secret, not both',
      );
    }
    const clientId = basic?.clientId ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (!form.get('grant_type')) throw new OAuthError(400, 'invalid_request', 'grant_type is missing');
    if (basic && form.has('client_id') && form.get('client_id') !== basic.clientId) {
      throw new OAuthError(400, 'invalid_request', 'client_id differs from the Basic credentials');
    }
    const isKnownClient =
      clientId !== null &&
      secret !== null &&
      isSame(clientId, credentials.clientId) &&
      (faults.acceptsAnySecret === true || credentials.secrets.some((s) => isSame(secret, s)));
    if (!isKnownClient) throw new OAuthError(401, faults.wrongSecretError ?? 'invalid_client', 'Client authentication failed');
    if (form.get('grant_type') !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    }
    const scopeTenant = tenantOfScope(form.get('scope'), tenantIds);
    const perTenant = stats.perTenant[scopeTenant];
    if (perTenant) perTenant.tokenRequests += 1;
    logEntry.tenantId = scopeTenant;
    sendToken(res, { tokens, stats }, scopeTenant, scopeTenant, { omits: faults.tokenAnswerOmits, sets: faults.tokenAnswerSets });
  });
  // Client credentials only: there is no user to send through an authorization page.
  router.get(AUTHORIZE_PATH, () => {
    throw new OAuthError(400, 'unsupported_response_type', 'This partner supports the client credentials grant only');
  });
  router.use(oauthErrorHandler());
  return router;
}

export function oauthErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!(error instanceof OAuthError)) {
      const status = (error as { status?: number }).status;
      if (status === 413 || status === 400) {
        res
          .status(400)
          .set('Cache-Control', 'no-store')
          .json({ error: 'invalid_request', error_description: 'The request body could not be read' });
        return;
      }
      next(error);
      return;
    }
    if (error.status === 401) res.set('WWW-Authenticate', 'Basic realm="demo-partner"');
    res.status(error.status).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
      error: error.error,
      error_description: error.description,
    });
  };
}
