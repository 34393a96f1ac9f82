// The membership question every shared list asks, and its cache: per (user, context), a "yes" for
// ACCESS_CACHE_SECONDS and a "no" for DENIED_CACHE_SECONDS, one question in flight per key.
import { LRUCache } from 'lru-cache';
import type { User } from '../auth/user.js';

/** A context with a roster to ask about: a channel with its team, a chat, a meeting with its chat. */
export type RosterContext =
  | { kind: 'channel'; id: string; teamId: string }
  | { kind: 'chat'; id: string }
  | { kind: 'meeting'; id: string; chatId: string };

/** Whether a user is in a context's roster. */
export interface Membership {
  /** Answers true or false, or throws an ApiError (503) when it cannot tell: never "yes" by default. */
  isMember(user: User, context: RosterContext): Promise<boolean>;
}

export interface CachedMembershipOptions {
  yesSeconds: number;
  noSeconds: number;
  /** Answers kept at once; the least recently used go first. */
  maxEntries?: number;
  /** Milliseconds, for the cache's clock; tests move it. */
  now?: () => number;
}

/** The roster a context is checked against: what makes two questions the same. */
function rosterKey(user: User, context: RosterContext): string {
  const roster = context.kind === 'channel' ? context.teamId : context.kind === 'meeting' ? context.chatId : context.id;
  return [user.tenantId, user.userId, context.kind, context.id, roster].join('\n');
}

/** Failures are not kept: the next request asks again. */
export class CachedMembership implements Membership {
  private readonly answers: LRUCache<string, boolean>;
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(
    private readonly inner: Membership,
    private readonly options: CachedMembershipOptions,
  ) {
    const now = options.now;
    this.answers = new LRUCache<string, boolean>({
      max: options.maxEntries ?? 100_000,
      ttl: Math.max(options.yesSeconds, options.noSeconds, 1) * 1000,
      ...(now ? { perf: { now } } : {}),
    });
  }

  async isMember(user: User, context: RosterContext): Promise<boolean> {
    const key = rosterKey(user, context);
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.ask(key, user, context).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async ask(key: string, user: User, context: RosterContext): Promise<boolean> {
    const answer = await this.inner.isMember(user, context);
    const seconds = answer ? this.options.yesSeconds : this.options.noSeconds;
    if (seconds > 0) this.answers.set(key, answer, { ttl: seconds * 1000 });
    return answer;
  }
}
