// api.md's "429 rate limited (Retry-After)": a fixed window of requests per user, keyed by the verified tenant
// and user (never by anything the browser states or by IP, which a hospital's proxy shares among everyone).
// The counts live in this process, or with REDIS_URL in Redis, one count across every instance.
import type { RequestHandler } from 'express';
import { tooManyRequests } from '../errors.js';
import { rateLimitRefusals } from '../metrics.js';
import { userOf } from './authenticate.js';

/** Counts hits of a key in fixed windows. */
export interface RateCounter {
  /** Counts one hit; answers the count in the current window and the milliseconds until it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

export interface RateLimit {
  /** Requests each user may make in one window. */
  limit: number;
  windowMs: number;
  /** Where the counts live; this process by default. */
  counter?: RateCounter;
}

/** Generous: ten a second, sustained for a minute, is far beyond what a clinician clicking through the tab sends. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 };

interface Window {
  count: number;
  endsAt: number;
}

/** Counts in this process: each instance behind a load balancer keeps its own. */
export class InProcessCounter implements RateCounter {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  /** `now`: milliseconds since the epoch; tests may move time. */
  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const at = this.now();
    if (at >= this.sweepAt) {
      // Forget users whose window has ended, at most once a window, so the map stays as small as the active users.
      for (const [k, window] of this.windows) if (at >= window.endsAt) this.windows.delete(k);
      this.sweepAt = at + windowMs;
    }
    let window = this.windows.get(key);
    if (!window || at >= window.endsAt) {
      window = { count: 0, endsAt: at + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetInMs: window.endsAt - at });
  }
}

/** Must run after authenticate(): it counts per `res.locals.user`. */
export function rateLimitPerUser(options: RateLimit): RequestHandler {
  const { limit, windowMs } = options;
  const counter = options.counter ?? new InProcessCounter();
  return async (_req, res, next) => {
    const { tenantId, userId } = userOf(res);
    const { count, resetInMs } = await counter.hit(`${tenantId}\n${userId}`, windowMs);
    if (count > limit) {
      rateLimitRefusals.inc();
      const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
      throw tooManyRequests(
        `Too many requests: at most ${limit} every ${Math.ceil(windowMs / 1000)} s for each user; retry in ${retryAfter} s`,
        retryAfter,
      );
    }
    next();
  };
}
