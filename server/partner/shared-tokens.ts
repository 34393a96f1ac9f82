// Tokens shared by several Rounds instances (REDIS_URL): one token request per tenant across all of them.
// The partner side defines what it needs; server/redis/redis-tokens.ts provides it.

export interface SharedToken {
  accessToken: string;
  /** Milliseconds since the epoch after which it is not used. */
  refreshAt: number;
}

export interface SharedTokens {
  /** The token kept for this key, or undefined (also when the shared store cannot be read). */
  get(key: string): Promise<SharedToken | undefined>;
  /** Keeps a token until its refreshAt. */
  set(key: string, token: SharedToken): Promise<void>;
  /**
   * Takes the lock of one token request for `ttlMs`; false when another instance holds it. An instance that
   * dies holding it blocks the others no longer than `ttlMs`. True when there is no one to coordinate with.
   */
  lock(key: string, ttlMs: number): Promise<boolean>;
  unlock(key: string): Promise<void>;
}
