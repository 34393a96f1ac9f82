// One Redis connection per instance (REDIS_URL), through ioredis. Commands fail at once while Redis is away
// (no offline queue, one try), so callers fall back to what this process knows; the client reconnects by
// itself. Going down and coming back are each logged once, not once per request.
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisConnection {
  readonly client: Redis;
  /** Whether the last word from Redis was that it is ready. */
  isUp(): boolean;
  /** Readiness: rejects unless Redis answers PING within a second. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectRedis(url: string, logger: Logger): RedisConnection {
  let isUp = false;
  let hasBeenDown = false;
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // Keep trying, every half second at most: an instance started while Redis is down serves once it returns.
    retryStrategy: (times) => Math.min(times * 100, 500),
  });
  client.on('ready', () => {
    isUp = true;
    if (hasBeenDown) logger.info('Redis is reachable again: limits and tokens are shared across instances');
    hasBeenDown = false;
  });
  // Both fire while Redis is away; the log says it once per outage, without the URL (it may hold a password).
  const down = (): void => {
    if (!hasBeenDown) logger.warn('Redis is unreachable: rate limits and tokens are per instance until it returns');
    hasBeenDown = true;
    isUp = false;
  };
  client.on('error', down);
  client.on('close', () => {
    if (isUp) down();
  });
  return {
    client,
    isUp: () => isUp,
    ping: async () => {
      if (!isUp) throw new Error('Redis is not connected');
      await client.ping();
    },
    close: () => {
      client.disconnect();
      return Promise.resolve();
    },
  };
}
