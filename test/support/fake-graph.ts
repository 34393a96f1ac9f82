// A fake Microsoft Graph and Entra's on-behalf-of token endpoint, on loopback ports, answering with the real
// services' documented shapes and errors:
// - POST /{tenant}/oauth2/v2.0/token, grant_type jwt-bearer + requested_token_use=on_behalf_of
//   (learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow): a token, or invalid_grant with
//   AADSTS65001 and suberror consent_required, or invalid_client with AADSTS7000215;
// - GET /v1.0/teams/{team}/channels/{channel}/doesUserHaveAccess(userId='…',tenantId='…'): { value: boolean };
// - GET /v1.0/chats/{chat}: the chat for a member, 403 Forbidden for anyone else, 404 NotFound;
// - faults: 503/429 with Retry-After, a hang, a missing permission ("Missing scope permissions on the request…").
import express, { Router, type Request, type Response } from 'express';
import { listen } from './http.js';

export const GRAPH_CLIENT_SECRET = 'fake-app-secret';

export interface Rosters {
  /** team group id → channel id → member object ids */
  teams: Record<string, Record<string, string[]>>;
  /** chat id (a chat, or a meeting's chat) → member object ids */
  chats: Record<string, string[]>;
}

export type GraphFault =
  | { kind: 'none' }
  | { kind: 'unavailable'; retryAfter?: number }
  | { kind: 'throttled'; retryAfter: number; times: number }
  | { kind: 'hang' }
  | { kind: 'missing-scope' };

export type OboFault = 'none' | 'consent-required' | 'bad-secret' | 'mfa-required';

export interface FakeGraph {
  url: string;
  rosters: Rosters;
  /** Mount in the fake Azure AD (startFakeAad({ routes })): its authority serves the token endpoint. */
  oboRoutes: Router;
  /** On-behalf-of exchanges answered with a token. */
  exchanges(): number;
  /** Graph calls per path (team/channel or chat) and user. */
  calls(): number;
  setFault(fault: GraphFault): void;
  setOboFault(fault: OboFault): void;
  close(): Promise<void>;
}

const graphError = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).json({
    error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'fake', 'client-request-id': 'fake' } },
  });
};

