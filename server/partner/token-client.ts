// App tokens by OAuth 2.0 client credentials with `scope=<tenant id>` (../shared/spec/partner-interface.md §1):
// cached per tenant, one request in flight per tenant, and secret rotation on `invalid_client`.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PartnerConfig } from '../config.js';
import { badGateway } from '../errors.js';
import type { Logger } from '../logger.js';
import { discoverTokenUrl } from './discovery.js';
import type { UpstreamOptions } from './upstream.js';
import type { SharedToken, SharedTokens } from './shared-tokens.js';
import { oauthError, postTokenForm, tokenOf } from './token-answer.js';

/** How often an instance waiting for another's token request looks for its result. */
const SHARED_POLL_MS = 25;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface TokenClientOptions extends UpstreamOptions {
  fhirUrl: string;
  credentials: PartnerConfig;
  logger: Logger;
  /** Tokens shared with the other instances (REDIS_URL): one request per tenant across all of them. */
  shared?: SharedTokens;
  /** Milliseconds since the epoch; tests may move time. */
  now?: () => number;
}

/** A token and when to stop using it (shortly before it expires). */
type CachedToken = SharedToken;

class RefusedSecret extends Error {}

/** Tenants whose tokens are kept at once (more than any partner deployment serves from one instance). */
const MAX_TENANTS = 10_000;

export class TokenClient {
  private tokenUrl?: Promise<string>;
  /** Per tenant; the least recently used are forgotten, so a tenant that stops calling leaves no token behind. */
  private readonly cache = new LRUCache<string, CachedToken>({ max: MAX_TENANTS });
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly secrets: string[];
  /** Which secret works now; moves to the other one when the partner says `invalid_client`. */
  private secretIndex = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenClientOptions) {
    const { clientSecret, clientSecretNext } = options.credentials;
    this.secrets = clientSecretNext ? [clientSecret, clientSecretNext] : [clientSecret];
    this.now = options.now ?? Date.now;
  }

  async getToken(tenantId: string): Promise<string> {
    const cached = this.cache.get(tenantId);
    if (cached && this.now() < cached.refreshAt) return cached.accessToken;
    let pending = this.inFlight.get(tenantId);
    if (!pending) {
      pending = this.requestToken(tenantId).finally(() => this.inFlight.delete(tenantId));
      this.inFlight.set(tenantId, pending);
    }
    return (await pending).accessToken;
  }

  /** Forgets a token the FHIR server refused, unless a newer one already replaced it. */
  invalidate(tenantId: string, accessToken: string): void {
    if (this.cache.get(tenantId)?.accessToken === accessToken) this.cache.delete(tenantId);
  }

  private discover(): Promise<string> {
    if (!this.tokenUrl) {
      this.tokenUrl = discoverTokenUrl(this.options.fhirUrl, this.options);
      // A failed discovery is retried by the next request rather than remembered.
      this.tokenUrl.catch(() => (this.tokenUrl = undefined));
    }
    return this.tokenUrl;
  }

  /** The shared store's name for this tenant's token: the endpoint and client it is for, hashed. */
  private sharedKey(tenantId: string): string {
    return createHash('sha256').update(`${this.options.fhirUrl}\n${this.options.credentials.clientId}\n${tenantId}`).digest('hex');
  }

  /**
   * With other instances: the token one of them keeps, else this instance takes the lock and asks, else it
   * waits for the one that holds it (at most the token timeout, then it asks by itself).
   */
  private async requestToken(tenantId: string): Promise<CachedToken> {
    const { shared } = this.options;
    if (!shared) return this.requestOwnToken(tenantId);
    const key = this.sharedKey(tenantId);
    const giveUpAt = this.now() + this.options.timeoutMs;
    while (this.now() < giveUpAt) {
      const kept = await shared.get(key);
      if (kept && this.now() < kept.refreshAt) {
        this.cache.set(tenantId, kept);
        return kept;
      }
      if (await shared.lock(key, this.options.timeoutMs + 1_000)) {
        try {
          const again = await shared.get(key);
          if (again && this.now() < again.refreshAt) {
            this.cache.set(tenantId, again);
            return again;
          }
          const token = await this.requestOwnToken(tenantId);
          await shared.set(key, token);
          return token;
        } finally {
          await shared.unlock(key);
        }
      }
      await sleep(SHARED_POLL_MS);
    }
    return this.requestOwnToken(tenantId);
  }

  private async requestOwnToken(tenantId: string): Promise<CachedToken> {
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

  private async requestWith(tokenUrl: string, tenantId: string, secretIndex: number): Promise<CachedToken> {
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
    const token = tokenOf(answer, this.options.who, started);
    this.cache.set(tenantId, token);
    return token;
  }
}
