// Which page to show, and which Teams context the lists belong to. Pure, so it is easy to test.
import type { ListContext } from '../../server/wire/contract';
import { placeOfSearch, type Place } from '../shared/place';
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

/** Where the lists view opens, and whether its list came from a link rather than the tab's own configuration. */
export interface InitialPlace {
  place: Place;
  /** The list was named by a link (URL or Teams deep link), not by the configured tab: refusing it says "you can't open this list". */
  isFromLink: boolean;
}

/**
 * The place the tab opens at. Once the tab has written history entries of its own (`isOwnEntry`: a reload),
 * the frame's URL is where the user was. Otherwise, in Teams, a deep link's place arrives as the subPageId
 * (the frame itself opens at the tab's contentUrl); then the configured list (entityId) or `?listId=`.
 */
export function initialPlaceOf(teams: TeamsContext | undefined, search: string, isOwnEntry: boolean): InitialPlace {
  const fromUrl = placeOfSearch(search);
  const isTabsList = (listId: string | undefined): boolean => Boolean(teams && listId && listId === teams.entityId);
  if (isOwnEntry && fromUrl.listId) return { place: fromUrl, isFromLink: !isTabsList(fromUrl.listId) };
  const fromTeams = teams?.subPageId ? placeOfSearch(teams.subPageId) : {};
  if (fromTeams.listId) return { place: fromTeams, isFromLink: !isTabsList(fromTeams.listId) };
  const listId = initialListIdOf(teams, search);
  return { place: listId ? { ...fromUrl, listId } : fromUrl, isFromLink: Boolean(listId) && !isTabsList(listId) };
}
