// App tokens for every kind of connection (the partner's secret, SMART Backend Services, Microsoft Entra ID):
// cached per tenant until shortly before they expire, one request in flight per tenant, and with REDIS_URL one
// request per tenant across every instance. How a token is asked for is the grant's business.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SharedToken, SharedTokens } from './shared-tokens.js';

/** One way to ask for a token. */
export interface TokenGrant {
  /** What the token is for (endpoint, client, kind): tokens of two grants never mix in the shared store. */
  readonly identity: string;
  /** Asks for a token for this tenant; throws an ApiError that tells the admin what to fix. */
  request(tenantId: string): Promise<SharedToken>;
}

export interface TokenClientOptions {
  grant: TokenGrant;
  /** The longest an instance waits for another instance's token request before asking itself. */
  timeoutMs: number;
  /** Tokens shared with the other instances (REDIS_URL): one request per tenant across all of them. */
  shared?: SharedTokens;
  /** Milliseconds since the epoch; tests may move time. */
  now?: () => number;
}

/** How often an instance waiting for another's token request looks for its result. */
const SHARED_POLL_MS = 25;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Tenants whose tokens are kept at once (more than any partner deployment serves from one instance). */
const MAX_TENANTS = 10_000;

export class TokenClient {
  /** Per tenant; the least recently used are forgotten, so a tenant that stops calling leaves no token behind. */
  private readonly cache = new LRUCache<string, SharedToken>({ max: MAX_TENANTS });
  private readonly inFlight = new Map<string, Promise<SharedToken>>();
  /** The last token a FHIR server refused, per tenant: a copy of it kept in Redis is not used again. */
  private readonly refused = new LRUCache<string, string>({ max: MAX_TENANTS });
  private readonly now: () => number;

  constructor(private readonly options: TokenClientOptions) {
    this.now = options.now ?? Date.now;
  }

  async getToken(tenantId: string): Promise<string> {
    const cached = this.cache.get(tenantId);
    if (cached && this.now() < cached.refreshAt) return cached.accessToken;
    let pending = this.inFlight.get(tenantId);
    if (!pending) {
      pending = this.requestToken(tenantId)
        .then((token) => {
          this.cache.set(tenantId, token);
          return token;
        })
        .finally(() => this.inFlight.delete(tenantId));
      this.inFlight.set(tenantId, pending);
    }
    return (await pending).accessToken;
  }

  /** Forgets a token the FHIR server refused, unless a newer one already replaced it. */
  invalidate(tenantId: string, accessToken: string): void {
    this.refused.set(tenantId, accessToken);
    if (this.cache.get(tenantId)?.accessToken === accessToken) this.cache.delete(tenantId);
  }

  /** A kept token still worth sending: not expiring, and not the one a FHIR server just refused. */
  private isUsable(tenantId: string, token: SharedToken | undefined): token is SharedToken {
    return token !== undefined && this.now() < token.refreshAt && token.accessToken !== this.refused.get(tenantId);
  }

  /** The shared store's name for this tenant's token: the grant's identity and the tenant, hashed. */
  private sharedKey(tenantId: string): string {
    return createHash('sha256').update(`${this.options.grant.identity}\n${tenantId}`).digest('hex');
  }

  /**
   * With other instances: the token one of them keeps, else this instance takes the lock and asks, else it
   * waits for the one that holds it (at most the token timeout, then it asks by itself).
   */
  private async requestToken(tenantId: string): Promise<SharedToken> {
    const { shared, grant } = this.options;
    if (!shared) return grant.request(tenantId);
    const key = this.sharedKey(tenantId);
    const giveUpAt = this.now() + this.options.timeoutMs;
    while (this.now() < giveUpAt) {
      const kept = await shared.get(key);
      if (this.isUsable(tenantId, kept)) return kept;
      if (await shared.lock(key, this.options.timeoutMs + 1_000)) {
        try {
          const again = await shared.get(key);
          if (this.isUsable(tenantId, again)) return again;
          // Replaces, in Redis too, a token that was refused: the other instances move to the new one.
          const token = await grant.request(tenantId);
          await shared.set(key, token);
          return token;
        } finally {
          await shared.unlock(key);
        }
      }
      await sleep(SHARED_POLL_MS);
    }
    return grant.request(tenantId);
  }
}
