// The partner's way to a token (../shared/spec/partner-interface.md §1): client credentials with the client
// secret and `scope=<tenant id>`, at the token URL the partner's /metadata (or smart-configuration) names, and
// secret rotation: when the partner says `invalid_client`, the other configured secret is tried, and kept.
import type { PartnerConfig } from '../config.js';
import { badGateway } from '../errors.js';
import type { Logger } from '../logger.js';
import { discoverTokenUrl } from './discovery.js';
import type { SharedToken, SharedTokens } from './shared-tokens.js';
import { TokenClient, type TokenGrant } from './token-client.js';
import { oauthError, postTokenForm, tokenOf } from './token-answer.js';
import type { UpstreamOptions } from './upstream.js';

export interface PartnerSecretOptions extends UpstreamOptions {
  fhirUrl: string;
  credentials: PartnerConfig;
  logger: Logger;
  /** Milliseconds since the epoch; tests may move time. */
  now?: () => number;
}

class RefusedSecret extends Error {}

export class PartnerSecretGrant implements TokenGrant {
  readonly identity: string;
  private tokenUrl?: Promise<string>;
  private readonly secrets: string[];
  /** Which secret works now; moves to the other one when the partner says `invalid_client`. */
  private secretIndex = 0;
  private readonly now: () => number;

  constructor(private readonly options: PartnerSecretOptions) {
    const { clientSecret, clientSecretNext } = options.credentials;
    this.secrets = clientSecretNext ? [clientSecret, clientSecretNext] : [clientSecret];
    this.now = options.now ?? Date.now;
    this.identity = `partner-secret\n${options.fhirUrl}\n${options.credentials.clientId}`;
  }

  private discover(): Promise<string> {
    if (!this.tokenUrl) {
      this.tokenUrl = discoverTokenUrl(this.options.fhirUrl, this.options);
      // A failed discovery is retried by the next request rather than remembered.
      this.tokenUrl.catch(() => (this.tokenUrl = undefined));
    }
    return this.tokenUrl;
  }

  async request(tenantId: string): Promise<SharedToken> {
    const tokenUrl = await this.discover();
    const first = this.secretIndex;
    try {
      return await this.requestWith(tokenUrl, tenantId, first);
    } catch (error) {
      if (!(error instanceof RefusedSecret) || this.secrets.length < 2) throw this.refused(error);
      const other = 1 - first;
      try {
        const token = await this.requestWith(tokenUrl, tenantId, other);
        if (this.secretIndex !== other) {
          this.secretIndex = other;
          this.options.logger.warn(
            { fhirUrl: this.options.fhirUrl },
            'the partner refused the current client secret (invalid_client); switched to the other configured secret',
          );
        }
        return token;
      } catch (retryError) {
        throw this.refused(retryError);
      }
    }
  }

  private refused(error: unknown): unknown {
    return error instanceof RefusedSecret
      ? badGateway(`${this.options.who} refused our client credentials: invalid_client`)
      : error;
  }

  private async requestWith(tokenUrl: string, tenantId: string, secretIndex: number): Promise<SharedToken> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.credentials.clientId,
      client_secret: this.secrets[secretIndex] ?? '',
      scope: tenantId,
    });
    const started = this.now();
    const answer = await postTokenForm(tokenUrl, form, this.options);
    const error = oauthError(answer.body);
    if (error === 'invalid_client' || (answer.status === 401 && !error)) throw new RefusedSecret();
    if (answer.status < 200 || answer.status > 299) {
      throw badGateway(
        error
          ? `${this.options.who} refused the token request: ${error}`
          : `${this.options.who} token endpoint answered ${answer.status}`,
      );
    }
    return tokenOf(answer, this.options.who, started);
  }
}

export interface PartnerTokenOptions extends PartnerSecretOptions {
  /** Tokens shared with the other instances (REDIS_URL). */
  shared?: SharedTokens;
}

/** Tokens from the partner (or a TENANT_ROUTES_FILE entry with a client secret), cached and shared. */
export function partnerTokenClient(options: PartnerTokenOptions): TokenClient {
  return new TokenClient({ grant: new PartnerSecretGrant(options), timeoutMs: options.timeoutMs, shared: options.shared, now: options.now });
}