/** The user a fake Graph token stands for: `graph.<base64url JSON {tid, oid}>`. */
function userOf(req: Request): { tid: string; oid: string } | undefined {
  const match = /^Bearer graph\.([A-Za-z0-9_-]+)$/.exec(req.get('authorization') ?? '');
  if (!match?.[1]) return undefined;
  return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as { tid: string; oid: string };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export async function startFakeGraph(options: { clientId: string; rosters: Rosters }): Promise<FakeGraph> {
  const rosters = options.rosters;
  let fault: GraphFault = { kind: 'none' };
  let oboFault: OboFault = 'none';
  let exchanges = 0;
  let calls = 0;
  let graphUrl = '';

  const oboRoutes = Router();
  oboRoutes.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string | undefined>;
    const aadError = (status: number, error: string, code: number, description: string, suberror?: string): void => {
      res.status(status).json({
        error,
        error_description: `AADSTS${code}: ${description}\r\nTrace ID: fake\r\nCorrelation ID: fake\r\nTimestamp: ${new Date().toISOString()}`,
        error_codes: [code],
        timestamp: new Date().toISOString(),
        trace_id: 'fake',
        correlation_id: 'fake',
        ...(suberror ? { suberror } : {}),
      });
    };
    if (
      form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
      form.requested_token_use !== 'on_behalf_of' ||
      form.scope !== `${graphUrl}/.default` ||
      !form.assertion
    )
      return aadError(400, 'invalid_request', 90014, 'A required field is missing or wrong in the request.');
    if (oboFault === 'bad-secret' || form.client_id !== options.clientId || form.client_secret !== GRAPH_CLIENT_SECRET)
      return aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    if (oboFault === 'consent-required')
      return aadError(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${options.clientId}'.`,
        'consent_required',
      );
    if (oboFault === 'mfa-required')
      return aadError(
        400,
        'invalid_grant',
        50076,
        "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'https://graph.microsoft.com'.",
        'basic_action',
      );
    const claims = claimsOf(form.assertion);
    if (claims.tid !== req.params.tenant) return aadError(400, 'invalid_grant', 50013, 'Assertion failed signature validation.');
    exchanges += 1;
    const token = `graph.${Buffer.from(JSON.stringify({ tid: claims.tid, oid: claims.oid })).toString('base64url')}`;
    res.json({ token_type: 'Bearer', scope: `${graphUrl}/ChannelMember.Read.All ${graphUrl}/Chat.ReadBasic`, expires_in: 3599, ext_expires_in: 3599, access_token: token });
  });

  const app = express();
  app.use('/v1.0', (req, res, next) => {
    calls += 1;
    const user = userOf(req);
    if (!user) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (fault.kind === 'hang') return;
    if (fault.kind === 'unavailable') {
      res.set('Retry-After', String(fault.retryAfter ?? 7));
      return graphError(res, 503, 'serviceNotAvailable', 'Service unavailable');
    }
    if (fault.kind === 'throttled' && fault.times > 0) {
      fault = { ...fault, times: fault.times - 1 };
      res.set('Retry-After', String(fault.retryAfter));
      return graphError(res, 429, 'TooManyRequests', 'Too many requests');
    }
    if (fault.kind === 'missing-scope')
      return graphError(
        res,
        403,
        'Forbidden',
        "Missing scope permissions on the request. API requires one of 'ChannelMember.Read.All, ChannelMember.ReadWrite.All'. Scopes on the request 'User.Read'",
      );
    res.locals.user = user;
    next();
  });
  // doesUserHaveAccess(userId='…',tenantId='…') is an OData function call in the last segment.
  app.get(/^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/doesUserHaveAccess\((.*)\)$/, (req, res) => {
    const [team, channel, args] = [1, 2, 3].map((i) => decodeURIComponent(String((req.params as Record<string, string>)[i - 1] ?? '')));
    const userId = /userId='([^']*)'/.exec(args ?? '')?.[1];
    const caller = res.locals.user as { oid: string };
    const channels = rosters.teams[team ?? ''];
    const members = channels?.[channel ?? ''];
    if (!channels || !members) return graphError(res, 404, 'NotFound', 'Channel not found');
    // Graph answers a caller outside the team 403; asked about themselves, a member gets the answer.
    const inTeam = Object.values(channels).some((list) => list.includes(caller.oid));
    if (!inTeam) return graphError(res, 403, 'Forbidden', 'Forbidden');
    res.json({ '@odata.context': `${graphUrl}/v1.0/$metadata#Edm.Boolean`, value: members.includes(userId ?? '') });
  });
  app.get('/v1.0/chats/:chatId', (req, res) => {
    const members = rosters.chats[req.params.chatId];
    if (!members) return graphError(res, 404, 'NotFound', 'Resource not found');
    const caller = res.locals.user as { oid: string };
    if (!members.includes(caller.oid)) return graphError(res, 403, 'Forbidden', 'Forbidden');
    res.json({
      '@odata.context': `${graphUrl}/v1.0/$metadata#chats/$entity`,
      id: req.params.chatId,
      topic: null,
      chatType: req.params.chatId.includes('meeting_') ? 'meeting' : 'group',
      tenantId: (res.locals.user as { tid: string }).tid,
    });
  });
  const server = await listen(app);
  graphUrl = server.url;

  return {
    url: server.url,
    rosters,
    oboRoutes,
    exchanges: () => exchanges,
    calls: () => calls,
    setFault: (next) => {
      fault = next;
    },
    setOboFault: (next) => {
      oboFault = next;
    },
    close: () => server.close(),
  };
}
