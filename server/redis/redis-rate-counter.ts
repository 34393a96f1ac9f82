// The per-user rate limit's window in Redis: one count across every instance (INCR, and PEXPIRE on the first
// hit, atomically in one script). While Redis is away the counts fall back to this process.
import type { RateCounter } from '../http/rate-limit.js';
import { InProcessCounter } from '../http/rate-limit.js';
import type { RedisConnection } from './redis-connection.js';

const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

export class RedisRateCounter implements RateCounter {
  private readonly fallback = new InProcessCounter();

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'rounds:rate:',
  ) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    if (!this.redis.isUp()) return this.fallback.hit(key, windowMs);
    try {
      const [count, ttl] = (await this.redis.client.eval(HIT, 1, this.prefix + key, String(windowMs))) as [number, number];
      return { count, resetInMs: ttl };
    } catch {
      return this.fallback.hit(key, windowMs);
    }
  }
}
