// Graph tokens for the signed-in user by the OAuth 2.0 on-behalf-of flow
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow): the user's own Azure AD token is the
// assertion, the app's secret proves the app. One exchange per user token: kept until the Graph token expires,
// one request in flight per token.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { forbidden, unauthorized, serviceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { User } from '../auth/user.js';
import { MEMBERSHIP_UNCHECKED, callWithin } from './graph-http.js';

export interface OnBehalfOfOptions {
  /** AAD_AUTHORITY, e.g. https://login.microsoftonline.com */
  authority: string;
  clientId: string;
  clientSecret: string;
  /** GRAPH_URL: the scope asked is `<graphUrl>/.default`, the permissions the admin consented to. */
  graphUrl: string;
  logger: Logger;
  now?: () => number;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const errorAnswer = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
});

/** A Graph token is not used in its last minute. */
const REFRESH_MARGIN_MS = 60_000;
/** Users whose Graph tokens are kept at once. */
const MAX_TOKENS = 50_000;

/** The AADSTS codes of an error answer, from `error_codes` or the description's "AADSTS65001:" prefixes. */
function aadstsCodes(answer: z.infer<typeof errorAnswer>): number[] {
  const fromText = [...(answer.error_description ?? '').matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  return [...(answer.error_codes ?? []), ...fromText];
}

const CONSENT_REQUIRED = 65001;
/** Conditional Access answers: MFA required (50076, 50079), a policy blocked it (53003), more (50158). */
const POLICY_CODES = new Set([50076, 50079, 50158, 53000, 53001, 53003]);

export class OnBehalfOf {
  private readonly tokens: LRUCache<string, string>;
  private readonly inFlight = new Map<string, Promise<string>>();
  /** What has been told to the admin in the log already: each problem once per process, not once per request. */
  private readonly logged = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: OnBehalfOfOptions) {
    this.now = options.now ?? Date.now;
    const now = this.now;
    this.tokens = new LRUCache<string, string>({ max: MAX_TOKENS, ttl: 60 * 60 * 1000, perf: { now } });
  }

  /** A Graph token for this user, exchanged from the token they signed in with. */
  async graphToken(user: User, deadline: number): Promise<string> {
    const assertion = user.token?.reveal();
    if (!assertion) throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: the sign-in carries no Azure AD token`, 5);
    // The cache is keyed by a hash: the user's token itself is kept nowhere.
    const key = createHash('sha256').update(assertion).digest('base64url');
    const known = this.tokens.get(key);
    if (known) return known;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.exchange(key, assertion, user.tenantId, deadline).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Forgets a Graph token that Graph refused (401), so the next request exchanges again. */
  forget(user: User): void {
    const assertion = user.token?.reveal();
    if (assertion) this.tokens.delete(createHash('sha256').update(assertion).digest('base64url'));
  }

  /** At the user's own tenant (the verified tid), as the flow requires for a multi-tenant app. */
  private async exchange(key: string, assertion: string, tenant: string, deadline: number): Promise<string> {
    const { authority, clientId, clientSecret, graphUrl } = this.options;
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: clientId,
      client_secret: clientSecret,
      assertion,
      scope: `${graphUrl}/.default`,
      requested_token_use: 'on_behalf_of',
    });
    const answer = await callWithin(
      `${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      { deadline, who: 'Azure AD' },
    );
    const token = tokenAnswer.safeParse(answer.body);
    if (answer.status === 200 && token.success) {
      const ttl = Math.max(1_000, token.data.expires_in * 1000 - REFRESH_MARGIN_MS);
      this.tokens.set(key, token.data.access_token, { ttl });
      return token.data.access_token;
    }
    throw this.refusal(answer.status, answer.body);
  }

  private refusal(status: number, body: unknown): Error {
    const parsed = errorAnswer.safeParse(body);
    const codes = parsed.success ? aadstsCodes(parsed.data) : [];
    const error = parsed.success ? parsed.data.error : `HTTP ${status}`;
    if (codes.includes(CONSENT_REQUIRED)) {
      this.tellAdmin(
        'consent',
        'Azure AD refused the on-behalf-of exchange with AADSTS65001: an administrator must grant admin consent to ' +
          "Rounds' Microsoft Graph permissions (ChannelMember.Read.All, Chat.ReadBasic); see docs/admin-guide.md",
      );
      return serviceUnavailable(
        `${MEMBERSHIP_UNCHECKED}: an administrator must first consent to Rounds' Microsoft Graph permissions`,
        60,
      );
    }
    if (error === 'invalid_grant' && codes.some((code) => POLICY_CODES.has(code))) {
      // Conditional Access (MFA, a compliant device…) applies to Graph: Teams' silent sign-in cannot satisfy it.
      this.tellAdmin(
        `policy:${codes.join(',')}`,
        `Azure AD refused the on-behalf-of exchange under a sign-in policy (AADSTS${codes.join(', AADSTS')}): ` +
          'exclude Rounds from the Conditional Access policy that covers Microsoft Graph, or satisfy it at sign-in',
      );
      return forbidden(
        "Your organisation's sign-in policy stops Rounds from checking your Teams membership; ask your administrator",
      );
    }
    if (error === 'invalid_grant') return unauthorized('Your sign-in can no longer be used: sign in again');
    this.tellAdmin(
      `refused:${error}`,
      `Azure AD refused the on-behalf-of exchange (${error}${codes.length ? `, AADSTS${codes.join(', AADSTS')}` : ''}): ` +
        'check AAD_CLIENT_ID and AAD_CLIENT_SECRET',
    );
    return serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: Azure AD refused Rounds' request`, 30);
  }

  private tellAdmin(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.options.logger.error(message);
  }
}
