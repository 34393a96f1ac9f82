// What several instances share through Redis (REDIS_URL): the per-user rate limit and partner tokens.
// The FHIR read cache and membership answers stay in each instance (docs/operations.md says why).
import type { Logger } from '../logger.js';
import type { RateCounter } from '../http/rate-limit.js';
import type { SharedTokens } from '../partner/shared-tokens.js';
import { connectRedis, type RedisConnection } from './redis-connection.js';
import { RedisRateCounter } from './redis-rate-counter.js';
import { RedisTokens } from './redis-tokens.js';

export interface SharedState {
  redis: RedisConnection;
  rateCounter: RateCounter;
  tokens: SharedTokens;
}

export function connectSharedState(config: { url: string; tokenKey: Buffer }, logger: Logger): SharedState {
  const redis = connectRedis(config.url, logger);
  return { redis, rateCounter: new RedisRateCounter(redis), tokens: new RedisTokens(redis, config.tokenKey) };
}
