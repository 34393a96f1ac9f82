// One OAuth token request (RFC 6749 §4.4, client credentials, with a secret or a signed assertion) and the
// reading of its answer, shared by every kind of connection: the partner's secret, SMART Backend Services
// and Microsoft Entra ID.
import { z } from 'zod';
import { badGateway } from '../errors.js';
import { tokenRequests } from '../metrics.js';
import type { SharedToken } from './shared-tokens.js';
import { fetchUpstream, type UpstreamAnswer, type UpstreamOptions } from './upstream.js';

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce.number().positive(),
});

const REFRESH_MARGIN_SECONDS = 60;

/** The RFC 6749 §5.2 error code, if the body has a plausible one. */
export function oauthError(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(error) ? error : undefined;
}

/** POSTs the form to the token URL; counts the request for /metrics by outcome. */
export async function postTokenForm(tokenUrl: string, form: URLSearchParams, options: UpstreamOptions): Promise<UpstreamAnswer> {
  const answer = await fetchUpstream(
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    },
    options,
  );
  const ok = answer.status >= 200 && answer.status < 300;
  tokenRequests.inc({ outcome: ok ? 'ok' : (oauthError(answer.body) ?? `http_${answer.status}`) });
  return answer;
}

/**
 * The token of a 2xx answer, to be used until shortly before it expires (60 s, or half its life when shorter:
 * short-lived tokens would never be reused with a fixed margin). `startedAt`: when the request was sent.
 */
export function tokenOf(answer: UpstreamAnswer, who: string, startedAt: number): SharedToken {
  const { body } = answer;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badGateway(`${who} sent a token response that is not a JSON object`);
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw badGateway(`${who} sent a token response without a valid ${fields}`);
  }
  const lifetime = parsed.data.expires_in;
  const margin = Math.min(REFRESH_MARGIN_SECONDS, lifetime / 2);
  return { accessToken: parsed.data.access_token, refreshAt: startedAt + (lifetime - margin) * 1000 };
}
