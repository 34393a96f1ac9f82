// Microsoft Entra ID in front of FHIR (Azure Health Data Services, FHIR Server for Azure): client credentials at
// `<AAD_AUTHORITY>/<entraTenantId>/oauth2/v2.0/token` for `scope=<FHIR service URL>/.default`, the app proving
// itself with a client secret or with a certificate (a JWT signed with its key, `x5t#S256` naming it). Entra's
// AADSTS answers become 502s whose text tells the admin what to fix; no secret is ever echoed.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { badGateway } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EntraConfig } from './endpoint-config.js';
import { JWT_BEARER_ASSERTION } from './smart-backend-grant.js';
import type { SharedToken } from './shared-tokens.js';
import type { TokenGrant } from './token-client.js';
import { oauthError, postTokenForm, tokenOf } from './token-answer.js';
import type { UpstreamAnswer, UpstreamOptions } from './upstream.js';

export interface EntraOptions extends UpstreamOptions {
  config: EntraConfig;
  /** AAD_AUTHORITY: https://login.microsoftonline.com, a sovereign cloud's, or a loopback fake in tests. */
  authority: string;
  logger: Logger;
  now?: () => number;
}

const WHO = 'Microsoft Entra ID';

/** The AADSTS number of an Entra error body: `error_codes[0]`, else the `AADSTSnnnn` its description starts with. */
export function aadstsOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error_codes: codes, error_description: description } = body as { error_codes?: unknown; error_description?: unknown };
  if (Array.isArray(codes) && typeof codes[0] === 'number') return codes[0];
  const match = typeof description === 'string' ? /^AADSTS(\d{1,9})\b/.exec(description) : null;
  return match ? Number(match[1]) : undefined;
}

/** What the admin reads for Entra's common refusals. */
function adviceFor(code: number | undefined, config: EntraConfig): string | undefined {
  const app = `application ${config.clientId}`;
  const tenant = `tenant ${config.entraTenantId}`;
  switch (code) {
    case 700016:
      return `${WHO} has no ${app} in ${tenant} (AADSTS700016): check the entry's clientId and entraTenantId, and that the app is registered (or consented to) in the hospital's tenant`;
    case 7000215:
      return `${WHO} refused the client secret of ${app} (AADSTS7000215): set the secret's value (not its ID) from the app registration's "Certificates & secrets"`;
    case 7000222:
      return `The client secret of ${app} has expired (AADSTS7000222): create a new one in the app registration and set it in the entry`;
    case 500011:
      return `${WHO} found no resource for the scope ${config.scope} in ${tenant} (AADSTS500011): the scope must be the FHIR service's URL followed by /.default, and the FHIR service must be in that tenant`;
    case 700027:
    case 700024:
      return `${WHO} refused the certificate assertion of ${app} (AADSTS${code}): upload the certificate to the app registration's "Certificates & secrets", and check this server's clock`;
    case 90002:
    case 900023:
      return `${WHO} knows no ${tenant} (AADSTS${code}): check the entry's entraTenantId`;
    default:
      return undefined;
  }
}

export class EntraGrant implements TokenGrant {
  readonly identity: string;
  readonly tokenUrl: string;
  private readonly now: () => number;

  constructor(private readonly options: EntraOptions) {
    const { config } = options;
    this.tokenUrl = `${options.authority}/${config.entraTenantId}/oauth2/v2.0/token`;
    this.identity = `entra\n${this.tokenUrl}\n${config.clientId}\n${config.scope}`;
    this.now = options.now ?? Date.now;
  }

  /** The certificate's client assertion (Microsoft identity platform "certificate credentials"). */
  private async assertion(): Promise<string> {
    const { clientId, certificate } = this.options.config;
    const now = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'PS256', typ: 'JWT', x5t: certificate!.x5t, 'x5t#S256': certificate!.x5tS256 })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(this.tokenUrl)
      .setJti(randomUUID())
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(certificate!.privateKey);
  }

  async request(): Promise<SharedToken> {
    const { config } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, scope: config.scope });
    if (config.certificate) {
      form.set('client_assertion_type', JWT_BEARER_ASSERTION);
      form.set('client_assertion', await this.assertion());
    } else form.set('client_secret', config.clientSecret ?? '');
    const started = this.now();
    const answer = await postTokenForm(this.tokenUrl, form, { ...this.options, who: WHO });
    if (answer.status >= 200 && answer.status < 300) return tokenOf(answer, WHO, started);
    throw this.refusal(answer);
  }

  private refusal(answer: UpstreamAnswer): Error {
    const { config } = this.options;
    const code = aadstsOf(answer.body);
    const error = oauthError(answer.body);
    this.options.logger.warn(
      { entraTenantId: config.entraTenantId, clientId: config.clientId, status: answer.status, error, aadsts: code },
      'Microsoft Entra ID refused the token request for a FHIR service',
    );
    const advice = adviceFor(code, config);
    if (advice) return badGateway(advice);
    const what = [error, code === undefined ? undefined : `AADSTS${code}`].filter(Boolean).join(', ');
    return badGateway(what ? `${WHO} refused the token request (${what})` : `${WHO} token endpoint answered ${answer.status}`);
  }
}
