// The membership check TEAMS_ACCESS_CHECK=graph asks for: Graph on behalf of the user, its answers cached.
import { DENIED_CACHE_SECONDS, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { CachedMembership, type Membership } from './membership.js';
import { GraphMembership } from './graph-membership.js';
import { OnBehalfOf } from './on-behalf-of.js';

/** Caches any roster (Graph's, or the demo's) for ACCESS_CACHE_SECONDS ("no" for DENIED_CACHE_SECONDS). */
export function cached(membership: Membership, config: Config): Membership {
  return new CachedMembership(membership, { yesSeconds: config.teams.accessCacheSeconds, noSeconds: DENIED_CACHE_SECONDS });
}

export function createGraphMembership(config: Config, logger: Logger, timeoutMs?: number): Membership {
  const { clientId, clientSecret, authority } = config.aad;
  // loadConfig requires both with TEAMS_ACCESS_CHECK=graph outside demo mode; demo mode may still ask for graph.
  if (!clientId || !clientSecret)
    throw new Error('TEAMS_ACCESS_CHECK=graph needs AAD_CLIENT_ID and AAD_CLIENT_SECRET');
  const tokens = new OnBehalfOf({ authority, clientId, clientSecret, graphUrl: config.teams.graphUrl, logger });
  return cached(new GraphMembership({ graphUrl: config.teams.graphUrl, tokens, logger, timeoutMs }), config);
}
