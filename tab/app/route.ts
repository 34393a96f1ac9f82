// Which page to show, and which Teams context the lists belong to. Pure, so it is easy to test.
import type { ListContext } from '../../server/wire/contract';
import type { TeamsContext } from './teams';

export type Route = 'config' | 'remove' | 'lists';

/** In Teams the frame context decides; outside Teams /config and /remove still show their pages. */
export function routeOf(teams: TeamsContext | undefined, pathname: string): Route {
  if (teams) {
    if (teams.frameContext === 'settings') return 'config';
    if (teams.frameContext === 'remove') return 'remove';
    return 'lists';
  }
  if (/^\/config\/?$/.test(pathname)) return 'config';
  if (/^\/remove\/?$/.test(pathname)) return 'remove';
  return 'lists';
}

/**
 * The Teams context of the lists: a channel (with its team), a meeting (with its chat), a chat, or the
 * signed-in user's own personal space (the personal static tab, or outside Teams). The team and the
 * meeting chat are the rosters the server checks membership against.
 */
export function listContextOf(teams: TeamsContext | undefined, userId: string): ListContext {
  if (teams?.channelId)
    return { kind: 'channel', id: teams.channelId, ...(teams.teamId ? { teamId: teams.teamId } : {}) };
  if (teams?.meetingId)
    return { kind: 'meeting', id: teams.meetingId, ...(teams.chatId ? { chatId: teams.chatId } : {}) };
  if (teams?.chatId) return { kind: 'chat', id: teams.chatId };
  return { kind: 'personal', id: userId };
}

/**
 * The list a configured tab shows: its entityId (set by the configuration page), or `?listId=` on
 * the websiteUrl opened outside Teams. The personal static tab's fixed entityId is no list id.
 */
export function initialListIdOf(teams: TeamsContext | undefined, search: string): string | undefined {
  const fromQuery = new URLSearchParams(search).get('listId') ?? undefined;
  const entityId = teams?.entityId;
  if (entityId && (teams.channelId || teams.chatId || teams.meetingId)) return entityId;
  return fromQuery || undefined;
}
