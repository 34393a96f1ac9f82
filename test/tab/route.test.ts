import { describe, expect, test } from 'vitest';
import { shareLinkOf, teamsDeepLink } from '../../tab/app/deep-link';
import { initialListIdOf, initialPlaceOf, listContextOf, routeOf } from '../../tab/app/route';
import { teamIdOf, themeNameOf, type TeamsContext } from '../../tab/app/teams';
import { placeOfSearch, placeQuery, searchWithPlace } from '../../tab/shared/place';
import { contextParams } from '../../tab/shared/rounds-api';

const base: TeamsContext = { frameContext: 'content', theme: 'default' };

describe('routing from the Teams context', () => {
  test('follows the frame context in Teams, and the path outside it', () => {
    expect(routeOf({ ...base, frameContext: 'settings' }, '/tab')).toBe('config');
    expect(routeOf({ ...base, frameContext: 'remove' }, '/tab')).toBe('remove');
    expect(routeOf(base, '/config')).toBe('lists');
    expect(routeOf(undefined, '/config')).toBe('config');
    expect(routeOf(undefined, '/tab')).toBe('lists');
    expect(routeOf(undefined, '/')).toBe('lists');
  });

  test('derives the list context: channel, meeting, chat, else the user’s own personal space', () => {
    expect(listContextOf({ ...base, channelId: '19:c', chatId: '19:x' }, 'u')).toEqual({ kind: 'channel', id: '19:c' });
    expect(listContextOf({ ...base, meetingId: 'm-1', chatId: '19:meeting' }, 'u')).toEqual({
      kind: 'meeting',
      id: 'm-1',
      chatId: '19:meeting',
    });
    expect(listContextOf({ ...base, chatId: '19:x' }, 'u')).toEqual({ kind: 'chat', id: '19:x' });
    expect(listContextOf({ ...base, entityId: 'rounds-personal' }, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
    expect(listContextOf(undefined, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
  });

  test("names the channel's team (its group ID) and the meeting's chat: the rosters the server checks", () => {
    const team = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';
    expect(listContextOf({ ...base, channelId: '19:c', teamId: team }, 'u')).toEqual({ kind: 'channel', id: '19:c', teamId: team });
    // Standard channel: team.groupId. Private (absent) and shared (null): channel.ownerGroupId.
    expect(teamIdOf({ team: { internalId: '19:t', groupId: team }, channel: { id: '19:c', ownerGroupId: undefined } })).toBe(team);
    expect(teamIdOf({ team: { internalId: '19:t' }, channel: { id: '19:c', ownerGroupId: team } })).toBe(team);
    expect(teamIdOf({ team: { internalId: '19:t', groupId: null as unknown as string }, channel: { id: '19:c', ownerGroupId: team } })).toBe(team);
    expect(teamIdOf({ channel: { id: '19:c' } })).toBeUndefined();
    // Sent with every look-up of a context's lists: that is how older lists get bound to their team.
    expect(contextParams({ kind: 'channel', id: '19:c', teamId: team }).toString()).toBe(
      `contextKind=channel&contextId=19%3Ac&teamId=${team}`,
    );
    expect(contextParams({ kind: 'meeting', id: 'm-1', chatId: '19:meeting' }).toString()).toBe(
      'contextKind=meeting&contextId=m-1&chatId=19%3Ameeting',
    );
  });

  test('takes the list id from a configured tab’s entityId, or from ?listId= outside Teams', () => {
    expect(initialListIdOf({ ...base, channelId: '19:c', entityId: 'list-1' }, '')).toBe('list-1');
    expect(initialListIdOf({ ...base, entityId: 'rounds-personal' }, '')).toBeUndefined();
    expect(initialListIdOf(undefined, '?listId=list-2')).toBe('list-2');
  });

  test('maps Teams themes to ours, treating unknown ones as light', () => {
    expect(themeNameOf('dark')).toBe('dark');
    expect(themeNameOf('contrast')).toBe('contrast');
    expect(themeNameOf('glass')).toBe('default');
    expect(themeNameOf(undefined)).toBe('default');
  });
});

describe('the place in the URL, a reload and a deep link (#11 item 6)', () => {
  test('reads and writes the list, the patient (a list entry id) and the sheet, leaving other parameters', () => {
    expect(placeOfSearch('?listId=l-1&patient=e-2')).toEqual({ listId: 'l-1', entryId: 'e-2' });
    expect(placeOfSearch('?listId=l-1&view=sheet')).toEqual({ listId: 'l-1', view: 'sheet' });
    expect(placeOfSearch('?view=other&patient=')).toEqual({});
    expect(searchWithPlace('?listId=l-1&patient=e-2&lang=fr', { listId: 'l-1' })).toBe('listId=l-1&lang=fr');
    expect(searchWithPlace('', { listId: 'l 1', entryId: 'e/2' })).toBe('listId=l+1&patient=e%2F2');
    expect(placeOfSearch(placeQuery({ listId: 'l 1', entryId: 'e/2' }))).toEqual({ listId: 'l 1', entryId: 'e/2' });
  });

  test('opens where a reload left it, else at a deep link’s subPageId, else at the configured or linked list', () => {
    const tab: TeamsContext = { ...base, channelId: '19:c', entityId: 'list-a', subPageId: 'listId=list-b&patient=e-1' };
    // A reload: the frame's own entry wins over the deep link that first opened it.
    expect(initialPlaceOf(tab, '?listId=list-b&patient=e-9', true)).toEqual({
      place: { listId: 'list-b', entryId: 'e-9' },
      isFromLink: true,
    });
    // Opened by the deep link: the frame is at the contentUrl; the place is the subPageId.
    expect(initialPlaceOf(tab, '?listId=list-a', false)).toEqual({ place: { listId: 'list-b', entryId: 'e-1' }, isFromLink: true });
    // The configured tab itself: its list is no link.
    expect(initialPlaceOf({ ...tab, subPageId: undefined }, '?listId=list-a', false)).toEqual({
      place: { listId: 'list-a' },
      isFromLink: false,
    });
    // Outside Teams, the URL is the link.
    expect(initialPlaceOf(undefined, '?listId=list-c&patient=e-3', false)).toEqual({
      place: { listId: 'list-c', entryId: 'e-3' },
      isFromLink: true,
    });
    expect(initialPlaceOf(undefined, '', false)).toEqual({ place: {}, isFromLink: false });
  });

  test('shares a Teams deep link to this tab in Teams, with the place as subEntityId, and the tab URL elsewhere', () => {
    const place = { listId: 'list-b', entryId: 'e-1' };
    const channel: TeamsContext = { ...base, channelId: '19:c@thread.tacv2', entityId: 'list-a', appId: 'app-1' };
    const link = new URL(shareLinkOf(channel, 'https://rounds.example.org/tab', place));
    expect(`${link.origin}${link.pathname}`).toBe('https://teams.microsoft.com/l/entity/app-1/list-a');
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({
      subEntityId: 'listId=list-b&patient=e-1',
      channelId: '19:c@thread.tacv2',
    });
    expect(link.searchParams.get('webUrl')).toBe('https://rounds.example.org/tab?listId=list-b&patient=e-1');

    const chat = new URL(shareLinkOf({ ...base, chatId: '19:x@thread.v2', entityId: 'list-a', appId: 'app-1' }, 'https://r/tab', place));
    expect(JSON.parse(chat.searchParams.get('context')!)).toEqual({
      subEntityId: 'listId=list-b&patient=e-1',
      chatId: '19:x@thread.v2',
      contextType: 'chat',
    });
    const personal = new URL(shareLinkOf({ ...base, entityId: 'rounds-personal', appId: 'app-1' }, 'https://r/tab', place));
    expect(personal.pathname).toBe('/l/entity/app-1/rounds-personal');
    expect(JSON.parse(personal.searchParams.get('context')!)).toEqual({ subEntityId: 'listId=list-b&patient=e-1' });

    expect(shareLinkOf(undefined, 'https://rounds.example.org/tab', place)).toBe(
      'https://rounds.example.org/tab?listId=list-b&patient=e-1',
    );
    // Without an app id from Teams, no deep link can be made: the tab's URL still opens the place.
    expect(shareLinkOf({ ...channel, appId: undefined }, 'https://r/tab', place)).toBe('https://r/tab?listId=list-b&patient=e-1');
    expect(teamsDeepLink({ appId: 'a', entityId: 'e', subEntityId: 's', webUrl: 'https://r/tab' })).toContain('/l/entity/a/e?');
  });
});
