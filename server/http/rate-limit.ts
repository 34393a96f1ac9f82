// api.md's "429 rate limited (Retry-After)": a fixed window of requests per user, keyed by the verified tenant
// and user (never by anything the browser states or by IP, which a hospital's proxy shares among everyone).
// Counts live in this process: each instance behind a load balancer keeps its own.
import type { RequestHandler } from 'express';
import { tooManyRequests } from '../errors.js';
import { userOf } from './authenticate.js';

export interface RateLimit {
  /** Requests each user may make in one window. */
  limit: number;
  windowMs: number;
  /** Milliseconds since the epoch; tests may move time. */
  now?: () => number;
}

/** Generous: ten a second, sustained for a minute, is far beyond what a clinician clicking through the tab sends. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 };

interface Window {
  count: number;
  endsAt: number;
}

/** Must run after authenticate(): it counts per `res.locals.user`. */
export function rateLimitPerUser(options: RateLimit): RequestHandler {
  const { limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  let sweepAt = 0;
  return (_req, res, next) => {
    const at = now();
    if (at >= sweepAt) {
      // Forget users whose window has ended, at most once a window, so the map stays as small as the active users.
      for (const [key, window] of windows) if (at >= window.endsAt) windows.delete(key);
      sweepAt = at + windowMs;
    }
    const { tenantId, userId } = userOf(res);
    const key = `${tenantId}\n${userId}`;
    let window = windows.get(key);
    if (!window || at >= window.endsAt) {
      window = { count: 0, endsAt: at + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((window.endsAt - at) / 1000));
      throw tooManyRequests(
        `Too many requests: at most ${limit} every ${Math.ceil(windowMs / 1000)} s for each user; retry in ${retryAfter} s`,
        retryAfter,
      );
    }
    next();
  };
}
